package org.jtcg.s390x.fuzz;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.OracleCode;
import org.jtcg.fuzz.template.RegisterState;
import org.jtcg.s390x.S390xCpu;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * s390x code around a sequence for the qemu-user oracle lane. r15 is reserved by the generator and
 * holds the register block's address on every lane, so the prologue and epilogue address the
 * block through it: the prologue sets the CC (spm), the FPC (lfpc) and f0-f15 (ld), then all GPRs
 * with one lmg (r15 last in effect: lmg computes its address first); the epilogue stores with stmg,
 * std, stfpc and ipm. Addresses are loaded with llilf (absolute, position independent). Block
 * layout (big-endian): r0-r15 at 0, f0-f15 at 128, FPC at 256, the CC word (CC in bits 2-3 of the
 * low word, as ipm leaves it and spm takes it) at 260.
 */
final class S390xOracleCode implements OracleCode {
    static final S390xOracleCode INSTANCE = new S390xOracleCode();

    private static final int FPR_AT = 128, FPC_AT = 256, CC_AT = 260, BLOCK_SIZE = 272;
    private static final int BLOCK_REG = S390xFuzzArch.BLOCK_REG;
    private static final int SYS_WRITE = 4, SYS_EXIT_GROUP = 248;
    private static final int CC_SHIFT_IN_WORD = 28, PROGRAM_MASK_SHIFT_IN_WORD = 24, PSW_PROGRAM_MASK_SHIFT = 40;

    private S390xOracleCode() {}

    @Override
    public String qemuArch() {
        return "s390x";
    }

    /** qemu's maximum model without the vector facilities, which jtcg does not implement (docs/s390x.md). */
    @Override
    public List<String> qemuCpu() {
        return List.of("-cpu", "qemu,vx=off,vxeh=off,vxeh2=off");
    }

    @Override
    public String nativeHostArch() {
        return "s390x";
    }

    @Override
    public boolean bigEndian() {
        return true;
    }

    @Override
    public int blockSize() {
        return BLOCK_SIZE;
    }

    @Override
    public byte[] registerBlock(FuzzState state) {
        RegisterState s = (RegisterState) state;
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE);
        for (int i = 0; i < 16; i++) {
            b.putLong(8 * i, s.value(S390Registers.gpr(i)));
            b.putLong(FPR_AT + 8 * i, s.get(S390Registers.vr(i))[1]);
        }
        b.putInt(FPC_AT, (int) s.value(S390Registers.FPC));
        long cc = s.value(S390Registers.PSW_MASK) >>> S390xCpu.PSW_CC_SHIFT & 3;
        b.putInt(CC_AT, (int) (cc << CC_SHIFT_IN_WORD));
        return b.array();
    }

    @Override
    public RegisterList parseBlock(byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block);
        RegisterList.Builder r = RegisterList.builder();
        for (int i = 0; i < 16; i++) {
            r.put(S390Registers.gpr(i), b.getLong(8 * i));
        }
        int word = b.getInt(CC_AT);
        long cc = word >>> CC_SHIFT_IN_WORD & 3, programMask = word >>> PROGRAM_MASK_SHIFT_IN_WORD & 0xf;
        r.put(S390Registers.PSW_MASK, S390xCpu.INITIAL_PSW_MASK | cc << S390xCpu.PSW_CC_SHIFT | programMask << PSW_PROGRAM_MASK_SHIFT);
        r.put(S390Registers.FPC, b.getInt(FPC_AT) & 0xffff_ffffL);
        for (int i = 0; i < 16; i++) {
            r.put(S390Registers.vr(i), 0, b.getLong(FPR_AT + 8 * i));
        }
        return r.build();
    }

    @Override
    public byte[] prologue(long block) {
        Asm a = new Asm();
        a.llilf(BLOCK_REG, block);
        a.rx(0x58, 0, CC_AT); // l r0, CC_AT(r15)
        a.bytes(0x04, 0x00); // spm r0
        a.s(0xb29d, FPC_AT); // lfpc FPC_AT(r15)
        for (int i = 0; i < 16; i++) {
            a.rx(0x68, i, FPR_AT + 8 * i); // ld fi, off(r15)
        }
        a.bytes(0xeb, 0x0f, BLOCK_REG << 4, 0x00, 0x00, 0x04); // lmg r0, r15, 0(r15)
        return a.out();
    }

    @Override
    public byte[] epilogue(long block, long writeFrom, int writeLength, long continueAt) {
        Asm a = new Asm();
        a.bytes(0xeb, 0x0f, BLOCK_REG << 4, 0x00, 0x00, 0x24); // stmg r0, r15, 0(r15)
        for (int i = 0; i < 16; i++) {
            a.rx(0x60, i, FPR_AT + 8 * i); // std fi, off(r15)
        }
        a.s(0xb29c, FPC_AT); // stfpc FPC_AT(r15)
        a.bytes(0xb2, 0x22, 0x00, 0x00); // ipm r0
        a.rx(0x50, 0, CC_AT); // st r0, CC_AT(r15)
        a.bytes(0xa7, 0x29, 0x00, 0x01); // lghi r2, 1
        a.llilf(3, writeFrom);
        a.llilf(4, writeLength);
        a.bytes(0x0a, SYS_WRITE);
        if (continueAt >= 0) {
            a.raw(jump(continueAt));
        } else {
            a.bytes(0xa7, 0x29, 0x00, 0x00); // lghi r2, 0
            a.bytes(0x0a, SYS_EXIT_GROUP);
        }
        return a.out();
    }

    /** llilf r0, to; llilf r1, length; llilf r2, from; llilf r3, length; mvcl r0, r2. */
    @Override
    public byte[] copy(long to, long from, int length) {
        Asm a = new Asm();
        a.llilf(0, to);
        a.llilf(1, length);
        a.llilf(2, from);
        a.llilf(3, length);
        a.bytes(0x0e, 0x02);
        return a.out();
    }

    /** llilf r1, target; br r1. */
    @Override
    public byte[] jump(long target) {
        Asm a = new Asm();
        a.llilf(1, target);
        a.bytes(0x07, 0xf1);
        return a.out();
    }

    /** Big-endian instruction bytes. */
    private static final class Asm {
        private final ByteArrayOutputStream o = new ByteArrayOutputStream();

        void bytes(int... b) {
            for (int x : b) {
                o.write(x);
            }
        }

        void raw(byte[] b) {
            o.writeBytes(b);
        }

        /** llilf r, value (value below 4 GiB). */
        void llilf(int r, long value) {
            if (value >>> 32 != 0) {
                throw new IllegalArgumentException(String.format("address 0x%x above 4 GiB", value));
            }
            bytes(0xc0, r << 4 | 0xf, (int) (value >>> 24) & 0xff, (int) (value >>> 16) & 0xff, (int) (value >>> 8) & 0xff, (int) value & 0xff);
        }

        /** RX op r, disp(0, r15). */
        void rx(int op, int r, int disp) {
            bytes(op, r << 4, BLOCK_REG << 4 | disp >>> 8, disp & 0xff);
        }

        /** S-format op disp(r15). */
        void s(int op, int disp) {
            bytes(op >>> 8, op & 0xff, BLOCK_REG << 4 | disp >>> 8, disp & 0xff);
        }

        byte[] out() {
            return o.toByteArray();
        }
    }
}
