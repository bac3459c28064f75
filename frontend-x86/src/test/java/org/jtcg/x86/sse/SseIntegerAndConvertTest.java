package org.jtcg.x86.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-written edge cases: saturation, shift counts, shuffles, packs, conversions, MXCSR. */
class SseIntegerAndConvertTest {
    private static SseState regs(long alo, long ahi, long blo, long bhi) {
        SseState s = new SseState();
        s.set(0, alo, ahi);
        s.set(1, blo, bhi);
        return s;
    }

    @Test
    void saturatingAddSubtractAtTheBoundaries() {
        SseState s = regs(0x7f_80_ff_00L, 0, 0x01_ff_01_01L, 0);
        SseInt.paddsb(s, 0, 1);   // 127+1→127, -128+(-1)→-128, -1+1→0, 0+1→1
        assertEquals(0x7f_80_00_01L, s.lo(0));
        s = regs(0xfe_00_ffL, 0, 0x05_01_01L, 0);
        SseInt.paddusb(s, 0, 1);  // 254+5→255, 0+1→1, 255+1→255
        assertEquals(0xff_01_ffL, s.lo(0));
        s = regs(0x0003_8000L, 0, 0x0005_0001L, 0);
        SseInt.psubusw(s, 0, 1);  // 3-5→0, 0x8000-1→0x7fff
        assertEquals(0x0000_7fffL, s.lo(0));
        s = regs(0x8000_7fffL, 0, 0x0001_ffffL, 0);
        SseInt.psubsw(s, 0, 1);   // -32768-1→-32768, 32767-(-1)→32767
        assertEquals(0x8000_7fffL, s.lo(0));
    }

    @Test
    void shiftCountsAtAndBeyondTheLaneWidth() {
        long v = 0x8001_4002_8003_c004L;
        for (int[] t : new int[][] {{0}, {15}, {16}, {31}, {32}, {63}, {64}, {200}}) {
            int n = t[0];
            SseState s = regs(v, v, 0, 0);
            SseInt.psrawImm(s, 0, n);
            long expect = 0;
            for (int i = 0; i < 4; i++) {
                short w = (short) (v >>> (16 * i));
                expect |= ((long) (w >> Math.min(n, 15)) & 0xffff) << (16 * i);
            }
            assertEquals(expect, s.lo(0), "psraw " + n);
            s = regs(v, v, n, 0);
            SseInt.psrld(s, 0, 1);
            long d0 = v & 0xffffffffL, d1 = v >>> 32;
            assertEquals(n >= 32 ? 0 : ((d0 >>> n) | ((d1 >>> n) << 32)), s.lo(0), "psrld " + n);
            s = regs(v, v, n, 0);
            SseInt.psllq(s, 0, 1);
            assertEquals(n >= 64 ? 0 : v << n, s.hi(0), "psllq " + n);
        }
        // The by-register count is the whole 64-bit quadword: 2^32 + 1 is "large", not 1.
        SseState s = regs(-1, -1, 0x1_0000_0001L, 0);
        SseInt.pslld(s, 0, 1);
        assertEquals(0, s.lo(0));
        s = regs(0x0123456789abcdefL, 0xfedcba9876543210L, 0, 0);
        SseInt.psrldq(s, 0, 3);
        assertEquals(0x5432100123456789L, s.lo(0));
        assertEquals(0x000000fedcba9876L, s.hi(0));
        s = regs(0x0123456789abcdefL, 0xfedcba9876543210L, 0, 0);
        SseInt.pslldq(s, 0, 16);
        assertEquals(0, s.lo(0) | s.hi(0));
    }

    @Test
    void multipliesAndSums() {
        SseState s = regs(0x8000_8000_7fff_ffffL, 0, 0x8000_8000_7fff_ffffL, 0);
        SseInt.pmaddwd(s, 0, 1); // (-32768)^2 * 2 wraps to 0x80000000; 32767^2 + 1
        assertEquals(0x8000_0000L << 32 | (32767L * 32767 + 1), s.lo(0));
        s = regs(0xffff_0002L, 0, 0xffff_0003L, 0);
        SseInt.pmulhuw(s, 0, 1);
        assertEquals(0xfffe_0000L, s.lo(0));
        s = regs(0xffff_0002L, 0, 0xffff_0003L, 0);
        SseInt.pmulhw(s, 0, 1);
        assertEquals(0, s.lo(0));
        s = regs(0xffffffffL, 0, 0xffffffffL, 0);
        SseInt.pmuludq(s, 0, 1);
        assertEquals(0xfffffffe00000001L, s.lo(0));
        s = regs(0x00ff_00ff_00ff_00ffL, 0, 0xff00_ff00_ff00_ff00L, 0);
        SseInt.psadbw(s, 0, 1);
        assertEquals(8 * 255, s.lo(0));
        s = regs(0xff_00L, 0, 0xff_01L, 0);
        SseInt.pavgb(s, 0, 1); // (255+255+1)>>1 = 255, (0+1+1)>>1 = 1
        assertEquals(0xff_01L, s.lo(0));
    }

    @Test
    void shufflesPacksAndMasks() {
        SseState s = regs(0x33333333_22222222L, 0x55555555_44444444L, 0x11111111_00000000L, 0x99999999_88888888L);
        SseShuffle.pshufd(s, 0, 1, 0x1b); // reverse dwords of src
        assertEquals(0x88888888_99999999L, s.lo(0));
        assertEquals(0x00000000_11111111L, s.hi(0));
        s = regs(0x33333333_22222222L, 0x55555555_44444444L, 0x11111111_00000000L, 0x99999999_88888888L);
        SseShuffle.shufps(s, 0, 1, 0b00_11_01_10); // dst[2], dst[1], src[3], src[0]
        assertEquals(0x33333333_44444444L, s.lo(0));
        assertEquals(0x00000000_99999999L, s.hi(0));
        s = regs(0x0100_ff80_007f_8000L, 0, 0x7fff_0080_ff7f_0001L, 0);
        SseShuffle.packsswb(s, 0, 1);
        // dst words -32768, 127, -128, 256, 0... → bytes; src words 1, -129, 128, 32767, 0... → high half.
        assertEquals(0x7f_80_7f_80L, s.lo(0));
        assertEquals(0x7f_7f_80_01L, s.hi(0));
        s = regs(0x0100_ff80_007f_8000L, 0, 0x7fff_0080_ff7f_0001L, 0);
        SseShuffle.packuswb(s, 0, 1);
        assertEquals(0xff_00_7f_00L, s.lo(0));
        assertEquals(0xff_80_00_01L, s.hi(0));
        s = regs(0, 0, 0x80ff_7f00_0080_8001L, 0x8000_0000_0000_0080L);
        assertEquals(0b1000_0001__1100_0110, SseShuffle.pmovmskb(s, 1));
        assertEquals(0b1001, SseShuffle.movmskps(regs(0, 0, 0x7fffffff_80000000L, 0x80000000_00000000L, 0, 0), 1));
        s = regs(0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L, 0, 0);
        SseShuffle.punpcklwd(s, 0, 0);
        assertEquals(0x3333_3333_4444_4444L, s.lo(0));
        assertEquals(0x1111_1111_2222_2222L, s.hi(0));
        SseShuffle.pinsrw(s, 0, 0xabcd1234, 5);
        assertEquals(0x1111_1111_1234_2222L, s.hi(0));
        assertEquals(0x1234, SseShuffle.pextrw(s, 0, 13));
    }

    private static SseState regs(long alo, long ahi, long blo, long bhi, int unused1, int unused2) {
        return regs(alo, ahi, blo, bhi);
    }

    private static long d(double v) { return Double.doubleToRawLongBits(v); }

    @Test
    void floatToIntegerConversions() {
        SseState s = new SseState();
        double[][] cases = { // value, RN, RD, RU, RZ
            {2.5, 2, 2, 3, 2}, {3.5, 4, 3, 4, 3}, {-2.5, -2, -3, -2, -2}, {-0.5, 0, -1, 0, 0}, {1e-300, 0, 0, 1, 0},
        };
        for (double[] c : cases) {
            for (int rc = 0; rc < 4; rc++) {
                s.mxcsr = Mxcsr.MASKS | (rc << Mxcsr.RC_SHIFT);
                s.set(1, d(c[0]), 0);
                assertEquals((long) c[1 + rc], SseConvert.cvtsd2si64(s, 1), c[0] + " rc " + rc);
                assertEquals(Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
                assertEquals((long) c[4], SseConvert.cvttsd2si64(s, 1), "truncating ignores RC");
            }
        }
        s.mxcsr = SseState.MXCSR_RESET;
        s.set(1, d(2147483647.5), 0);           // rounds to 2^31 in nearest: out of range
        assertEquals(0x80000000L, SseConvert.cvtsd2si32(s, 1));
        assertEquals(Mxcsr.IE, s.mxcsr & Mxcsr.FLAGS);
        s.mxcsr = SseState.MXCSR_RESET;
        assertEquals(0x7fffffffL, SseConvert.cvttsd2si32(s, 1)); // truncation keeps it in range
        assertEquals(Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
        s.mxcsr = SseState.MXCSR_RESET;
        s.set(1, d(-0x1p63), 0);
        assertEquals(Long.MIN_VALUE, SseConvert.cvtsd2si64(s, 1));
        assertEquals(0, s.mxcsr & Mxcsr.FLAGS, "-2^63 is representable");
        s.set(1, 0x7ff8000000000000L, 0);
        assertEquals(Long.MIN_VALUE, SseConvert.cvttsd2si64(s, 1));
        assertEquals(Mxcsr.IE, s.mxcsr & Mxcsr.FLAGS);
        s.set(1, 0x4f000000L, 0);                // 2^31 as a single
        s.mxcsr = SseState.MXCSR_RESET;
        assertEquals(0x80000000L, SseConvert.cvtss2si32(s, 1));
        assertEquals(Mxcsr.IE, s.mxcsr & Mxcsr.FLAGS);
        // Unmasked IE: the pre-check reports it and records the flag.
        s.mxcsr = Mxcsr.MASKS & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        assertEquals(Mxcsr.IE, SseConvert.toIntFault(s, 1, false, 32, false));
        assertEquals(Mxcsr.IE, s.mxcsr & Mxcsr.FLAGS);
    }

    @Test
    void integerToFloatAndFormatConversions() {
        SseState s = new SseState();
        // 2^53 + 1 is not a double: ties to even (2^53) in nearest, up to 2^53 + 2 in RU.
        s.mxcsr = SseState.MXCSR_RESET;
        assertEquals(0, SseConvert.cvtsi2sd64(s, 0, (1L << 53) + 1));
        assertEquals(d(0x1p53), s.lo(0));
        assertEquals(Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
        s.mxcsr = SseState.MXCSR_RESET | (Mxcsr.RC_UP << Mxcsr.RC_SHIFT);
        SseConvert.cvtsi2sd64(s, 0, (1L << 53) + 1);
        assertEquals(d(0x1p53 + 2), s.lo(0));
        SseConvert.cvtsi2ss64(s, 0, Long.MIN_VALUE);
        assertEquals(0xdf000000L, s.lo(0) & 0xffffffffL);
        s.mxcsr = SseState.MXCSR_RESET;
        s.set(0, 0x1234567800000000L, 7);
        SseConvert.cvtsi2ss32(s, 0, 16777217);   // 2^24 + 1 ties to 2^24
        assertEquals(0x1234567800000000L | 0x4b800000L, s.lo(0));
        assertEquals(7, s.hi(0));
        // double → single: SNaN quieted with the payload's top bits, overflow per RC, underflow.
        s.mxcsr = SseState.MXCSR_RESET;
        s.set(1, 0x7ff4000020000000L, 0);
        SseConvert.cvtsd2ss(s, 0, 1);
        assertEquals(0x7fe00001L, s.lo(0) & 0xffffffffL);
        assertEquals(Mxcsr.IE, s.mxcsr & Mxcsr.FLAGS);
        s.mxcsr = SseState.MXCSR_RESET | (Mxcsr.RC_ZERO << Mxcsr.RC_SHIFT);
        s.set(1, d(1e300), 0);
        SseConvert.cvtsd2ss(s, 0, 1);
        assertEquals(0x7f7fffffL, s.lo(0) & 0xffffffffL);
        assertEquals(Mxcsr.OE | Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
        s.mxcsr = SseState.MXCSR_RESET;
        s.set(1, d(0x1p-149 * 1.5), 0);          // 1.5 × the smallest single denormal → 2 (tie to even)
        SseConvert.cvtsd2ss(s, 0, 1);
        assertEquals(2, s.lo(0) & 0xffffffffL);
        assertEquals(Mxcsr.UE | Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
        // cvtpd2dq / cvtpd2ps zero the high quadword.
        s.set(0, -1, -1);
        s.set(1, d(-1.5), d(7));
        assertEquals(0, SseConvert.cvtpd2dq(s, 0, 1));
        assertEquals(0x00000007_fffffffeL, s.lo(0));
        assertEquals(0, s.hi(0));
    }

    @Test
    void ldmxcsrValidity() {
        SseState s = new SseState();
        assertTrue(Mxcsr.load(s, 0xffff));
        assertEquals(0xffff, s.mxcsr);
        assertFalse(Mxcsr.load(s, 0x10000), "reserved bit 16 → #GP");
        assertEquals(0xffff, s.mxcsr, "state unchanged on #GP");
        assertFalse(Mxcsr.isValid(0x80001f80));
        assertTrue(Mxcsr.isValid(SseState.MXCSR_RESET));
    }
}
