package org.jtcg.core.softfloat;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.jtcg.core.softfloat.Bits.D;
import static org.jtcg.core.softfloat.Bits.H;
import static org.jtcg.core.softfloat.Bits.S;
import static org.jtcg.core.softfloat.Bits.check;
import static org.jtcg.core.softfloat.Bits.d;
import static org.jtcg.core.softfloat.FpFlags.DENORMAL_OPERAND;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.OVERFLOW;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 128-bit exact sum of {@link ExactProductSum}: bit-for-bit the result and flags of the BigInteger
 * formulation ({@link BigIntegerFmaReference}) over random operands in every rounding mode, tininess rule and
 * flush setting, plus literal binary64 cases for the places a 128-bit window can go wrong: subnormals, exact
 * cancellation (zero signs per rounding mode), cancellation that leaves the product's low bits, addends far
 * below the product (the jammed sticky bit under directed rounding), overflow, tininess before/after rounding
 * and the s390x NaN order.
 */
class FusedMultiplyAddExactTest {
    private static final int[] ROUNDINGS = {Rounding.NEAREST_EVEN, Rounding.TOWARD_ZERO, Rounding.UP, Rounding.DOWN,
        Rounding.NEAREST_AWAY, Rounding.TO_ODD};
    private static final int[] SETTINGS = {0, FpStatus.TININESS_BEFORE_ROUNDING,
        FpStatus.FLUSH_OUTPUTS | FpStatus.FLUSH_RAISES_INEXACT, FpStatus.FLUSH_OUTPUTS | FpStatus.TININESS_BEFORE_ROUNDING};
    private static final int S390X = FpStatus.SIGNALING_NAN_FIRST | FpStatus.TININESS_BEFORE_ROUNDING;

    @Test
    void matchesTheBigIntegerSumInEveryConfiguration() {
        Random r = new Random(12);
        FloatFormat[] formats = {D, D, D, S, H};
        for (int i = 0; i < 200_000; i++) {
            FloatFormat f = formats[r.nextInt(formats.length)];
            long ma = significand(f, r), mb = significand(f, r);
            int lo = 2 * (1 - f.bias - f.fracBits), hi = 2 * (f.bias - f.fracBits);
            int ep = lo + r.nextInt(hi - lo);
            boolean negP = r.nextBoolean(), negC;
            long mc;
            int ec;
            long ph = Math.multiplyHigh(ma, mb), pl = ma * mb;
            int lenP = ph != 0 ? 128 - Long.numberOfLeadingZeros(ph) : 64 - Long.numberOfLeadingZeros(pl);
            switch (r.nextInt(4)) {
                case 0 -> { // near-total cancellation: the addend is the product's top bits, give or take a few units
                    int drop = Math.max(0, lenP - f.precision);
                    long top = drop >= 64 ? (ph >>> (drop - 64)) : drop == 0 ? pl : (pl >>> drop) | (ph << (64 - drop));
                    mc = Math.max(0, Math.min((1L << f.precision) - 1, top + r.nextInt(5) - 2));
                    ec = ep + drop;
                    negC = !negP;
                }
                case 1 -> { // exponents within a window's width of each other
                    mc = significand(f, r);
                    ec = ep + lenP - f.precision + r.nextInt(260) - 130;
                    negC = r.nextBoolean();
                }
                default -> {
                    mc = r.nextInt(8) == 0 ? 0 : significand(f, r);
                    ec = (1 - f.bias - f.fracBits) + r.nextInt(f.bias * 2);
                    negC = r.nextBoolean();
                }
            }
            if (r.nextInt(16) == 0) { ma = 0; }
            if (ma == 0 && mc == 0) continue;
            int scale = r.nextInt(8) == 0 ? -1 : 0;
            int control = ROUNDINGS[r.nextInt(ROUNDINGS.length)] | SETTINGS[r.nextInt(SETTINGS.length)];
            FpStatus want = new FpStatus(control), got = new FpStatus(control);
            long w = BigIntegerFmaReference.round(f, negP, ma, mb, ep, negC, mc, ec, scale, want);
            long g = ExactProductSum.round(f, negP, ma, mb, ep, negC, mc, ec, scale, got);
            String what = f + " " + (negP ? "-" : "+") + ma + "*" + mb + "*2^" + ep + (negC ? " - " : " + ") + mc
                    + "*2^" + ec + " scale " + scale + " control 0x" + Integer.toHexString(control);
            assertEquals(Long.toHexString(w), Long.toHexString(g), what);
            assertEquals(FpFlags.toString(want.flags), FpFlags.toString(got.flags), what);
        }
    }

    /** A normal significand mostly, a subnormal one (fewer bits) sometimes, with all-ones and single-bit patterns. */
    private static long significand(FloatFormat f, Random r) {
        long unit = 1L << f.fracBits;
        return switch (r.nextInt(8)) {
            case 0 -> 1 + (r.nextLong() & (unit - 1) >>> r.nextInt(f.fracBits)); // subnormal
            case 1 -> 2 * unit - 1;
            case 2 -> unit | (1L << r.nextInt(f.fracBits));
            default -> unit | (r.nextLong() & (unit - 1));
        };
    }

    private static FpStatus st(int rounding) { return new FpStatus(rounding | S390X); }

    @Test
    void subnormalOperandsAndResults() {
        // 2^-1074 * 0.5 + 2^-1074 = 1.5 units of 2^-1074: a tie, even is 2 units; toward zero 1 unit
        FpStatus s = st(Rounding.NEAREST_EVEN);
        check(2L, DENORMAL_OPERAND | UNDERFLOW | INEXACT, FusedMultiplyAdd.fma(D, 1L, d(0.5), 1L, s), s);
        s = st(Rounding.TOWARD_ZERO);
        check(1L, DENORMAL_OPERAND | UNDERFLOW | INEXACT, FusedMultiplyAdd.fma(D, 1L, d(0.5), 1L, s), s);
        // subnormal * 2^1000 + 2^-100: exact and normal, only the denormal-operand flag
        s = st(Rounding.NEAREST_EVEN);
        check(d(3 * 0x1p-74 + 0x1p-100), DENORMAL_OPERAND, FusedMultiplyAdd.fma(D, 3L, d(0x1p1000), d(0x1p-100), s), s);
        s = st(Rounding.NEAREST_EVEN); // ... + 2^-1074: 1000 binades below, inexact (not tiny)
        check(d(3 * 0x1p-74), DENORMAL_OPERAND | INEXACT, FusedMultiplyAdd.fma(D, 3L, d(0x1p1000), 1L, s), s);
    }

    @Test
    void exactCancellationGivesZeroSignedByTheRoundingMode() {
        // (1 + 2^-26)(1 - 2^-26) = 1 - 2^-52: the product spans both 64-bit halves before it cancels
        long a = d(1 + 0x1p-26), b = d(1 - 0x1p-26), c = d(-(1 - 0x1p-52));
        for (int rm : ROUNDINGS) {
            FpStatus s = st(rm);
            check(rm == Rounding.DOWN ? 0x8000000000000000L : 0L, 0, FusedMultiplyAdd.fma(D, a, b, c, s), s);
            s = st(rm); // negated product and addend: the same zero
            check(rm == Rounding.DOWN ? 0x8000000000000000L : 0L, 0,
                    FusedMultiplyAdd.fma(D, a ^ D.signBit, b, c ^ D.signBit, s), s);
        }
    }

    @Test
    void cancellationKeepsTheProductsLowBits() {
        // (1 + 2^-52)^2 - (1 + 2^-51) = 2^-104 exactly
        FpStatus s = st(Rounding.NEAREST_EVEN);
        check(d(0x1p-104), 0, FusedMultiplyAdd.fma(D, d(1 + 0x1p-52), d(1 + 0x1p-52), d(-(1 + 0x1p-51)), s), s);
        s = st(Rounding.NEAREST_EVEN); // and with the opposite sign
        check(d(-0x1p-104), 0, FusedMultiplyAdd.fma(D, d(-(1 + 0x1p-52)), d(1 + 0x1p-52), d(1 + 0x1p-51), s), s);
    }

    @Test
    void farSmallerTermsOnlyNudgeDirectedRounding() {
        // 1 * 1 - 2^-200: just below one
        long one = d(1), tiny = d(-0x1p-200);
        long below = 0x3FEFFFFFFFFFFFFFL;
        long[][] cases = {{Rounding.NEAREST_EVEN, one}, {Rounding.TOWARD_ZERO, below}, {Rounding.DOWN, below},
            {Rounding.UP, one}, {Rounding.TO_ODD, below}};
        for (long[] c : cases) {
            FpStatus s = st((int) c[0]);
            check(c[1], INEXACT, FusedMultiplyAdd.fma(D, one, one, tiny, s), s);
        }
        // 2^-600 * 2^-600 + 1: the product below the window; up gives the next double
        FpStatus s = st(Rounding.UP);
        check(d(1 + 0x1p-52), INEXACT, FusedMultiplyAdd.fma(D, d(0x1p-600), d(0x1p-600), one, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(one, INEXACT, FusedMultiplyAdd.fma(D, d(0x1p-600), d(0x1p-600), one, s), s);
    }

    @Test
    void overflowByRoundingMode() {
        long max = d(Double.MAX_VALUE);
        FpStatus s = st(Rounding.NEAREST_EVEN); // MAX * 2 - MAX = MAX exactly: the product never overflows alone
        check(max, 0, FusedMultiplyAdd.fma(D, max, d(2), max ^ D.signBit, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(d(Double.POSITIVE_INFINITY), OVERFLOW | INEXACT, FusedMultiplyAdd.fma(D, max, d(1), max, s), s);
        s = st(Rounding.TOWARD_ZERO);
        check(max, OVERFLOW | INEXACT, FusedMultiplyAdd.fma(D, max, d(1), max, s), s);
        s = st(Rounding.UP);
        check(max ^ D.signBit, OVERFLOW | INEXACT, FusedMultiplyAdd.fma(D, max, d(-1), max ^ D.signBit, s), s);
    }

    @Test
    void tininessBeforeAndAfterRounding() {
        // 2^-1022 (1 + 2^-52) * (1 - 2^-52) = 2^-1022 (1 - 2^-104): rounds up to the smallest normal
        long a = 0x0010000000000001L, b = 0x3FEFFFFFFFFFFFFEL;
        FpStatus s = st(Rounding.NEAREST_EVEN);
        check(0x0010000000000000L, UNDERFLOW | INEXACT, FusedMultiplyAdd.fma(D, a, b, 0L, s), s);
        s = new FpStatus(Rounding.NEAREST_EVEN);
        check(0x0010000000000000L, INEXACT, FusedMultiplyAdd.fma(D, a, b, 0L, s), s);
        s = new FpStatus(Rounding.TOWARD_ZERO); // toward zero it stays tiny under either rule
        check(0x000FFFFFFFFFFFFFL, UNDERFLOW | INEXACT, FusedMultiplyAdd.fma(D, a, b, 0L, s), s);
    }

    @Test
    void s390xNaNOrder() {
        long qa = 0x7FF8000000000001L, sb = 0x7FF0000000000002L, qc = 0x7FF8000000000003L;
        FpStatus s = st(Rounding.NEAREST_EVEN); // the SNaN wins over earlier QNaNs, quieted, invalid
        check(0x7FF8000000000002L, INVALID, FusedMultiplyAdd.fma(D, qa, sb, qc, s), s);
        s = st(Rounding.NEAREST_EVEN); // QNaNs only: the first
        check(qa, 0, FusedMultiplyAdd.fma(D, qa, d(1), qc, s), s);
        s = st(Rounding.NEAREST_EVEN); // 0 * inf + QNaN: the QNaN, no invalid (not the Arm rule)
        check(qc, 0, FusedMultiplyAdd.fma(D, 0L, d(Double.POSITIVE_INFINITY), qc, s), s);
    }
}
