package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;

import static org.jtcg.s390x.translate.S390xTable.M;
import static org.jtcg.s390x.translate.S390xTable.M4;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;

/**
 * Extended BFP (binary128, FPR pairs n and n+2): arithmetic, compare, load-and-test/complement/
 * positive/negative, LXR, conversions to and from short/long BFP and integers, LOAD FP INTEGER, on
 * {@link BfpExtendedHelpers}. A register field that does not name a pair (n with bit 2 set) is a
 * specification exception ({@link Bfp#validPair}). Every helper call is followed by the FPC trap test.
 */
final class BfpExtended {
    private BfpExtended() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        arith(h, "AXBR", BfpExtendedHelpers.ADD);
        arith(h, "SXBR", BfpExtendedHelpers.SUB);
        arith(h, "MXBR", BfpExtendedHelpers.MUL);
        arith(h, "DXBR", BfpExtendedHelpers.DIV);
        arith(h, "SQXBR", BfpExtendedHelpers.SQRT);
        arith(h, "LTXBR", BfpExtendedHelpers.LOAD_TEST);
        compare(h, "CXBR", 0);
        compare(h, "KXBR", 1);
        long sign = Long.MIN_VALUE;
        // sign operations and LXR: no exceptions; the sign ops set the CC from the result
        h.on("LCXBR", (e, a) -> sign(e, a, hi -> e.b.xor(hi, e.c(sign))));
        h.on("LPXBR", (e, a) -> sign(e, a, hi -> e.b.and(hi, e.c(~sign))));
        h.on("LNXBR", (e, a) -> sign(e, a, hi -> e.b.or(hi, e.c(sign))));
        h.on("LXR", (e, a) -> {
            if (pairs(e, a[R1], a[R2])) {
                Val hi = e.b.mov(FpMoves.f(e, a[R2])), lo = e.b.mov(FpMoves.f(e, a[R2] + 2));
                e.b.mov(FpMoves.f(e, a[R1]), hi);
                e.b.mov(FpMoves.f(e, a[R1] + 2), lo);
            }
        });
        // short/long -> extended (exact), register and storage forms
        h.on("LXDBR", (e, a) -> widen(e, a[R1], 1, Bfp.getF(e, a[R2], 1)));
        h.on("LXEBR", (e, a) -> widen(e, a[R1], 0, Bfp.getF(e, a[R2], 0)));
        h.on("LXDB", (e, a) -> widen(e, a[R1], 1, e.load(e.addr(a), 8, false)));
        h.on("LXEB", (e, a) -> widen(e, a[R1], 0, e.load(e.addr(a), 4, false)));
        h.on("MXDBR", (e, a) -> mulWiden(e, a[R1], Bfp.getF(e, a[R2], 1)));
        h.on("MXDB", (e, a) -> mulWiden(e, a[R1], e.load(e.addr(a), 8, false)));
        // extended -> long/short, rounded by M3 (LDXBRA/LEXBRA; 0 = the FPC mode)
        h.on("LDXBR", (e, a) -> narrow(e, a, 1));
        h.on("LEXBR", (e, a) -> narrow(e, a, 0));
        h.on("FIXBR", (e, a) -> {
            if (pairs(e, a[R1], a[R2])) {
                e.b.call(BfpExtendedHelpers.ROUND_TO_INTEGRAL, null, e.c(a[M]), e.c(a[M4]), e.c(a[R1]), e.c(a[R2]));
                FpControl.checkTrap(e, null);
            }
        });
        // integers -> extended: always exact (M3/M4 have no effect)
        h.on("CXFBR", (e, a) -> fromInt(e, a[R1], 0, e.low((int) a[R2], true)));
        h.on("CXGBR", (e, a) -> fromInt(e, a[R1], 0, e.b.mov(e.r((int) a[R2]))));
        h.on("CXLFBR", (e, a) -> fromInt(e, a[R1], 1, e.low((int) a[R2], false)));
        h.on("CXLGBR", (e, a) -> fromInt(e, a[R1], 1, e.b.mov(e.r((int) a[R2]))));
        // extended -> integers, rounded by M3; CC 3 for NaN / out of range
        h.on("CFXBR", (e, a) -> toInt(e, a, 32, 0));
        h.on("CGXBR", (e, a) -> toInt(e, a, 64, 0));
        h.on("CLFXBR", (e, a) -> toInt(e, a, 32, 1));
        h.on("CLGXBR", (e, a) -> toInt(e, a, 64, 1));
    }

    private static boolean pairs(Emit e, long r1, long r2) {
        return Bfp.validPair(e, r1) && Bfp.validPair(e, r2);
    }

    private static void arith(PatternHandlers.Builder<Handler> h, String name, int op) {
        h.on(name, (e, a) -> {
            if (pairs(e, a[R1], a[R2])) {
                e.b.call(BfpExtendedHelpers.ARITH, null, e.c(op), e.c(a[R1]), e.c(a[R2]));
                FpControl.checkTrap(e, null);
                if (op == BfpExtendedHelpers.ADD || op == BfpExtendedHelpers.SUB || op == BfpExtendedHelpers.LOAD_TEST) {
                    e.ccUnknown();
                }
            }
        });
    }

    private static void compare(PatternHandlers.Builder<Handler> h, String name, int signaling) {
        h.on(name, (e, a) -> {
            if (pairs(e, a[R1], a[R2])) {
                e.b.call(BfpExtendedHelpers.COMPARE, null, e.c(signaling), e.c(a[R1]), e.c(a[R2]));
                FpControl.checkTrap(e, null);
                e.ccUnknown();
            }
        });
    }

    private static void sign(Emit e, long[] a, java.util.function.UnaryOperator<Val> op) {
        if (!pairs(e, a[R1], a[R2])) {
            return;
        }
        Val hi = e.b.mov(op.apply(FpMoves.f(e, a[R2]))), lo = e.b.mov(FpMoves.f(e, a[R2] + 2));
        e.b.mov(FpMoves.f(e, a[R1]), hi);
        e.b.mov(FpMoves.f(e, a[R1] + 2), lo);
        e.ccConst(e.b.callValue(BfpExtendedHelpers.RESULT_CC, hi, lo));
    }

    private static void widen(Emit e, long r1, int wide, Val v) {
        if (Bfp.validPair(e, r1)) {
            e.b.call(BfpExtendedHelpers.WIDEN, null, e.c(wide), e.c(r1), v);
            FpControl.checkTrap(e, null);
        }
    }

    private static void mulWiden(Emit e, long r1, Val b) {
        if (Bfp.validPair(e, r1)) {
            e.b.call(BfpExtendedHelpers.MUL_WIDEN, null, e.c(r1), Bfp.getF(e, r1, 1), b);
            FpControl.checkTrap(e, null);
        }
    }

    private static void narrow(Emit e, long[] a, int wide) {
        if (pairs(e, a[R1], a[R2])) {
            Val r = e.b.callValue(BfpExtendedHelpers.NARROW, e.c(wide), e.c(a[M]), e.c(a[M4]), e.c(a[R2]));
            FpControl.checkTrap(e, () -> Bfp.setF(e, a[R1], wide, r));
        }
    }

    private static void fromInt(Emit e, long r1, int unsigned, Val v) {
        if (Bfp.validPair(e, r1)) {
            e.b.call(BfpExtendedHelpers.FROM_INT, null, e.c(unsigned), e.c(r1), v);
        }
    }

    private static void toInt(Emit e, long[] a, int width, int unsigned) {
        if (!Bfp.validPair(e, a[R2])) {
            return;
        }
        Val r = e.b.callValue(BfpExtendedHelpers.TO_INT, e.c(width), e.c(unsigned), e.c(a[M]), e.c(a[M4]), e.c(a[R2]));
        int r1 = (int) a[R1];
        FpControl.checkTrap(e, () -> {
            if (width == 32) {
                e.setLow(r1, r);
            } else {
                e.set(r1, r);
            }
        });
        e.ccUnknown();
    }
}
