package org.jtcg.core.softfloat;

/**
 * The floating-point environment one instruction runs under, plus the exception flags it raises:
 * the shared equivalent of MXCSR, FPCR/FPSR and FPC. The control part is one int (a frontend ORs
 * its per-architecture constant with what it decodes from its control register, see
 * docs/softfloat.md) decoded once into final fields; {@link #flags} accumulates {@link FpFlags}.
 *
 * <p>One object is meant for one instruction (all its lanes): it is small, has no references, and
 * the exact paths create one only when a fast path declined.
 */
public final class FpStatus {
    /** Bits 0-2: one of the {@link Rounding} values. */
    public static final int ROUNDING_MASK = 7;
    /** Denormal operands are read as zero of the same sign (x86 DAZ; Arm FZ), raising INPUT_FLUSHED. */
    public static final int FLUSH_INPUTS = 1 << 3;
    /** Tiny results (by the tininess rule below) become zero of the same sign (x86 FTZ; Arm FZ). */
    public static final int FLUSH_OUTPUTS = 1 << 4;
    /** A flushed result raises INEXACT besides UNDERFLOW (x86 FTZ does; Arm FZ raises UFC only). */
    public static final int FLUSH_RAISES_INEXACT = 1 << 5;
    /** Every NaN result is the default NaN (Arm FPCR.DN); SNaN operands still raise INVALID. */
    public static final int DEFAULT_NAN = 1 << 6;
    /**
     * NaN propagation: the first signaling NaN operand, else the first quiet NaN (Arm FPProcessNaNs,
     * s390x). Without it the first NaN operand of either kind wins (x86 SSE). Always quieted.
     */
    public static final int SIGNALING_NAN_FIRST = 1 << 7;
    /** Tininess is detected before rounding (Arm); otherwise after rounding (x86). */
    public static final int TININESS_BEFORE_ROUNDING = 1 << 8;
    /** The default NaN has its sign bit set (x86 "QNaN floating-point indefinite"); else positive. */
    public static final int NEGATIVE_DEFAULT_NAN = 1 << 9;

    /**
     * Fused multiply-add NaN priority: the addend before the multiplicands (Arm FPProcessNaNs3 is
     * called with the addend first); otherwise multiplicand, multiplicand, addend.
     */
    public static final int FMA_ADDEND_NAN_FIRST = 1 << 10;
    /**
     * 0 × ∞ + quiet NaN raises INVALID and returns the default NaN (Arm FPMulAdd); otherwise the quiet
     * NaN propagates without INVALID (IEEE 754 leaves this case to the implementation).
     */
    public static final int FMA_INF_ZERO_QNAN_INVALID = 1 << 11;

    public final int control;
    public final int rounding;
    public final boolean flushInputs, flushOutputs, flushRaisesInexact, defaultNaNMode;
    public final boolean signalingNaNFirst, tininessBeforeRounding, negativeDefaultNaN;
    public final boolean fmaAddendNaNFirst, fmaInfZeroQNaNInvalid;

    /** Cumulative {@link FpFlags} raised so far. */
    public int flags;
    /** Set while the current element has consumed a non-flushed denormal operand. */
    boolean denormalSeen;

    public FpStatus(int control) {
        int r = control & ROUNDING_MASK;
        if (r > Rounding.TO_ODD) throw new IllegalArgumentException("bad rounding mode " + r);
        this.control = control;
        this.rounding = r;
        this.flushInputs = (control & FLUSH_INPUTS) != 0;
        this.flushOutputs = (control & FLUSH_OUTPUTS) != 0;
        this.flushRaisesInexact = (control & FLUSH_RAISES_INEXACT) != 0;
        this.defaultNaNMode = (control & DEFAULT_NAN) != 0;
        this.signalingNaNFirst = (control & SIGNALING_NAN_FIRST) != 0;
        this.tininessBeforeRounding = (control & TININESS_BEFORE_ROUNDING) != 0;
        this.negativeDefaultNaN = (control & NEGATIVE_DEFAULT_NAN) != 0;
        this.fmaAddendNaNFirst = (control & FMA_ADDEND_NAN_FIRST) != 0;
        this.fmaInfZeroQNaNInvalid = (control & FMA_INF_ZERO_QNAN_INVALID) != 0;
    }

    public void raise(int f) { flags |= f; }

    /** The NaN this environment returns for an invalid operation (and every NaN in default-NaN mode). */
    public long defaultNaN(FloatFormat f) {
        return f.defaultNaN(negativeDefaultNaN);
    }

    @Override
    public String toString() {
        return "FpStatus[control=0x" + Integer.toHexString(control) + ", flags=" + FpFlags.toString(flags) + "]";
    }
}
