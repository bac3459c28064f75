package org.jtcg.x86.x87;

import static org.jtcg.x86.x87.X87Flags.C0;
import static org.jtcg.x86.x87.X87Flags.C1;
import static org.jtcg.x86.x87.X87Flags.C2;
import static org.jtcg.x86.x87.X87Flags.C3;
import static org.jtcg.x86.x87.X87Flags.DE;
import static org.jtcg.x86.x87.X87Flags.IE;
import static org.jtcg.x86.x87.X87Flags.OE;
import static org.jtcg.x86.x87.X87Flags.PE;
import static org.jtcg.x86.x87.X87Flags.SF;
import static org.jtcg.x86.x87.X87Flags.UE;
import static org.jtcg.x86.x87.X87Flags.ZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hand-written edge cases per op family, with expected values derived from the SDM and IEEE 754
 * rather than from the implementation.
 */
class X87EdgeCaseTest {
    static final long ONE = 0x8000000000000000L;

    static X87State fresh(int rc, int pcField) {
        X87State s = new X87State();
        X87.fninit(s);
        X87.fldcw(s, 0x7f | (pcField << 8) | (rc << 10));
        return s;
    }

    static int flags(X87State s) {
        return s.fswFlags & 0x7f;
    }

    static String st0(X87State s) {
        return String.format("%04x:%016x", X87.stSe(s, 0), X87.stSig(s, 0));
    }

    // ---------------------------------------------------------------- rounding and precision

    /** 1 + 2^-64 sits exactly halfway between 1 and 1 + 2^-63 at 64-bit precision. */
    @ParameterizedTest
    @CsvSource({
        "0, 3fff:8000000000000000, 0",   // nearest: tie to even (down)
        "1, 3fff:8000000000000000, 0",   // down
        "2, 3fff:8000000000000001, 1",   // up: rounded up, C1
        "3, 3fff:8000000000000000, 0"})  // chop
    void addTieInEveryRoundingMode(int rc, String want, int c1) {
        X87State s = fresh(rc, 3);
        X87.fldMem80(s, ONE, 0x3fff - 64); // 2^-64
        X87.fld1(s);
        X87.fadd(s, 0, 1, false);
        assertEquals(want, st0(s));
        assertEquals(PE, flags(s) & 0x3f);
        assertEquals(c1 == 1, (s.fswFlags & C1) != 0);
    }

    /** 1/3 under each precision control: the significand is cut to 24, 53 or 64 bits. */
    @ParameterizedTest
    @CsvSource({
        "0, 3ffd:aaaaab0000000000",  // 24 bits, nearest rounds up
        "2, 3ffd:aaaaaaaaaaaaa800",  // 53 bits: ...1010|1010... rounds down
        "3, 3ffd:aaaaaaaaaaaaaaab",  // 64 bits rounds up
        "1, 3ffd:aaaaaaaaaaaaaaab"}) // reserved PC value acts as 64 bits
    void divisionHonoursPrecisionControl(int pc, String want) {
        X87State s = fresh(0, pc);
        X87.fildMem32(s, 3);
        X87.fld1(s);
        X87.fdiv(s, 0, 1, false);
        assertEquals(want, st0(s));
        assertEquals(PE, flags(s) & PE);
    }

    @Test
    void precisionControlDoesNotNarrowTheExponentRange() {
        X87State s = fresh(0, 0); // 24-bit significands
        X87.fldMem80(s, ONE, 0x5000);      // 2^4097: beyond the double range
        X87.fld(s, 0);
        X87.fmul(s, 0, 1, false);           // 2^8194 still fits the extended exponent range
        assertEquals("6001:8000000000000000", st0(s));
        assertEquals(0, flags(s));
    }

    @ParameterizedTest
    @CsvSource({"0, 7fff:8000000000000000, 1", "3, 7ffe:ffffffffffffffff, 0", "2, 7fff:8000000000000000, 1",
        "1, 7ffe:ffffffffffffffff, 0"})
    void overflowGivesInfinityOrLargestFinitePerRoundingMode(int rc, String want, int c1) {
        X87State s = fresh(rc, 3);
        X87.fldMem80(s, ONE, 0x7ffe);
        X87.fld(s, 0);
        X87.fmul(s, 0, 1, false);
        assertEquals(want, st0(s));
        assertEquals(OE | PE, flags(s) & 0x3f);
        assertEquals(c1 == 1, (s.fswFlags & C1) != 0);
    }

    @Test
    void tinyInexactResultRaisesUnderflowAndDenormalises() {
        X87State s = fresh(0, 3);
        X87.fldMem80(s, 0xC000000000000000L, 1);        // 1.5 * 2^-16382
        X87.fldMem80(s, ONE, 0x3fff - 1);              // 0.5
        X87.fmul(s, 0, 1, false);                       // 0.75 * 2^-16382: exact denormal
        assertEquals("0000:6000000000000000", st0(s));
        assertEquals(0, flags(s), "exact tiny results raise no UE when masked");
        X87.fmul(s, 0, 0, false);                       // far below the range: rounds to zero
        assertEquals("0000:0000000000000000", st0(s));
        assertEquals(UE | PE | DE, flags(s) & 0x3f);
    }

    // ---------------------------------------------------------------- special values

    @Test
    void invalidOperationsGiveTheRealIndefinite() {
        X87State s = fresh(0, 3);
        X87.fldMem80(s, ONE, 0x7fff);      // +inf
        X87.fldMem80(s, ONE, 0xffff);      // -inf
        X87.fadd(s, 0, 1, false);
        assertEquals("ffff:c000000000000000", st0(s));
        assertEquals(IE, flags(s));
        X87.fnclex(s);
        X87.fldz(s);
        X87.fldz(s);
        X87.fdiv(s, 0, 1, false);          // 0/0
        assertEquals("ffff:c000000000000000", st0(s));
        assertEquals(IE, flags(s));
        X87.fnclex(s);
        X87.fld1(s);
        X87.fchs(s);
        X87.fsqrt(s);
        assertEquals("ffff:c000000000000000", st0(s));
        assertEquals(IE, flags(s));
    }

    @Test
    void divideByZeroGivesSignedInfinityWithZe() {
        X87State s = fresh(0, 3);
        X87.fldz(s);
        X87.fchs(s);                       // -0
        X87.fld1(s);
        X87.fdiv(s, 0, 1, false);
        assertEquals("ffff:8000000000000000", st0(s));
        assertEquals(ZE, flags(s));
    }

    @Test
    void nanPropagationQuietsSnanAndPrefersTheQnan() {
        X87State s = fresh(0, 3);
        X87.fldMem80(s, 0xC000000000000005L, 0x7fff);  // QNaN, small payload
        X87.fldMem80(s, 0x8000000000000009L, 0xffff);  // SNaN, larger payload
        X87.fadd(s, 0, 1, false);
        assertEquals("7fff:c000000000000005", st0(s), "QNaN operand wins over an SNaN");
        assertEquals(IE, flags(s));
        X87State t = fresh(0, 3);
        X87.fldMem80(t, 0xC000000000000005L, 0x7fff);
        X87.fldMem80(t, 0xC000000000000009L, 0xffff);
        X87.fmul(t, 1, 0, false);
        assertEquals("ffff:c000000000000009", String.format("%04x:%016x", X87.stSe(t, 1), X87.stSig(t, 1)),
                "larger significand wins between QNaNs");
        assertEquals(0, flags(t));
    }

    @Test
    void unsupportedEncodingsAreInvalid() {
        X87State s = fresh(0, 3);
        X87.fldMem80(s, 0x4000000000000000L, 0x3fff);   // unnormal
        X87.fld1(s);
        X87.fadd(s, 0, 1, false);
        assertEquals("ffff:c000000000000000", st0(s));
        assertEquals(IE, flags(s));
        X87.fxam(s);                                     // indefinite is a NaN
        assertEquals(C0 | C1, s.fswFlags & (C0 | C1 | C2 | C3));
        X87.fld(s, 1);
        X87.fxam(s);
        assertEquals(0, s.fswFlags & (C0 | C1 | C2 | C3), "unsupported class");
    }

    @Test
    void pseudoDenormalIsADenormalOperandWithExponentOne() {
        X87State s = fresh(0, 3);
        X87.fldMem80(s, ONE, 0);                         // pseudo-denormal = 2^-16382
        X87.fldz(s);
        X87.fadd(s, 0, 1, false);
        assertEquals("0001:8000000000000000", st0(s));
        assertEquals(DE, flags(s));
    }

    // ---------------------------------------------------------------- conversions

    @ParameterizedTest
    @CsvSource({
        "0, 2.5, 2, 0", "0, 3.5, 4, 1", "0, -2.5, -2, 0", "1, 2.5, 2, 0", "1, -2.5, -3, 1",
        "2, 2.5, 3, 1", "2, -2.5, -2, 0", "3, -2.7, -2, 0"})
    void fistRoundsPerRoundingControl(int rc, double v, long want, int c1) {
        X87State s = fresh(rc, 3);
        X87.fldMem64(s, Double.doubleToRawLongBits(v));
        assertEquals(want, (int) X87.fistMem32(s, false));
        assertEquals(PE, flags(s));
        assertEquals(c1 == 1, (s.fswFlags & C1) != 0);
    }

    @Test
    void fisttpTruncatesWhateverTheRoundingMode() {
        X87State s = fresh(2, 3);
        X87.fldMem64(s, Double.doubleToRawLongBits(-7.9));
        assertEquals(-7, (short) X87.fisttpMem16(s));
        assertTrue(X87.isEmpty(s, 0));
        assertEquals(PE, flags(s));
    }

    @Test
    void outOfRangeIntegerStoresGiveTheIntegerIndefinite() {
        X87State s = fresh(0, 3);
        X87.fildMem32(s, 32768);
        assertEquals(0x8000, X87.fistMem16(s, false));
        assertEquals(IE, flags(s));
        X87.fnclex(s);
        X87.fildMem32(s, -32768);
        assertEquals(0x8000, X87.fistMem16(s, false));
        assertEquals(0, flags(s), "-32768 fits");
        X87.fldMem80(s, ONE, 0x3fff + 63);               // 2^63
        assertEquals(Long.MIN_VALUE, X87.fistMem64(s, false));
        assertEquals(IE, flags(s));
        X87.fnclex(s);
        X87.fchs(s);                                      // -2^63 fits
        assertEquals(Long.MIN_VALUE, X87.fistMem64(s, false));
        assertEquals(0, flags(s));
    }

    @Test
    void floatLoadsAndStores() {
        X87State s = fresh(0, 3);
        X87.fldMem32(s, 0x00000001L);                     // smallest float denormal: DE
        assertEquals(String.format("%04x:%016x", 0x3fff - 149, ONE), st0(s));
        assertEquals(DE, flags(s));
        X87.fnclex(s);
        X87.fldMem32(s, 0x7f800001L);                     // SNaN: IE, quieted
        assertEquals("7fff:c000010000000000", st0(s));
        assertEquals(IE, flags(s));
        X87.fnclex(s);
        assertEquals(0x7fc00001L, X87.fstMem32(s, true));
        X87.fldMem64(s, Double.doubleToRawLongBits(1.0 / 3));
        assertEquals(0x3eaaaaabL, X87.fstMem32(s, false)); // nearest
        assertEquals(PE | C1, s.fswFlags & (PE | C1));
        X87.fldcw(s, 0x0f7f);                               // chop
        assertEquals(0x3eaaaaaaL, X87.fstMem32(s, false));
        assertFalse((s.fswFlags & C1) != 0);
        X87.fldMem80(s, ONE, 0x3fff + 200);
        assertEquals(0x7f7fffffL, X87.fstMem32(s, false), "overflow under chop: largest float");
        assertEquals(OE | PE, flags(s) & (OE | PE));
    }

    @Test
    void fildIsExactForEveryInt64() {
        X87State s = fresh(0, 0); // precision control does not apply to loads
        X87.fildMem64(s, Long.MAX_VALUE);
        assertEquals(String.format("%04x:%016x", 0x3fff + 62, Long.MAX_VALUE << 1), st0(s));
        X87.fildMem64(s, Long.MIN_VALUE);
        assertEquals(String.format("%04x:%016x", 0x8000 | (0x3fff + 63), ONE), st0(s));
        X87.fildMem16(s, 0xffff);
        assertEquals("bfff:8000000000000000", st0(s));
        assertEquals(0, flags(s));
    }

    @ParameterizedTest
    @CsvSource({"0, c90fdaa22168c235", "1, c90fdaa22168c234", "2, c90fdaa22168c235", "3, c90fdaa22168c234"})
    void fldpiDependsOnRoundingControl(int rc, String sig) {
        X87State s = fresh(rc, 3);
        X87.fldpi(s);
        assertEquals("4000:" + sig, st0(s));
        assertEquals(0, flags(s), "constants raise no PE");
    }

    // ---------------------------------------------------------------- frndint, fscale, fprem, fxtract

    @ParameterizedTest
    @CsvSource({"0, -0.5, bfff:8000000000000000, 8000:0000000000000000", "1, 0.5, 3fff:8000000000000000, 0000:0000000000000000",
        "2, 0.5, 3fff:8000000000000000, 3fff:8000000000000000", "1, -0.5, bfff:8000000000000000, bfff:8000000000000000"})
    void frndintOfAHalf(int rc, double v, String ignored, String want) {
        X87State s = fresh(rc, 3);
        X87.fldMem64(s, Double.doubleToRawLongBits(v));
        X87.frndint(s);
        assertEquals(want, st0(s));
        assertEquals(PE, flags(s));
    }

    @Test
    void fscaleScalesByTheTruncatedExponent() {
        X87State s = fresh(0, 3);
        X87.fldMem64(s, Double.doubleToRawLongBits(-3.9)); // ST1: trunc = -3
        X87.fldMem64(s, Double.doubleToRawLongBits(10.0));
        X87.fscale(s);
        assertEquals(Double.doubleToRawLongBits(1.25), X87.fstMem64(s, false));
        assertEquals(0, flags(s));
    }

    @Test
    void fpremReportsQuotientBitsAndFprem1RoundsTheQuotient() {
        X87State s = fresh(0, 3);
        X87.fildMem32(s, 3);
        X87.fildMem32(s, 17);                 // 17 = 5*3 + 2
        X87.fprem(s);
        assertEquals(C0 | C1, s.fswFlags & (C0 | C1 | C2 | C3), "q = 5 = 101b: C0=1 C3=0 C1=1");
        assertEquals(Double.doubleToRawLongBits(2.0), X87.fstMem64(s, false));
        X87.fstMem64(s, true);
        X87.fildMem32(s, 17);
        X87.fprem1(s);                        // 17 = 6*3 - 1
        assertEquals(C0 | C3, s.fswFlags & (C0 | C1 | C2 | C3), "q = 6 = 110b: C0=1 C3=1 C1=0");
        assertEquals(Double.doubleToRawLongBits(-1.0), X87.fstMem64(s, false));
    }

    @Test
    void fpremWithAHugeExponentGapIsPartial() {
        X87State s = fresh(0, 3);
        X87.fld1(s);
        X87.fldMem80(s, 0xC90FDAA22168C235L, 0x3fff + 200);
        X87.fprem(s);
        assertEquals(C2, s.fswFlags & C2, "incomplete reduction");
        int exp = X87.stSe(s, 0) & 0x7fff;
        assertTrue(exp <= 0x3fff + 200 - 32 && exp >= 0x3fff, "reduced by at least 32 bits, not below the divisor");
        for (int i = 0; i < 10 && (s.fswFlags & C2) != 0; i++) {
            X87.fprem(s);                      // the usual loop finishes the reduction
        }
        assertEquals(0, s.fswFlags & C2);
        assertTrue((X87.stSe(s, 0) & 0x7fff) <= 0x3fff);
    }

    @Test
    void fxtractSplitsExponentAndSignificand() {
        X87State s = fresh(0, 3);
        X87.fldMem64(s, Double.doubleToRawLongBits(-12.0));
        X87.fxtract(s);
        assertEquals("bfff:c000000000000000", st0(s));   // -1.5
        assertEquals(String.format("%04x:%016x", 0x4000, 0xC000000000000000L),
                String.format("%04x:%016x", X87.stSe(s, 1), X87.stSig(s, 1))); // 3
        X87.fldz(s);
        X87.fxtract(s);
        assertEquals(ZE, flags(s));
        assertEquals("ffff:8000000000000000", String.format("%04x:%016x", X87.stSe(s, 1), X87.stSig(s, 1)));
    }

    // ---------------------------------------------------------------- comparisons

    @Test
    void comparisonsSetConditionCodesAndEflags() {
        X87State s = fresh(0, 3);
        X87.fld1(s);
        X87.fldz(s);
        X87.fcom(s, 1, 0);
        assertEquals(C0, s.fswFlags & (C0 | C2 | C3), "0 < 1");
        assertEquals(X87Flags.EFLAGS_CF, X87.fcomi(s, 1, false));
        X87.fldMem80(s, 0xC000000000000000L, 0x7fff);   // QNaN
        X87.fucom(s, 1, 0);
        assertEquals(C0 | C2 | C3, s.fswFlags & (C0 | C2 | C3));
        assertEquals(0, flags(s), "fucom: QNaN is quiet");
        X87.fcom(s, 1, 0);
        assertEquals(IE, flags(s), "fcom: any NaN is invalid");
        X87.fnclex(s);
        assertEquals(X87Flags.EFLAGS_ZF | X87Flags.EFLAGS_PF | X87Flags.EFLAGS_CF, X87.fucomi(s, 1, true));
        X87.fldz(s);
        X87.fchs(s);
        X87.ftst(s);
        assertEquals(C3, s.fswFlags & (C0 | C2 | C3), "-0 == +0");
        X87.ficomMem16(s, 0xffff, false);                 // -0 > -1
        assertEquals(0, s.fswFlags & (C0 | C2 | C3));
    }

    @Test
    void fxamClassifies() {
        X87State s = fresh(0, 3);
        X87.fxam(s);
        assertEquals(C3 | C0, s.fswFlags & (C0 | C2 | C3), "empty");
        X87.fldMem80(s, 1, 0x8000);
        X87.fxam(s);
        assertEquals(C3 | C2 | C1, s.fswFlags & (C0 | C1 | C2 | C3), "negative denormal");
        X87.fldMem80(s, ONE, 0x7fff);
        X87.fxam(s);
        assertEquals(C2 | C0, s.fswFlags & (C0 | C1 | C2 | C3), "+inf");
    }

    // ---------------------------------------------------------------- stack

    @Test
    void stackOverflowLoadsTheIndefiniteAndSetsC1() {
        X87State s = fresh(0, 3);
        for (int i = 0; i < 8; i++) {
            X87.fld1(s);
        }
        assertEquals(0, flags(s));
        X87.fldz(s);
        assertEquals(IE | SF, flags(s));
        assertEquals(C1, s.fswFlags & C1, "C1 = 1: overflow");
        assertEquals("ffff:c000000000000000", st0(s));
    }

    @Test
    void stackUnderflowStoresIndefinitesAndClearsC1() {
        X87State s = fresh(0, 3);
        assertEquals(0x80000000L, X87.fistMem32(s, false));
        assertEquals(IE | SF, flags(s));
        assertEquals(0, s.fswFlags & C1, "C1 = 0: underflow");
        assertEquals(0xffc00000L, X87.fstMem32(s, false));
        assertEquals(0xC000000000000000L, X87.fstMem80Sig(s));
        assertEquals(0xffff, X87.fstMem80SignExp(s, true));
        assertEquals(1, s.top, "the pop still happens");
    }

    @Test
    void fxchFfreeAndTopMovement() {
        X87State s = fresh(0, 3);
        X87.fld1(s);
        X87.fldz(s);
        X87.fxch(s, 1);
        assertEquals("3fff:8000000000000000", st0(s));
        X87.ffree(s, 1, false);
        assertTrue(X87.isEmpty(s, 1));
        X87.fdecstp(s);
        assertEquals(5, s.top);
        X87.fincstp(s);
        X87.fincstp(s);
        assertEquals(7, s.top);
        assertEquals(0x3800, X87.fnstsw(s) & 0x3800);
        X87.fninit(s);
        assertEquals(0x037f, X87.fnstcw(s));
        assertEquals(0xffff, s.tags);
    }

    @Test
    void unmaskedExceptionsSetTheSummaryBits() {
        X87State s = fresh(0, 3);
        X87.fldcw(s, 0x037b); // ZE unmasked
        X87.fldz(s);
        X87.fld1(s);
        X87.fdiv(s, 0, 1, false);
        assertTrue(X87.unmaskedPending(s));
        assertEquals(0x8080, X87.fnstsw(s) & 0x8080);
        X87.fnclex(s);
        assertFalse(X87.unmaskedPending(s));
    }

    @Test
    void fldcwKeepsOnlyDefinedBits() {
        X87State s = fresh(0, 3);
        X87.fldcw(s, 0);
        assertEquals(0x0040, X87.fnstcw(s));
        X87.fldcw(s, 0xffff);
        assertEquals(0x1f7f, X87.fnstcw(s));
    }

    @Test
    void float80RejectsBadPrecision() {
        assertThrows(IllegalArgumentException.class, () -> new Float80(0, 32));
    }
}
