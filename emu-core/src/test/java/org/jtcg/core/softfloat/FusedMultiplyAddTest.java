package org.jtcg.core.softfloat;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.jtcg.core.softfloat.Bits.D;
import static org.jtcg.core.softfloat.Bits.S;
import static org.jtcg.core.softfloat.Bits.check;
import static org.jtcg.core.softfloat.Bits.d;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.OVERFLOW;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** a × b + c with one rounding, NaN rules per configuration, and a host {@link Math#fma} property check. */
class FusedMultiplyAddTest {
    static final FpStatus ieee() { return new FpStatus(Rounding.NEAREST_EVEN); }
    static final FpStatus arm() { return new FpStatus(ArmConfigurationTest.ARM); }

    @Test
    void roundsOnce() {
        // (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly; an unfused multiply would give 0.
        FpStatus st = ieee();
        check(0x3C9FFFFFFFFFFFFEL, 0, FusedMultiplyAdd.fma(D, 0x3FF0000000000001L, 0x3FEFFFFFFFFFFFFFL, d(-1), st), st);
        st = ieee(); // 1/3 * 3 - 1 = -2^-54 exactly (0x3FD5555555555555 is 1/3 - 2^-54/3)
        check(d(-0x1p-54), 0, FusedMultiplyAdd.fma(D, d(1.0 / 3), d(3), d(-1), st), st);
        st = ieee();
        check(0x3F800001L, INEXACT, FusedMultiplyAdd.fma(S, 0x3F800001L, 0x3F800001L, 0xB4000000L, st), st);
        st = ieee(); // MAX * 2 - MAX: the product's overflow is never rounded
        check(0x7F7FFFFFL, 0, FusedMultiplyAdd.fma(S, 0x7F7FFFFFL, 0x40000000L, 0xFF7FFFFFL, st), st);
        st = ieee();
        check(0x7F800000L, OVERFLOW | INEXACT, FusedMultiplyAdd.fma(S, 0x7F7FFFFFL, 0x40000000L, 0x3F800000L, st), st);
    }

    @Test
    void scaledFormRoundsOnceAfterScaling() {
        // (2^-126 * 1 + 0) / 2 = 2^-127: exact as a denormal, no flags
        FpStatus st = ieee();
        check(0x00400000L, 0, FusedMultiplyAdd.fma(S, 0x00800000L, 0x3F800000L, 0L, -1, st), st);
        // 5 * 2^-149 * (1 + 2^-23) / 2 = 2.5 * 2^-149 + a little: rounds once to 3 * 2^-149; rounding
        // the unscaled sum first (to 5 * 2^-149) and then halving would give the tie 2.5 -> 2
        st = ieee();
        check(0x00000003L, FpFlags.DENORMAL_OPERAND | UNDERFLOW | INEXACT, FusedMultiplyAdd.fma(S, 0x00000005L, 0x3F800001L, 0L, -1, st), st);
        // (3 - (1 + 2^-23)^2) / 2 = 1 - 2^-23 - 2^-47, rounded once to 1 - 2^-23
        st = ieee();
        check(0x3F7FFFFEL, INEXACT, FusedMultiplyAdd.fma(S, 0xBF800001L, 0x3F800001L, 0x40400000L, -1, st), st);
    }

    @Test
    void exactZerosAndInfinities() {
        FpStatus st = ieee();
        check(0L, 0, FusedMultiplyAdd.fma(D, d(2), d(3), d(-6), st), st);
        st = new FpStatus(Rounding.DOWN);
        check(0x8000000000000000L, 0, FusedMultiplyAdd.fma(D, d(2), d(3), d(-6), st), st);
        st = ieee(); // -0 * 1 + -0 = -0; +0 * -1 + +0 = +0 (opposite signs, nearest)
        check(0x8000000000000000L, 0, FusedMultiplyAdd.fma(D, d(-0.0), d(1), d(-0.0), st), st);
        check(0L, 0, FusedMultiplyAdd.fma(D, d(0.0), d(-1), d(0.0), st), st);
        st = ieee();
        check(0x7FF8000000000000L, INVALID,
                FusedMultiplyAdd.fma(D, d(Double.POSITIVE_INFINITY), d(1), d(Double.NEGATIVE_INFINITY), st), st);
        st = ieee();
        check(0x7FF8000000000000L, INVALID, FusedMultiplyAdd.fma(D, d(Double.POSITIVE_INFINITY), 0, d(1), st), st);
        st = ieee();
        check(d(Double.NEGATIVE_INFINITY), 0,
                FusedMultiplyAdd.fma(D, d(1), d(1), d(Double.NEGATIVE_INFINITY), st), st);
        st = ieee(); // the addend alone, a denormal: rounded (exact here) like any result
        check(1L, FpFlags.DENORMAL_OPERAND, FusedMultiplyAdd.fma(D, 0, d(5), 1L, st), st);
    }

    @Test
    void armNaNRulesForTheAddend() {
        long qa = 0x7FC00001L, qc = 0x7FC00002L, sa = 0x7F800001L;
        FpStatus st = arm(); // FPProcessNaNs3(addend, op1, op2): the addend's QNaN first
        check(qc, 0, FusedMultiplyAdd.fma(S, qa, 0x3F800000L, qc, st), st);
        st = ieee(); // multiplicands first
        check(qa, 0, FusedMultiplyAdd.fma(S, qa, 0x3F800000L, qc, st), st);
        st = arm(); // but any SNaN beats a QNaN addend
        check(0x7FC00001L, INVALID, FusedMultiplyAdd.fma(S, sa, 0x3F800000L, qc, st), st);
        st = arm(); // 0 * inf + QNaN: default NaN and IOC (FPMulAdd)
        check(0x7FC00000L, INVALID, FusedMultiplyAdd.fma(S, 0x7F800000L, 0L, qc, st), st);
        st = ieee(); // without that rule the QNaN propagates quietly
        check(qc, 0, FusedMultiplyAdd.fma(S, 0x7F800000L, 0L, qc, st), st);
        st = arm(); // 0 * inf + SNaN: the quieted SNaN
        check(0x7FC00003L, INVALID, FusedMultiplyAdd.fma(S, 0x7F800000L, 0L, 0x7F800003L, st), st);
    }

    @Test
    void tinyResultsUnderBothTininessRules() {
        // 2^-126 (1 + 2^-23) * (1 - 2^-23) + 0 = 2^-126 (1 - 2^-46)
        FpStatus st = ieee();
        check(0x00800000L, INEXACT, FusedMultiplyAdd.fma(S, 0x00800001L, 0x3F7FFFFEL, 0L, st), st);
        st = arm();
        check(0x00800000L, UNDERFLOW | INEXACT, FusedMultiplyAdd.fma(S, 0x00800001L, 0x3F7FFFFEL, 0L, st), st);
    }

    @Test
    void matchesTheHostFmaInRoundToNearest() {
        Random r = new Random(42);
        for (int i = 0; i < 20000; i++) {
            double a = randomDouble(r), b = randomDouble(r), c = randomDouble(r);
            if (r.nextInt(4) == 0) c = -a * b * (1 + r.nextInt(3) * 0x1p-52); // cancellation
            FpStatus st = ieee();
            long got = FusedMultiplyAdd.fma(D, d(a), d(b), d(c), st);
            double want = Math.fma(a, b, c);
            if (Double.isNaN(want)) {
                assertEquals(true, Double.isNaN(Double.longBitsToDouble(got)), a + "*" + b + "+" + c);
            } else {
                assertEquals(Long.toHexString(d(want)), Long.toHexString(got), a + "*" + b + "+" + c);
            }
        }
    }

    private static double randomDouble(Random r) {
        switch (r.nextInt(6)) {
            case 0: return Math.scalb(r.nextDouble(), -1070 + r.nextInt(60)); // denormal and tiny
            case 1: return Math.scalb(r.nextDouble() + 1, 960 + r.nextInt(60)) * (r.nextBoolean() ? 1 : -1);
            default: return Math.scalb(r.nextDouble() + 1, r.nextInt(200) - 100) * (r.nextBoolean() ? 1 : -1);
        }
    }
}
