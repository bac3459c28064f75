package org.jtcg.x86.x87;

import java.math.BigInteger;

/**
 * Elementary functions in binary fixed point: a value v is the BigInteger {@code V = floor(v * 2^F)}
 * for a caller-chosen number of fraction bits F. Every routine returns its result with an absolute
 * error of at most a few hundred units of 2^-F (truncating series, one unit per operation); callers
 * add a generous error bound and round through {@link Transcendental}'s interval check, so these
 * bounds only need to be honest, not tight.
 *
 * <p>Used by the x87 transcendental instructions, which need the exact function value rounded to 64
 * bits; Java's {@code StrictMath} is double precision only.
 */
final class FixedPointMath {
    private FixedPointMath() {}

    /** (a * b) / 2^F, truncated toward zero (so repeated products of a series reach 0 for either sign). */
    static BigInteger mul(BigInteger a, BigInteger b, int f) {
        BigInteger p = a.multiply(b);
        return p.signum() < 0 ? p.negate().shiftRight(f).negate() : p.shiftRight(f);
    }

    /** a / b in fixed point (both fixed point at the same F, or both plain integers): a * 2^F / b. */
    static BigInteger div(BigInteger a, BigInteger b, int f) {
        return a.shiftLeft(f).divide(b);
    }

    /** sin(r) for |r| <= 1 by its Taylor series. */
    static BigInteger sin(BigInteger r, int f) {
        BigInteger r2 = mul(r, r, f);
        BigInteger term = r;
        BigInteger sum = r;
        for (int k = 1; term.signum() != 0; k++) {
            term = mul(term, r2, f).divide(BigInteger.valueOf((2L * k) * (2L * k + 1))).negate();
            sum = sum.add(term);
        }
        return sum;
    }

    /** cos(r) for |r| <= 1 by its Taylor series. */
    static BigInteger cos(BigInteger r, int f) {
        BigInteger r2 = mul(r, r, f);
        BigInteger term = BigInteger.ONE.shiftLeft(f);
        BigInteger sum = term;
        for (int k = 1; term.signum() != 0; k++) {
            term = mul(term, r2, f).divide(BigInteger.valueOf((2L * k - 1) * (2L * k))).negate();
            sum = sum.add(term);
        }
        return sum;
    }

    /** Sum of u^(2k+1) / (2k+1) with alternating signs (atan) or not (atanh), |u| <= 0.5. */
    private static BigInteger oddPowerSeries(BigInteger u, int f, boolean alternate) {
        BigInteger u2 = mul(u, u, f);
        BigInteger power = u;
        BigInteger sum = u;
        for (long k = 3; power.signum() != 0; k += 2) {
            power = mul(power, u2, f);
            if (alternate) {
                power = power.negate();
            }
            sum = sum.add(power.divide(BigInteger.valueOf(k)));
        }
        return sum;
    }

    /** atanh(u) for |u| <= 0.5. */
    static BigInteger atanh(BigInteger u, int f) {
        return oddPowerSeries(u, f, false);
    }

    /**
     * atan(t) for 0 <= t <= 1: two argument halvings t / (1 + sqrt(1 + t^2)) bring t below
     * tan(pi/16) so the series converges in about F/4.6 terms.
     */
    static BigInteger atan(BigInteger t, int f) {
        BigInteger one = BigInteger.ONE.shiftLeft(f);
        int halvings = 0;
        while (t.compareTo(one.shiftRight(3)) > 0 && halvings < 2) {
            BigInteger root = mul(t, t, f).add(one).shiftLeft(f).sqrt(); // sqrt(1 + t^2) at F bits
            t = div(t, one.add(root), f);
            halvings++;
        }
        return oddPowerSeries(t, f, true).shiftLeft(halvings);
    }

    /** e^z - 1 for |z| <= 1 by its Taylor series. */
    static BigInteger expm1(BigInteger z, int f) {
        BigInteger term = z;
        BigInteger sum = z;
        for (int k = 2; term.signum() != 0; k++) {
            term = mul(term, z, f).divide(BigInteger.valueOf(k));
            sum = sum.add(term);
        }
        return sum;
    }

    // ------------------------------------------------------------ constants, cached at the largest F asked

    private static BigInteger piCache = BigInteger.ZERO, ln2Cache = BigInteger.ZERO;
    private static int piBits, ln2Bits;

    /** pi at F fraction bits (Machin: 16 atan(1/5) - 4 atan(1/239)). */
    static synchronized BigInteger pi(int f) {
        if (piBits < f + 8) {
            int w = Math.max(2 * f, 512) + 32;
            BigInteger one = BigInteger.ONE.shiftLeft(w);
            BigInteger a = reciprocalSeries(5, w, true);
            BigInteger b = reciprocalSeries(239, w, true);
            piCache = a.shiftLeft(4).subtract(b.shiftLeft(2));
            piBits = w;
        }
        return piCache.shiftRight(piBits - f);
    }

    /** ln 2 at F fraction bits (2 atanh(1/3)). */
    static synchronized BigInteger ln2(int f) {
        if (ln2Bits < f + 8) {
            int w = Math.max(2 * f, 512) + 32;
            ln2Cache = reciprocalSeries(3, w, false).shiftLeft(1);
            ln2Bits = w;
        }
        return ln2Cache.shiftRight(ln2Bits - f);
    }

    /**
     * atan(1/q) or atanh(1/q) at w bits: the odd-power series with each power obtained by a division
     * by q^2, linear in w per term (the constants are needed at tens of thousands of bits for
     * operands near the ends of the exponent range).
     */
    private static BigInteger reciprocalSeries(long q, int w, boolean alternate) {
        BigInteger q2 = BigInteger.valueOf(q * q);
        BigInteger power = BigInteger.ONE.shiftLeft(w).divide(BigInteger.valueOf(q));
        BigInteger sum = power;
        for (long k = 3; power.signum() != 0; k += 2) {
            power = power.divide(q2);
            BigInteger term = power.divide(BigInteger.valueOf(k));
            sum = alternate && (k & 2) != 0 ? sum.subtract(term) : sum.add(term);
        }
        return sum;
    }

    /** Exponent e with 2^(e-1) <= |v| < 2^e for v = V * 2^-F (V nonzero). */
    static int magnitude(BigInteger v, int f) {
        return v.abs().bitLength() - f;
    }
}
