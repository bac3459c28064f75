package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.B1;
import static org.jtcg.s390x.translate.S390xTable.D1;
import static org.jtcg.s390x.translate.S390xTable.L;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Base (ESA/390 and z/Architecture) general instructions the first slice did not have: add/subtract
 * logical with carry/borrow from storage, the signed 32-bit multiplies and divides on an even/odd pair
 * (MR, M, MFY, DR, D), MHY, CGH, LNGFR, LPGFR, branch on index (BXH, BXLE, BXHG, BXLEG), BAL/BALR (in the
 * 64-bit addressing mode their link is the 64-bit address, as BAS/BASR), LMH/STMH, MVCIN, LPQ/STPQ.
 */
final class BaseGeneral {
    private BaseGeneral() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("ALC", (e, a) -> Arith.withCarry(e, a, 32, true, e.load(e.addr(a), 4, false)));
        h.on("ALCG", (e, a) -> Arith.withCarry(e, a, 64, true, e.load(e.addr(a), 8, false)));
        h.on("SLB", (e, a) -> Arith.withCarry(e, a, 32, false, e.load(e.addr(a), 4, false)));
        h.on("SLBG", (e, a) -> Arith.withCarry(e, a, 64, false, e.load(e.addr(a), 8, false)));
        h.on("MR", (e, a) -> multiplyPair(e, a, e.low((int) a[R2], true)));
        h.on("M", (e, a) -> multiplyPair(e, a, e.load(e.addr(a), 4, true)));
        h.on("MFY", (e, a) -> multiplyPair(e, a, e.load(e.addr(a), 4, true)));
        h.on("DR", (e, a) -> dividePair(e, a, e.low((int) a[R2], true)));
        h.on("D", (e, a) -> dividePair(e, a, e.load(e.addr(a), 4, true)));
        h.on("MHY", (e, a) -> e.setLow(r1(a), e.b.mul(e.low(r1(a), true), e.load(e.addr(a), 2, true))));
        h.on("CGH", (e, a) -> e.cc(S390xCc.CMP_S64, e.b.mov(e.r(r1(a))), e.load(e.addr(a), 2, true), null));
        h.on("LNGFR", (e, a) -> {
            Val x = e.low((int) a[R2], true);
            e.set(r1(a), e.b.movcond(Cond.LT, x, e.c(0), x, e.b.neg(x)));
            e.cc(S390xCc.NABS64, x, null, null);
        });
        h.on("LPGFR", (e, a) -> {
            Val x = e.low((int) a[R2], true);
            e.set(r1(a), e.b.movcond(Cond.LT, x, e.c(0), e.b.neg(x), x));
            e.cc(S390xCc.ABS64, x, null, null);
        });
        h.on("BXH", (e, a) -> onIndex(e, a, 32, Cond.GT));
        h.on("BXLE", (e, a) -> onIndex(e, a, 32, Cond.LE));
        h.on("BXHG", (e, a) -> onIndex(e, a, 64, Cond.GT));
        h.on("BXLEG", (e, a) -> onIndex(e, a, 64, Cond.LE));
        h.on("BALR", (e, a) -> {
            Val target = e.b.mov(e.r((int) a[R2]));
            e.set(r1(a), e.c(e.next));
            if (a[R2] != 0) {
                e.branchIndirect(15, target);
            }
        });
        h.on("BAL", (e, a) -> {
            Val target = e.addr(a);
            e.set(r1(a), e.c(e.next));
            e.branchIndirect(15, target);
        });
        h.on("LMH", (e, a) -> {
            Val addr = e.addrNoIndex(a);
            int count = (((int) a[R3] - r1(a)) & 15) + 1;
            Val[] words = new Val[count];
            for (int k = 0; k < count; k++) {
                words[k] = e.load(e.plus(addr, 4L * k), 4, false);
            }
            for (int k = 0; k < count; k++) {
                e.setHigh((r1(a) + k) & 15, words[k]);
            }
        });
        h.on("STMH", (e, a) -> {
            Val addr = e.addrNoIndex(a);
            int count = (((int) a[R3] - r1(a)) & 15) + 1;
            for (int k = 0; k < count; k++) {
                e.store(e.b.shr(e.r((r1(a) + k) & 15), e.c(32)), e.plus(addr, 4L * k), 4);
            }
        });
        h.on("MVCIN", (e, a) -> e.b.call(LongStringHelpers.MVCIN, null, e.c(a[L]), e.addr(0, a[B1], a[D1]),
                e.addrNoIndex(a)));
        h.on("LPQ", (e, a) -> {
            if (!ProgramExceptions.evenPair(a[R1])) {
                ProgramExceptions.specification(e, "LPQ needs an even register");
                return;
            }
            Val addr = e.addr(a);
            ProgramExceptions.specificationUnlessAligned(e, addr, 15);
            Val[] v = GuestAtomics.emitLoad128(e.b, addr, true); // quadword-concurrent against CDSG (issue 13)
            e.set(r1(a), v[1]);
            e.set(r1(a) + 1, v[0]);
        });
        h.on("STPQ", (e, a) -> {
            if (!ProgramExceptions.evenPair(a[R1])) {
                ProgramExceptions.specification(e, "STPQ needs an even register");
                return;
            }
            Val addr = e.addr(a);
            ProgramExceptions.specificationUnlessAligned(e, addr, 15);
            e.store(e.r(r1(a)), addr, 8);
            e.store(e.r(r1(a) + 1), e.plus(addr, 8), 8);
        });
    }

    private static int r1(long[] a) {
        return (int) a[R1];
    }

    /** MR/M/MFY: the signed product of r1+1's low word and y, as 64 bits in the low words of r1 (high) and r1+1. */
    private static void multiplyPair(Emit e, long[] a, Val y) {
        int r1 = r1(a);
        if (!ProgramExceptions.evenPair(r1)) {
            ProgramExceptions.specification(e, "multiply needs an even register");
            return;
        }
        Val p = e.b.mov(e.b.mul(e.low(r1 + 1, true), y));
        e.setLow(r1, e.b.shr(p, e.c(32)));
        e.setLow(r1 + 1, p);
    }

    /**
     * DR/D: the signed 64-bit dividend in the low words of r1 (high) and r1+1 divided by y: remainder to r1,
     * quotient to r1+1. A zero divisor or a quotient that does not fit 32 bits is a fixed-point divide
     * exception (SIGFPE FPE_INTDIV).
     */
    private static void dividePair(Emit e, long[] a, Val y) {
        int r1 = r1(a);
        if (!ProgramExceptions.evenPair(r1)) {
            ProgramExceptions.specification(e, "divide needs an even register");
            return;
        }
        Val x = e.b.mov(e.b.or(e.b.shl(e.r(r1), e.c(32)), e.low(r1 + 1, false)));
        divideException(e, e.b.setcond(Cond.EQ, y, e.c(0)));
        Val q = e.b.mov(e.b.divs(x, y)); // MIN / -1 gives MIN, which then fails the range check
        divideException(e, e.b.setcond(Cond.NE, q, e.b.ext32s(q)));
        e.setLow(r1, e.b.rems(x, y));
        e.setLow(r1 + 1, q);
    }

    private static void divideException(Emit e, Val bad) {
        Label ok = e.b.newLabel();
        e.b.brcond(Cond.EQ, bad, e.c(0), ok);
        e.b.exitSignal(Signals.SIGFPE, SigCodes.FPE_INTDIV, e.c(e.restartPc), e.next);
        e.b.setLabel(ok);
    }

    /** BXH/BXLE(G): r1 += r3; compare with r3|1 (the odd register of the pair, or r3 itself if odd); branch to the address. */
    private static void onIndex(Emit e, long[] a, int width, Cond cond) {
        int r1 = r1(a), r3 = (int) a[R3];
        Val target = e.addrNoIndex(a);
        Val inc = width == 64 ? e.b.mov(e.r(r3)) : e.low(r3, true);
        Val limit = width == 64 ? e.b.mov(e.r(r3 | 1)) : e.low(r3 | 1, true);
        Val sum;
        if (width == 64) {
            sum = e.b.mov(e.b.add(e.r(r1), inc));
            e.set(r1, sum);
        } else {
            sum = e.b.mov(e.b.ext32s(e.b.add(e.r(r1), inc)));
            e.setLow(r1, sum);
        }
        Label taken = e.b.newLabel();
        e.b.brcond(cond, sum, limit, taken);
        e.b.gotoDirect(e.next);
        e.b.setLabel(taken);
        e.b.gotoIndirect(target);
        e.ended = true;
    }
}
