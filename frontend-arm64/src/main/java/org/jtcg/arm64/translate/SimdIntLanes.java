package org.jtcg.arm64.translate;

import org.jtcg.arm64.fp.ArmFpEstimate;

import java.math.BigInteger;

/**
 * AdvSIMD integer lane arithmetic beyond {@link SimdHelpers}: saturating, halving, rounding,
 * absolute-difference, doubling-multiply-high, polynomial and narrowing operations on 64-bit halves
 * of vector registers (lanes of {@code 8 << esize} bits, lane 0 lowest). Every helper is pure and
 * takes {@code wantQc}: 0 returns the result, 1 returns FPSR.QC ({@link #QC}) when any lane
 * saturated and 0 otherwise, so translated code ORs the flag into FPSR without a helper that writes
 * CPU state.
 */
public final class SimdIntLanes {
    private SimdIntLanes() {}

    /** FPSR.QC, the cumulative saturation bit. */
    public static final long QC = 1L << 27;

    // binary lane ops (a = first operand or accumulator, b = second operand or per-lane shift count)
    public static final int SQADD = 0, UQADD = 1, SQSUB = 2, UQSUB = 3, SHADD = 4, UHADD = 5, SRHADD = 6, URHADD = 7,
            SHSUB = 8, UHSUB = 9, SABD = 10, UABD = 11, SQSHL = 12, UQSHL = 13, SRSHL = 14, URSHL = 15, SQRSHL = 16,
            UQRSHL = 17, SQDMULH = 18, SQRDMULH = 19, PMUL = 20, SUQADD = 21, USQADD = 22, SQSHLU = 23, SQDMULL = 24,
            SQABS = 25, SQNEG = 26;

    // narrowing kinds (bits)
    public static final int SRC_SIGNED = 1, ROUND = 2, SAT_SIGNED = 4, SAT_UNSIGNED = 8;

    private static long sx(long v, int bits) {
        return bits == 64 ? v : v << (64 - bits) >> (64 - bits);
    }

    private static long mask(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    /** Lane results carry saturation out of band in this per-call holder. */
    private static final class Sat {
        boolean hit;

        long signed(long v, int bits) { // v exact, bits < 64
            long max = (1L << (bits - 1)) - 1, min = -max - 1;
            if (v > max) { hit = true; return max; }
            if (v < min) { hit = true; return min; }
            return v;
        }

        long unsigned(long v, int bits) { // v exact (signed), bits < 64
            long max = (1L << bits) - 1;
            if (v > max) { hit = true; return max; }
            if (v < 0) { hit = true; return 0; }
            return v;
        }

        long big(BigInteger v, int bits, boolean signedResult) {
            BigInteger max = signedResult ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
            BigInteger min = signedResult ? max.negate().subtract(BigInteger.ONE) : BigInteger.ZERO;
            if (v.compareTo(max) > 0) { hit = true; return max.longValue(); }
            if (v.compareTo(min) < 0) { hit = true; return min.longValue(); }
            return v.longValue();
        }
    }

    private static BigInteger big(long v, boolean unsigned) {
        BigInteger b = BigInteger.valueOf(v);
        return unsigned && v < 0 ? b.add(BigInteger.ONE.shiftLeft(64)) : b;
    }

    /** One binary op on every lane of a and b; see the class comment for wantQc. */
    public static long binary(int op, int esize, long a, long b, int wantQc) {
        int bits = 8 << esize;
        long m = mask(bits), r = 0;
        Sat sat = new Sat();
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (a >>> sh) & m, y = (b >>> sh) & m;
            r |= (lane(op, bits, x, y, sat) & m) << sh;
        }
        return wantQc != 0 ? (sat.hit ? QC : 0) : r;
    }

    private static long lane(int op, int bits, long x, long y, Sat sat) {
        long sxx = sx(x, bits), sxy = sx(y, bits);
        boolean wide = bits == 64;
        return switch (op) {
            case SQADD -> wide ? sat.big(big(x, false).add(big(y, false)), 64, true) : sat.signed(sxx + sxy, bits);
            case UQADD -> wide ? sat.big(big(x, true).add(big(y, true)), 64, false) : sat.unsigned(x + y, bits);
            case SQSUB -> wide ? sat.big(big(x, false).subtract(big(y, false)), 64, true) : sat.signed(sxx - sxy, bits);
            case UQSUB -> wide ? sat.big(big(x, true).subtract(big(y, true)), 64, false) : sat.unsigned(x - y, bits);
            case SUQADD -> wide ? sat.big(big(x, false).add(big(y, true)), 64, true) : sat.signed(sxx + y, bits);
            case USQADD -> wide ? sat.big(big(x, true).add(big(y, false)), 64, false) : sat.unsigned(x + sxy, bits);
            case SHADD -> (sxx + sxy) >> 1;
            case UHADD -> (x + y) >>> 1;
            case SRHADD -> (sxx + sxy + 1) >> 1;
            case URHADD -> (x + y + 1) >>> 1;
            case SHSUB -> (sxx - sxy) >> 1;
            case UHSUB -> (x - y) >> 1;
            case SABD -> Math.abs(sxx - sxy);
            case UABD -> Math.abs(x - y);
            case SQSHL, UQSHL, SRSHL, URSHL, SQRSHL, UQRSHL, SQSHLU -> shift(op, bits, x, sxx, (byte) y, sat);
            case SQDMULH, SQRDMULH -> {
                long min = -(1L << (bits - 1));
                if (sxx == min && sxy == min) {
                    sat.hit = true;
                    yield min - 1; // the maximum
                }
                long p = 2 * sxx * sxy + (op == SQRDMULH ? 1L << (bits - 1) : 0);
                yield p >> bits;
            }
            case PMUL -> {
                long p = 0;
                for (int i = 0; i < bits; i++) {
                    if ((y >>> i & 1) != 0) {
                        p ^= x << i;
                    }
                }
                yield p;
            }
            case SQDMULL -> { // lanes hold sign-extended half-width products' operands
                long p = sxx * sxy;
                if (bits == 64) {
                    if (p == 1L << 62) {
                        sat.hit = true;
                        yield Long.MAX_VALUE;
                    }
                    yield 2 * p;
                }
                yield sat.signed(2 * p, bits);
            }
            case SQABS -> wide ? sat.big(big(x, false).abs(), 64, true) : sat.signed(Math.abs(sxx), bits);
            case SQNEG -> wide ? sat.big(big(x, false).negate(), 64, true) : sat.signed(-sxx, bits);
            default -> throw new IllegalArgumentException("SIMD integer op " + op);
        };
    }

    /** Shift by a signed count (negative = right), with rounding and saturation as op says. */
    private static long shift(int op, int bits, long x, long sxx, int s, Sat sat) {
        boolean signedIn = op == SQSHL || op == SRSHL || op == SQRSHL || op == SQSHLU;
        boolean round = op == SRSHL || op == URSHL || op == SQRSHL || op == UQRSHL;
        boolean saturate = !(op == SRSHL || op == URSHL);
        long v = signedIn ? sxx : x;
        if (s < 0) {
            int r = -s;
            long q = shiftRight(v, r, signedIn);
            if (round) {
                q += shiftRight(v, r - 1, signedIn) & 1;
            }
            return q; // a right shift never leaves the range (SQSHLU has no right form)
        }
        if (v == 0) {
            return 0;
        }
        if (!saturate) {
            return s >= 64 ? 0 : v << s;
        }
        BigInteger exact = big(v, !signedIn).shiftLeft(s);
        boolean signedOut = op == SQSHL || op == SQRSHL;
        if (bits == 64 || s >= 64 - bits) {
            return sat.big(exact, bits, signedOut);
        }
        return signedOut ? sat.signed(v << s, bits) : sat.unsigned(v << s, bits);
    }

    private static long shiftRight(long v, int r, boolean signed) {
        if (r >= 64) {
            return signed && v < 0 ? -1 : 0;
        }
        return signed ? v >> r : v >>> r;
    }

    /**
     * Narrows the 2*esize lanes of lo:hi (lo's lanes first) to esize lanes: shifted right by
     * {@code shift} (rounded when kind has ROUND), then truncated or saturated to the signed or
     * unsigned range (SQXTN, UQXTN, SQXTUN, RSHRN, SQSHRN, UQSHRN, SQRSHRN, UQRSHRN, SQSHRUN,
     * SQRSHRUN, and the high-narrowing adds through a shift by esize).
     */
    public static long narrow(int kind, int esize, long lo, long hi, int shift, int wantQc) {
        int bits = 8 << esize, wideBits = 2 * bits;
        long m = mask(bits), wm = mask(wideBits), r = 0;
        int per = 64 / wideBits;
        boolean signed = (kind & SRC_SIGNED) != 0;
        Sat sat = new Sat();
        for (int i = 0; i < 2 * per; i++) {
            long w = i < per ? lo : hi;
            long x = (w >>> ((i % per) * wideBits)) & wm;
            long v = signed ? sx(x, wideBits) : x;
            long q = shift == 0 ? v : shiftRight(v, shift, signed);
            if ((kind & ROUND) != 0 && shift > 0) {
                q += shiftRight(v, shift - 1, signed) & 1;
            }
            boolean saturating = (kind & (SAT_SIGNED | SAT_UNSIGNED)) != 0;
            if (saturating && !signed && q < 0) { // an unsigned 64-bit source above 2^63: above any range
                sat.hit = true;
                q = (kind & SAT_SIGNED) != 0 ? m >>> 1 : m;
            } else if ((kind & SAT_SIGNED) != 0) {
                q = sat.signed(q, bits);
            } else if ((kind & SAT_UNSIGNED) != 0) {
                q = sat.unsigned(q, bits);
            }
            r |= (q & m) << (i * bits);
        }
        return wantQc != 0 ? (sat.hit ? QC : 0) : r;
    }

    /** SADDLP/UADDLP: adjacent pairs of esize lanes added into 2*esize lanes (one 64-bit half). */
    public static long addPairsLong(int esize, long a, int signed) {
        int bits = 8 << esize, wideBits = 2 * bits;
        long m = mask(bits), r = 0;
        for (int i = 0; i < 64 / wideBits; i++) {
            long x = (a >>> (2 * i * bits)) & m, y = (a >>> ((2 * i + 1) * bits)) & m;
            long s = signed != 0 ? sx(x, bits) + sx(y, bits) : x + y;
            r |= (s & mask(wideBits)) << (i * wideBits);
        }
        return r;
    }

    /** SRI (left = 0) and SLI (left = 1): n shifted into d, keeping the bits of d the shift vacates. */
    public static long shiftInsert(int esize, long d, long n, int shift, int left) {
        int bits = 8 << esize;
        long m = mask(bits), r = 0;
        long keep = left != 0 ? mask(shift) : shift >= bits ? m : ~(m >>> shift) & m;
        for (int sh = 0; sh < 64; sh += bits) {
            long x = (n >>> sh) & m, y = (d >>> sh) & m;
            long moved = left != 0 ? (x << shift) & m : shift >= bits ? 0 : x >>> shift;
            r |= ((y & keep) | moved) << sh;
        }
        return r;
    }

    /** URECPE (sqrt = 0) and URSQRTE (sqrt = 1) on 32-bit lanes: the FRECPE/FRSQRTE estimate tables ({@link ArmFpEstimate}). */
    public static long estimate(long a, int sqrt) {
        long r = 0;
        for (int sh = 0; sh < 64; sh += 32) {
            long x = (a >>> sh) & 0xffff_ffffL;
            long v = sqrt == 0 ? ArmFpEstimate.unsignedRecipEstimate(x) : ArmFpEstimate.unsignedRsqrtEstimate(x);
            r |= v << sh;
        }
        return r;
    }
}
