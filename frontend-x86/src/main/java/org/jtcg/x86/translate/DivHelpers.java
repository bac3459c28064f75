package org.jtcg.x86.translate;

import java.math.BigInteger;

/**
 * 128-by-64-bit division for 64-bit {@code div}/{@code idiv} (pure helpers called from translated
 * code). {@code overflow} is checked first; the quotient/remainder helpers assume it returned 0.
 */
public final class DivHelpers {
    private DivHelpers() {}

    private static final BigInteger TWO64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger unsigned(long hi, long lo) {
        BigInteger h = BigInteger.valueOf(hi).and(TWO64.subtract(BigInteger.ONE));
        BigInteger l = BigInteger.valueOf(lo).and(TWO64.subtract(BigInteger.ONE));
        return h.shiftLeft(64).or(l);
    }

    private static BigInteger signed(long hi, long lo) {
        return BigInteger.valueOf(hi).shiftLeft(64).or(BigInteger.valueOf(lo).and(TWO64.subtract(BigInteger.ONE)));
    }

    /** 1 when rdx:rax / d raises #DE (d = 0 or the quotient needs more than 64 bits). */
    public static long udivOverflow(long hi, long lo, long d) {
        return d == 0 || Long.compareUnsigned(hi, d) >= 0 ? 1 : 0;
    }

    public static long udivQuotient(long hi, long lo, long d) {
        if (hi == 0) {
            return Long.divideUnsigned(lo, d);
        }
        return unsigned(hi, lo).divide(unsigned(0, d)).longValue();
    }

    public static long udivRemainder(long hi, long lo, long d) {
        if (hi == 0) {
            return Long.remainderUnsigned(lo, d);
        }
        return unsigned(hi, lo).remainder(unsigned(0, d)).longValue();
    }

    /** 1 when rdx:rax / d (signed) raises #DE. */
    public static long sdivOverflow(long hi, long lo, long d) {
        if (d == 0) {
            return 1;
        }
        if (hi == (lo >> 63)) {
            return lo == Long.MIN_VALUE && d == -1 ? 1 : 0;
        }
        BigInteger q = signed(hi, lo).divide(BigInteger.valueOf(d));
        return q.bitLength() > 63 ? 1 : 0;
    }

    public static long sdivQuotient(long hi, long lo, long d) {
        if (hi == (lo >> 63)) {
            return lo / d;
        }
        return signed(hi, lo).divide(BigInteger.valueOf(d)).longValue();
    }

    public static long sdivRemainder(long hi, long lo, long d) {
        if (hi == (lo >> 63)) {
            return lo % d;
        }
        return signed(hi, lo).remainder(BigInteger.valueOf(d)).longValue();
    }
}
