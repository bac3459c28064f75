package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.s390x.S390xCpu;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.M;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;

/**
 * COMPARE AND TRAP (general-instructions extension, STFLE bit 34): CRT, CGRT, CLRT, CLGRT, CIT, CGIT,
 * CLFIT, CLGIT. The M3 mask selects equal (8), low (4) and high (2); when the comparison result is
 * selected the instruction is a data exception with DXC 0xff: the DXC goes into FPC byte 2 and Linux's
 * floating-point trap path delivers SIGFPE with si_code 0 (the DXC is not an IEEE one; qemu-s390x does
 * the same). The CC is unchanged.
 */
final class CompareAndTrap {
    private CompareAndTrap() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("CRT", (e, a) -> trap(e, a, e.low(r1(a), true), e.low((int) a[R2], true), true));
        h.on("CGRT", (e, a) -> trap(e, a, e.r(r1(a)), e.r((int) a[R2]), true));
        h.on("CLRT", (e, a) -> trap(e, a, e.low(r1(a), false), e.low((int) a[R2], false), false));
        h.on("CLGRT", (e, a) -> trap(e, a, e.r(r1(a)), e.r((int) a[R2]), false));
        h.on("CIT", (e, a) -> trap(e, a, e.low(r1(a), true), e.c(a[I]), true));
        h.on("CGIT", (e, a) -> trap(e, a, e.r(r1(a)), e.c(a[I]), true));
        h.on("CLFIT", (e, a) -> trap(e, a, e.low(r1(a), false), e.c(a[I] & 0xffff), false));
        h.on("CLGIT", (e, a) -> trap(e, a, e.r(r1(a)), e.c(a[I] & 0xffff), false));
    }

    private static int r1(long[] a) {
        return (int) a[R1];
    }

    private static void trap(Emit e, long[] a, Val x, Val y, boolean signed) {
        int mask = (int) a[M] & 14;
        if (mask == 0) {
            return; // never traps
        }
        Label noTrap = e.b.newLabel();
        if (mask != 14) {
            Val hit = e.c(0);
            if ((mask & 8) != 0) {
                hit = e.b.or(hit, e.b.setcond(Cond.EQ, x, y));
            }
            if ((mask & 4) != 0) {
                hit = e.b.or(hit, e.b.setcond(signed ? Cond.LT : Cond.LTU, x, y));
            }
            if ((mask & 2) != 0) {
                hit = e.b.or(hit, e.b.setcond(signed ? Cond.GT : Cond.GTU, x, y));
            }
            e.b.brcond(Cond.EQ, hit, e.c(0), noTrap);
        }
        Val fpc = e.global(S390xCpu.FPC);
        e.b.mov(fpc, e.b.deposit(fpc, e.c(ProgramExceptions.DXC_COMPARE_AND_TRAP), 8, 8));
        e.b.exitSignal(Signals.SIGFPE, SigCodes.SI_USER, e.c(e.restartPc), e.next, "compare and trap (data exception, DXC 0xff)");
        if (mask == 14) {
            e.ended = true;
        } else {
            e.b.setLabel(noTrap);
        }
    }
}
