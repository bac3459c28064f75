package org.jtcg.core.softfloat;

import java.math.BigInteger;

/**
 * The exact-sum step of {@link FusedMultiplyAdd} as it was before {@link ExactProductSum}: the product and the
 * addend as {@link BigInteger}s at the smaller exponent, added, the top 64 bits and a sticky bit taken. Kept
 * as the oracle that the 128-bit path must match bit for bit (result and flags) in every configuration.
 * Covers finite, non-zero-sum operands only: callers handle NaN, infinity and zero operands first.
 */
final class BigIntegerFmaReference {
    private BigIntegerFmaReference() {}

    static long round(FloatFormat f, boolean negP, long ma, long mb, int ep, boolean negC, long mc, int ec,
                      int scale, FpStatus st) {
        BigInteger p = BigInteger.valueOf(ma).multiply(BigInteger.valueOf(mb));
        if (negP) p = p.negate();
        BigInteger q = BigInteger.valueOf(negC ? -mc : mc);
        boolean zeroP = p.signum() == 0, zc = mc == 0;
        int e = Math.min(zeroP ? Integer.MAX_VALUE : ep, zc ? Integer.MAX_VALUE : ec);
        if (!zeroP) p = p.shiftLeft(ep - e);
        if (!zc) q = q.shiftLeft(ec - e);
        BigInteger sum = p.add(q);
        if (sum.signum() == 0) return FusedMultiplyAdd.zeroSum(f, st);
        boolean neg = sum.signum() < 0;
        BigInteger mag = sum.abs();
        int n = mag.bitLength();
        long sig;
        boolean sticky;
        if (n > 64) {
            sig = mag.shiftRight(n - 64).longValue();
            sticky = mag.getLowestSetBit() < n - 64;
        } else {
            sig = mag.longValue() << (64 - n);
            sticky = false;
        }
        return SoftFloat.roundSig(f, neg, sig, e + n - 1 + scale, sticky, st);
    }
}
