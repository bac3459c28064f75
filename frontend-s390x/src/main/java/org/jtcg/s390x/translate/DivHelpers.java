package org.jtcg.s390x.translate;

import org.jtcg.core.ir.HelperRef;

/** Arithmetic the IR has no op for, as pure helpers. */
public final class DivHelpers {
    private DivHelpers() {}

    static final HelperRef DIVU128 = HelperRef.of(DivHelpers.class, "divu128", HelperRef.PURE);
    static final HelperRef POPCNT_BYTES = HelperRef.of(DivHelpers.class, "popcntBytes", HelperRef.PURE);

    /** Quotient of the unsigned 128-bit hi:lo by y; the caller guarantees hi < y (so it fits 64 bits). */
    public static long divu128(long hi, long lo, long y) {
        if (hi == 0) {
            return Long.divideUnsigned(lo, y);
        }
        java.math.BigInteger n = new java.math.BigInteger(Long.toUnsignedString(hi)).shiftLeft(64)
                .or(new java.math.BigInteger(Long.toUnsignedString(lo)));
        return n.divide(new java.math.BigInteger(Long.toUnsignedString(y))).longValue();
    }

    /** POPCNT (z196): each byte of the result is the number of one bits in that byte of x. */
    public static long popcntBytes(long x) {
        long r = 0;
        for (int i = 0; i < 64; i += 8) {
            r |= (long) Long.bitCount((x >>> i) & 0xff) << i;
        }
        return r;
    }
}
