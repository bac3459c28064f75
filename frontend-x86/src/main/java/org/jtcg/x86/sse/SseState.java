package org.jtcg.x86.sse;

/**
 * SSE/AVX register file, 128-bit registers: XMM0-15 (0-15), one scratch register (16) the translator
 * fills with a 128-bit memory operand before calling an op, bits 255:128 of YMM0-15 ({@link #YMM_HI}
 * + n, 17-32), the scratch's upper half for 256-bit memory operands (33), and two temporaries (34,
 * 35) where 3-operand VEX forms compute before writing the destination. Register i is
 * {@code xmm[2*i]} (low 64 bits) and {@code xmm[2*i+1]} (high 64 bits). SSE ops are static methods
 * over this state, so they are testable without a CPU; a 256-bit op is the 128-bit op on both halves.
 */
public final class SseState {
    /** Index of the scratch register for memory operands. */
    public static final int SCRATCH = 16;
    /** Register number of bits 255:128 of ymm0; ymm n's upper half is {@code YMM_HI + n}. */
    public static final int YMM_HI = 17;
    /** Upper half of a 256-bit memory operand. */
    public static final int SCRATCH_HI = 33;
    /** Temporary destination of a VEX op (low half, then {@link #TEMP_HI}). */
    public static final int TEMP = 34;
    public static final int TEMP_HI = 35;
    /** Number of 128-bit registers in the file. */
    public static final int REGISTERS = 36;
    /** MXCSR at reset: all exceptions masked, round to nearest. */
    public static final int MXCSR_RESET = 0x1f80;

    public final long[] xmm = new long[2 * REGISTERS];
    public int mxcsr = MXCSR_RESET;

    public long lo(int reg) { return xmm[2 * reg]; }
    public long hi(int reg) { return xmm[2 * reg + 1]; }

    /** Bits 255:128 of ymm {@code reg}: {lo, hi} 64-bit words. */
    public long upperLo(int reg) { return xmm[2 * (YMM_HI + reg)]; }
    public long upperHi(int reg) { return xmm[2 * (YMM_HI + reg) + 1]; }

    public void setUpper(int reg, long lo, long hi) {
        set(YMM_HI + reg, lo, hi);
    }

    public void set(int reg, long lo, long hi) {
        xmm[2 * reg] = lo;
        xmm[2 * reg + 1] = hi;
    }
}
