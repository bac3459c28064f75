package org.jtcg.core.softfloat;

import java.math.BigInteger;

/**
 * An IEEE 754 binary128 encoding as two {@code long}s (the s390x extended BFP register pair, the
 * in-memory order of a big-endian {@code long double}): {@code hi} holds the sign, the 15-bit
 * exponent and the leftmost 48 fraction bits, {@code lo} the rightmost 64 fraction bits. Precision
 * is 113 bits. binary128 is not a {@link FloatFormat} because its encodings do not fit one
 * {@code long}; {@link SoftFloat128} is its arithmetic.
 */
public record Float128(long hi, long lo) {
    public static final int FRAC_BITS = 112;
    public static final int PRECISION = FRAC_BITS + 1;
    public static final int BIAS = 16383;
    /** Unbiased exponent range of normal numbers. */
    public static final int EMIN = 1 - BIAS, EMAX = BIAS;
    /** Masks within {@link #hi}. */
    public static final long SIGN = Long.MIN_VALUE, EXP_MASK = 0x7fff_0000_0000_0000L,
            FRAC_HI_MASK = 0x0000_ffff_ffff_ffffL, QUIET_BIT = 1L << 47;

    public static final Float128 ZERO = new Float128(0, 0);
    public static final Float128 INFINITY = new Float128(EXP_MASK, 0);
    public static final Float128 MAX_FINITE = new Float128(EXP_MASK - (1L << 48) | FRAC_HI_MASK, -1L);

    /** The quiet NaN with only the top fraction bit set. */
    public static Float128 defaultNaN(boolean negative) {
        return new Float128((negative ? SIGN : 0) | EXP_MASK | QUIET_BIT, 0);
    }

    public int biasedExponent() { return (int) ((hi & EXP_MASK) >>> 48); }
    public boolean isNegative() { return hi < 0; }
    private boolean fractionZero() { return (hi & FRAC_HI_MASK) == 0 && lo == 0; }
    public boolean isNaN() { return biasedExponent() == 0x7fff && !fractionZero(); }
    public boolean isSignalingNaN() { return isNaN() && (hi & QUIET_BIT) == 0; }
    public boolean isQuietNaN() { return isNaN() && (hi & QUIET_BIT) != 0; }
    public boolean isInfinite() { return biasedExponent() == 0x7fff && fractionZero(); }
    public boolean isZero() { return (hi & ~SIGN) == 0 && lo == 0; }
    /** Denormal (subnormal, non-zero). */
    public boolean isDenormal() { return biasedExponent() == 0 && !fractionZero(); }

    public Float128 negate() { return new Float128(hi ^ SIGN, lo); }
    public Float128 withSign(boolean negative) { return new Float128(negative ? hi | SIGN : hi & ~SIGN, lo); }
    public Float128 quiet() { return new Float128(hi | QUIET_BIT, lo); }
    /** The signed zero of this value's sign. */
    public Float128 signedZero() { return new Float128(hi & SIGN, 0); }

    /** Integer significand of a finite encoding (the implicit bit included for normals). */
    BigInteger significand() {
        long h = hi & FRAC_HI_MASK;
        if (biasedExponent() != 0) h |= 1L << 48;
        return BigInteger.valueOf(h).shiftLeft(64).or(unsigned(lo));
    }

    /** Exponent of the significand's unit bit: |value| = significand × 2^exponent. */
    int exponent() {
        return Math.max(biasedExponent(), 1) - BIAS - FRAC_BITS;
    }

    static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v & Long.MAX_VALUE);
        return v < 0 ? b.setBit(63) : b;
    }

    /** The encoding of sign, biased exponent field and fraction (a fraction of 2^112 carries into the exponent). */
    static Float128 pack(boolean negative, int biasedExponent, BigInteger fraction) {
        long h = fraction.shiftRight(64).longValue() + ((long) biasedExponent << 48);
        return new Float128((negative ? SIGN : 0) | h, fraction.longValue());
    }

    @Override
    public String toString() {
        return String.format("%016x_%016x", hi, lo);
    }
}
