package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.X86Registers;
import org.jtcg.fuzz.FuzzState;
import org.jtcg.fuzz.OracleCode;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * x86-64 code around a sequence for the qemu-user and native oracle lanes. Every register is
 * loaded and stored with absolute [disp32] operands (ModRM rm=100, SIB base=101 index=100), since
 * all sixteen GPRs are fuzzed and none is free to hold an address; the block therefore lies below
 * 2 GiB. RFLAGS travels through a small stack at the end of the block (push [m]; popfq / pushfq;
 * pop [m]) with rsp pointed there, never into the scratch block. Block layout (little-endian):
 * rax..r15 at 0, RFLAGS at 128, MXCSR at 136, xmm0..15 at 144 (low quadword first), bits 255:128 of
 * ymm0..15 at 400, stack above.
 *
 * <p>{@link #WITH_YMM} also moves the ymm upper halves (vinsertf128 after the xmm loads, vextractf128 before
 * the xmm stores), so the oracle reports all 256 bits; it needs AVX on the oracle CPU (qemu's model has it;
 * for native, the host must), so the fuzzer uses it only for the groups that need the AVX state anyway.
 * {@link #INSTANCE} leaves the upper halves alone and does not report them (they are not compared).
 */
final class X86OracleCode implements OracleCode {
    static final X86OracleCode INSTANCE = new X86OracleCode(false);
    static final X86OracleCode WITH_YMM = new X86OracleCode(true);

    private static final int RFLAGS_AT = 128, MXCSR_AT = 136, XMM_AT = 144, YMMH_AT = XMM_AT + 16 * 16, STACK_BYTES = 64;
    private static final int BLOCK_SIZE = YMMH_AT + 16 * 16 + STACK_BYTES;
    private static final long MXCSR_DE = 1L << 1;
    private static final int SYS_WRITE = 1, SYS_EXIT_GROUP = 231;
    /** VEX map 0F3A opcodes: vinsertf128 ymm, ymm, m128, ib and vextractf128 m128, ymm, ib. */
    private static final int VINSERTF128 = 0x18, VEXTRACTF128 = 0x19;

    private final boolean ymm;

    private X86OracleCode(boolean ymm) {
        this.ymm = ymm;
    }

    /** Whether this code loads, stores and reports the ymm upper halves. */
    boolean carriesYmm() {
        return ymm;
    }

    @Override
    public String qemuArch() {
        return "x86_64";
    }

    /**
     * qemu64 plus what jtcg translates beyond it: popcnt, lzcnt (through abm), cx16, lahf/sahf and
     * the x86-64-v2 extensions SSE3 (pni), SSSE3, SSE4.1, SSE4.2, so qemu runs every form the
     * pattern groups draw. Plus bmi1: jtcg translates tzcnt (the ext group); without it qemu runs
     * F3 0F BC as bsf. And the x86-64-v3 part 2 groups: bmi2, fma, f16c (with avx, which qemu needs
     * for VEX decoding), avx2 for group avx2, and xsave: without it qemu 7.2 leaves the AVX state
     * disabled and raises SIGILL for every VEX vector instruction, avx and fma included.
     */
    @Override
    public List<String> qemuCpu() {
        return List.of("-cpu", "qemu64,+popcnt,+abm,+bmi1,+bmi2,+cx16,+lahf-lm,+pni,+ssse3,+sse4.1,+sse4.2,"
                + "+avx,+avx2,+xsave,+fma,+f16c,+movbe");
    }

    @Override
    public String nativeHostArch() {
        return "amd64";
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
        InitialState s = (InitialState) state;
        ByteBuffer b = ByteBuffer.allocate(BLOCK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (long g : s.gprs()) {
            b.putLong(g);
        }
        b.putLong(RFLAGS_AT, s.rflags());
        b.putInt(MXCSR_AT, s.mxcsr());
        long[] x = s.xmm();
        long[] h = s.ymmh();
        for (int i = 0; i < 32; i++) {
            b.putLong(XMM_AT + 8 * i, x[i]);
            b.putLong(YMMH_AT + 8 * i, h[i]);
        }
        return b.array();
    }

    @Override
    public byte[] prologue(long block) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            absolute(o, 0xf3, rex(false, i), new int[] {0x0f, 0x6f}, i, block + XMM_AT + 16L * i); // movdqu xmm, [m]
            if (ymm) {
                vexUpperHalf(o, VINSERTF128, i, i, block + YMMH_AT + 16L * i); // vinsertf128 ymm, ymm, [m], 1
            }
        }
        absolute(o, -1, 0, new int[] {0x0f, 0xae}, 2, block + MXCSR_AT); // ldmxcsr [m]
        stackPointer(o, block);
        absolute(o, -1, 0, new int[] {0xff}, 6, block + RFLAGS_AT); // push qword [m]
        o.write(0x9d); // popfq
        for (int i = 0; i < 16; i++) {
            absolute(o, -1, rex(true, i), new int[] {0x8b}, i, block + 8L * i); // mov r64, [m]
        }
        return o.toByteArray();
    }

    @Override
    public byte[] epilogue(long block, long writeFrom, int writeLength, long continueAt) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            absolute(o, -1, rex(true, i), new int[] {0x89}, i, block + 8L * i); // mov [m], r64
        }
        stackPointer(o, block);
        o.write(0x9c); // pushfq
        absolute(o, -1, 0, new int[] {0x8f}, 0, block + RFLAGS_AT); // pop qword [m]
        absolute(o, -1, 0, new int[] {0x0f, 0xae}, 3, block + MXCSR_AT); // stmxcsr [m]
        for (int i = 0; i < 16; i++) {
            if (ymm) {
                vexUpperHalf(o, VEXTRACTF128, i, 0, block + YMMH_AT + 16L * i); // vextractf128 [m], ymm, 1
            }
            absolute(o, 0xf3, rex(false, i), new int[] {0x0f, 0x7f}, i, block + XMM_AT + 16L * i); // movdqu [m], xmm
        }
        movImm32(o, 0, SYS_WRITE); // eax
        movImm32(o, 7, 1); // edi = stdout
        movImm32(o, 6, writeFrom); // esi
        movImm32(o, 2, writeLength); // edx
        o.write(0x0f);
        o.write(0x05); // syscall
        if (continueAt >= 0) {
            o.writeBytes(jump(continueAt));
            return o.toByteArray();
        }
        movImm32(o, 0, SYS_EXIT_GROUP);
        o.write(0x31);
        o.write(0xff); // xor edi, edi
        o.write(0x0f);
        o.write(0x05);
        return o.toByteArray();
    }

    /**
     * MXCSR.DE (bit 1, denormal operand): qemu's softfloat does not raise it for denormal inputs
     * (qemu 0x1fb0 where the host CPU and jit give 0x1fb2 after divpd with a denormal operand,
     * found by OracleLaneTest's native,qemu,jit run), so it is not compared on the qemu lane.
     */
    @Override
    public Map<Long, long[]> qemuUnreliableBits() {
        return Map.of(X86Registers.MXCSR, new long[] {MXCSR_DE});
    }

    @Override
    public RegisterList parseBlock(byte[] block) {
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        RegisterList.Builder r = RegisterList.builder();
        for (int i = 0; i < 16; i++) {
            r.put(X86Registers.gpr(i), b.getLong(8 * i));
        }
        r.put(X86Registers.RFLAGS, b.getLong(RFLAGS_AT));
        r.put(X86Registers.MXCSR, b.getInt(MXCSR_AT) & 0xffff_ffffL);
        for (int i = 0; i < 16; i++) {
            r.put(X86Registers.xmm(i), b.getLong(XMM_AT + 16 * i), b.getLong(XMM_AT + 16 * i + 8));
            if (ymm) {
                r.put(X86Registers.ymmHigh(i), b.getLong(YMMH_AT + 16 * i), b.getLong(YMMH_AT + 16 * i + 8));
            }
        }
        return r.build();
    }

    /** mov esi, from; mov edi, to; mov ecx, length; cld; rep movsb. */
    @Override
    public byte[] copy(long to, long from, int length) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        movImm32(o, 6, from);
        movImm32(o, 7, to);
        movImm32(o, 1, length);
        o.write(0xfc);
        o.write(0xf3);
        o.write(0xa4);
        return o.toByteArray();
    }

    /** mov eax, target; jmp rax. */
    @Override
    public byte[] jump(long target) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        movImm32(o, 0, target);
        o.write(0xff);
        o.write(0xe0);
        return o.toByteArray();
    }

    /** REX for register operand {@code reg} in ModRM.reg (W for 64-bit GPR moves); 0 if none is needed. */
    private static int rex(boolean w, int reg) {
        int rex = (w ? 0x48 : 0x40) | (reg >= 8 ? 0x04 : 0);
        return rex == 0x40 ? 0 : rex;
    }

    /** [prefix] [REX] opcode ModRM(reg, rm=100) SIB(0x25: no base, no index) disp32 = {@code address}. */
    private static void absolute(ByteArrayOutputStream o, int prefix, int rex, int[] opcode, int reg, long address) {
        if (address < 0 || address > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(String.format("register block at 0x%x is not below 2 GiB", address));
        }
        if (prefix >= 0) {
            o.write(prefix);
        }
        if (rex != 0) {
            o.write(rex);
        }
        for (int b : opcode) {
            o.write(b);
        }
        o.write(((reg & 7) << 3) | 0x04);
        o.write(0x25);
        le32(o, address);
    }

    /**
     * A VEX.256.66.0F3A.W0 instruction with ModRM.reg = ymm {@code reg}, VEX.vvvv = {@code vvvv}, an absolute
     * [disp32] memory operand and imm8 1 (the upper 128 bits): vinsertf128 (vvvv = the source ymm) or
     * vextractf128 (vvvv unused: 0, encoded as 1111). Three-byte form: C4, ~R ~X ~B and map 3, then W0 ~vvvv L1 pp=01.
     */
    private static void vexUpperHalf(ByteArrayOutputStream o, int opcode, int reg, int vvvv, long address) {
        o.write(0xc4);
        o.write((reg < 8 ? 0x80 : 0) | 0x40 | 0x20 | 0x03);
        o.write(((~vvvv & 0xf) << 3) | 0x04 | 0x01);
        absolute(o, -1, 0, new int[] {opcode}, reg, address);
        o.write(1);
    }

    /** mov rsp, imm32: the stack at the end of the block. */
    private static void stackPointer(ByteArrayOutputStream o, long block) {
        o.write(0x48);
        o.write(0xc7);
        o.write(0xc4);
        le32(o, block + BLOCK_SIZE);
    }

    /** mov r32, imm32 (B8+r) for registers 0..7; the value must fit 32 bits unsigned. */
    private static void movImm32(ByteArrayOutputStream o, int reg, long value) {
        if (value >>> 32 != 0) {
            throw new IllegalArgumentException(String.format("address 0x%x above 4 GiB", value));
        }
        o.write(0xb8 + reg);
        le32(o, value);
    }

    private static void le32(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 4; i++) {
            o.write((int) (v >>> (8 * i)));
        }
    }
}
