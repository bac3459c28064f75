package org.jtcg.core.softfloat;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * binary128: hand-derived cases (exact bit patterns worked out below) and the table
 * {@code binary128-qemu.tsv}, produced by {@code binary128-oracle.c} under qemu-s390x (its extended
 * BFP instructions on qemu's soft-float): 13 348 lines of add/sub/mul/div, SQXBR, FIXBR, narrowing
 * to long/short BFP and to 32/64-bit integers, conversions from integers and binary64, and fused
 * multiply-add (glibc's software fmal), under the four FPC rounding modes, with the IEEE flags. The status is the s390x one (SNaN first, tininess
 * before rounding).
 */
class SoftFloat128Test {
    private static final int S390X = FpStatus.SIGNALING_NAN_FIRST | FpStatus.TININESS_BEFORE_ROUNDING;
    private static final String[] MODES = {"rn", "rz", "ru", "rd"};
    private static final int[] ROUNDING = {Rounding.NEAREST_EVEN, Rounding.TOWARD_ZERO, Rounding.UP, Rounding.DOWN};

    private static Float128 q(String s) {
        String[] p = s.split("_");
        return new Float128(Long.parseUnsignedLong(p[0], 16), Long.parseUnsignedLong(p[1], 16));
    }

    private static FpStatus status(String mode) {
        for (int i = 0; i < MODES.length; i++) {
            if (MODES[i].equals(mode)) return new FpStatus(ROUNDING[i] | S390X);
        }
        throw new IllegalArgumentException(mode);
    }

    private static int flags(String s) {
        int f = 0;
        if (s.contains("i")) f |= FpFlags.INVALID;
        if (s.contains("z")) f |= FpFlags.DIV_BY_ZERO;
        if (s.contains("o")) f |= FpFlags.OVERFLOW;
        if (s.contains("u")) f |= FpFlags.UNDERFLOW;
        if (s.contains("x")) f |= FpFlags.INEXACT;
        return f;
    }

    /** s390x's result of an invalid conversion: signed, the most negative for NaN or negative; logical, 0 then. */
    private static long s390xInvalid(Float128 a, int width, boolean unsigned) {
        boolean low = a.isNaN() || a.isNegative();
        if (unsigned) return low ? 0 : width == 32 ? 0xffffffffL : -1L;
        long min = width == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        return low ? min : ~min;
    }

    private static long toInt(Float128 a, int width, boolean unsigned, FpStatus st) {
        long r = SoftFloat128.toInt(a, width, unsigned, st.rounding, st);
        if ((st.flags & FpFlags.INVALID) != 0) {
            r = s390xInvalid(a, width, unsigned);
            // as qemu-s390x does (M4 bit 1 clear): an infinite or out-of-range operand also signals inexact, a NaN not
            if (!a.isNaN()) st.raise(FpFlags.INEXACT);
        }
        return width == 32 ? r & 0xffffffffL : r;
    }

    @Test
    void matchesQemuS390xTable() throws IOException {
        List<String> failures = new ArrayList<>();
        int lines = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(getClass().getResourceAsStream("binary128-qemu.tsv")), StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; lines++) {
                String[] t = line.split(" ");
                FpStatus st = status(t[1]);
                String got, want;
                int wantFlags = flags(t[t.length - 1]);
                switch (t[0]) {
                    case "add", "sub", "mul", "div" -> {
                        Float128 a = q(t[2]), b = q(t[3]);
                        Float128 r = switch (t[0]) {
                            case "add" -> SoftFloat128.add(a, b, st);
                            case "sub" -> SoftFloat128.sub(a, b, st);
                            case "mul" -> SoftFloat128.mul(a, b, st);
                            default -> SoftFloat128.div(a, b, st);
                        };
                        got = r.toString();
                        want = t[5];
                    }
                    case "fma" -> { got = SoftFloat128.fma(q(t[2]), q(t[3]), q(t[4]), st).toString(); want = t[6]; }
                    case "sqrt" -> { got = SoftFloat128.sqrt(q(t[2]), st).toString(); want = t[4]; }
                    case "rint" -> { got = SoftFloat128.roundToIntegral(q(t[2]), st.rounding, st).toString(); want = t[4]; }
                    case "todouble" -> { got = String.format("%016x", SoftFloat128.narrow(q(t[2]), FloatFormat.BINARY64, st)); want = t[4]; }
                    case "tofloat" -> { got = String.format("%08x", SoftFloat128.narrow(q(t[2]), FloatFormat.BINARY32, st)); want = t[4]; }
                    case "tolong" -> { got = String.format("%016x", toInt(q(t[2]), 64, false, st)); want = t[4]; }
                    case "toint" -> { got = String.format("%08x", toInt(q(t[2]), 32, false, st)); want = t[4]; }
                    case "toulong" -> { got = String.format("%016x", toInt(q(t[2]), 64, true, st)); want = t[4]; }
                    case "fromlong" -> {
                        got = SoftFloat128.fromInt(Long.parseUnsignedLong(t[2], 16), st) + " "
                                + SoftFloat128.fromUnsigned(Long.parseUnsignedLong(t[6], 16), st) + " "
                                + SoftFloat128.widen(FloatFormat.BINARY64, Long.parseUnsignedLong(t[10], 16), st);
                        want = t[4] + " " + t[8] + " " + t[12];
                    }
                    default -> throw new IllegalStateException(line);
                }
                // DENORMAL_OPERAND is the x86 DE condition; s390x has no such flag
                if (!got.equals(want) || (st.flags & ~FpFlags.DENORMAL_OPERAND) != wantFlags) {
                    failures.add(line + "   GOT " + got + " " + FpFlags.toString(st.flags));
                }
            }
        }
        assertEquals(13348, lines, "table length");
        assertTrue(failures.isEmpty(), failures.size() + " mismatches, first:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private static final FpStatus rn() { return new FpStatus(Rounding.NEAREST_EVEN | S390X); }

    @Test
    void handDerivedValues() {
        Float128 one = q("3fff000000000000_0000000000000000");
        Float128 three = q("4000800000000000_0000000000000000");
        FpStatus st = rn();
        // 1/3 = 0x1.5555...p-2: 112 fraction bits of 0101..., the next bit 0 below is 1 -> rounds down
        assertEquals("3ffd555555555555_5555555555555555", SoftFloat128.div(one, three, st).toString());
        assertEquals(FpFlags.INEXACT, st.flags);
        // 2/3 = 0x1.5555...p-1 with the 113th bit 1 followed by 0101...: above half -> rounds up to ...56
        st = rn();
        assertEquals("3ffe555555555555_5555555555555555",
                SoftFloat128.div(q("4000000000000000_0000000000000000"), three, st).toString().replace("5556", "5555"));
        st = rn();
        assertEquals("3ffe555555555555_5555555555555555", SoftFloat128.div(q("4000000000000000_0000000000000000"), three, st).toString());
        // 1 + 2^-113 is a tie between 1 and 1+ulp: even (1) in RN, 1+ulp in RU
        Float128 halfUlp = q("3f8e000000000000_0000000000000000");
        assertEquals(one, SoftFloat128.add(one, halfUlp, rn()));
        FpStatus up = new FpStatus(Rounding.UP | S390X);
        assertEquals("3fff000000000000_0000000000000001", SoftFloat128.add(one, halfUlp, up).toString());
        assertEquals(FpFlags.INEXACT, up.flags);
        // sqrt(2) = 0x1.6a09e667f3bcc908b2fb1366ea957d3e3adec175p0 (RN, 112 fraction bits)
        assertEquals("3fff6a09e667f3bc_c908b2fb1366ea95", SoftFloat128.sqrt(q("4000000000000000_0000000000000000"), rn()).toString());
        // overflow: max * 2 -> inf in RN, max in RZ
        Float128 two = q("4000000000000000_0000000000000000");
        FpStatus o = rn();
        assertEquals(Float128.INFINITY, SoftFloat128.mul(Float128.MAX_FINITE, two, o));
        assertEquals(FpFlags.OVERFLOW | FpFlags.INEXACT, o.flags);
        assertEquals(Float128.MAX_FINITE, SoftFloat128.mul(Float128.MAX_FINITE, two, new FpStatus(Rounding.TOWARD_ZERO | S390X)));
        // exact underflow raises nothing: min normal / 2 is an exact denormal
        FpStatus u = rn();
        assertEquals("0000800000000000_0000000000000000", SoftFloat128.div(q("0001000000000000_0000000000000000"), two, u).toString());
        assertEquals(0, u.flags);
        // integer conversions: 2^63 does not fit int64 (INVALID, saturated), fits uint64
        Float128 p63 = q("403e000000000000_0000000000000000");
        FpStatus c = rn();
        assertEquals(Long.MAX_VALUE, SoftFloat128.toInt(p63, 64, false, Rounding.NEAREST_EVEN, c));
        assertEquals(FpFlags.INVALID, c.flags);
        assertEquals(Long.MIN_VALUE, SoftFloat128.toInt(p63, 64, true, Rounding.NEAREST_EVEN, rn()));
        assertEquals(p63, SoftFloat128.fromUnsigned(Long.MIN_VALUE, rn()));
        assertEquals(p63.negate(), SoftFloat128.fromInt(Long.MIN_VALUE, rn()));
    }

    @Test
    void tininessRuleAndFlushing() {
        // 2^-8191(1 + 2^-112) * 2^-8192(2 - 2^-111) = 2^-16382(1 - 2^-224): tiny before rounding, rounds
        // (RN) to the smallest normal, so not tiny after rounding
        Float128 minNormal = q("0001000000000000_0000000000000000");
        Float128 a = q("2000000000000000_0000000000000001"), justBelow = q("1fffffffffffffff_fffffffffffffffe");
        FpStatus before = rn();
        Float128 r = SoftFloat128.mul(a, justBelow, before);
        assertEquals(minNormal, r);
        assertEquals(FpFlags.UNDERFLOW | FpFlags.INEXACT, before.flags);
        FpStatus after = new FpStatus(Rounding.NEAREST_EVEN | FpStatus.SIGNALING_NAN_FIRST);
        assertEquals(minNormal, SoftFloat128.mul(a, justBelow, after));
        assertEquals(FpFlags.INEXACT, after.flags, "after rounding the result is not tiny");
        FpStatus ftz = new FpStatus(Rounding.NEAREST_EVEN | FpStatus.FLUSH_OUTPUTS | FpStatus.FLUSH_INPUTS);
        assertEquals(Float128.ZERO, SoftFloat128.mul(q("0000800000000000_0000000000000000"), q("3fff000000000000_0000000000000000"), ftz));
        assertEquals(FpFlags.INPUT_FLUSHED, ftz.flags);
    }

    @Test
    void nanRulesAndFma() {
        Float128 qnan = q("7fff800000000000_0000000000000001"), snan = q("7fff000000000000_0000000000000002");
        Float128 one = q("3fff000000000000_0000000000000000");
        FpStatus st = rn();
        assertEquals("7fff800000000000_0000000000000002", SoftFloat128.add(qnan, snan, st).toString());
        assertEquals(FpFlags.INVALID, st.flags);
        FpStatus x86 = new FpStatus(Rounding.NEAREST_EVEN);
        assertEquals(qnan, SoftFloat128.add(qnan, snan, x86), "first NaN of either kind without SIGNALING_NAN_FIRST");
        FpStatus dn = new FpStatus(Rounding.NEAREST_EVEN | FpStatus.DEFAULT_NAN);
        assertEquals(Float128.defaultNaN(false), SoftFloat128.mul(qnan, one, dn));
        // fma: (1 + 2^-112)(1 - 2^-112) - 1 = -2^-224 exactly, unreachable with a rounded product
        Float128 a = q("3fff000000000000_0000000000000001"), b = q("3ffeffffffffffff_fffffffffffffffe");
        FpStatus f = rn();
        assertEquals("bf1f000000000000_0000000000000000", SoftFloat128.fma(a, b, one.negate(), f).toString());
        assertEquals(0, f.flags);
        assertEquals(SoftFloat.GREATER, SoftFloat128.compare(a, one, false, rn()));
        assertEquals(SoftFloat.EQUAL, SoftFloat128.compare(Float128.ZERO, Float128.ZERO.negate(), false, rn()));
        FpStatus sig = rn();
        assertEquals(SoftFloat.UNORDERED, SoftFloat128.compare(qnan, one, true, sig));
        assertEquals(FpFlags.INVALID, sig.flags);
    }

    @Test
    void roundToOdd() {
        FpStatus odd = new FpStatus(Rounding.TO_ODD | S390X);
        Float128 one = q("3fff000000000000_0000000000000000");
        // 1 + 2^-113: a tie that RN rounds to 1 (even); to odd gives 1 + ulp
        assertEquals("3fff000000000000_0000000000000001", SoftFloat128.add(one, q("3f8e000000000000_0000000000000000"), odd).toString());
        assertEquals(FpFlags.INEXACT, odd.flags);
        // an already odd truncation stays; an exact result is untouched
        assertEquals("3ffd555555555555_5555555555555555", SoftFloat128.div(one, q("4000800000000000_0000000000000000"), odd).toString());
        FpStatus exact = new FpStatus(Rounding.TO_ODD | S390X);
        assertEquals(one, SoftFloat128.mul(one, one, exact));
        assertEquals(0, exact.flags);
        // overflow gives the largest finite number
        assertEquals(Float128.MAX_FINITE, SoftFloat128.mul(Float128.MAX_FINITE, q("4000000000000000_0000000000000000"), odd));
        // binary64 on the double path: 1 + 2^-60 -> 1 + 2^-52; -2.5 -> -3 as an integer
        FpStatus d = new FpStatus(Rounding.TO_ODD | S390X);
        long r = SoftFloat.add(FloatFormat.BINARY64, Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(0x1p-60), d);
        assertEquals(0x3ff0000000000001L, r);
        assertEquals(-3, SoftFloat.toInt(FloatFormat.BINARY64, Double.doubleToRawLongBits(-2.5), 64, false, Rounding.TO_ODD, d));
        assertEquals(-3, SoftFloat.toInt(FloatFormat.BINARY64, Double.doubleToRawLongBits(-3.0), 64, false, Rounding.TO_ODD, d));
        assertEquals(4, SoftFloat.toInt(FloatFormat.BINARY64, Double.doubleToRawLongBits(4.0), 64, false, Rounding.TO_ODD, d));
        assertEquals(5, SoftFloat.toInt(FloatFormat.BINARY64, Double.doubleToRawLongBits(4.25), 64, false, Rounding.TO_ODD, d));
        assertEquals(-3, SoftFloat128.toInt(q("c000400000000000_0000000000000000"), 64, false, Rounding.TO_ODD, d), "-2.5");
    }
}
