package org.jtcg.core.softfloat;

import org.junit.jupiter.api.Test;

import static org.jtcg.core.softfloat.Bits.D;
import static org.jtcg.core.softfloat.Bits.H;
import static org.jtcg.core.softfloat.Bits.S;
import static org.jtcg.core.softfloat.Bits.check;
import static org.jtcg.core.softfloat.FpFlags.DENORMAL_OPERAND;
import static org.jtcg.core.softfloat.FpFlags.INEXACT;
import static org.jtcg.core.softfloat.FpFlags.INVALID;
import static org.jtcg.core.softfloat.FpFlags.OVERFLOW;
import static org.jtcg.core.softfloat.FpFlags.UNDERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Integer conversions in every direction and binary16 ↔ binary32/64, with literal results. */
class ConversionTest {
    static FpStatus st(int rounding) { return new FpStatus(rounding); }

    private static long toInt32(long single, int rounding, FpStatus s) {
        return SoftFloat.toInt(S, single, 32, false, rounding, s);
    }

    @Test
    void floatToIntegerRoundsInTheGivenDirection() {
        long twoAndHalf = 0x40200000L, minusTwoAndHalf = 0xC0200000L;
        FpStatus s = st(Rounding.NEAREST_EVEN);
        assertEquals(2, toInt32(twoAndHalf, Rounding.NEAREST_EVEN, s));
        assertEquals(3, toInt32(twoAndHalf, Rounding.NEAREST_AWAY, s));
        assertEquals(-3, toInt32(minusTwoAndHalf, Rounding.NEAREST_AWAY, s));
        assertEquals(3, toInt32(twoAndHalf, Rounding.UP, s));
        assertEquals(2, toInt32(twoAndHalf, Rounding.DOWN, s));
        assertEquals(-3, toInt32(minusTwoAndHalf, Rounding.DOWN, s));
        assertEquals(-2, toInt32(minusTwoAndHalf, Rounding.TOWARD_ZERO, s));
        assertEquals(INEXACT, s.flags);
        s = st(Rounding.NEAREST_EVEN);
        assertEquals(-0x80000000L, toInt32(0xCF000000L, Rounding.NEAREST_EVEN, s)); // -2^31 fits
        assertEquals(0, s.flags);
        assertEquals(0x7FFFFFFFL, toInt32(0x4F000000L, Rounding.NEAREST_EVEN, s)); // 2^31 does not
        assertEquals(INVALID, s.flags);
        s = st(Rounding.NEAREST_EVEN); // 2^63 as unsigned 64, 2^64 saturates to all ones
        assertEquals(Long.MIN_VALUE, SoftFloat.toInt(S, 0x5F000000L, 64, true, Rounding.TOWARD_ZERO, s));
        assertEquals(0, s.flags);
        assertEquals(-1L, SoftFloat.toInt(S, 0x5F800000L, 64, true, Rounding.TOWARD_ZERO, s));
        assertEquals(INVALID, s.flags);
        s = st(Rounding.NEAREST_EVEN); // 16-bit destination (Arm FCVTZS Wd, Hn style widths)
        assertEquals(0x7FFF, SoftFloat.toInt(D, Double.doubleToRawLongBits(40000.0), 16, false, Rounding.TOWARD_ZERO, s));
        assertEquals(INVALID, s.flags);
    }

    @Test
    void integerToFloatRoundsPerStatus() {
        FpStatus s = st(Rounding.NEAREST_EVEN);
        check(0x4B800000L, INEXACT, SoftFloat.fromInt(S, 16777217, s), s); // tie to even
        s = st(Rounding.UP);
        check(0x4B800001L, INEXACT, SoftFloat.fromInt(S, 16777217, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(0x43E0000000000000L, INEXACT, SoftFloat.fromInt(D, Long.MAX_VALUE, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(0xDF000000L, 0, SoftFloat.fromInt(S, Long.MIN_VALUE, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(0x43F0000000000000L, INEXACT, SoftFloat.fromUnsigned(D, -1L, s), s);
        s = st(Rounding.TOWARD_ZERO);
        check(0x43DFFFFFFFFFFFFFL, INEXACT, SoftFloat.fromUnsigned(D, Long.MAX_VALUE, s), s); // below 2^63
        s = st(Rounding.NEAREST_EVEN); // binary16: 2049 ties to 2048, 65535 overflows
        check(0x6800L, INEXACT, SoftFloat.fromInt(H, 2049, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(0x7C00L, OVERFLOW | INEXACT, SoftFloat.fromInt(H, 65535, s), s);
    }

    @Test
    void halfPrecisionNarrowing() {
        FpStatus s = st(Rounding.NEAREST_EVEN);
        check(0x3C00L, 0, SoftFloat.convert(S, H, 0x3F800000L, s), s); // 1.0
        check(0x7BFFL, 0, SoftFloat.convert(S, H, 0x477FE000L, s), s); // 65504, the largest
        s = st(Rounding.NEAREST_EVEN); // 65519 rounds down to 65504
        check(0x7BFFL, INEXACT, SoftFloat.convert(S, H, 0x477FEF00L, s), s);
        s = st(Rounding.NEAREST_EVEN); // 65520 ties to 2^16, which overflows
        check(0x7C00L, OVERFLOW | INEXACT, SoftFloat.convert(S, H, 0x477FF000L, s), s);
        s = st(Rounding.TOWARD_ZERO); // rounds to 65504 first: no overflow
        check(0x7BFFL, INEXACT, SoftFloat.convert(S, H, 0x477FF000L, s), s);
        s = st(Rounding.NEAREST_EVEN); // 2^-24: the smallest denormal, exact
        check(0x0001L, 0, SoftFloat.convert(S, H, 0x33800000L, s), s);
        s = st(Rounding.NEAREST_EVEN); // 2^-25 ties to zero
        check(0x0000L, UNDERFLOW | INEXACT, SoftFloat.convert(S, H, 0x33000000L, s), s);
        s = st(Rounding.NEAREST_EVEN); // 0.75 * 2^-24
        check(0x0001L, UNDERFLOW | INEXACT, SoftFloat.convert(S, H, 0x33400000L, s), s);
        s = st(Rounding.NEAREST_EVEN); // SNaN: sign and top payload bits kept, quieted
        check(0xFF00L, INVALID, SoftFloat.convert(S, H, 0xFFA00000L, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(0xFC00L, 0, SoftFloat.convert(D, H, 0xFFF0000000000000L, s), s);
    }

    @Test
    void halfPrecisionWideningAndArithmetic() {
        FpStatus s = st(Rounding.NEAREST_EVEN);
        check(0x3FD5540000000000L, 0, SoftFloat.convert(H, D, 0x3555L, s), s);
        check(0x3E70000000000000L, DENORMAL_OPERAND, SoftFloat.convert(H, D, 0x0001L, s), s);
        s = st(Rounding.NEAREST_EVEN);
        check(0x4000L, 0, SoftFloat.add(H, 0x3C00L, 0x3C00L, s), s);
        check(0x3C00L, INEXACT, SoftFloat.add(H, 0x3C00L, 0x1000L, s), s); // 1 + 2^-11 ties to 1
        s = st(Rounding.UP);
        check(0x3C01L, INEXACT, SoftFloat.add(H, 0x3C00L, 0x1000L, s), s);
        s = st(Rounding.NEAREST_EVEN); // 1/3 in binary16 is 0x3555
        check(0x3555L, INEXACT, SoftFloat.div(H, 0x3C00L, 0x4200L, s), s);
    }
}
