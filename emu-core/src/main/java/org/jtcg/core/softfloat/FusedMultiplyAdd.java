package org.jtcg.core.softfloat;

import static org.jtcg.core.softfloat.FpFlags.INVALID;

/**
 * Fused multiply-add {@code a × b + c} with one rounding (IEEE fusedMultiplyAdd; Arm FMADD,
 * s390x MADBR, x86 VFMADD*). The exact sum of the (up to 106-bit) product and the addend is formed in
 * 128-bit integer arithmetic by {@link ExactProductSum} (no double trick gives it, and BigInteger cost
 * ~55% of an FP-heavy s390x guest's time), then rounded once by the shared rounding routine, so
 * results and flags follow the {@link FpStatus} exactly, in every rounding mode and tininess rule.
 */
public final class FusedMultiplyAdd {
    private FusedMultiplyAdd() {}

    public static long fma(FloatFormat f, long a, long b, long c, FpStatus st) {
        return fma(f, a, b, c, 0, st);
    }

    /**
     * {@code (a × b + c) × 2^scale} with one rounding (Arm FRSQRTS halves the fused sum before it is
     * rounded). Infinite and zero results are those of the unscaled sum.
     */
    public static long fma(FloatFormat f, long a, long b, long c, int scale, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return SoftFloat.finishElement(st, saved, element(f, a, b, c, scale, st));
    }

    private static long element(FloatFormat f, long a, long b, long c, int scale, FpStatus st) {
        a = SoftFloat.operand(f, a, st);
        b = SoftFloat.operand(f, b, st);
        c = SoftFloat.operand(f, c, st);
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        boolean infTimesZero = (ia && zb) || (za && ib);
        if (f.isNaN(a) || f.isNaN(b) || f.isNaN(c)) {
            if (infTimesZero && f.isQuietNaN(c) && st.fmaInfZeroQNaNInvalid) {
                st.denormalSeen = false;
                st.raise(INVALID);
                return st.defaultNaN(f);
            }
            return st.fmaAddendNaNFirst ? propagateNaN(f, c, a, b, st) : propagateNaN(f, a, b, c, st);
        }
        long signP = (a ^ b) & f.signBit;
        boolean infP = ia || ib, ic = f.isInfinite(c);
        if (infTimesZero || (infP && ic && signP != (c & f.signBit))) {
            st.raise(INVALID);
            return st.defaultNaN(f);
        }
        if (infP) return signP | f.infinity;
        if (ic) return c;
        boolean zeroP = za || zb, zc = f.isZero(c);
        if (zeroP && zc) return signP == (c & f.signBit) ? c : zeroSum(f, st);
        // Exact value ma*mb*2^(ea+eb) + mc*2^ec in 128 bits, then one rounding.
        long ma = 0, mb = 0, mc = 0;
        int ep = 0, ec = 0;
        if (!zeroP) {
            ma = significand(f, a);
            mb = significand(f, b);
            ep = exponent(f, a) + exponent(f, b);
        }
        if (!zc) {
            mc = significand(f, c);
            ec = exponent(f, c);
        }
        return ExactProductSum.round(f, signP != 0, ma, mb, ep, f.isNegative(c), mc, ec, scale, st);
    }

    /** Exact zero of a sum whose terms have opposite signs: -0 only when rounding toward negative. */
    static long zeroSum(FloatFormat f, FpStatus st) {
        return st.rounding == Rounding.DOWN ? f.signBit : 0;
    }

    /** Integer significand of a finite non-zero encoding. */
    private static long significand(FloatFormat f, long x) {
        long frac = x & f.fracMask;
        return (x & f.expMask) == 0 ? frac : frac | (1L << f.fracBits);
    }

    /** Exponent of the significand's unit bit: value = significand × 2^exponent. */
    private static int exponent(FloatFormat f, long x) {
        int biased = (int) ((x & f.expMask) >>> f.fracBits);
        return Math.max(biased, 1) - f.bias - f.fracBits;
    }

    /** Three-operand NaN result, operands given in priority order. */
    private static long propagateNaN(FloatFormat f, long x, long y, long z, FpStatus st) {
        boolean sx = f.isSignalingNaN(x), sy = f.isSignalingNaN(y), sz = f.isSignalingNaN(z);
        if (sx || sy || sz) st.raise(INVALID);
        st.denormalSeen = false;
        if (st.defaultNaNMode) return st.defaultNaN(f);
        long pick;
        if (st.signalingNaNFirst && (sx || sy || sz)) pick = sx ? x : sy ? y : z;
        else pick = f.isNaN(x) ? x : f.isNaN(y) ? y : z;
        return f.quiet(pick);
    }
}
