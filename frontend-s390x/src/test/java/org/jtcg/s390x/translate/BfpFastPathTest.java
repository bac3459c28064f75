package org.jtcg.s390x.translate;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.FusedMultiplyAdd;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BfpFastPath}: whenever it answers, the soft-float core (s390x settings, FPC mode 0) gives the same
 * encoding and raises nothing but inexact; it declines tiny, infinite and NaN results; it applies only with
 * FPC rounding mode 0, the inexact mask off and the inexact flag on; compares match {@link SoftFloat#compare}.
 */
class BfpFastPathTest {
    private static final int S390X = FpStatus.SIGNALING_NAN_FIRST | FpStatus.TININESS_BEFORE_ROUNDING;

    @Test
    void agreesWithTheSoftFloatCoreWheneverItAnswers() {
        Random r = new Random(64);
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            long wide = r.nextInt(2);
            FloatFormat f = wide != 0 ? FloatFormat.BINARY64 : FloatFormat.BINARY32;
            long a = operand(f, r), b = operand(f, r), c = operand(f, r);
            int op = r.nextInt(6); // ADD SUB MUL DIV SQRT, 5 = FMA
            FpStatus st = new FpStatus(Rounding.NEAREST_EVEN | S390X);
            long got, want;
            if (op == 5) {
                got = BfpFastPath.fma(wide, a, b, c);
                want = FusedMultiplyAdd.fma(f, a, b, c, st);
            } else {
                got = BfpFastPath.arith(op, wide, a, b);
                want = switch (op) {
                    case BfpHelpers.ADD -> SoftFloat.add(f, a, b, st);
                    case BfpHelpers.SUB -> SoftFloat.sub(f, a, b, st);
                    case BfpHelpers.MUL -> SoftFloat.mul(f, a, b, st);
                    case BfpHelpers.DIV -> SoftFloat.div(f, a, b, st);
                    default -> SoftFloat.sqrt(f, a, st);
                };
            }
            if (got == BfpFastPath.DECLINED) {
                continue;
            }
            answered++;
            String what = "op " + op + " " + f + " " + Long.toHexString(a) + " " + Long.toHexString(b) + " " + Long.toHexString(c);
            assertEquals(Long.toHexString(want), Long.toHexString(got), what);
            assertEquals(0, st.flags & ~(FpFlags.INEXACT | FpFlags.DENORMAL_OPERAND), what + " " + FpFlags.toString(st.flags));
        }
        assertTrue(answered > 50_000, "answered " + answered);
        for (int i = 0; i < 100_000; i++) { // compares: every non-NaN pair answered, NaNs declined
            long wide = r.nextInt(2);
            FloatFormat f = wide != 0 ? FloatFormat.BINARY64 : FloatFormat.BINARY32;
            long a = operand(f, r), b = r.nextInt(8) == 0 ? a ^ f.signBit : operand(f, r);
            FpStatus st = new FpStatus(S390X);
            long want = BfpHelpers.compareCc(SoftFloat.compare(f, a, b, false, st));
            long cc = BfpFastPath.compareCc(wide, a, b);
            assertEquals(want == 3 ? -1 : want, cc, f + " " + Long.toHexString(a) + " " + Long.toHexString(b));
        }
    }

    @Test
    void declinesWhatOnlyTheExactPathGetsRight() {
        long min = Double.doubleToRawLongBits(Double.MIN_NORMAL), max = Double.doubleToRawLongBits(Double.MAX_VALUE);
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.arith(BfpHelpers.MUL, 1, min, Double.doubleToRawLongBits(0.5))); // tiny
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.arith(BfpHelpers.MUL, 1, max, Double.doubleToRawLongBits(2))); // overflow
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.arith(BfpHelpers.SUB, 1, max, max)); // exact zero: sign by mode
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.arith(BfpHelpers.DIV, 1, max, 0)); // divide by zero
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.arith(BfpHelpers.SQRT, 1, Double.doubleToRawLongBits(-1), 0)); // invalid
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.arith(BfpHelpers.LOAD_TEST, 1, max, 0));
        // MIN_NORMAL itself may be a tiny value rounded up: declined
        assertEquals(BfpFastPath.DECLINED, BfpFastPath.fma(1, min, Double.doubleToRawLongBits(1), 0));
        assertEquals(-1, BfpFastPath.compareCc(1, 0x7ff8000000000000L, 0));
        assertEquals(0, BfpFastPath.compareCc(1, 0x8000000000000000L, 0)); // -0 == +0
        assertEquals(0, BfpFastPath.compareCc(0, 0x80000000L, 0));
    }

    @Test
    void appliesOnlyWithNearestRoundingAndInexactAlreadyFlaggedAndUntrapped() {
        long flag = 0x00080000L, mask = 0x08000000L;
        assertTrue(BfpFastPath.applies(flag));
        assertTrue(BfpFastPath.applies(flag | 0x00f00000L | 0xf0000000L)); // other flags and masks do not matter
        assertFalse(BfpFastPath.applies(0));
        assertFalse(BfpFastPath.applies(flag | mask));
        for (int mode = 1; mode < 8; mode++) {
            assertFalse(BfpFastPath.applies(flag | mode));
        }
    }

    private static long operand(FloatFormat f, Random r) {
        long bits = r.nextLong() & f.allBits;
        switch (r.nextInt(8)) {
            case 0: return bits & ~f.expMask; // zero or subnormal
            case 1: return bits | f.expMask; // infinity or NaN
            case 2: { // exponent near the bottom or the top
                long e = r.nextBoolean() ? 1 + r.nextInt(f.precision) : (f.expMask >>> f.fracBits) - 1 - r.nextInt(4);
                return (bits & ~f.expMask) | (e << f.fracBits);
            }
            default: { // exponent near the bias: ordinary values
                long e = f.bias + r.nextInt(40) - 20;
                return (bits & ~f.expMask) | (e << f.fracBits);
            }
        }
    }
}
