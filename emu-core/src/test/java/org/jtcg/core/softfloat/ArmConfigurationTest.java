package org.jtcg.core.softfloat;

import org.junit.jupiter.api.Test;

import static org.jtcg.core.softfloat.Bits.D;
import static org.jtcg.core.softfloat.Bits.S;
import static org.jtcg.core.softfloat.Bits.check;
import static org.jtcg.core.softfloat.FpFlags.DENORMAL_OPERAND;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INPUT_FLUSHED;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Arm (AArch64, FPCR.AH = 0) configuration, with expected values worked out by hand from the
 * Arm ARM pseudocode: FPUnpack (FZ flushes denormal inputs and raises IDC), FPProcessNaNs (first
 * SNaN, then first QNaN; DN gives the positive default NaN), FPRound (tininess before rounding;
 * FZ flushes results whose exact exponent is below the minimum and raises UFC but not IXC),
 * FPToFixed (NaN gives 0, out of range saturates, both with IOC only).
 */
class ArmConfigurationTest {
    static final int ARM = FpStatus.TININESS_BEFORE_ROUNDING | FpStatus.SIGNALING_NAN_FIRST
            | FpStatus.FMA_ADDEND_NAN_FIRST | FpStatus.FMA_INF_ZERO_QNAN_INVALID;
    /** FPCR.FZ flushes inputs and outputs. */
    static final int FZ = FpStatus.FLUSH_INPUTS | FpStatus.FLUSH_OUTPUTS;
    /** FPCR.DN. */
    static final int DN = FpStatus.DEFAULT_NAN;
    /** FPSR cumulative bits: IOC 0, DZC 1, OFC 2, UFC 3, IXC 4, IDC 7 (no denormal-operand flag). */
    static final FlagMap FPSR = new FlagMap(1, 0, 1 << 1, 1 << 2, 1 << 3, 1 << 4, 1 << 7);

    static FpStatus arm(int extra) { return new FpStatus(ARM | extra); }

    private static final long ONE = 0x3F800000L;

    @Test
    void signalingNaNBeatsAnEarlierQuietNaN() {
        FpStatus st = arm(0);
        check(0x7FC00002L, INVALID, SoftFloat.add(S, 0x7FC00001L, 0x7F800002L, st), st);
        st = arm(0); // two SNaNs: the first
        check(0x7FC00001L, INVALID, SoftFloat.mul(S, 0x7F800001L, 0x7F800002L, st), st);
        st = arm(0); // quiet NaNs keep sign and payload
        check(0xFFC00005L, 0, SoftFloat.div(S, ONE, 0xFFC00005L, st), st);
        st = arm(0);
        check(0x7FF8000000000001L, INVALID, SoftFloat.sub(D, 0x7FF8000000000009L, 0x7FF0000000000001L, st), st);
    }

    @Test
    void defaultNaNModeAndInvalidOperationsGiveThePositiveDefaultNaN() {
        FpStatus st = arm(DN);
        check(0x7FC00000L, 0, SoftFloat.add(S, 0xFFC00005L, ONE, st), st);
        st = arm(DN); // an SNaN still signals
        check(0x7FC00000L, INVALID, SoftFloat.add(S, ONE, 0xFF800001L, st), st);
        st = arm(0);
        check(0x7FC00000L, INVALID, SoftFloat.sub(S, 0x7F800000L, 0x7F800000L, st), st);
        st = arm(0);
        check(0x7FF8000000000000L, INVALID, SoftFloat.sqrt(D, 0xBFF0000000000000L, st), st);
    }

    @Test
    void flushToZeroFlushesInputsWithIdc() {
        FpStatus st = arm(FZ); // 1 + denormal: exactly 1, no IXC
        check(ONE, INPUT_FLUSHED, SoftFloat.add(S, ONE, 0x00000001L, st), st);
        st = arm(FZ); // FPUnpack runs before FPProcessNaNs: IDC beside a NaN
        check(0x7FC00001L, INPUT_FLUSHED, SoftFloat.add(S, 0x7FC00001L, 0x00000001L, st), st);
        st = arm(FZ); // a flushed denormal times infinity is 0 * inf
        check(0x7FF8000000000000L, INVALID | INPUT_FLUSHED, SoftFloat.mul(D, 1L, 0x7FF0000000000000L, st), st);
        assertEquals(0x81, FPSR.toArch(st.flags));
        st = arm(0); // without FZ the denormal is used (the x86-only DENORMAL_OPERAND is not in FPSR)
        check(ONE, DENORMAL_OPERAND | INEXACT, SoftFloat.add(S, ONE, 0x00000001L, st), st);
        assertEquals(1 << 4, FPSR.toArch(st.flags));
    }

    @Test
    void tininessIsDetectedBeforeRounding() {
        // (1 - 2^-23) * 2^-126 (1 + 2^-23) = 2^-126 (1 - 2^-46): rounds to 2^-126 but is tiny.
        FpStatus st = arm(0);
        check(0x00800000L, UNDERFLOW | INEXACT, SoftFloat.mul(S, 0x3F7FFFFEL, 0x00800001L, st), st);
        st = arm(FZ); // FZ flushes on the exact exponent: UFC without IXC
        check(0L, UNDERFLOW, SoftFloat.mul(S, 0x3F7FFFFEL, 0x00800001L, st), st);
        assertEquals(1 << 3, FPSR.toArch(st.flags));
        st = arm(FZ);
        check(0x80000000L, UNDERFLOW, SoftFloat.mul(S, 0xBF7FFFFEL, 0x00800001L, st), st);
        st = arm(0); // an exact denormal result is not an underflow without FZ ...
        check(0x00000001L, 0, SoftFloat.sub(S, 0x00800001L, 0x00800000L, st), st);
        st = arm(FZ); // ... but is flushed with it
        check(0L, UNDERFLOW, SoftFloat.sub(S, 0x00800001L, 0x00800000L, st), st);
    }

    @Test
    void conversionsFollowFpConvertNaNAndFpRound() {
        FpStatus st = arm(0); // FCVT Sd, Dn of an SNaN: quieted, top payload bits kept
        check(0x7FE00000L, INVALID, SoftFloat.convert(D, S, 0x7FF4000000000000L, st), st);
        st = arm(DN);
        check(0x7FC00000L, INVALID, SoftFloat.convert(D, S, 0x7FF4000000000000L, st), st);
        st = arm(0); // 2^-130 is an exact single denormal
        check(0x00080000L, 0, SoftFloat.convert(D, S, 0x37D0000000000000L, st), st);
        st = arm(FZ);
        check(0L, UNDERFLOW, SoftFloat.convert(D, S, 0x37D0000000000000L, st), st);
    }

    @Test
    void fpToFixedSaturatesAndGivesZeroForNaN() {
        FpStatus st = arm(0);
        assertEquals(0L, SoftFloat.toInt(S, 0x7FC00000L, 32, false, Rounding.TOWARD_ZERO, st));
        assertEquals(INVALID, st.flags);
        st = arm(0); // 3e9 > INT32_MAX
        assertEquals(0x7FFFFFFFL, SoftFloat.toInt(S, 0x4F32D05EL, 32, false, Rounding.TOWARD_ZERO, st));
        assertEquals(INVALID, st.flags);
        st = arm(0);
        assertEquals(-0x80000000L, SoftFloat.toInt(S, 0xFF800000L, 32, false, Rounding.TOWARD_ZERO, st));
        assertEquals(INVALID, st.flags);
        st = arm(0); // FCVTZU of -1.5: -1 saturates to 0
        assertEquals(0L, SoftFloat.toInt(S, 0xBFC00000L, 32, true, Rounding.TOWARD_ZERO, st));
        assertEquals(INVALID, st.flags);
        st = arm(0); // FCVTZU of -0.5: -0 is in range, just inexact
        assertEquals(0L, SoftFloat.toInt(S, 0xBF000000L, 32, true, Rounding.TOWARD_ZERO, st));
        assertEquals(INEXACT, st.flags);
        st = arm(0); // FCVTZU of 3e9 fits 32 unsigned bits
        assertEquals(3000000000L, SoftFloat.toInt(S, 0x4F32D05EL, 32, true, Rounding.TOWARD_ZERO, st));
        assertEquals(0, st.flags);
        st = arm(FZ); // a flushed denormal converts exactly
        assertEquals(0L, SoftFloat.toInt(S, 0x00000001L, 32, false, Rounding.TOWARD_ZERO, st));
        assertEquals(INPUT_FLUSHED, st.flags);
        st = arm(0);
        assertEquals(0L, SoftFloat.toInt(S, 0x00000001L, 32, false, Rounding.TOWARD_ZERO, st));
        assertEquals(INEXACT, st.flags);
    }
}
