package org.jtcg.x86.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-written edge cases for SSE floating point (expected values from IEEE 754 and the SDM). */
class SseFloatTest {
    private static final int RN = 0, RD = 1 << 13, RU = 2 << 13, RZ = 3 << 13;
    private static final int MASKED = Mxcsr.MASKS;

    /** Runs a scalar-single op on (a, b) under mxcsr; returns {result bits, flags}. */
    private interface Op { int run(SseState s, int dst, int src); }

    private static long[] ss(Op op, int a, int b, int mxcsr) {
        SseState s = new SseState();
        s.mxcsr = mxcsr;
        s.set(0, 0x1234567800000000L | (a & 0xffffffffL), 0x0badc0de_0badc0deL);
        s.set(1, b & 0xffffffffL, 0);
        assertEquals(0, op.run(s, 0, 1));
        assertEquals(0x12345678L, s.lo(0) >>> 32, "scalar op must keep bits 32-63");
        assertEquals(0x0badc0de_0badc0deL, s.hi(0), "scalar op must keep the high quadword");
        return new long[] {s.lo(0) & 0xffffffffL, s.mxcsr & Mxcsr.FLAGS};
    }

    private static long[] sd(Op op, long a, long b, int mxcsr) {
        SseState s = new SseState();
        s.mxcsr = mxcsr;
        s.set(0, a, 0x0badc0de_0badc0deL);
        s.set(1, b, 0);
        assertEquals(0, op.run(s, 0, 1));
        assertEquals(0x0badc0de_0badc0deL, s.hi(0));
        return new long[] {s.lo(0), s.mxcsr & Mxcsr.FLAGS};
    }

    private static int f(float v) { return Float.floatToRawIntBits(v); }
    private static long d(double v) { return Double.doubleToRawLongBits(v); }

    private static void check(int singleBits, int flags, long[] got) {
        check(singleBits & 0xffffffffL, flags, got);
    }

    private static void check(long bits, int flags, long[] got) {
        assertEquals(Long.toHexString(bits), Long.toHexString(got[0]), "result");
        assertEquals(flags, (int) got[1], "flags");
    }

    @Test
    void tiesAndDirectionsInAllRoundingModes() {
        // 1 + 2^-24 is exactly half an ulp above 1: ties-to-even gives 1, directed modes differ.
        int one = f(1f), tiny = f(0x1p-24f);
        check(one, Mxcsr.PE, ss(SseFloat::addss, one, tiny, MASKED | RN));
        check(one, Mxcsr.PE, ss(SseFloat::addss, one, tiny, MASKED | RD));
        check(f(Math.nextUp(1f)), Mxcsr.PE, ss(SseFloat::addss, one, tiny, MASKED | RU));
        check(one, Mxcsr.PE, ss(SseFloat::addss, one, tiny, MASKED | RZ));
        // (1 + 2^-23) + 2^-24 is a tie that rounds up to even in nearest.
        int oneUlp = f(Math.nextUp(1f));
        check(f(1f + 0x1p-22f), Mxcsr.PE, ss(SseFloat::addss, oneUlp, tiny, MASKED | RN));
        // Negative values: down rounds away from zero.
        check(f(-Math.nextUp(1f)), Mxcsr.PE, ss(SseFloat::subss, f(-1f), tiny, MASKED | RD));
        check(f(-1f), Mxcsr.PE, ss(SseFloat::subss, f(-1f), tiny, MASKED | RU));
        // 1/3 in double, all modes.
        long[] rn = sd(SseFloat::divsd, d(1), d(3), MASKED | RN);
        long[] ru = sd(SseFloat::divsd, d(1), d(3), MASKED | RU);
        long[] rd = sd(SseFloat::divsd, d(1), d(3), MASKED | RD);
        check(d(1.0 / 3), Mxcsr.PE, rn);
        check(d(Math.nextUp(1.0 / 3)), Mxcsr.PE, ru); // 1/3 rounds down in nearest
        check(d(1.0 / 3), Mxcsr.PE, rd);
        check(d(1.0 / 3), Mxcsr.PE, sd(SseFloat::divsd, d(1), d(3), MASKED | RZ));
        // sqrt(2): the nearest double 0x3ff6a09e667f3bcd lies above the true value.
        check(d(Math.sqrt(2)), Mxcsr.PE, sd(SseFloat::sqrtsd, 0, d(2), MASKED | RU));
        check(d(Math.nextDown(Math.sqrt(2))), Mxcsr.PE, sd(SseFloat::sqrtsd, 0, d(2), MASKED | RZ));
        check(d(3), 0, sd(SseFloat::sqrtsd, 0, d(9), MASKED | RU));
    }

    @Test
    void signedZerosFromExactCancellation() {
        check(0, 0, sd(SseFloat::subsd, d(5), d(5), MASKED | RN));
        check(d(-0.0), 0, sd(SseFloat::subsd, d(5), d(5), MASKED | RD));
        check(0, 0, sd(SseFloat::addsd, d(-0.0), 0, MASKED | RU));
        check(d(-0.0), 0, sd(SseFloat::addsd, d(-0.0), d(-0.0), MASKED | RN));
        check(d(-0.0), 0, sd(SseFloat::sqrtsd, 0, d(-0.0), MASKED));
        check(d(-0.0), 0, sd(SseFloat::mulsd, d(-2), 0, MASKED));
    }

    @Test
    void invalidOperationsGiveTheIndefiniteAndNaNsPropagateFirstSource() {
        long inf = d(Double.POSITIVE_INFINITY);
        check(0xfff8000000000000L, Mxcsr.IE, sd(SseFloat::subsd, inf, inf, MASKED));
        check(0xfff8000000000000L, Mxcsr.IE, sd(SseFloat::mulsd, inf, 0, MASKED));
        check(0xfff8000000000000L, Mxcsr.IE, sd(SseFloat::divsd, 0, 0, MASKED));
        check(0xffc00000L, Mxcsr.IE, ss(SseFloat::sqrtss, 0, f(-1f), MASKED));
        check(d(Double.NEGATIVE_INFINITY), Mxcsr.ZE, sd(SseFloat::divsd, d(-1), 0, MASKED));
        // QNaN first operand wins over an SNaN second operand; the SNaN still raises IE.
        check(0x7ff8000000000001L, Mxcsr.IE, sd(SseFloat::addsd, 0x7ff8000000000001L, 0x7ff0000000000002L, MASKED));
        // SNaN alone is quieted, keeping its payload and sign.
        check(0xfff8000000000002L, Mxcsr.IE, sd(SseFloat::mulsd, d(1), 0xfff0000000000002L, MASKED));
        check(0x7fc00001L, 0, ss(SseFloat::addss, 0x7fc00001, 0x7fc00002, MASKED));
    }

    @Test
    void minMaxReturnTheSecondOperandForNaNsAndZeros() {
        check(d(-0.0), 0, sd(SseFloat::minsd, 0, d(-0.0), MASKED));
        check(0, 0, sd(SseFloat::minsd, d(-0.0), 0, MASKED));
        check(0, 0, sd(SseFloat::maxsd, d(-0.0), 0, MASKED));
        // NaN anywhere: second operand returned unchanged (an SNaN is not quieted), IE raised.
        check(d(1), Mxcsr.IE, sd(SseFloat::maxsd, 0x7ff8000000000000L, d(1), MASKED));
        check(0x7ff0000000000001L, Mxcsr.IE, sd(SseFloat::minsd, d(1), 0x7ff0000000000001L, MASKED));
        check(d(1), 0, sd(SseFloat::minsd, d(1), d(2), MASKED));
        check(d(2), 0, sd(SseFloat::maxsd, d(1), d(2), MASKED));
    }

    @Test
    void overflowDependsOnRoundingMode() {
        long max = d(Double.MAX_VALUE);
        check(d(Double.POSITIVE_INFINITY), Mxcsr.OE | Mxcsr.PE, sd(SseFloat::mulsd, max, d(2), MASKED | RN));
        check(max, Mxcsr.OE | Mxcsr.PE, sd(SseFloat::mulsd, max, d(2), MASKED | RZ));
        check(max, Mxcsr.OE | Mxcsr.PE, sd(SseFloat::mulsd, max, d(2), MASKED | RD));
        check(d(-Double.MAX_VALUE), Mxcsr.OE | Mxcsr.PE, sd(SseFloat::mulsd, max, d(-2), MASKED | RU));
        check(d(Double.NEGATIVE_INFINITY), Mxcsr.OE | Mxcsr.PE, sd(SseFloat::mulsd, max, d(-2), MASKED | RD));
        // MAX + half an ulp of MAX: a tie that rounds to even → overflow in nearest.
        check(d(Double.POSITIVE_INFINITY), Mxcsr.OE | Mxcsr.PE, sd(SseFloat::addsd, max, d(0x1p970), MASKED | RN));
        // Just below the tie it rounds back to MAX (inexact only).
        check(max, Mxcsr.PE, sd(SseFloat::addsd, max, d(0x1p969), MASKED | RN));
        check(d(Double.POSITIVE_INFINITY), Mxcsr.OE | Mxcsr.PE, sd(SseFloat::addsd, max, d(0x1p-1000), MASKED | RU));
    }

    @Test
    void underflowFlushToZeroAndDenormalsAreZero() {
        long minNormal = d(Double.MIN_NORMAL), minSub = d(Double.MIN_VALUE);
        // Exact subnormal result: no UE when underflow is masked (needs inexact too).
        check(d(Double.MIN_NORMAL / 2), 0, sd(SseFloat::mulsd, minNormal, d(0.5), MASKED));
        // Inexact subnormal: UE + PE (and DE for the denormal operand); MIN_VALUE/2 is a tie
        // rounding to even (zero).
        int due = Mxcsr.DE | Mxcsr.UE | Mxcsr.PE;
        check(0, due, sd(SseFloat::mulsd, minSub, d(0.5), MASKED | RN));
        check(minSub, due, sd(SseFloat::mulsd, minSub, d(0.5), MASKED | RU));
        check(d(-Double.MIN_VALUE), due, sd(SseFloat::mulsd, minSub, d(-0.75), MASKED | RN));
        check(0, Mxcsr.UE | Mxcsr.PE, sd(SseFloat::mulsd, minNormal, d(0x1p-53), MASKED | RN));
        // FTZ: a tiny result becomes a signed zero with UE + PE, even when exact.
        check(d(-0.0), Mxcsr.UE | Mxcsr.PE, sd(SseFloat::mulsd, minNormal, d(-0.5), MASKED | Mxcsr.FTZ));
        // A denormal operand raises DE; with DAZ it is read as zero (no DE).
        check(minSub, Mxcsr.DE, sd(SseFloat::addsd, minSub, 0, MASKED));
        check(0, 0, sd(SseFloat::addsd, minSub, 0, MASKED | Mxcsr.DAZ));
        check(d(1), 0, sd(SseFloat::addsd, d(1), minSub, MASKED | Mxcsr.DAZ));
        check(d(1), Mxcsr.DE | Mxcsr.PE, sd(SseFloat::addsd, d(1), minSub, MASKED));
        // Divide-by-zero outranks the denormal operand.
        check(d(Double.POSITIVE_INFINITY), Mxcsr.ZE, sd(SseFloat::divsd, minSub, 0, MASKED));
        // Tininess is detected after rounding: 2(1+2^-13) * 2^-127(1-2^-13) = 2^-126(1-2^-26) rounds
        // to 2^-126 at 24 bits with unbounded exponent, so it is not tiny: no UE, and FTZ keeps it.
        check(0x00800000, Mxcsr.DE | Mxcsr.PE, ss(SseFloat::mulss, 0x40000400, 0x003ffe00, MASKED));
        check(0x00800000, Mxcsr.DE | Mxcsr.PE, ss(SseFloat::mulss, 0x40000400, 0x003ffe00, MASKED | Mxcsr.FTZ));
        // Same in double with 2^-27: 1 - 2^-54 ties to even (1) at 53 bits.
        check(minNormal, Mxcsr.DE | Mxcsr.PE, sd(SseFloat::mulsd, 0x4000000002000000L, 0x0007ffffff000000L, MASKED));
        // ...while in RZ it stays below 2^-1022: tiny and inexact.
        check(0x000fffffffffffffL, Mxcsr.DE | Mxcsr.UE | Mxcsr.PE,
                sd(SseFloat::mulsd, 0x4000000002000000L, 0x0007ffffff000000L, MASKED | RZ));
    }

    @Test
    void comparesAndComisFlags() {
        SseState s = new SseState();
        s.set(0, d(1), 0);
        s.set(1, d(2), 0);
        assertEquals(SseFloat.CF, SseFloat.ucomisd(s, 0, 1));
        assertEquals(0, SseFloat.ucomisd(s, 1, 0));
        assertEquals(SseFloat.ZF, SseFloat.comisd(s, 0, 0));
        assertEquals(0, s.mxcsr & Mxcsr.FLAGS);
        s.set(1, 0x7ff8000000000000L, 0);
        assertEquals(SseFloat.ZF | SseFloat.PF | SseFloat.CF, SseFloat.ucomisd(s, 0, 1));
        assertEquals(0, s.mxcsr & Mxcsr.FLAGS, "ucomisd: QNaN raises nothing");
        assertEquals(SseFloat.ZF | SseFloat.PF | SseFloat.CF, SseFloat.comisd(s, 0, 1));
        assertEquals(Mxcsr.IE, s.mxcsr & Mxcsr.FLAGS, "comisd: QNaN raises IE");
        // cmpsd: LT(1) signals on QNaN, EQ(0)/UNORD(3)/NEQ(4) do not.
        long qnan = 0x7ff8000000000000L;
        check(0, 0, sd((st, a, b) -> SseFloat.cmpsd(st, a, b, 0), d(1), qnan, MASKED));
        check(-1L, 0, sd((st, a, b) -> SseFloat.cmpsd(st, a, b, 3), d(1), qnan, MASKED));
        check(-1L, 0, sd((st, a, b) -> SseFloat.cmpsd(st, a, b, 4), d(1), qnan, MASKED));
        check(0, Mxcsr.IE, sd((st, a, b) -> SseFloat.cmpsd(st, a, b, 1), d(1), qnan, MASKED));
        check(-1L, Mxcsr.IE, sd((st, a, b) -> SseFloat.cmpsd(st, a, b, 5), d(1), qnan, MASKED));
        check(-1L, 0, sd((st, a, b) -> SseFloat.cmpsd(st, a, b, 2), d(-0.0), 0, MASKED));
        check(0xffffffffL, 0, ss((st, a, b) -> SseFloat.cmpss(st, a, b, 7), f(1f), f(2f), MASKED));
    }

    @Test
    void unmaskedExceptionsFaultWithoutWritingTheDestination() {
        SseState s = new SseState();
        s.mxcsr = Mxcsr.MASKS & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT);
        s.set(0, d(1), d(1));
        s.set(1, 0, d(2));
        assertEquals(Mxcsr.ZE, SseFloat.divpd(s, 0, 1));
        assertEquals(d(1), s.lo(0), "destination untouched on #XM");
        assertEquals(d(1), s.hi(0));
        assertEquals(Mxcsr.ZE, s.mxcsr & Mxcsr.FLAGS);
        // Post-computation: unmasked PE on an inexact result also faults; flags include PE.
        s.mxcsr = Mxcsr.MASKS & ~(Mxcsr.PE << Mxcsr.MASK_SHIFT);
        s.set(1, d(3), d(3));
        assertEquals(Mxcsr.PE, SseFloat.divpd(s, 0, 1));
        assertEquals(d(1), s.lo(0));
        assertEquals(Mxcsr.PE, s.mxcsr & Mxcsr.FLAGS);
        // An unmasked pre-computation exception suppresses post-computation flags.
        s.mxcsr = Mxcsr.MASKS & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT);
        s.set(1, 0, d(3));
        assertEquals(Mxcsr.ZE, SseFloat.divpd(s, 0, 1));
        assertEquals(Mxcsr.ZE, s.mxcsr & Mxcsr.FLAGS);
        // comisd reports the fault in its return value.
        s.mxcsr = Mxcsr.MASKS & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        s.set(1, 0x7ff8000000000000L, 0);
        assertEquals(SseFloat.XM_FAULT | Mxcsr.IE, SseFloat.comisd(s, 0, 1));
    }

    @Test
    void packedOpsWorkPerLane() {
        SseState s = new SseState();
        s.set(0, (f(1f) & 0xffffffffL) | ((long) f(2f) << 32), (f(3f) & 0xffffffffL) | ((long) f(-4f) << 32));
        s.set(1, (f(10f) & 0xffffffffL) | ((long) f(20f) << 32), (f(30f) & 0xffffffffL) | ((long) f(40f) << 32));
        assertEquals(0, SseFloat.addps(s, 0, 1));
        assertEquals((f(11f) & 0xffffffffL) | ((long) f(22f) << 32), s.lo(0));
        assertEquals((f(33f) & 0xffffffffL) | ((long) f(36f) << 32), s.hi(0));
        assertEquals(0, s.mxcsr & Mxcsr.FLAGS);
    }
}
