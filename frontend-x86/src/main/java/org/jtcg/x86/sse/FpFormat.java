package org.jtcg.x86.sse;

/**
 * An IEEE binary interchange format as SSE stores it: single (32-bit) or double (64-bit).
 * Encodings are carried in the low bits of a {@code long}.
 */
public final class FpFormat {
    public static final FpFormat SINGLE = new FpFormat(8, 23);
    public static final FpFormat DOUBLE = new FpFormat(11, 52);

    /** Stored fraction bits; precision is {@code fracBits + 1}. */
    public final int fracBits;
    public final int precision;
    public final int bias;
    /** Unbiased exponent range of normal numbers. */
    public final int emin, emax;
    public final long signBit, expMask, fracMask, quietBit;
    /** Maximum finite magnitude, infinity and the "QNaN floating-point indefinite". */
    public final long maxFinite, infinity, defaultNaN;
    public final long allBits;

    private FpFormat(int expBits, int fracBits) {
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
        this.defaultNaN = signBit | expMask | quietBit;
        this.allBits = signBit | expMask | fracMask;
    }

    public boolean isNaN(long bits) { return (bits & expMask) == expMask && (bits & fracMask) != 0; }
    public boolean isSignalingNaN(long bits) { return isNaN(bits) && (bits & quietBit) == 0; }
    public boolean isInfinite(long bits) { return (bits & ~signBit & allBits) == infinity; }
    public boolean isZero(long bits) { return (bits & ~signBit & allBits) == 0; }
    /** Denormal (subnormal, non-zero). */
    public boolean isDenormal(long bits) { return (bits & expMask) == 0 && (bits & fracMask) != 0; }
    public boolean isNegative(long bits) { return (bits & signBit) != 0; }
    public long quiet(long bits) { return bits | quietBit; }

    /** Exact value of a finite encoding as a double (singles widen exactly). */
    public double toDouble(long bits) {
        return this == SINGLE ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
    }

    @Override
    public String toString() { return this == SINGLE ? "single" : "double"; }
}
