package org.jtcg.arm64.fuzz;

import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.OracleCode;
import org.jtcg.fuzz.template.RegisterState;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * arm64 code around a sequence for the qemu-user oracle lane. All 31 GPRs are fuzzed, so the
 * prologue puts the register block's address into sp (never used by generated instructions) and
 * loads everything through x30, which it loads last; the epilogue stores through sp. Addresses are
 * built with movz/movk (absolute, position independent). Block layout (little-endian): x0-x30 at
 * 0, NZCV at 248, FPCR at 256, FPSR at 264, v0-v31 at 272 (low doubleword first).
 */
final class Arm64OracleCode implements OracleCode {
    static final Arm64OracleCode INSTANCE = new Arm64OracleCode();

    private static final int NZCV_AT = 248, FPCR_AT = 256, FPSR_AT = 264, V_AT = 272;
    private static final int BLOCK_SIZE = V_AT + 32 * 16;
    private static final int SP = 31, TMP = 16;
    private static final int SYS_WRITE = 64, SYS_EXIT_GROUP = 94;
    /** MRS/MSR system register fields (op0, op1, CRn, CRm, op2). */
    private static final int[] NZCV = {3, 3, 4, 2, 0}, FPCR = {3, 3, 4, 4, 0}, FPSR = {3, 3, 4, 4, 1};
    private static final long NZCV_MASK = 0xf000_0000L;

    private Arm64OracleCode() {}

    @Override
    public String qemuArch() {
        return "aarch64";
    }

    /** Cortex-A57: ARMv8.0 with AdvSIMD and FP, no FP16/LSE/dot product: the baseline jtcg's ID registers advertise. */
    @Override
    public List<String> qemuCpu() {
        return List.of("-cpu", "cortex-a57");
    }

    @Override
    public String nativeHostArch() {
        return "aarch64";
    }

    @Override
    public boolean bigEndian() {
        return false;
    }

    @Override
    public int blockSize() {
        return BLOCK_SIZE;
    }

    @Override
    public byte[] registerBlock(FuzzState state) {
        RegisterState s = (RegisterState) state;
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 31; i++) {
            b.putLong(8 * i, s.value(Arm64Registers.x(i)));
        }
        b.putLong(NZCV_AT, s.value(Arm64Registers.PSTATE) & NZCV_MASK);
        b.putLong(FPCR_AT, s.value(Arm64Registers.FPCR));
        b.putLong(FPSR_AT, s.value(Arm64Registers.FPSR));
        for (int i = 0; i < 32; i++) {
            long[] v = s.get(Arm64Registers.v(i));
            b.putLong(V_AT + 16 * i, v[0]);
            b.putLong(V_AT + 16 * i + 8, v[1]);
        }
        return b.array();
    }

    @Override
    public RegisterList parseBlock(byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        RegisterList.Builder r = RegisterList.builder();
        for (int i = 0; i < 31; i++) {
            r.put(Arm64Registers.x(i), b.getLong(8 * i));
        }
        r.put(Arm64Registers.PSTATE, b.getLong(NZCV_AT) & NZCV_MASK);
        r.put(Arm64Registers.FPCR, b.getLong(FPCR_AT) & 0xffff_ffffL);
        r.put(Arm64Registers.FPSR, b.getLong(FPSR_AT) & 0xffff_ffffL);
        for (int i = 0; i < 32; i++) {
            r.put(Arm64Registers.v(i), b.getLong(V_AT + 16 * i), b.getLong(V_AT + 16 * i + 8));
        }
        return r.build();
    }

    @Override
    public byte[] prologue(long block) {
        Asm a = new Asm();
        a.mov(30, block);
        a.put(0x91000000 | 30 << 5 | SP); // add sp, x30, #0
        for (int i = 0; i < 32; i += 2) {
            a.put(pair(0xAD400000, V_AT + 16 * i, 16, i, i + 1, 30)); // ldp q, q, [x30, #off]
        }
        a.put(ldr(FPCR_AT, 30, 0));
        a.put(sysreg(false, FPCR, 0));
        a.put(ldr(FPSR_AT, 30, 0));
        a.put(sysreg(false, FPSR, 0));
        a.put(ldr(NZCV_AT, 30, 0));
        a.put(sysreg(false, NZCV, 0));
        for (int i = 0; i < 30; i += 2) {
            a.put(pair(0xA9400000, 8 * i, 8, i, i + 1, 30)); // ldp x, x, [x30, #off]
        }
        a.put(ldr(8 * 30, 30, 30));
        return a.bytes();
    }

    @Override
    public byte[] epilogue(long block, long writeFrom, int writeLength, long continueAt) {
        Asm a = new Asm();
        for (int i = 0; i < 30; i += 2) {
            a.put(pair(0xA9000000, 8 * i, 8, i, i + 1, SP)); // stp x, x, [sp, #off]
        }
        a.put(0xF9000000 | 30 << 10 | SP << 5 | 30); // str x30, [sp, #240]
        int[][] sys = {NZCV, FPCR, FPSR};
        int[] at = {NZCV_AT, FPCR_AT, FPSR_AT};
        for (int k = 0; k < 3; k++) {
            a.put(sysreg(true, sys[k], 0));
            a.put(0xF9000000 | at[k] / 8 << 10 | SP << 5); // str x0, [sp, #off]
        }
        for (int i = 0; i < 32; i += 2) {
            a.put(pair(0xAD000000, V_AT + 16 * i, 16, i, i + 1, SP)); // stp q, q, [sp, #off]
        }
        a.mov(0, 1);
        a.mov(1, writeFrom);
        a.mov(2, writeLength);
        a.mov(8, SYS_WRITE);
        a.put(0xD4000001); // svc #0
        if (continueAt >= 0) {
            a.raw(jump(continueAt));
        } else {
            a.mov(0, 0);
            a.mov(8, SYS_EXIT_GROUP);
            a.put(0xD4000001);
        }
        return a.bytes();
    }

    /** x0 = from, x1 = to, x2 = length; loop: ldrb w3, [x0], #1; strb w3, [x1], #1; subs x2, x2, #1; b.ne loop. */
    @Override
    public byte[] copy(long to, long from, int length) {
        Asm a = new Asm();
        a.mov(0, from);
        a.mov(1, to);
        a.mov(2, length);
        a.put(0x38400400 | 1 << 12 | 3); // ldrb w3, [x0], #1
        a.put(0x38000400 | 1 << 12 | 1 << 5 | 3); // strb w3, [x1], #1
        a.put(0xF1000400 | 2 << 5 | 2); // subs x2, x2, #1
        a.put(0x54000000 | (-3 & 0x7ffff) << 5 | 1); // b.ne loop
        return a.bytes();
    }

    /** movz/movk x16, target; br x16. */
    @Override
    public byte[] jump(long target) {
        Asm a = new Asm();
        a.mov(TMP, target);
        a.put(0xD61F0000 | TMP << 5);
        return a.bytes();
    }

    /** LDP/STP (signed offset) of two registers. */
    private static int pair(int opcode, int offset, int scale, int rt, int rt2, int rn) {
        return opcode | (offset / scale & 0x7f) << 15 | rt2 << 10 | rn << 5 | rt;
    }

    /** ldr xt, [xn, #offset]. */
    private static int ldr(int offset, int rn, int rt) {
        return 0xF9400000 | offset / 8 << 10 | rn << 5 | rt;
    }

    /** mrs xt, reg (read) or msr reg, xt. */
    private static int sysreg(boolean read, int[] r, int rt) {
        return 0xD5000000 | (read ? 1 << 21 : 0) | r[0] << 19 | r[1] << 16 | r[2] << 12 | r[3] << 8 | r[4] << 5 | rt;
    }

    /** Little-endian instruction words. */
    private static final class Asm {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void put(int insn) {
            out.write(insn);
            out.write(insn >>> 8);
            out.write(insn >>> 16);
            out.write(insn >>> 24);
        }

        void raw(byte[] b) {
            out.writeBytes(b);
        }

        /** movz xd, #lo16; movk xd, #hi16, lsl #16 (values below 4 GiB). */
        void mov(int rd, long value) {
            if (value >>> 32 != 0) {
                throw new IllegalArgumentException(String.format("address 0x%x above 4 GiB", value));
            }
            put(0xD2800000 | (int) (value & 0xffff) << 5 | rd);
            put(0xF2800000 | 1 << 21 | (int) (value >>> 16 & 0xffff) << 5 | rd);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
