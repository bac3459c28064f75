package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.softfloat.Float128;
import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.SoftFloat128;
import org.jtcg.s390x.S390xCpu;

/**
 * Extended BFP (binary128) on {@link SoftFloat128}, with the FPC settings of {@link BfpHelpers}. An
 * extended operand is the FPR pair n, n+2 (high doubleword in n); the translator has checked the pair
 * numbers. The helpers read and write the pairs by register number and set the CC themselves; a result
 * suppressed by an invalid or divide-by-zero trap is not written ({@link FpControl#commit}).
 */
public final class BfpExtendedHelpers {
    private BfpExtendedHelpers() {}

    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4, LOAD_TEST = 5;

    private static final int GLOBALS = HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS;
    static final HelperRef ARITH = HelperRef.of(BfpExtendedHelpers.class, "arith", GLOBALS);
    static final HelperRef COMPARE = HelperRef.of(BfpExtendedHelpers.class, "compare", GLOBALS);
    static final HelperRef WIDEN = HelperRef.of(BfpExtendedHelpers.class, "widen", GLOBALS);
    static final HelperRef MUL_WIDEN = HelperRef.of(BfpExtendedHelpers.class, "mulWiden", GLOBALS);
    static final HelperRef NARROW = HelperRef.of(BfpExtendedHelpers.class, "narrow", GLOBALS);
    static final HelperRef FROM_INT = HelperRef.of(BfpExtendedHelpers.class, "fromInt", GLOBALS);
    static final HelperRef TO_INT = HelperRef.of(BfpExtendedHelpers.class, "toInt", GLOBALS);
    static final HelperRef ROUND_TO_INTEGRAL = HelperRef.of(BfpExtendedHelpers.class, "roundToIntegral", GLOBALS);
    static final HelperRef RESULT_CC = HelperRef.of(BfpExtendedHelpers.class, "resultCc", HelperRef.PURE);

    private static Float128 pair(S390xCpu cpu, long n) {
        return new Float128(cpu.fpr((int) n), cpu.fpr((int) n + 2));
    }

    private static void setPair(S390xCpu cpu, long n, Float128 v) {
        cpu.setFpr((int) n, v.hi());
        cpu.setFpr((int) n + 2, v.lo());
    }

    /** CC of an extended value: 0 zero, 1 negative, 2 positive, 3 NaN (LTXBR, LCXBR, AXBR...). */
    public static long resultCc(long hi, long lo) {
        Float128 v = new Float128(hi, lo);
        return v.isNaN() ? 3 : v.isZero() ? 0 : v.isNegative() ? 1 : 2;
    }

    /**
     * AXBR/SXBR/MXBR/DXBR: pair r1 = r1 op r2; SQXBR: r1 = sqrt(r2); LTXBR: r1 = r2 (an SNaN is quieted
     * with IEEE-invalid). ADD, SUB and LOAD_TEST set the CC from the result.
     */
    public static void arith(CpuState state, long op, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, 0);
        Float128 a = pair(cpu, r1), b = pair(cpu, r2), r;
        switch ((int) op) {
            case ADD -> r = SoftFloat128.add(a, b, st);
            case SUB -> r = SoftFloat128.sub(a, b, st);
            case MUL -> r = SoftFloat128.mul(a, b, st);
            case DIV -> r = SoftFloat128.div(a, b, st);
            case SQRT -> r = SoftFloat128.sqrt(b, st);
            case LOAD_TEST -> {
                r = b;
                if (b.isSignalingNaN()) {
                    st.raise(FpFlags.INVALID);
                    r = b.quiet();
                }
            }
            default -> throw new IllegalArgumentException("extended BFP op " + op);
        }
        if (FpControl.commit(cpu, st, false)) {
            return;
        }
        setPair(cpu, r1, r);
        if (op == ADD || op == SUB || op == LOAD_TEST) {
            cpu.setCc(resultCc(r.hi(), r.lo()));
        }
    }

    /** CXBR (quiet: IEEE-invalid only for an SNaN) and KXBR (signaling): CC 0 equal, 1 low, 2 high, 3 unordered. */
    public static void compare(CpuState state, long signaling, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, 0);
        int c = SoftFloat128.compare(pair(cpu, r1), pair(cpu, r2), signaling != 0, st);
        if (!FpControl.commit(cpu, st, false)) {
            cpu.setCc(BfpHelpers.compareCc(c));
        }
    }

    /** LXDBR/LXDB (wide 1: v is long) and LXEBR/LXEB (wide 0: v is short, right-aligned) into pair r1. */
    public static void widen(CpuState state, long wide, long r1, long v) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, 0);
        Float128 r = SoftFloat128.widen(BfpHelpers.format(wide), v, st);
        if (!FpControl.commit(cpu, st, false)) {
            setPair(cpu, r1, r);
        }
    }

    /** MXDBR/MXDB: pair r1 = long a × long b, exact but for NaN and invalid cases (one rounding of an exact product). */
    public static void mulWiden(CpuState state, long r1, long a, long b) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, 0);
        Float128 x = SoftFloat128.widen(FloatFormat.BINARY64, a, st);
        Float128 y = SoftFloat128.widen(FloatFormat.BINARY64, b, st);
        Float128 r = SoftFloat128.mul(x, y, st);
        if (!FpControl.commit(cpu, st, false)) {
            setPair(cpu, r1, r);
        }
    }

    /**
     * LDXBR(A) (wide 1) / LEXBR(A) (wide 0): pair r2 rounded to long / short by M3 (0: the FPC mode);
     * M4 bit 0x4 (XxC) suppresses inexact. Returns the raw result (short right-aligned).
     */
    public static long narrow(CpuState state, long wide, long m3, long m4, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, m3);
        long r = SoftFloat128.narrow(pair(cpu, r2), BfpHelpers.format(wide), st);
        FpControl.commit(cpu, st, (m4 & 4) != 0);
        return r;
    }

    /** CXFBR/CXGBR (signed, sign-extended) and CXLFBR/CXLGBR (unsigned, zero-extended) into pair r1: always exact. */
    public static void fromInt(CpuState state, long unsigned, long r1, long v) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, 0);
        setPair(cpu, r1, unsigned != 0 ? SoftFloat128.fromUnsigned(v, st) : SoftFloat128.fromInt(v, st));
    }

    /**
     * CFXBR/CGXBR (signed) and CLFXBR/CLGXBR (logical): pair r2 to a 32/64-bit integer rounded by M3, CC
     * and invalid results as {@link BfpHelpers#toInt}.
     */
    public static long toInt(CpuState state, long width, long unsigned, long m3, long m4, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, m3);
        Float128 a = pair(cpu, r2);
        long r = SoftFloat128.toInt(a, (int) width, unsigned != 0, st.rounding, st);
        long cc;
        if ((st.flags & FpFlags.INVALID) != 0) {
            r = BfpHelpers.invalidIntResult(a.isNaN(), a.isNegative(), (int) width, unsigned != 0, st);
            cc = 3;
        } else {
            cc = resultCc(a.hi(), a.lo());
        }
        if (!FpControl.commit(cpu, st, (m4 & 4) != 0)) {
            cpu.setCc(cc);
        }
        return r;
    }

    /** FIXBR(A): pair r1 = pair r2 rounded to an integral value by M3; M4 bit 0x4 suppresses inexact. */
    public static void roundToIntegral(CpuState state, long m3, long m4, long r1, long r2) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = BfpHelpers.status(cpu, m3);
        Float128 r = SoftFloat128.roundToIntegral(pair(cpu, r2), st.rounding, st);
        if (!FpControl.commit(cpu, st, (m4 & 4) != 0)) {
            setPair(cpu, r1, r);
        }
    }
}
