package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.Rounding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MXCSR ↔ shared FpStatus: control decoding, the SSE fixed rules, flag mapping and #XM commit. */
class SseStatusTest {
    @Test
    void decodesRoundingControlDazAndFtz() {
        int[] expected = {Rounding.NEAREST_EVEN, Rounding.DOWN, Rounding.UP, Rounding.TOWARD_ZERO};
        for (int rc = 0; rc < 4; rc++) {
            FpStatus st = SseStatus.of(SseState.MXCSR_RESET | (rc << Mxcsr.RC_SHIFT));
            assertEquals(expected[rc], st.rounding, "RC " + rc);
            assertFalse(st.flushInputs);
            assertFalse(st.flushOutputs);
        }
        FpStatus st = SseStatus.of(SseState.MXCSR_RESET | Mxcsr.DAZ | Mxcsr.FTZ);
        assertTrue(st.flushInputs);
        assertTrue(st.flushOutputs);
        // fixed SSE rules: first NaN operand, negative indefinite, after-rounding tininess, FTZ sets PE
        assertFalse(st.signalingNaNFirst);
        assertTrue(st.negativeDefaultNaN);
        assertFalse(st.tininessBeforeRounding);
        assertTrue(st.flushRaisesInexact);
        assertFalse(st.defaultNaNMode);
    }

    @Test
    void mapsSharedFlagsToMxcsrBits() {
        FpStatus st = SseStatus.of(SseState.MXCSR_RESET);
        st.raise(FpFlags.ALL);
        assertEquals(Mxcsr.FLAGS, SseStatus.mxcsrFlags(st)); // INPUT_FLUSHED has no MXCSR bit
        st = SseStatus.of(SseState.MXCSR_RESET);
        st.raise(FpFlags.INPUT_FLUSHED | FpFlags.UNDERFLOW);
        assertEquals(Mxcsr.UE, SseStatus.mxcsrFlags(st));
    }

    @Test
    void commitRecordsOnlyPreComputationFlagsWhenOneIsUnmasked() {
        SseState s = new SseState();
        s.mxcsr = Mxcsr.MASKS & ~(Mxcsr.DE << Mxcsr.MASK_SHIFT);
        FpStatus st = SseStatus.of(s.mxcsr);
        st.raise(FpFlags.DENORMAL_OPERAND | FpFlags.INEXACT);
        assertEquals(Mxcsr.DE, SseStatus.commit(st, s));
        assertEquals(Mxcsr.DE, s.mxcsr & Mxcsr.FLAGS);
        s.mxcsr = SseState.MXCSR_RESET;
        st = SseStatus.of(s.mxcsr);
        st.raise(FpFlags.DENORMAL_OPERAND | FpFlags.INEXACT);
        assertEquals(0, SseStatus.commit(st, s));
        assertEquals(Mxcsr.DE | Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
    }
}
