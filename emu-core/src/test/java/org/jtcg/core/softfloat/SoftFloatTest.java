package org.jtcg.core.softfloat;

import org.junit.jupiter.api.Test;

import static org.jtcg.core.softfloat.Bits.D;
import static org.jtcg.core.softfloat.Bits.S;
import static org.jtcg.core.softfloat.Bits.check;
import static org.jtcg.core.softfloat.Bits.d;
import static org.jtcg.core.softfloat.Bits.f;
import static org.jtcg.core.softfloat.FpFlags.DENORMAL_OPERAND;
import static org.jtcg.core.softfloat.FpFlags.DIV_BY_ZERO;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INPUT_FLUSHED;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.OVERFLOW;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * binary32/binary64 arithmetic with literal IEEE 754 results: rounding directions, ties, exact
 * zeros, overflow, underflow with tininess after rounding, flushing, NaN propagation with the
 * first-operand rule, the denormal-operand precedence, compares.
 */
class SoftFloatTest {
    /** Plain IEEE: tininess after rounding, first NaN operand wins, positive default NaN. */
    static FpStatus ieee(int rounding) { return new FpStatus(rounding); }

    /** The x86 SSE shape: negative default NaN, FTZ raising UE and PE (frontend-x86 SseStatus). */
    static FpStatus x86(int extra) {
        return new FpStatus(FpStatus.NEGATIVE_DEFAULT_NAN | FpStatus.FLUSH_RAISES_INEXACT | extra);
    }

    private static final long ONE = 0x3F800000L, TWO_M24 = 0x33800000L;

    @Test
    void tieOfOnePlusHalfUlpInEveryDirection() {
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        check(ONE, INEXACT, SoftFloat.add(S, ONE, TWO_M24, st), st); // tie to even
        st = ieee(Rounding.NEAREST_AWAY);
        check(0x3F800001L, INEXACT, SoftFloat.add(S, ONE, TWO_M24, st), st);
        st = ieee(Rounding.UP);
        check(0x3F800001L, INEXACT, SoftFloat.add(S, ONE, TWO_M24, st), st);
        st = ieee(Rounding.DOWN);
        check(ONE, INEXACT, SoftFloat.add(S, ONE, TWO_M24, st), st);
        st = ieee(Rounding.TOWARD_ZERO);
        check(ONE, INEXACT, SoftFloat.add(S, ONE, TWO_M24, st), st);
        // (1 + 2^-23) + 2^-24 ties between an odd and an even neighbour: both nearest modes go up.
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x3F800002L, INEXACT, SoftFloat.add(S, 0x3F800001L, TWO_M24, st), st);
        // negative values: UP moves toward zero, DOWN away
        st = ieee(Rounding.UP);
        check(0xBF800000L, INEXACT, SoftFloat.sub(S, 0xBF800000L, TWO_M24, st), st);
        st = ieee(Rounding.DOWN);
        check(0xBF800001L, INEXACT, SoftFloat.sub(S, 0xBF800000L, TWO_M24, st), st);
    }

    @Test
    void divisionAndSquareRootRoundCorrectly() {
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        check(0x3FD5555555555555L, INEXACT, SoftFloat.div(D, d(1), d(3), st), st);
        st = ieee(Rounding.UP);
        check(0x3FD5555555555556L, INEXACT, SoftFloat.div(D, d(1), d(3), st), st);
        st = ieee(Rounding.TOWARD_ZERO);
        check(0x3FF6A09E667F3BCCL, INEXACT, SoftFloat.sqrt(D, d(2), st), st);
        st = ieee(Rounding.UP);
        check(0x3FF6A09E667F3BCDL, INEXACT, SoftFloat.sqrt(D, d(2), st), st);
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x40400000L, 0, SoftFloat.sqrt(S, 0x41100000L, st), st); // sqrt(9) = 3 exactly
        check(0x80000000L, 0, SoftFloat.sqrt(S, 0x80000000L, st), st); // sqrt(-0) = -0
    }

    @Test
    void exactZeroSumsTakeTheirSignFromTheRoundingDirection() {
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        check(0, 0, SoftFloat.sub(S, ONE, ONE, st), st);
        check(0, 0, SoftFloat.add(S, 0x80000000L, 0, st), st);
        check(0x80000000L, 0, SoftFloat.add(S, 0x80000000L, 0x80000000L, st), st);
        st = ieee(Rounding.DOWN);
        check(0x80000000L, 0, SoftFloat.sub(S, ONE, ONE, st), st);
        check(0x80000000L, 0, SoftFloat.add(S, 0x80000000L, 0, st), st);
    }

    @Test
    void overflowGivesInfinityOrTheLargestFiniteByDirection() {
        long max = 0x7FEFFFFFFFFFFFFFL;
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        check(0x7FF0000000000000L, OVERFLOW | INEXACT, SoftFloat.mul(D, max, d(2), st), st);
        st = ieee(Rounding.TOWARD_ZERO);
        check(max, OVERFLOW | INEXACT, SoftFloat.mul(D, max, d(2), st), st);
        st = ieee(Rounding.UP);
        check(0xFFEFFFFFFFFFFFFFL, OVERFLOW | INEXACT, SoftFloat.mul(D, max, d(-2), st), st);
        st = ieee(Rounding.DOWN);
        check(0xFFF0000000000000L, OVERFLOW | INEXACT, SoftFloat.mul(D, max, d(-2), st), st);
        st = ieee(Rounding.NEAREST_EVEN); // an add whose host sum overflows is redone on halves
        check(0x7FF0000000000000L, OVERFLOW | INEXACT, SoftFloat.add(D, max, d(0x1p970), st), st);
        st = ieee(Rounding.NEAREST_EVEN);
        check(max, INEXACT, SoftFloat.add(D, max, d(0x1p969), st), st);
    }

    @Test
    void underflowIsDetectedAfterRoundingByDefault() {
        // (1 - 2^-23) * 2^-126 (1 + 2^-23) = 2^-126 (1 - 2^-46): tiny only before rounding.
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        check(0x00800000L, INEXACT, SoftFloat.mul(S, 0x3F7FFFFEL, 0x00800001L, st), st);
        st = ieee(Rounding.TOWARD_ZERO);
        check(0x007FFFFFL, UNDERFLOW | INEXACT, SoftFloat.mul(S, 0x3F7FFFFEL, 0x00800001L, st), st);
        // (1 - 2^-24) * 2^-126 is tiny after rounding too; the denormal rounding ties up to 2^-126.
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x00800000L, UNDERFLOW | INEXACT, SoftFloat.mul(S, 0x3F7FFFFFL, 0x00800000L, st), st);
        // An exact denormal result is no underflow.
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x00000001L, 0, SoftFloat.sub(S, 0x00800001L, 0x00800000L, st), st);
        // Halfway to the smallest denormal rounds to zero (even), and is an underflow.
        st = ieee(Rounding.NEAREST_EVEN);
        check(0L, DENORMAL_OPERAND | UNDERFLOW | INEXACT, SoftFloat.mul(D, d(0x1p-1074), d(0.5), st), st);
    }

    @Test
    void flushToZeroOfOutputsX86Style() {
        FpStatus st = x86(FpStatus.FLUSH_OUTPUTS);
        check(0L, UNDERFLOW | INEXACT, SoftFloat.sub(S, 0x00800001L, 0x00800000L, st), st); // exact but tiny
        st = x86(FpStatus.FLUSH_OUTPUTS);
        check(0x80000000L, UNDERFLOW | INEXACT, SoftFloat.mul(S, 0xBF7FFFFFL, 0x00800000L, st), st);
        // not tiny after rounding: not flushed
        st = x86(FpStatus.FLUSH_OUTPUTS);
        check(0x00800000L, INEXACT, SoftFloat.mul(S, 0x3F7FFFFEL, 0x00800001L, st), st);
    }

    @Test
    void inputFlushingAndTheDenormalOperandPrecedence() {
        FpStatus st = x86(0);
        check(ONE, DENORMAL_OPERAND | INEXACT, SoftFloat.add(S, ONE, 1, st), st);
        st = x86(0); // a QNaN operand outranks a denormal one
        check(0x7FC00001L, 0, SoftFloat.add(S, 0x7FC00001L, 1, st), st);
        st = x86(0); // divide-by-zero outranks it
        check(0x7F800000L, DIV_BY_ZERO, SoftFloat.div(S, 1, 0, st), st);
        st = x86(0); // so does an invalid operation
        check(0xFFC00000L, INVALID, SoftFloat.sqrt(S, 0x80000001L, st), st);
        st = x86(FpStatus.FLUSH_INPUTS);
        check(0L, INPUT_FLUSHED, SoftFloat.add(S, 1, 0x80000000L, st), st);
        st = x86(FpStatus.FLUSH_INPUTS);
        check(0x80000000L, INPUT_FLUSHED, SoftFloat.sqrt(S, 0x80000001L, st), st);
        st = x86(FpStatus.FLUSH_INPUTS);
        check(0xFFC00000L, INVALID | INPUT_FLUSHED, SoftFloat.div(S, 1, 0x80000000L, st), st);
    }

    @Test
    void nanPropagationFirstOperandRule() {
        FpStatus st = x86(0);
        check(0x7FC00001L, INVALID, SoftFloat.add(S, 0x7FC00001L, 0x7F800002L, st), st);
        st = x86(0);
        check(0x7FC00002L, INVALID, SoftFloat.mul(S, ONE, 0x7F800002L, st), st);
        st = x86(0); // the sign and payload of a subtrahend NaN are kept
        check(0xFFF8000000000002L, 0, SoftFloat.sub(D, d(1), 0xFFF8000000000002L, st), st);
        st = x86(0);
        check(0xFFC00000L, INVALID, SoftFloat.sub(S, 0x7F800000L, 0x7F800000L, st), st);
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x7FC00000L, INVALID, SoftFloat.sub(S, 0x7F800000L, 0x7F800000L, st), st);
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x7FF8000000000000L, INVALID, SoftFloat.mul(D, d(0), 0xFFF0000000000000L, st), st);
        st = ieee(Rounding.NEAREST_EVEN);
        check(0x7FF8000000000000L, INVALID, SoftFloat.div(D, 0, 0x8000000000000000L, st), st);
    }

    @Test
    void comparesAreOrderedOnValuesAndRaiseOnNaNs() {
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        assertEquals(SoftFloat.EQUAL, SoftFloat.compare(S, 0x80000000L, 0, true, st));
        assertEquals(SoftFloat.LESS, SoftFloat.compare(S, 0xFF800000L, 0xFF7FFFFFL, true, st));
        assertEquals(SoftFloat.GREATER, SoftFloat.compare(D, d(1), d(0.5), false, st));
        assertEquals(0, st.flags);
        assertEquals(SoftFloat.UNORDERED, SoftFloat.compare(S, 0x7FC00000L, ONE, false, st));
        assertEquals(0, st.flags);
        assertEquals(SoftFloat.UNORDERED, SoftFloat.compare(S, 0x7FC00000L, ONE, true, st));
        assertEquals(INVALID, st.flags);
        st = ieee(Rounding.NEAREST_EVEN);
        assertEquals(SoftFloat.UNORDERED, SoftFloat.compare(S, ONE, 0x7F800001L, false, st));
        assertEquals(INVALID, st.flags);
        st = ieee(Rounding.NEAREST_EVEN);
        assertEquals(SoftFloat.LESS, SoftFloat.compare(S, 1, 2, false, st));
        assertEquals(DENORMAL_OPERAND, st.flags);
        st = new FpStatus(FpStatus.FLUSH_INPUTS);
        assertEquals(SoftFloat.EQUAL, SoftFloat.compare(S, 1, 2, false, st));
        assertEquals(INPUT_FLUSHED, st.flags);
    }

    @Test
    void flagsAccumulateAcrossElements() {
        FpStatus st = ieee(Rounding.NEAREST_EVEN);
        SoftFloat.div(D, d(1), d(3), st);
        SoftFloat.div(D, d(1), 0, st);
        SoftFloat.add(D, d(1), 1, st);
        assertEquals(INEXACT | DIV_BY_ZERO | DENORMAL_OPERAND, st.flags);
    }
}
