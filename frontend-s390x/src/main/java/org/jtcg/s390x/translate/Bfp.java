package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import static org.jtcg.s390x.translate.S390xTable.M;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Binary floating point: arithmetic, compare, load-and-test/complement/positive/negative, square root,
 * short-long conversions, integer conversions and multiply-and-add, on {@link BfpHelpers}. Long
 * operands are the whole FPR, short ones its leftmost 32 bits (the right half is left unchanged by
 * short results).
 */
public final class Bfp {
    private Bfp() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        for (int wide = 0; wide <= 1; wide++) {
            int w = wide;
            String d = w == 1 ? "D" : "E";
            binary(h, "A" + d + "BR", "A" + d + "B", BfpHelpers.ADD, w);
            binary(h, "S" + d + "BR", "S" + d + "B", BfpHelpers.SUB, w);
            binary(h, w == 1 ? "MDBR" : "MEEBR", w == 1 ? "MDB" : "MEEB", BfpHelpers.MUL, w);
            binary(h, "D" + d + "BR", "D" + d + "B", BfpHelpers.DIV, w);
            h.on("SQ" + d + "BR", (e, a) -> arith(e, a[R1], w, BfpHelpers.SQRT, w, getF(e, a[R2], w), e.c(0)));
            h.on("LT" + d + "BR", (e, a) -> arith(e, a[R1], w, BfpHelpers.LOAD_TEST, w, getF(e, a[R2], w), e.c(0)));
            long sign = w == 1 ? Long.MIN_VALUE : 0x80000000L;
            // sign operations: no exceptions, CC from the result
            h.on("LC" + d + "BR", (e, a) -> sign(e, a, w, e.b.xor(getF(e, a[R2], w), e.c(sign))));
            h.on("LP" + d + "BR", (e, a) -> sign(e, a, w, e.b.and(getF(e, a[R2], w), e.c(~sign))));
            h.on("LN" + d + "BR", (e, a) -> sign(e, a, w, e.b.or(getF(e, a[R2], w), e.c(sign))));
            h.on("C" + d + "BR", (e, a) -> compare(e, w, 0, getF(e, a[R1], w), getF(e, a[R2], w)));
            h.on("K" + d + "BR", (e, a) -> compare(e, w, 1, getF(e, a[R1], w), getF(e, a[R2], w)));
            h.on("C" + d + "B", (e, a) -> compare(e, w, 0, getF(e, a[R1], w), e.load(e.addr(a), w == 1 ? 8 : 4, false)));
            h.on("K" + d + "B", (e, a) -> compare(e, w, 1, getF(e, a[R1], w), e.load(e.addr(a), w == 1 ? 8 : 4, false)));
            for (int u = 0; u <= 1; u++) {
                int logical = u;
                String l = u == 1 ? "L" : "";
                // from integer: CDFBR, CDLFBR, CDGBR, CDLGBR (short: CE...); the signed forms use the FPC rounding
                h.on("C" + d + l + "FBR", (e, a) -> fromInt(e, a, w, logical, e.low((int) a[R2], logical == 0)));
                h.on("C" + d + l + "GBR", (e, a) -> fromInt(e, a, w, logical, e.b.mov(e.r((int) a[R2]))));
                // to integer: CFDBR, CLFDBR, CGDBR, CLGDBR (short: C.EBR)
                h.on("C" + l + "F" + d + "BR", (e, a) -> {
                    Val r = e.b.callValue(BfpHelpers.TO_INT, e.c(w), e.c(32), e.c(logical), e.c(a[M]), e.c(a[S390xTable.M4]),
                            getF(e, a[R2], w));
                    FpControl.checkTrap(e, () -> e.setLow((int) a[R1], r));
                    e.ccUnknown();
                });
                h.on("C" + l + "G" + d + "BR", (e, a) -> {
                    Val r = e.b.callValue(BfpHelpers.TO_INT, e.c(w), e.c(64), e.c(logical), e.c(a[M]), e.c(a[S390xTable.M4]),
                            getF(e, a[R2], w));
                    FpControl.checkTrap(e, () -> e.set((int) a[R1], r));
                    e.ccUnknown();
                });
            }
            h.on("FI" + d + "BR", (e, a) -> {
                Val r = e.b.callValue(BfpHelpers.ROUND_TO_INTEGRAL, e.c(w), e.c(a[M]), e.c(a[S390xTable.M4]), getF(e, a[R2], w));
                FpControl.checkTrap(e, () -> setF(e, a[R1], w, r));
            });
            h.on("MA" + d + "BR", (e, a) -> fma(e, a, w, 0, getF(e, a[R2], w)));
            h.on("MS" + d + "BR", (e, a) -> fma(e, a, w, 1, getF(e, a[R2], w)));
            h.on("MA" + d + "B", (e, a) -> fma(e, a, w, 0, e.load(e.addr(a), w == 1 ? 8 : 4, false)));
            h.on("MS" + d + "B", (e, a) -> fma(e, a, w, 1, e.load(e.addr(a), w == 1 ? 8 : 4, false)));
        }
        // TEST DATA CLASS: CC 1 when the operand's class bit is set in the second-operand address (no storage access)
        h.on("TCEB", (e, a) -> e.ccConst(e.b.callValue(TEST_CLASS, e.c(0), getF(e, a[R1], 0), e.c(0), e.addr(a))));
        h.on("TCDB", (e, a) -> e.ccConst(e.b.callValue(TEST_CLASS, e.c(1), getF(e, a[R1], 1), e.c(0), e.addr(a))));
        h.on("TCXB", (e, a) -> {
            if (validPair(e, a[R1])) {
                e.ccConst(e.b.callValue(TEST_CLASS, e.c(2), getF(e, a[R1], 1), getF(e, a[R1] + 2, 1), e.addr(a)));
            }
        });
        h.on("LZXR", (e, a) -> {
            if (validPair(e, a[R1])) {
                setF(e, a[R1], 1, e.c(0));
                setF(e, a[R1] + 2, 1, e.c(0));
            }
        });
        h.on("LDEBR", (e, a) -> arith(e, a[R1], 1, BfpHelpers.WIDEN, 0, getF(e, a[R2], 0), e.c(0)));
        h.on("LDEB", (e, a) -> arith(e, a[R1], 1, BfpHelpers.WIDEN, 0, e.load(e.addr(a), 4, false), e.c(0)));
        // LEDBR(A): M3 rounding and M4 travel in the second operand
        h.on("LEDBR", (e, a) -> arith(e, a[R1], 0, BfpHelpers.NARROW, 1, getF(e, a[R2], 1), e.c(a[M] | a[S390xTable.M4] << 4)));
    }

    /** The operand in FPR n: the whole register (long) or its leftmost half right-aligned (short). */
    static Val getF(Emit e, long n, int wide) {
        Val f = FpMoves.f(e, n);
        return wide == 1 ? e.b.mov(f) : e.b.shr(f, e.c(32));
    }

    static void setF(Emit e, long n, int wide, Val v) {
        Val f = FpMoves.f(e, n);
        if (wide == 1) {
            e.b.mov(f, v);
        } else {
            e.b.mov(f, e.b.deposit(f, v, 32, 32));
        }
    }

    /** Calls the helper, then the FPC trap test, and writes the result to FPR r1 in format {@code destWide}. */
    private static void arith(Emit e, long r1, int destWide, int op, int wide, Val a, Val b) {
        Val r = e.b.callValue(BfpHelpers.ARITH, e.c(op), e.c(wide), a, b);
        FpControl.checkTrap(e, () -> setF(e, r1, destWide, r));
        if (op == BfpHelpers.ADD || op == BfpHelpers.SUB || op == BfpHelpers.LOAD_TEST) {
            e.ccUnknown();
        }
    }

    private static void binary(PatternHandlers.Builder<Handler> h, String rr, String rx, int op, int wide) {
        h.on(rr, (e, a) -> arith(e, a[R1], wide, op, wide, getF(e, a[R1], wide), getF(e, a[R2], wide)));
        h.on(rx, (e, a) -> arith(e, a[R1], wide, op, wide, getF(e, a[R1], wide), e.load(e.addr(a), wide == 1 ? 8 : 4, false)));
    }

    /** CDFBR(A)... and the logical forms: M3 rounding (0: the FPC mode), M4 XxC. */
    private static void fromInt(Emit e, long[] a, int wide, int logical, Val v) {
        Val r = e.b.callValue(BfpHelpers.FROM_INT, e.c(wide), e.c(logical), e.c(a[M]), e.c(a[S390xTable.M4]), v);
        FpControl.checkTrap(e, () -> setF(e, a[R1], wide, r));
    }

    private static void sign(Emit e, long[] a, int wide, Val v) {
        Val r = e.b.mov(v);
        setF(e, a[R1], wide, r);
        e.ccConst(e.b.callValue(RESULT_CC, e.c(wide), r));
    }

    static final HelperRef TEST_CLASS = HelperRef.of(Bfp.class, "testDataClass", HelperRef.PURE);

    /**
     * TCEB/TCDB/TCXB: format 0 short, 1 long, 2 extended (hi:lo = FPR pair r1, r1+2). Mask bits from 0x800 down:
     * +0, -0, +normal, -normal, +subnormal, -subnormal, +inf, -inf, +QNaN, -QNaN, +SNaN, -SNaN.
     */
    public static long testDataClass(long format, long hi, long lo, long mask) {
        int expBits = format == 0 ? 8 : format == 1 ? 11 : 15;
        int width = format == 0 ? 32 : 64; // of hi
        boolean negative = ((hi >>> (width - 1)) & 1) != 0;
        long exp = (hi >>> (width - 1 - expBits)) & ((1L << expBits) - 1);
        long fracHi = hi & ((1L << (width - 1 - expBits)) - 1);
        boolean fracZero = fracHi == 0 && (format != 2 || lo == 0);
        long quietBit = 1L << (width - 2 - expBits);
        int cls; // 0 zero, 1 normal, 2 subnormal, 3 infinity, 4 QNaN, 5 SNaN
        if (exp == 0) {
            cls = fracZero ? 0 : 2;
        } else if (exp == (1L << expBits) - 1) {
            cls = fracZero ? 3 : (fracHi & quietBit) != 0 ? 4 : 5;
        } else {
            cls = 1;
        }
        int bit = 11 - (2 * cls + (negative ? 1 : 0));
        return (mask >>> bit) & 1;
    }

    static final HelperRef RESULT_CC = HelperRef.of(Bfp.class, "resultCc", HelperRef.PURE);

    /** CC of a BFP value (0 zero, 1 negative, 2 positive, 3 NaN), for the sign operations. */
    public static long resultCc(long wide, long v) {
        return BfpHelpers.resultCc(BfpHelpers.format(wide), v);
    }

    private static void compare(Emit e, int wide, int signaling, Val a, Val b) {
        e.b.call(BfpHelpers.COMPARE, null, e.c(wide), e.c(signaling), a, b);
        FpControl.checkTrap(e, null);
        e.ccUnknown();
    }

    /**
     * An extended operand names FPR pair n, n+2 with n in 0, 1, 4, 5, 8, 9, 12, 13; another n is a
     * specification exception (Linux: SIGILL, ILL_ILLOPN), emitted here; returns whether n is valid.
     */
    static boolean validPair(Emit e, long n) {
        if ((n & 2) == 0) {
            return true;
        }
        e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.restartPc), e.next);
        e.ended = true;
        return false;
    }

    /** r1 = r3 * second ± r1 (RRD: second = r2; RXF: storage). */
    private static void fma(Emit e, long[] a, int wide, int subtract, Val second) {
        Val r = e.b.callValue(BfpHelpers.FMA, e.c(wide), e.c(subtract), getF(e, a[R3], wide), second,
                getF(e, a[R1], wide));
        FpControl.checkTrap(e, () -> setF(e, a[R1], wide, r));
    }
}
