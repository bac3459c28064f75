package org.jtcg.x86.sse;

/**
 * MXCSR bit layout and the LDMXCSR validity rule. Flags (bits 0-5) are sticky; masks (bits 7-12)
 * mask the flag of the same index; RC (bits 13-14) is the rounding mode; FTZ (bit 15) flushes tiny
 * results to zero; DAZ (bit 6) reads denormal inputs as zero. Bits 16-31 are reserved: LDMXCSR /
 * FXRSTOR with any of them set raises #GP (Linux: SIGSEGV).
 */
public final class Mxcsr {
    private Mxcsr() {}

    /** Exception flags (also used as the flag set an op accumulates). */
    public static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
    /** All six flag bits. */
    public static final int FLAGS = 0x3f;
    /** Pre-computation exceptions: when one of them is unmasked, no result is computed. */
    public static final int PRE_COMPUTATION = IE | DE | ZE;
    public static final int DAZ = 1 << 6;
    /** Shift of the exception mask bits (mask for flag f is f << MASK_SHIFT). */
    public static final int MASK_SHIFT = 7;
    public static final int MASKS = FLAGS << MASK_SHIFT;
    public static final int RC_SHIFT = 13;
    public static final int RC_MASK = 3 << RC_SHIFT;
    /** Rounding-control values (after shifting RC down). */
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
    public static final int FTZ = 1 << 15;
    /** Bits LDMXCSR accepts (MXCSR_MASK as FXSAVE reports it on DAZ-capable CPUs). */
    public static final int WRITABLE = 0xffff;

    /** True iff LDMXCSR/FXRSTOR would accept {@code value}; false means the instruction raises #GP. */
    public static boolean isValid(int value) {
        return (value & ~WRITABLE) == 0;
    }

    /**
     * LDMXCSR: stores {@code value} into {@code s.mxcsr} and returns true, or leaves the state
     * unchanged and returns false (the caller raises #GP → SIGSEGV). Loading a flag whose exception
     * is unmasked does not raise anything by itself (only a later faulting op does).
     */
    public static boolean load(SseState s, int value) {
        if (!isValid(value)) return false;
        s.mxcsr = value;
        return true;
    }

    /** Rounding control of {@code mxcsr} as one of the RC_* values. */
    public static int roundingControl(int mxcsr) {
        return (mxcsr >>> RC_SHIFT) & 3;
    }

    /** Flags in {@code flags} whose exceptions {@code mxcsr} leaves unmasked. */
    public static int unmasked(int mxcsr, int flags) {
        return flags & ~(mxcsr >>> MASK_SHIFT) & FLAGS;
    }
}
