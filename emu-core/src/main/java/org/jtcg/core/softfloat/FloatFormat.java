package org.jtcg.core.softfloat;

/**
 * An IEEE 754 binary interchange format whose encodings fit the low bits of a {@code long}:
 * binary16, binary32 or binary64. Formats are compared by identity.
 *
 * <p>{@link SoftFloat} computes every result as a host double plus the sign of an exact error
 * term and rounds that once, which is exact only while every rounding boundary of the format is
 * itself a double, i.e. for precisions up to 53 bits. binary128 (s390x) needs a 128-bit
 * significand path instead; see docs/softfloat.md.
 */
public final class FloatFormat {
    public static final FloatFormat BINARY16 = new FloatFormat("binary16", 5, 10);
    public static final FloatFormat BINARY32 = new FloatFormat("binary32", 8, 23);
    public static final FloatFormat BINARY64 = new FloatFormat("binary64", 11, 52);

    private final String name;
    /** Encoding width in bits. */
    public final int width;
    /** Stored fraction bits; precision is {@code fracBits + 1}. */
    public final int fracBits;
    public final int precision;
    public final int bias;
    /** Unbiased exponent range of normal numbers. */
    public final int emin, emax;
    public final long signBit, expMask, fracMask, quietBit;
    /** Largest finite magnitude and positive infinity. */
    public final long maxFinite, infinity;
    /** Every bit of an encoding (the all-ones mask of a vector lane). */
    public final long allBits;

    private FloatFormat(String name, int expBits, int fracBits) {
        this.name = name;
        this.width = 1 + expBits + fracBits;
        this.fracBits = fracBits;
        this.precision = fracBits + 1;
        this.bias = (1 << (expBits - 1)) - 1;
        this.emin = 1 - bias;
        this.emax = bias;
        this.signBit = 1L << (expBits + fracBits);
        this.fracMask = (1L << fracBits) - 1;
        this.expMask = ((1L << expBits) - 1) << fracBits;
        this.quietBit = 1L << (fracBits - 1);
        this.infinity = expMask;
        this.maxFinite = expMask - 1;
        this.allBits = signBit | expMask | fracMask;
    }

    public boolean isNaN(long bits) { return (bits & expMask) == expMask && (bits & fracMask) != 0; }
    public boolean isSignalingNaN(long bits) { return isNaN(bits) && (bits & quietBit) == 0; }
    public boolean isQuietNaN(long bits) { return isNaN(bits) && (bits & quietBit) != 0; }
    public boolean isInfinite(long bits) { return (bits & ~signBit & allBits) == infinity; }
    public boolean isZero(long bits) { return (bits & ~signBit & allBits) == 0; }
    /** Denormal (subnormal, non-zero). */
    public boolean isDenormal(long bits) { return (bits & expMask) == 0 && (bits & fracMask) != 0; }
    public boolean isNegative(long bits) { return (bits & signBit) != 0; }
    public long quiet(long bits) { return bits | quietBit; }

    /** The quiet NaN with only the top fraction bit set, positive or negative. */
    public long defaultNaN(boolean negative) {
        return (negative ? signBit : 0) | expMask | quietBit;
    }

    /** Exact value of a finite encoding as a double (every finite value of these formats is one). */
    public double toDouble(long bits) {
        if (this == BINARY64) return Double.longBitsToDouble(bits);
        if (this == BINARY32) return Float.intBitsToFloat((int) bits);
        long frac = bits & fracMask;
        int biased = (int) ((bits & expMask) >>> fracBits);
        double mag = biased == 0 ? Math.scalb((double) frac, emin - fracBits)
                : Math.scalb((double) (frac | (1L << fracBits)), biased - bias - fracBits);
        return isNegative(bits) ? -mag : mag;
    }

    @Override
    public String toString() { return name; }
}
