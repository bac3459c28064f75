package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Binary integer arithmetic: add/subtract (signed and logical, with their CC), add/subtract with
 * carry/borrow, multiply (single and double width) and divide. Each row is (width, operation, where
 * the second operand comes from); distinct-operands forms take the first operand from r2 (RRF) or r3
 * (RIE-d) instead of r1.
 */
final class Arith {
    private Arith() {}

    enum Op { ADD, SUB, ADD_LOGICAL, SUB_LOGICAL }

    /** Second-operand sources. */
    interface Src {
        Val get(Emit e, long[] a, int width);
    }

    static final Src REG = (e, a, w) -> w == 64 ? e.b.mov(e.r((int) a[R2])) : e.low((int) a[R2], true);
    static final Src REG3 = (e, a, w) -> w == 64 ? e.b.mov(e.r((int) a[R3])) : e.low((int) a[R3], true);
    static final Src REG32S = (e, a, w) -> e.low((int) a[R2], true);
    static final Src REG32U = (e, a, w) -> e.low((int) a[R2], false);
    static final Src IMM = (e, a, w) -> e.c(a[I]);
    static final Src IMM_U32 = (e, a, w) -> e.c(a[I] & 0xffffffffL);

    static Src mem(int size, boolean signed) {
        return (e, a, w) -> e.load(e.addr(a), size, signed);
    }

    static void register(PatternHandlers.Builder<Handler> h) {
        for (Op op : new Op[] {Op.ADD, Op.SUB}) {
            String n = op == Op.ADD ? "A" : "S";
            rr(h, n + "R", op, 32, REG);
            rr(h, n + "GR", op, 64, REG);
            rr(h, n + "GFR", op, 64, REG32S);
            distinct(h, n + "RK", op, 32);
            distinct(h, n + "GRK", op, 64);
            rr(h, n, op, 32, mem(4, true));
            rr(h, n + "Y", op, 32, mem(4, true));
            rr(h, n + "G", op, 64, mem(8, false));
            rr(h, n + "GF", op, 64, mem(4, true));
            rr(h, n + "H", op, 32, mem(2, true));
            rr(h, n + "HY", op, 32, mem(2, true));
        }
        rr(h, "AHI", Op.ADD, 32, IMM);
        rr(h, "AGHI", Op.ADD, 64, IMM);
        rr(h, "AFI", Op.ADD, 32, IMM);
        rr(h, "AGFI", Op.ADD, 64, IMM);
        immDistinct(h, "AHIK", Op.ADD, 32);
        immDistinct(h, "AGHIK", Op.ADD, 64);
        immDistinct(h, "ALHSIK", Op.ADD_LOGICAL, 32);
        immDistinct(h, "ALGHSIK", Op.ADD_LOGICAL, 64);
        memImm(h, "ASI", Op.ADD, 32);
        memImm(h, "AGSI", Op.ADD, 64);
        memImm(h, "ALSI", Op.ADD_LOGICAL, 32);
        memImm(h, "ALGSI", Op.ADD_LOGICAL, 64);
        for (Op op : new Op[] {Op.ADD_LOGICAL, Op.SUB_LOGICAL}) {
            String n = op == Op.ADD_LOGICAL ? "AL" : "SL";
            rr(h, n + "R", op, 32, REG);
            rr(h, n + "GR", op, 64, REG);
            rr(h, n + "GFR", op, 64, REG32U);
            distinct(h, n + "RK", op, 32);
            distinct(h, n + "GRK", op, 64);
            rr(h, n, op, 32, mem(4, false));
            rr(h, n + "Y", op, 32, mem(4, false));
            rr(h, n + "G", op, 64, mem(8, false));
            rr(h, n + "GF", op, 64, mem(4, false));
            rr(h, n + "FI", op, 32, IMM_U32);
            rr(h, n + "GFI", op, 64, IMM_U32);
        }
        h.on("ALCR", (e, a) -> withCarry(e, a, 32, true, e.low((int) a[R2], false)));
        h.on("ALCGR", (e, a) -> withCarry(e, a, 64, true, e.b.mov(e.r((int) a[R2]))));
        h.on("SLBR", (e, a) -> withCarry(e, a, 32, false, e.low((int) a[R2], false)));
        h.on("SLBGR", (e, a) -> withCarry(e, a, 64, false, e.b.mov(e.r((int) a[R2]))));

        // multiply single (low half, no CC)
        mul(h, "MSR", 32, REG);
        mul(h, "MSGR", 64, REG);
        mul(h, "MSGFR", 64, REG32S);
        mul(h, "MS", 32, mem(4, true));
        mul(h, "MSY", 32, mem(4, true));
        mul(h, "MSG", 64, mem(8, false));
        mul(h, "MSGF", 64, mem(4, true));
        mul(h, "MH", 32, mem(2, true));
        mul(h, "MHI", 32, IMM);
        mul(h, "MGHI", 64, IMM);
        mul(h, "MSFI", 32, IMM);
        mul(h, "MSGFI", 64, IMM);
        // multiply logical: even/odd pair r1:r1+1 = r1+1 * operand
        h.on("MLGR", (e, a) -> mulLogical64(e, a, e.b.mov(e.r((int) a[R2]))));
        h.on("MLG", (e, a) -> mulLogical64(e, a, e.load(e.addr(a), 8, false)));
        h.on("MLR", (e, a) -> mulLogical32(e, a, e.low((int) a[R2], false)));
        h.on("ML", (e, a) -> mulLogical32(e, a, e.load(e.addr(a), 4, false)));
        // divide
        h.on("DSGR", (e, a) -> divSingle64(e, a, e.b.mov(e.r((int) a[R2]))));
        h.on("DSGFR", (e, a) -> divSingle64(e, a, e.low((int) a[R2], true)));
        h.on("DSG", (e, a) -> divSingle64(e, a, e.load(e.addr(a), 8, false)));
        h.on("DSGF", (e, a) -> divSingle64(e, a, e.load(e.addr(a), 4, true)));
        h.on("DLR", (e, a) -> divLogical32(e, a, e.low((int) a[R2], false)));
        h.on("DL", (e, a) -> divLogical32(e, a, e.load(e.addr(a), 4, false)));
        h.on("DLGR", (e, a) -> divLogical64(e, a, e.b.mov(e.r((int) a[R2]))));
        h.on("DLG", (e, a) -> divLogical64(e, a, e.load(e.addr(a), 8, false)));
    }

    private static void rr(PatternHandlers.Builder<Handler> h, String name, Op op, int width, Src src) {
        h.on(name, (e, a) -> {
            int r1 = (int) a[R1];
            Val x = width == 64 ? e.b.mov(e.r(r1)) : e.low(r1, op == Op.ADD || op == Op.SUB);
            apply(e, r1, op, width, x, src.get(e, a, width));
        });
    }

    private static void distinct(PatternHandlers.Builder<Handler> h, String name, Op op, int width) {
        h.on(name, (e, a) -> {
            boolean signed = op == Op.ADD || op == Op.SUB;
            Val x = width == 64 ? e.b.mov(e.r((int) a[R2])) : e.low((int) a[R2], signed);
            Val y = width == 64 ? e.b.mov(e.r((int) a[R3])) : e.low((int) a[R3], signed);
            apply(e, (int) a[R1], op, width, x, y);
        });
    }

    private static void immDistinct(PatternHandlers.Builder<Handler> h, String name, Op op, int width) {
        h.on(name, (e, a) -> {
            Val x = width == 64 ? e.b.mov(e.r((int) a[R3])) : e.low((int) a[R3], op == Op.ADD);
            apply(e, (int) a[R1], op, width, x, e.c(a[I]));
        });
    }

    /** Result and CC of one add/subtract into r1 (low word for width 32). */
    private static void apply(Emit e, int r1, Op op, int width, Val x, Val y) {
        Val res = compute(e, op, x, y);
        if (width == 64) {
            e.set(r1, res);
        } else {
            e.setLow(r1, res);
        }
        e.cc(kind(op, width), x, y, res);
    }

    private static Val compute(Emit e, Op op, Val x, Val y) {
        return op == Op.ADD || op == Op.ADD_LOGICAL ? e.b.add(x, y) : e.b.sub(x, y);
    }

    private static int kind(Op op, int width) {
        boolean w = width == 64;
        return switch (op) {
            case ADD -> w ? S390xCc.ADD_S64 : S390xCc.ADD_S32;
            case SUB -> w ? S390xCc.SUB_S64 : S390xCc.SUB_S32;
            case ADD_LOGICAL -> w ? S390xCc.ADD_U64 : S390xCc.ADD_U32;
            case SUB_LOGICAL -> w ? S390xCc.SUB_U64 : S390xCc.SUB_U32;
        };
    }

    private static void memImm(PatternHandlers.Builder<Handler> h, String name, Op op, int width) {
        h.on(name, (e, a) -> {
            Val addr = e.addrNoIndex(a);
            int size = width / 8;
            Val x = e.load(addr, size, op == Op.ADD);
            Val res = compute(e, op, x, e.c(a[I]));
            e.store(res, addr, size);
            e.cc(kind(op, width), x, e.c(a[I]), res);
        });
    }

    /**
     * ALC/SLB (y: the second operand, zero-extended for width 32): the carry (borrow) comes from the current CC: carry = CC bit 1 (CC 2 or 3); for SLB no
     * borrow = CC 2 or 3 as well. The CC is then computed exactly with a helper-free formula.
     */
    static void withCarry(Emit e, long[] a, int width, boolean add, Val y) {
        int r1 = (int) a[R1];
        Val carry = e.b.shr(e.ccValue(), e.c(1)); // 1 for CC 2 or 3
        Val x = width == 64 ? e.b.mov(e.r(r1)) : e.low(r1, false);
        Val res;
        Val outCarry;
        if (add) {
            Val t = e.b.add(x, y);
            res = e.b.add(t, carry);
            if (width == 64) {
                Val c1 = e.b.setcond(Cond.LTU, t, x);
                Val c2 = e.b.setcond(Cond.LTU, res, t);
                outCarry = e.b.or(c1, c2);
            } else {
                outCarry = e.b.shr(res, e.c(32));
            }
        } else {
            Val borrowIn = e.b.xor(carry, e.c(1));
            Val t = e.b.sub(x, y);
            res = e.b.sub(t, borrowIn);
            if (width == 64) {
                Val b1 = e.b.setcond(Cond.LTU, x, y);
                Val b2 = e.b.setcond(Cond.LTU, t, borrowIn);
                outCarry = e.b.xor(e.b.or(b1, b2), e.c(1));
            } else {
                outCarry = e.b.xor(e.b.and(e.b.shr(res, e.c(32)), e.c(1)), e.c(1));
            }
        }
        Val nz = width == 64 ? e.b.setcond(Cond.NE, res, e.c(0)) : e.b.setcond(Cond.NE, e.b.ext32u(res), e.c(0));
        if (width == 64) {
            e.set(r1, res);
        } else {
            e.setLow(r1, res);
        }
        e.ccConst(e.b.or(nz, e.b.shl(e.b.and(outCarry, e.c(1)), e.c(1))));
    }

    private static void mul(PatternHandlers.Builder<Handler> h, String name, int width, Src src) {
        h.on(name, (e, a) -> {
            int r1 = (int) a[R1];
            Val res = e.b.mul(e.r(r1), src.get(e, a, width));
            if (width == 64) {
                e.set(r1, res);
            } else {
                e.setLow(r1, res);
            }
        });
    }

    private static void mulLogical64(Emit e, long[] a, Val y) {
        int r1 = (int) a[R1];
        Val x = e.b.mov(e.r(r1 + 1));
        Val hi = unsignedMultiplyHigh(e, x, y);
        Val lo = e.b.mul(x, y);
        e.set(r1, hi);
        e.set(r1 + 1, lo);
    }

    /**
     * The high 64 bits of the unsigned 128-bit product, from 32-bit halves (four multiplies, no carries lost:
     * each partial sum stays below 2^64). Not the IR's MULHU: the JIT makes that a call of
     * {@code Math.multiplyHigh}, which C1 (the tier regions run in) neither intrinsifies nor inlines, and a call
     * in a region spills its live values; gcc's division by a constant is an MLGR, e.g. in hash loops.
     */
    static Val unsignedMultiplyHigh(Emit e, Val x, Val y) {
        Val low32 = e.c(0xffffffffL), n32 = e.c(32);
        Val xl = e.b.and(x, low32), xh = e.b.shr(x, n32), yl = e.b.and(y, low32), yh = e.b.shr(y, n32);
        Val t = e.b.mul(xl, yl);
        Val m1 = e.b.add(e.b.mul(xh, yl), e.b.shr(t, n32));
        Val m2 = e.b.add(e.b.mul(xl, yh), e.b.and(m1, low32));
        return e.b.add(e.b.add(e.b.mul(xh, yh), e.b.shr(m1, n32)), e.b.shr(m2, n32));
    }

    private static void mulLogical32(Emit e, long[] a, Val y) {
        int r1 = (int) a[R1];
        Val p = e.b.mul(e.low(r1 + 1, false), y);
        e.setLow(r1, e.b.shr(p, e.c(32)));
        e.setLow(r1 + 1, p);
    }

    /** Fixed-point divide exception (Linux: SIGFPE, FPE_INTDIV) when {@code bad} holds. */
    private static void trapIf(Emit e, Cond c, Val x, Val y) {
        Label ok = e.b.newLabel();
        e.b.brcond(c.invert(), x, y, ok);
        e.b.exitSignal(Signals.SIGFPE, SigCodes.FPE_INTDIV, e.c(e.restartPc), e.next); // the EXECUTE's, if executed
        e.b.setLabel(ok);
    }

    /** DSG*: r1+1 / y; remainder to r1, quotient to r1+1. */
    private static void divSingle64(Emit e, long[] a, Val y) {
        int r1 = (int) a[R1];
        Val x = e.b.mov(e.r(r1 + 1));
        trapIf(e, Cond.EQ, y, e.c(0));
        Label ok = e.b.newLabel();
        e.b.brcond(Cond.NE, x, e.c(Long.MIN_VALUE), ok);
        trapIf(e, Cond.EQ, y, e.c(-1));
        e.b.setLabel(ok);
        Val q = e.b.divs(x, y);
        Val rem = e.b.rems(x, y);
        e.set(r1, rem);
        e.set(r1 + 1, q);
    }

    private static void divLogical32(Emit e, long[] a, Val y) {
        int r1 = (int) a[R1];
        Val x = e.b.or(e.b.shl(e.low(r1, false), e.c(32)), e.low(r1 + 1, false));
        trapIf(e, Cond.EQ, y, e.c(0));
        Val q = e.b.divu(x, y);
        trapIf(e, Cond.GTU, q, e.c(0xffffffffL));
        Val rem = e.b.remu(x, y);
        e.setLow(r1, rem);
        e.setLow(r1 + 1, q);
    }

    /** DLG/DLGR: the 128-bit r1:r1+1 divided by y; a quotient over 64 bits is a divide exception. */
    private static void divLogical64(Emit e, long[] a, Val y) {
        int r1 = (int) a[R1];
        Val hi = e.b.mov(e.r(r1));
        Val lo = e.b.mov(e.r(r1 + 1));
        trapIf(e, Cond.GEU, hi, y); // also catches y == 0
        Val q = e.b.callValue(DivHelpers.DIVU128, hi, lo, y);
        Val rem = e.b.sub(lo, e.b.mul(q, y));
        e.set(r1, rem);
        e.set(r1 + 1, q);
    }
}
