package org.jtcg.core.softfloat;

import java.math.BigInteger;

import static org.jtcg.core.softfloat.FpFlags.DIV_BY_ZERO;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INPUT_FLUSHED;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.OVERFLOW;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;

/**
 * IEEE 754 binary128 arithmetic ({@link Float128}) under an {@link FpStatus}, with the same rules as
 * {@link SoftFloat} for binary16/32/64: every rounding direction, flushing, default NaN, both NaN
 * propagation rules, tininess before or after rounding, cumulative flags.
 *
 * <p>The double-based exact path of {@link SoftFloat} cannot hold 113-bit significands, so every
 * result here is formed exactly as a {@link BigInteger} significand times a power of two (plus a
 * sticky bit for the quotient and square-root remainders) and rounded once by {@link #round}. This is
 * a slow path by design (s390x {@code long double}); the binary16/32/64 code is untouched by it.
 */
public final class SoftFloat128 {
    private SoftFloat128() {}

    private static final BigInteger IMPLICIT = BigInteger.ONE.shiftLeft(Float128.FRAC_BITS);

    // ---------------------------------------------------------------- operands and NaNs

    private static Float128 operand(Float128 a, FpStatus st) {
        if (a.isDenormal()) {
            if (st.flushInputs) {
                st.flags |= INPUT_FLUSHED;
                return a.signedZero();
            }
            st.denormalSeen = true;
        }
        return a;
    }

    private static Float128 propagateNaN(Float128 a, Float128 b, FpStatus st) {
        boolean sa = a.isSignalingNaN(), sb = b.isSignalingNaN();
        if (sa || sb) st.raise(INVALID);
        st.denormalSeen = false;
        if (st.defaultNaNMode) return Float128.defaultNaN(st.negativeDefaultNaN);
        Float128 pick;
        if (st.signalingNaNFirst) pick = sa ? a : sb ? b : a.isNaN() ? a : b;
        else pick = a.isNaN() ? a : b;
        return pick.quiet();
    }

    private static Float128 propagateNaN(Float128 a, FpStatus st) {
        if (a.isSignalingNaN()) st.raise(INVALID);
        st.denormalSeen = false;
        return st.defaultNaNMode ? Float128.defaultNaN(st.negativeDefaultNaN) : a.quiet();
    }

    private static Float128 invalid(FpStatus st) {
        st.raise(INVALID);
        return Float128.defaultNaN(st.negativeDefaultNaN);
    }

    /** Exact zero of a sum (x + -x, or -0 + +0): -0 only when rounding toward negative. */
    private static Float128 exactZeroSum(FpStatus st) {
        return st.rounding == Rounding.DOWN ? Float128.ZERO.negate() : Float128.ZERO;
    }

    // ---------------------------------------------------------------- rounding

    /**
     * Rounds {@code ±(mag + s) × 2^exp} to binary128, where mag > 0 and s, present iff {@code sticky},
     * lies strictly between 0 and 1 (callers keep at least two bits below the 113 kept ones when s is
     * present). Raises OVERFLOW, UNDERFLOW and INEXACT and flushes tiny results as {@link SoftFloat}
     * does: underflow (not flushed) only for a tiny result that is also inexact.
     */
    static Float128 round(boolean neg, BigInteger mag, int exp, boolean sticky, FpStatus st) {
        int n = mag.bitLength();
        int e = exp + n - 1; // exponent of the leading bit
        boolean[] inexact = new boolean[1];
        BigInteger kept = roundTo(neg, mag, n - Float128.PRECISION, sticky, st.rounding, inexact);
        int expU = e; // exponent after rounding to full precision, exponent range unbounded
        if (kept.bitLength() > Float128.PRECISION) {
            kept = kept.shiftRight(1);
            expU++;
        }
        if (expU > Float128.EMAX) {
            st.raise(OVERFLOW | INEXACT);
            return (Rounding.overflowsToInfinity(st.rounding, neg) ? Float128.INFINITY : Float128.MAX_FINITE).withSign(neg);
        }
        boolean tiny = (st.tininessBeforeRounding ? e : expU) < Float128.EMIN;
        if (tiny && st.flushOutputs) {
            st.raise(st.flushRaisesInexact ? UNDERFLOW | INEXACT : UNDERFLOW);
            return Float128.ZERO.withSign(neg);
        }
        if (expU >= Float128.EMIN) {
            if (inexact[0]) st.raise(tiny ? UNDERFLOW | INEXACT : INEXACT);
            return Float128.pack(neg, expU + Float128.BIAS, kept.subtract(IMPLICIT));
        }
        // Denormal range: keep the bits at or above 2^(EMIN - 112).
        BigInteger kept2 = roundTo(neg, mag, Float128.EMIN - Float128.FRAC_BITS - exp, sticky, st.rounding, inexact);
        if (inexact[0]) st.raise(UNDERFLOW | INEXACT);
        // kept2 == 2^112 carries into the exponent field: the smallest normal, as it should.
        return Float128.pack(neg, 0, kept2);
    }

    /**
     * {@code mag} (plus the sticky fraction) shifted right by {@code shift} bits and rounded to an
     * integer in the given direction; {@code inexact[0]} says whether anything was discarded.
     */
    private static BigInteger roundTo(boolean neg, BigInteger mag, int shift, boolean sticky, int rounding,
                                      boolean[] inexact) {
        if (shift <= 0) {
            inexact[0] = sticky;
            BigInteger kept = mag.shiftLeft(-shift);
            // nothing discarded but the sticky fraction, which callers keep below half a unit of kept
            return Rounding.incrementMagnitude(rounding, neg, kept.testBit(0) ? 1 : 0, sticky ? 1 : 0, 2, false)
                    ? kept.add(BigInteger.ONE) : kept;
        }
        BigInteger kept = mag.shiftRight(shift);
        boolean remNonZero = mag.getLowestSetBit() < shift;
        int cmpHalf;
        if (shift > mag.bitLength() + 1) {
            cmpHalf = -1; // everything discarded is far below half a unit
        } else {
            BigInteger rem = mag.subtract(kept.shiftLeft(shift));
            cmpHalf = rem.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
        }
        inexact[0] = remNonZero || sticky;
        // The discarded part as Rounding sees it: 0 none, 1 below half, 2 exactly half, 3 above half.
        long rem = cmpHalf < 0 ? (remNonZero ? 1 : 0) : cmpHalf == 0 ? 2 : 3;
        return Rounding.incrementMagnitude(rounding, neg, kept.testBit(0) ? 1 : 0, rem, 2, sticky)
                ? kept.add(BigInteger.ONE) : kept;
    }

    /** A finite operand returned unchanged by an op (x + 0): still subject to output flushing. */
    private static Float128 finishExact(Float128 a, FpStatus st) {
        return round(a.isNegative(), a.significand(), a.exponent(), false, st);
    }

    private static BigInteger signed(Float128 a) {
        BigInteger m = a.significand();
        return a.isNegative() ? m.negate() : m;
    }

    /** Rounds a signed exact value {@code v × 2^exp}; an exact zero is the zero of a sum. */
    private static Float128 roundSigned(BigInteger v, int exp, FpStatus st) {
        if (v.signum() == 0) return exactZeroSum(st);
        return round(v.signum() < 0, v.abs(), exp, false, st);
    }

    // ---------------------------------------------------------------- arithmetic

    public static Float128 add(Float128 a, Float128 b, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return SoftFloat128.finish(st, saved, addElement(a, b, false, st));
    }

    public static Float128 sub(Float128 a, Float128 b, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return SoftFloat128.finish(st, saved, addElement(a, b, true, st));
    }

    private static Float128 finish(FpStatus st, int saved, Float128 r) {
        SoftFloat.finishElement(st, saved, 0);
        return r;
    }

    private static Float128 addElement(Float128 a, Float128 b, boolean subtract, FpStatus st) {
        a = operand(a, st);
        b = operand(b, st);
        if (a.isNaN() || b.isNaN()) return propagateNaN(a, b, st);
        if (subtract) b = b.negate();
        boolean ia = a.isInfinite(), ib = b.isInfinite();
        if (ia || ib) {
            if (ia && ib && a.isNegative() != b.isNegative()) return invalid(st);
            return ia ? a : b;
        }
        boolean za = a.isZero(), zb = b.isZero();
        if (za && zb) return a.isNegative() == b.isNegative() ? a : exactZeroSum(st);
        if (za) return finishExact(b, st);
        if (zb) return finishExact(a, st);
        int ea = a.exponent(), eb = b.exponent(), e = Math.min(ea, eb);
        return roundSigned(signed(a).shiftLeft(ea - e).add(signed(b).shiftLeft(eb - e)), e, st);
    }

    public static Float128 mul(Float128 a, Float128 b, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return finish(st, saved, mulElement(a, b, st));
    }

    private static Float128 mulElement(Float128 a, Float128 b, FpStatus st) {
        a = operand(a, st);
        b = operand(b, st);
        if (a.isNaN() || b.isNaN()) return propagateNaN(a, b, st);
        boolean neg = a.isNegative() != b.isNegative();
        boolean ia = a.isInfinite(), ib = b.isInfinite(), za = a.isZero(), zb = b.isZero();
        if ((ia && zb) || (ib && za)) return invalid(st);
        if (ia || ib) return Float128.INFINITY.withSign(neg);
        if (za || zb) return Float128.ZERO.withSign(neg);
        return round(neg, a.significand().multiply(b.significand()), a.exponent() + b.exponent(), false, st);
    }

    public static Float128 div(Float128 a, Float128 b, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return finish(st, saved, divElement(a, b, st));
    }

    private static Float128 divElement(Float128 a, Float128 b, FpStatus st) {
        a = operand(a, st);
        b = operand(b, st);
        if (a.isNaN() || b.isNaN()) return propagateNaN(a, b, st);
        boolean neg = a.isNegative() != b.isNegative();
        boolean ia = a.isInfinite(), ib = b.isInfinite(), za = a.isZero(), zb = b.isZero();
        if ((ia && ib) || (za && zb)) return invalid(st);
        if (ia) return Float128.INFINITY.withSign(neg);
        if (ib) return Float128.ZERO.withSign(neg);
        if (zb) {
            st.raise(DIV_BY_ZERO);
            return Float128.INFINITY.withSign(neg);
        }
        if (za) return Float128.ZERO.withSign(neg);
        BigInteger ma = a.significand(), mb = b.significand();
        // a quotient of at least 116 bits keeps the remainder's sticky fraction below the guard bits
        int k = Math.max(0, 116 - ma.bitLength() + mb.bitLength());
        BigInteger[] qr = ma.shiftLeft(k).divideAndRemainder(mb);
        return round(neg, qr[0], a.exponent() - b.exponent() - k, qr[1].signum() != 0, st);
    }

    public static Float128 sqrt(Float128 a, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return finish(st, saved, sqrtElement(a, st));
    }

    private static Float128 sqrtElement(Float128 a, FpStatus st) {
        a = operand(a, st);
        if (a.isNaN()) return propagateNaN(a, st);
        if (a.isZero()) return a;
        if (a.isNegative()) return invalid(st);
        if (a.isInfinite()) return a;
        BigInteger m = a.significand();
        int e = a.exponent();
        if ((e & 1) != 0) {
            m = m.shiftLeft(1);
            e--;
        }
        // a root of at least 116 bits: the radicand needs at least 231
        int k = Math.max(0, (232 - m.bitLength() + 1) / 2);
        BigInteger x = m.shiftLeft(2 * k);
        BigInteger r = x.sqrt();
        return round(false, r, e / 2 - k, !r.multiply(r).equals(x), st);
    }

    /**
     * Fused multiply-add {@code a × b + c}, one rounding, with {@link FusedMultiplyAdd}'s NaN rules
     * (FMA_ADDEND_NAN_FIRST, FMA_INF_ZERO_QNAN_INVALID).
     */
    public static Float128 fma(Float128 a, Float128 b, Float128 c, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        return finish(st, saved, fmaElement(a, b, c, st));
    }

    private static Float128 fmaElement(Float128 a, Float128 b, Float128 c, FpStatus st) {
        a = operand(a, st);
        b = operand(b, st);
        c = operand(c, st);
        boolean ia = a.isInfinite(), ib = b.isInfinite(), za = a.isZero(), zb = b.isZero();
        boolean infTimesZero = (ia && zb) || (za && ib);
        if (a.isNaN() || b.isNaN() || c.isNaN()) {
            if (infTimesZero && c.isQuietNaN() && st.fmaInfZeroQNaNInvalid) {
                st.denormalSeen = false;
                return invalid(st);
            }
            return st.fmaAddendNaNFirst ? propagateNaN3(c, a, b, st) : propagateNaN3(a, b, c, st);
        }
        boolean negP = a.isNegative() != b.isNegative();
        boolean infP = ia || ib, ic = c.isInfinite();
        if (infTimesZero || (infP && ic && negP != c.isNegative())) return invalid(st);
        if (infP) return Float128.INFINITY.withSign(negP);
        if (ic) return c;
        boolean zeroP = za || zb, zc = c.isZero();
        if (zeroP && zc) return negP == c.isNegative() ? c : exactZeroSum(st);
        if (zeroP) return finishExact(c, st);
        BigInteger p = a.significand().multiply(b.significand());
        if (negP) p = p.negate();
        int ep = a.exponent() + b.exponent();
        if (zc) return roundSigned(p, ep, st);
        int ec = c.exponent(), e = Math.min(ep, ec);
        return roundSigned(p.shiftLeft(ep - e).add(signed(c).shiftLeft(ec - e)), e, st);
    }

    private static Float128 propagateNaN3(Float128 x, Float128 y, Float128 z, FpStatus st) {
        boolean sx = x.isSignalingNaN(), sy = y.isSignalingNaN(), sz = z.isSignalingNaN();
        if (sx || sy || sz) st.raise(INVALID);
        st.denormalSeen = false;
        if (st.defaultNaNMode) return Float128.defaultNaN(st.negativeDefaultNaN);
        Float128 pick;
        if (st.signalingNaNFirst && (sx || sy || sz)) pick = sx ? x : sy ? y : z;
        else pick = x.isNaN() ? x : y.isNaN() ? y : z;
        return pick.quiet();
    }

    // ---------------------------------------------------------------- comparison and integral values

    /**
     * Compares two operands (after input flushing); a NaN raises INVALID when it is signaling or when
     * {@code signaling}. Returns {@link SoftFloat#LESS}, EQUAL, GREATER or UNORDERED.
     */
    public static int compare(Float128 a, Float128 b, boolean signaling, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        a = operand(a, st);
        b = operand(b, st);
        int r;
        if (a.isNaN() || b.isNaN()) {
            if (signaling || a.isSignalingNaN() || b.isSignalingNaN()) st.raise(INVALID);
            st.denormalSeen = false;
            r = SoftFloat.UNORDERED;
        } else if (a.isZero() && b.isZero()) {
            r = SoftFloat.EQUAL;
        } else if (a.isNegative() != b.isNegative()) {
            r = a.isNegative() ? SoftFloat.LESS : SoftFloat.GREATER;
        } else {
            long ah = a.hi() & ~Float128.SIGN, bh = b.hi() & ~Float128.SIGN;
            int mag = ah != bh ? Long.compare(ah, bh) : Long.compareUnsigned(a.lo(), b.lo());
            if (a.isNegative()) mag = -mag;
            r = mag < 0 ? SoftFloat.LESS : mag > 0 ? SoftFloat.GREATER : SoftFloat.EQUAL;
        }
        return (int) SoftFloat.finishElement(st, saved, r);
    }

    /**
     * Rounds to an integral value in the same format in direction {@code rounding}, raising INEXACT
     * when the value changed (IEEE roundToIntegralExact; callers clear INEXACT for the non-signalling
     * forms). A zero result keeps the operand's sign; NaNs propagate.
     */
    public static Float128 roundToIntegral(Float128 a, int rounding, FpStatus st) {
        int saved = SoftFloat.startElement(st);
        a = operand(a, st);
        if (a.isNaN()) return finish(st, saved, propagateNaN(a, st));
        if (a.isInfinite() || a.isZero() || a.exponent() >= 0) return finish(st, saved, a);
        boolean[] inexact = new boolean[1];
        BigInteger i = roundTo(a.isNegative(), a.significand(), -a.exponent(), false, rounding, inexact);
        if (inexact[0]) st.raise(INEXACT);
        Float128 r = i.signum() == 0 ? a.signedZero() : round(a.isNegative(), i, 0, false, st);
        return finish(st, saved, r);
    }

    // ---------------------------------------------------------------- conversions

    /**
     * To a {@code width}-bit integer (8..64), signed or unsigned, rounded in direction {@code rounding},
     * with {@link SoftFloat#toInt}'s results: 0 for a NaN, the nearest end of the range for an infinite
     * or out-of-range value (INVALID only), INEXACT when rounding changed the value.
     */
    public static long toInt(Float128 a, int width, boolean unsigned, int rounding, FpStatus st) {
        if (a.isDenormal() && st.flushInputs) {
            st.raise(INPUT_FLUSHED);
            a = a.signedZero();
        }
        long min = unsigned ? 0 : -1L << (width - 1);
        long max = unsigned ? (width == 64 ? -1L : (1L << width) - 1) : ~min;
        if (a.isNaN()) {
            st.raise(INVALID);
            return 0;
        }
        if (a.isInfinite()) {
            st.raise(INVALID);
            return a.isNegative() ? min : max;
        }
        if (a.isZero()) return 0;
        boolean neg = a.isNegative();
        BigInteger m = a.significand();
        int e = a.exponent();
        boolean[] inexact = new boolean[1];
        BigInteger i = e >= 0 ? m.shiftLeft(Math.min(e, 128)) : roundTo(neg, m, -e, false, rounding, inexact);
        if (neg) i = i.negate();
        BigInteger lo = unsigned ? BigInteger.ZERO : BigInteger.valueOf(min);
        BigInteger hi = unsigned ? Float128.unsigned(max) : BigInteger.valueOf(max);
        if (i.compareTo(lo) < 0 || i.compareTo(hi) > 0) {
            st.raise(INVALID);
            return neg ? min : max;
        }
        if (inexact[0]) st.raise(INEXACT);
        return i.longValue();
    }

    /** Signed 64-bit integer → binary128 (always exact). */
    public static Float128 fromInt(long v, FpStatus st) {
        if (v == 0) return Float128.ZERO;
        BigInteger b = BigInteger.valueOf(v);
        return round(v < 0, b.abs(), 0, false, st);
    }

    /** Unsigned 64-bit integer → binary128 (always exact). */
    public static Float128 fromUnsigned(long v, FpStatus st) {
        if (v == 0) return Float128.ZERO;
        return round(false, Float128.unsigned(v), 0, false, st);
    }

    /**
     * Widening from binary16/32/64 (exact). A NaN keeps its sign and payload (quieted; SNaN raises
     * INVALID) unless default-NaN mode is on; a denormal source is flushed under FLUSH_INPUTS.
     */
    public static Float128 widen(FloatFormat from, long a, FpStatus st) {
        boolean neg = from.isNegative(a);
        if (from.isNaN(a)) {
            if (from.isSignalingNaN(a)) st.raise(INVALID);
            if (st.defaultNaNMode) return Float128.defaultNaN(st.negativeDefaultNaN);
            BigInteger frac = BigInteger.valueOf(a & from.fracMask).shiftLeft(Float128.FRAC_BITS - from.fracBits);
            return Float128.pack(neg, 0x7fff, frac).quiet();
        }
        if (from.isInfinite(a)) return Float128.INFINITY.withSign(neg);
        int saved = SoftFloat.startElement(st);
        a = SoftFloat.operand(from, a, st);
        if (from.isZero(a)) return finish(st, saved, Float128.ZERO.withSign(neg));
        long frac = a & from.fracMask;
        int biased = (int) ((a & from.expMask) >>> from.fracBits);
        long sig = biased == 0 ? frac : frac | (1L << from.fracBits);
        int exp = Math.max(biased, 1) - from.bias - from.fracBits;
        return finish(st, saved, round(neg, BigInteger.valueOf(sig), exp, false, st));
    }

    /**
     * Narrowing to binary16/32/64, rounded per the status. A NaN keeps its sign and the top fraction
     * bits (quieted; SNaN raises INVALID) unless default-NaN mode is on.
     */
    public static long narrow(Float128 a, FloatFormat to, FpStatus st) {
        long sign = a.isNegative() ? to.signBit : 0;
        if (a.isNaN()) {
            if (a.isSignalingNaN()) st.raise(INVALID);
            if (st.defaultNaNMode) return st.defaultNaN(to);
            long top = (a.hi() << 16) | (a.lo() >>> 48); // the leftmost 64 fraction bits
            return sign | to.expMask | to.quietBit | (top >>> (64 - to.fracBits));
        }
        if (a.isInfinite()) return sign | to.infinity;
        int saved = SoftFloat.startElement(st);
        a = operand(a, st);
        if (a.isZero()) return SoftFloat.finishElement(st, saved, sign);
        BigInteger m = a.significand();
        int n = m.bitLength();
        long sig = n > 64 ? m.shiftRight(n - 64).longValue() : m.longValue() << (64 - n);
        boolean sticky = n > 64 && m.getLowestSetBit() < n - 64;
        return SoftFloat.finishElement(st, saved, SoftFloat.roundSig(to, a.isNegative(), sig, a.exponent() + n - 1, sticky, st));
    }
}
