package org.jtcg.arm64.fp;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.FusedMultiplyAdd;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * The Arm reciprocal and reciprocal-square-root estimates and Newton-Raphson steps, one element at a
 * time: FRECPE, FRSQRTE, FRECPX, URECPE, URSQRTE, FRECPS, FRSQRTS. Written from the Arm ARM
 * pseudocode (shared/functions/float: RecipEstimate, RecipSqrtEstimate, FPRecipEstimate,
 * FPRSqrtEstimate, FPRecpX, FPRecipStepFused, FPRSqrtStepFused, UnsignedRecipEstimate,
 * UnsignedRSqrtEstimate). The 8-bit estimate tables are computed from the pseudocode's integer
 * formulas once, at class load.
 */
public final class ArmFpEstimate {
    private ArmFpEstimate() {}

    /** RecipEstimate(a) for a in 256..511 (index a - 256): a 9-bit result in 256..511. */
    private static final int[] RECIP = new int[256];
    /** RecipSqrtEstimate(a) for a in 128..511 (index a - 128). */
    private static final int[] RSQRT = new int[384];

    static {
        for (int a = 256; a < 512; a++) {
            int x = a * 2 + 1;             // the input interval's midpoint, in units of 2^-10
            int b = (1 << 19) / x;         // the reciprocal in units of 2^-9, truncated
            RECIP[a - 256] = (b + 1) / 2;  // rounded to nearest, units of 2^-8
        }
        for (int a = 128; a < 512; a++) {
            int x;
            if (a < 256) {                 // 0.25 <= value < 0.5 (units of 2^-9)
                x = a * 2 + 1;
            } else {                       // 0.5 <= value < 1.0: the step is twice as coarse
                x = (a >> 1) << 1;
                x = (x + 1) * 2;
            }
            int b = 512;
            while ((long) x * (b + 1) * (b + 1) < (1L << 28)) {
                b++;
            }
            RSQRT[a - 128] = (b + 1) / 2;
        }
    }

    static int recipEstimate(int a) {
        return RECIP[a - 256];
    }

    static int recipSqrtEstimate(int a) {
        return RSQRT[a - 128];
    }

    private static int exponent(FloatFormat f, long x) {
        return (int) ((x & f.expMask) >>> f.fracBits);
    }

    /** The fraction left-aligned in 52 bits (the pseudocode widens every format to 52). */
    private static long fraction52(FloatFormat f, long x) {
        return (x & f.fracMask) << (52 - f.fracBits);
    }

    /** FPRecipEstimate. */
    static long recipEstimate(FloatFormat f, long a, FpStatus st) {
        a = unpack(f, a, st);
        long sign = a & f.signBit;
        if (f.isNaN(a)) {
            return SoftFloat.add(f, a, a, st);
        }
        if (f.isInfinite(a)) {
            return sign;
        }
        if (f.isZero(a)) {
            st.raise(FpFlags.DIV_BY_ZERO);
            return sign | f.infinity;
        }
        int e = exponent(f, a);
        // |value| < 2^-(emax+1): the reciprocal overflows (only denormals with the top two fraction bits clear)
        if (e == 0 && (a & f.fracMask) >>> (f.fracBits - 2) == 0) {
            boolean toInf = switch (st.rounding) {
                case Rounding.NEAREST_EVEN -> true;
                case Rounding.UP -> sign == 0;
                case Rounding.DOWN -> sign != 0;
                default -> false;
            };
            st.raise(FpFlags.OVERFLOW | FpFlags.INEXACT);
            return sign | (toInf ? f.infinity : f.maxFinite);
        }
        // |value| >= 2^(emax-1) under FZ: the reciprocal would be denormal and is flushed (UFC only)
        if (st.flushOutputs && e >= 2 * f.bias - 1) {
            st.raise(FpFlags.UNDERFLOW);
            return sign;
        }
        long fraction = fraction52(f, a);
        int exp = e;
        if (exp == 0) {
            if ((fraction >>> 51 & 1) == 0) {
                exp = -1;
                fraction = (fraction << 2) & ((1L << 52) - 1);
            } else {
                fraction = (fraction << 1) & ((1L << 52) - 1);
            }
        }
        int scaled = (int) (256 | fraction >>> 44);
        int resultExp = 2 * f.bias - 1 - exp;   // 253 - exp for single, 2045 - exp for double
        long estimate = recipEstimate(scaled);
        long frac = (estimate & 0xff) << 44;
        if (resultExp == 0) {
            frac = 1L << 51 | frac >>> 1;
        } else if (resultExp == -1) {
            frac = 1L << 50 | frac >>> 2;
            resultExp = 0;
        }
        return sign | (long) resultExp << f.fracBits | frac >>> (52 - f.fracBits);
    }

    /** FPRSqrtEstimate. */
    static long rsqrtEstimate(FloatFormat f, long a, FpStatus st) {
        a = unpack(f, a, st);
        if (f.isNaN(a)) {
            return SoftFloat.add(f, a, a, st);
        }
        if (f.isZero(a)) {
            st.raise(FpFlags.DIV_BY_ZERO);
            return (a & f.signBit) | f.infinity;
        }
        if (f.isNegative(a)) {
            st.raise(FpFlags.INVALID);
            return st.defaultNaN(f);
        }
        if (f.isInfinite(a)) {
            return 0;
        }
        long fraction = fraction52(f, a);
        int exp = exponent(f, a);
        if (exp == 0) {
            while ((fraction >>> 51 & 1) == 0) {
                fraction <<= 1;
                exp--;
            }
            fraction = (fraction << 1) & ((1L << 52) - 1);
        }
        int scaled = (exp & 1) == 0 ? (int) (256 | fraction >>> 44) : (int) (128 | fraction >>> 45);
        int resultExp = Math.floorDiv(3 * f.bias - 1 - exp, 2);  // (380 - exp) DIV 2 single, (3068 - exp) DIV 2 double
        long estimate = recipSqrtEstimate(scaled);
        return (long) resultExp << f.fracBits | (estimate & 0xff) << (f.fracBits - 8);
    }

    /** FPRecpX: the exponent inverted, fraction zero (zero and denormals give the largest exponent but one). */
    static long recpX(FloatFormat f, long a, FpStatus st) {
        long u = unpack(f, a, st);
        if (f.isNaN(u)) {
            return SoftFloat.add(f, u, u, st);
        }
        long sign = a & f.signBit;
        long exp = a & f.expMask;
        if (exp == 0) {
            return sign | (f.expMask - (1L << f.fracBits));
        }
        return sign | (~exp & f.expMask);
    }

    /** UnsignedRecipEstimate on a 32-bit lane (URECPE; also used by SimdIntLanes). */
    public static long unsignedRecipEstimate(long x) {
        if ((x & 0x8000_0000L) == 0) {
            return 0xffff_ffffL;
        }
        return (long) recipEstimate((int) (x >>> 23) & 0x1ff) << 23;
    }

    /** UnsignedRSqrtEstimate on a 32-bit lane (URSQRTE). */
    public static long unsignedRsqrtEstimate(long x) {
        if ((x & 0xc000_0000L) == 0) {
            return 0xffff_ffffL;
        }
        return (long) recipSqrtEstimate((int) (x >>> 23) & 0x1ff) << 23;
    }

    /** FPRecipStepFused: 2 - a*b with one rounding; inf*0 gives 2. */
    static long recipStep(FloatFormat f, long a, long b, FpStatus st) {
        return step(f, a, b, false, st);
    }

    /** FPRSqrtStepFused: (3 - a*b) / 2 with one rounding; inf*0 gives 1.5. */
    static long rsqrtStep(FloatFormat f, long a, long b, FpStatus st) {
        return step(f, a, b, true, st);
    }

    private static long step(FloatFormat f, long a, long b, boolean rsqrt, FpStatus st) {
        a ^= f.signBit; // FPNeg(op1), also of a NaN
        a = unpack(f, a, st);
        b = unpack(f, b, st);
        if (f.isNaN(a) || f.isNaN(b)) {
            return SoftFloat.add(f, a, b, st);
        }
        boolean infTimesZero = (f.isInfinite(a) && f.isZero(b)) || (f.isZero(a) && f.isInfinite(b));
        long two = (long) (f.bias + 1) << f.fracBits;
        long three = two | 1L << (f.fracBits - 1);
        if (infTimesZero) {
            return rsqrt ? (long) f.bias << f.fracBits | 1L << (f.fracBits - 1) : two; // 1.5 or 2.0
        }
        return rsqrt ? FusedMultiplyAdd.fma(f, a, b, three, -1, st) : FusedMultiplyAdd.fma(f, a, b, two, st);
    }

    /** FPUnpack's input flush: a denormal under FZ reads as signed zero and raises IDC. */
    private static long unpack(FloatFormat f, long a, FpStatus st) {
        if (st.flushInputs && f.isDenormal(a)) {
            st.raise(FpFlags.INPUT_FLUSHED);
            return a & f.signBit;
        }
        return a;
    }
}
