package org.jtcg.core.softfloat;

import static org.jtcg.core.softfloat.FpFlags.DENORMAL_OPERAND;
import static org.jtcg.core.softfloat.FpFlags.DIV_BY_ZERO;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INPUT_FLUSHED;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.OVERFLOW;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;

/**
 * Scalar IEEE 754 arithmetic on binary16/32/64 encodings (carried in a {@code long}) under an
 * {@link FpStatus}: every rounding direction, input and output flushing, default-NaN mode, the two
 * NaN-propagation rules, tininess before or after rounding, and cumulative flags. Architecture
 * specific instruction semantics (x86 MIN/MAX, compare predicates, integer-indefinite results)
 * are built on top of this by the frontends.
 *
 * <p>Every result is computed exactly and rounded once. The exact value is obtained with host
 * round-to-nearest arithmetic plus an exact error term (two-sum for add, {@link Math#fma} for the
 * product, division remainder and square-root remainder); operands are scaled by powers of two so
 * the error term can never underflow. {@link #round} then rounds "nearest double + sign of the
 * remaining error" to the target format, which is exact for every format of at most 53 bits of
 * precision: each of its rounding boundaries is itself a double, so the error sign decides every
 * tie and direction.
 */
public final class SoftFloat {
    private SoftFloat() {}

    // ---------------------------------------------------------------- operands and NaNs

    /**
     * Applies input flushing (denormal → signed zero, INPUT_FLUSHED) or notes a denormal operand.
     * DENORMAL_OPERAND is raised by {@link #finishElement} only when the element raised neither
     * INVALID nor DIV_BY_ZERO and no operand was a NaN.
     */
    static long operand(FloatFormat f, long a, FpStatus st) {
        if (f.isDenormal(a)) {
            if (st.flushInputs) {
                st.flags |= INPUT_FLUSHED;
                return a & f.signBit;
            }
            st.denormalSeen = true;
        }
        return a;
    }

    /** The operand as input flushing reads it, without raising anything. */
    public static long flushedInput(FloatFormat f, long a, FpStatus st) {
        return st.flushInputs && f.isDenormal(a) ? a & f.signBit : a;
    }

    /** Starts one element: returns the flags raised so far and clears the per-element state. */
    static int startElement(FpStatus st) {
        int saved = st.flags;
        st.flags = 0;
        st.denormalSeen = false;
        return saved;
    }

    static long finishElement(FpStatus st, int saved, long result) {
        if (st.denormalSeen && (st.flags & (INVALID | DIV_BY_ZERO)) == 0) st.flags |= DENORMAL_OPERAND;
        st.flags |= saved;
        st.denormalSeen = false;
        return result;
    }

    /** NaN result of a two-operand op where at least one operand is a NaN. */
    static long propagateNaN(FloatFormat f, long a, long b, FpStatus st) {
        boolean sa = f.isSignalingNaN(a), sb = f.isSignalingNaN(b);
        if (sa || sb) st.raise(INVALID);
        st.denormalSeen = false; // a NaN operand outranks a denormal one
        if (st.defaultNaNMode) return st.defaultNaN(f);
        long pick;
        if (st.signalingNaNFirst) pick = sa ? a : sb ? b : f.isNaN(a) ? a : b;
        else pick = f.isNaN(a) ? a : b;
        return f.quiet(pick);
    }

    /** NaN result of a one-operand op on a NaN. */
    static long propagateNaN(FloatFormat f, long a, FpStatus st) {
        if (f.isSignalingNaN(a)) st.raise(INVALID);
        st.denormalSeen = false;
        return st.defaultNaNMode ? st.defaultNaN(f) : f.quiet(a);
    }

    private static long invalid(FloatFormat f, FpStatus st) {
        st.raise(INVALID);
        return st.defaultNaN(f);
    }

    // ---------------------------------------------------------------- rounding

    /**
     * Rounds the exact value {@code ±(v + e) * 2^scale} to format {@code f}, where v is a positive
     * finite double, e is an error smaller than half an ulp of v at 53 bits whose sign is
     * {@code errSign} (0: exact).
     */
    static long round(FloatFormat f, boolean neg, double v, int scale, int errSign, FpStatus st) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52);
        long sig;
        int exp;
        if (biased == 0) {
            long m = bits & FloatFormat.BINARY64.fracMask;
            int lz = Long.numberOfLeadingZeros(m);
            sig = m << lz;
            exp = -1011 - lz;
        } else {
            sig = ((bits & FloatFormat.BINARY64.fracMask) | (1L << 52)) << 11;
            exp = biased - 1023;
        }
        exp += scale;
        boolean sticky = errSign != 0;
        if (errSign < 0) {
            // v - e (0 < e < half ulp at 53 bits) sits strictly between sig-1 and sig for every
            // rounding boundary of a precision <= 53, so "sig-1 plus something" rounds the same.
            sig -= 1;
            if (sig >= 0) { sig = (sig << 1) | 1; exp -= 1; }
        }
        return roundSig(f, neg, sig, exp, sticky, st);
    }

    /**
     * Rounds {@code ±(sig + s) * 2^(exp-63)} where sig has bit 63 set (unsigned) and s, present iff
     * {@code sticky}, lies strictly between 0 and 1. Raises OVERFLOW, UNDERFLOW and INEXACT, and
     * flushes tiny results when the status says so. Underflow (not flushed) is raised for a tiny
     * result only when it is also inexact: the IEEE default for an untrapped underflow.
     */
    static long roundSig(FloatFormat f, boolean neg, long sig, int exp, boolean sticky, FpStatus st) {
        long sign = neg ? f.signBit : 0;
        int drop = 64 - f.precision;
        long kept = sig >>> drop;
        long rem = sig & ((1L << drop) - 1);
        long half = 1L << (drop - 1);
        boolean inexact = rem != 0 || sticky;
        int expU = exp; // exponent after rounding to full precision, exponent range unbounded
        if (Rounding.incrementMagnitude(st.rounding, neg, kept, rem, half, sticky)) {
            kept++;
            if (kept == 1L << f.precision) { kept >>>= 1; expU++; }
        }
        if (expU > f.emax) {
            st.raise(OVERFLOW | INEXACT);
            return sign | (Rounding.overflowsToInfinity(st.rounding, neg) ? f.infinity : f.maxFinite);
        }
        boolean tiny = (st.tininessBeforeRounding ? exp : expU) < f.emin;
        if (tiny && st.flushOutputs) {
            st.raise(st.flushRaisesInexact ? UNDERFLOW | INEXACT : UNDERFLOW);
            return sign;
        }
        if (expU >= f.emin) {
            // Normal after rounding; with tininess before rounding it may still be tiny.
            if (inexact) st.raise(tiny ? UNDERFLOW | INEXACT : INEXACT);
            return sign | ((long) (expU + f.bias) << f.fracBits) | (kept & f.fracMask);
        }
        // Denormal range (tiny after rounding, hence tiny by either rule).
        int shift = drop + (f.emin - exp);
        long kept2, rem2, half2;
        if (shift < 64) {
            kept2 = sig >>> shift;
            rem2 = sig & ((1L << shift) - 1);
            half2 = 1L << (shift - 1);
        } else if (shift == 64) {
            kept2 = 0;
            rem2 = sig; // the whole significand is discarded: compare it against one half
            half2 = Long.MIN_VALUE;
        } else {
            kept2 = 0;
            rem2 = 1; // non-zero, below half
            half2 = 2;
        }
        boolean inexact2 = rem2 != 0 || sticky;
        if (Rounding.incrementMagnitude(st.rounding, neg, kept2, rem2, half2, sticky)) kept2++;
        if (inexact2) st.raise(UNDERFLOW | INEXACT);
        // kept2 == 2^(precision-1) encodes the smallest normal, as it should.
        return sign | kept2;
    }

    private static int exponentOf(double v) {
        int e = Math.getExponent(v);
        if (e == Double.MIN_EXPONENT - 1) {
            long m = Double.doubleToRawLongBits(v) & FloatFormat.BINARY64.fracMask;
            return -1011 - Long.numberOfLeadingZeros(m); // floor(log2 v) of a subnormal
        }
        return e;
    }

    private static int signOf(double e) {
        return e > 0 ? 1 : e < 0 ? -1 : 0;
    }

    /** Sign of the exact two-sum error of {@code s = a + b}. */
    private static int twoSumErrorSign(double a, double b, double s) {
        double bb = s - a;
        return signOf((a - (s - bb)) + (b - bb));
    }

    /** Exact zero of a sum (x + -x, or -0 + +0): -0 only when rounding toward negative. */
    private static long exactZeroSum(FloatFormat f, FpStatus st) {
        return st.rounding == Rounding.DOWN ? f.signBit : 0;
    }

    // ---------------------------------------------------------------- arithmetic

    public static long add(FloatFormat f, long a, long b, FpStatus st) {
        int saved = startElement(st);
        return finishElement(st, saved, addElement(f, a, b, false, st));
    }

    public static long sub(FloatFormat f, long a, long b, FpStatus st) {
        int saved = startElement(st);
        return finishElement(st, saved, addElement(f, a, b, true, st));
    }

    private static long addElement(FloatFormat f, long a, long b, boolean subtract, FpStatus st) {
        a = operand(f, a, st);
        b = operand(f, b, st);
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, st);
        if (subtract) b ^= f.signBit;
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b);
        if (ia || ib) {
            if (ia && ib && ((a ^ b) & f.signBit) != 0) return invalid(f, st);
            return ia ? a : b;
        }
        boolean za = f.isZero(a), zb = f.isZero(b);
        if (za && zb) return ((a ^ b) & f.signBit) == 0 ? a : exactZeroSum(f, st);
        if (za) return finishExact(f, b, st);
        if (zb) return finishExact(f, a, st);
        double x = f.toDouble(a), y = f.toDouble(b);
        double s = x + y;
        int scale = 0;
        if (Double.isInfinite(s)) {
            x *= 0.5;
            y *= 0.5;
            s = x + y;
            scale = 1;
        }
        if (s == 0) return exactZeroSum(f, st);
        int err = twoSumErrorSign(x, y, s);
        boolean neg = s < 0;
        return round(f, neg, Math.abs(s), scale, neg ? -err : err, st);
    }

    /** A finite non-zero operand returned unchanged by an op (x + 0): still subject to flushing. */
    private static long finishExact(FloatFormat f, long a, FpStatus st) {
        double v = f.toDouble(a);
        return round(f, v < 0, Math.abs(v), 0, 0, st);
    }

    public static long mul(FloatFormat f, long a, long b, FpStatus st) {
        int saved = startElement(st);
        return finishElement(st, saved, mulElement(f, a, b, st));
    }

    private static long mulElement(FloatFormat f, long a, long b, FpStatus st) {
        a = operand(f, a, st);
        b = operand(f, b, st);
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, st);
        long sign = (a ^ b) & f.signBit;
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        if ((ia && zb) || (ib && za)) return invalid(f, st);
        if (ia || ib) return sign | f.infinity;
        if (za || zb) return sign;
        double x = Math.abs(f.toDouble(a)), y = Math.abs(f.toDouble(b));
        int ex = exponentOf(x), ey = exponentOf(y);
        x = Math.scalb(x, -ex);
        y = Math.scalb(y, -ey);
        double p = x * y;
        return round(f, sign != 0, p, ex + ey, signOf(Math.fma(x, y, -p)), st);
    }

    public static long div(FloatFormat f, long a, long b, FpStatus st) {
        int saved = startElement(st);
        return finishElement(st, saved, divElement(f, a, b, st));
    }

    private static long divElement(FloatFormat f, long a, long b, FpStatus st) {
        a = operand(f, a, st);
        b = operand(f, b, st);
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, st);
        long sign = (a ^ b) & f.signBit;
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        if ((ia && ib) || (za && zb)) return invalid(f, st);
        if (ia) return sign | f.infinity;
        if (ib) return sign;
        if (zb) {
            st.raise(DIV_BY_ZERO);
            return sign | f.infinity;
        }
        if (za) return sign;
        double x = Math.abs(f.toDouble(a)), y = Math.abs(f.toDouble(b));
        int ex = exponentOf(x), ey = exponentOf(y);
        x = Math.scalb(x, -ex);
        y = Math.scalb(y, -ey);
        double q = x / y;
        return round(f, sign != 0, q, ex - ey, signOf(Math.fma(-q, y, x)), st);
    }

    public static long sqrt(FloatFormat f, long a, FpStatus st) {
        int saved = startElement(st);
        return finishElement(st, saved, sqrtElement(f, a, st));
    }

    private static long sqrtElement(FloatFormat f, long a, FpStatus st) {
        a = operand(f, a, st);
        if (f.isNaN(a)) return propagateNaN(f, a, st);
        if (f.isZero(a)) return a;
        if (f.isNegative(a)) return invalid(f, st);
        if (f.isInfinite(a)) return a;
        double x = f.toDouble(a);
        int ex = exponentOf(x) & ~1;
        x = Math.scalb(x, -ex);
        double r = Math.sqrt(x);
        return round(f, false, r, ex / 2, signOf(Math.fma(-r, r, x)), st);
    }

    // ---------------------------------------------------------------- comparisons

    public static final int LESS = 0, EQUAL = 1, GREATER = 2, UNORDERED = 3;

    /**
     * Compares two operands (after input flushing); a NaN raises INVALID when it is signaling or
     * when {@code signaling} (the IEEE signaling predicates). Returns LESS, EQUAL, GREATER or UNORDERED.
     */
    public static int compare(FloatFormat f, long a, long b, boolean signaling, FpStatus st) {
        int saved = startElement(st);
        a = operand(f, a, st);
        b = operand(f, b, st);
        if (f.isNaN(a) || f.isNaN(b)) {
            if (signaling || f.isSignalingNaN(a) || f.isSignalingNaN(b)) st.raise(INVALID);
            st.denormalSeen = false; // a NaN operand outranks a denormal one
            return (int) finishElement(st, saved, UNORDERED);
        }
        double x = f.toDouble(a), y = f.toDouble(b);
        return (int) finishElement(st, saved, x < y ? LESS : x > y ? GREATER : EQUAL);
    }

    // ---------------------------------------------------------------- conversions

    /**
     * Converts to a {@code width}-bit integer (8..64), signed or unsigned, rounding in direction
     * {@code rounding} (callers pass {@link Rounding#TOWARD_ZERO} for truncating forms or
     * {@code st.rounding}). A NaN gives 0, an infinite or out-of-range value the nearest end of the
     * range, both with INVALID only; otherwise INEXACT when rounding changed the value. Signed
     * results are sign-extended, unsigned ones zero-extended. Architectures with an "integer
     * indefinite" test INVALID and substitute it.
     */
    public static long toInt(FloatFormat f, long a, int width, boolean unsigned, int rounding, FpStatus st) {
        if (f.isDenormal(a) && st.flushInputs) {
            st.raise(INPUT_FLUSHED);
            a &= f.signBit;
        }
        long min = unsigned ? 0 : -1L << (width - 1);
        long max = unsigned ? (width == 64 ? -1L : (1L << width) - 1) : ~min;
        if (f.isNaN(a)) {
            st.raise(INVALID);
            return 0;
        }
        if (f.isInfinite(a)) {
            st.raise(INVALID);
            return f.isNegative(a) ? min : max;
        }
        double x = f.toDouble(a);
        double r = Rounding.roundToIntegral(rounding, x);
        double limit = Math.scalb(1.0, unsigned ? width : width - 1); // first value out of range
        double low = unsigned ? 0 : -limit;
        if (r >= limit || r < low) {
            st.raise(INVALID);
            return r < 0 ? min : max;
        }
        if (r != x) st.raise(INEXACT);
        if (r >= 0x1p63) return (long) (r - 0x1p63) ^ Long.MIN_VALUE; // unsigned 64-bit upper half
        return (long) r;
    }

    /** Signed integer → format, rounded per the status. */
    public static long fromInt(FloatFormat f, long v, FpStatus st) {
        if (v == 0) return 0;
        boolean neg = v < 0;
        long mag = neg ? -v : v; // Long.MIN_VALUE stays 2^63 read unsigned
        int lz = Long.numberOfLeadingZeros(mag);
        return roundSig(f, neg, mag << lz, 63 - lz, false, st);
    }

    /** Unsigned 64-bit integer → format, rounded per the status. */
    public static long fromUnsigned(FloatFormat f, long v, FpStatus st) {
        if (v == 0) return 0;
        int lz = Long.numberOfLeadingZeros(v);
        return roundSig(f, false, v << lz, 63 - lz, false, st);
    }

    /**
     * Format conversion. A NaN keeps its sign and top payload bits (quieted; SNaN raises INVALID)
     * unless default-NaN mode is on; widening is exact, narrowing rounds per the status.
     */
    public static long convert(FloatFormat from, FloatFormat to, long a, FpStatus st) {
        long sign = from.isNegative(a) ? to.signBit : 0;
        if (from.isNaN(a)) {
            if (from.isSignalingNaN(a)) st.raise(INVALID);
            if (st.defaultNaNMode) return st.defaultNaN(to);
            long frac = a & from.fracMask;
            frac = to.fracBits >= from.fracBits ? frac << (to.fracBits - from.fracBits)
                    : frac >>> (from.fracBits - to.fracBits);
            return sign | to.expMask | to.quietBit | frac;
        }
        if (from.isInfinite(a)) return sign | to.infinity;
        int saved = startElement(st);
        a = operand(from, a, st);
        if (from.isZero(a)) return finishElement(st, saved, sign);
        double x = from.toDouble(a);
        return finishElement(st, saved, round(to, x < 0, Math.abs(x), 0, 0, st));
    }
}
