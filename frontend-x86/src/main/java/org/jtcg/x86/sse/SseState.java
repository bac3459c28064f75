package org.jtcg.x86.sse;

/**
 * SSE register file: XMM0-15 plus one scratch register (index 16) the translator fills with a
 * 128-bit memory operand before calling an op. Register i is {@code xmm[2*i]} (low 64 bits) and
 * {@code xmm[2*i+1]} (high 64 bits). SSE ops are static methods over this state, so they are
 * testable without a CPU.
 */
public final class SseState {
    /** Index of the scratch register for memory operands. */
    public static final int SCRATCH = 16;
    /** MXCSR at reset: all exceptions masked, round to nearest. */
    public static final int MXCSR_RESET = 0x1f80;

    public final long[] xmm = new long[2 * 17];
    public int mxcsr = MXCSR_RESET;

    public long lo(int reg) { return xmm[2 * reg]; }
    public long hi(int reg) { return xmm[2 * reg + 1]; }

    public void set(int reg, long lo, long hi) {
        xmm[2 * reg] = lo;
        xmm[2 * reg + 1] = hi;
    }
}
