package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;

import static org.jtcg.s390x.translate.S390xTable.B1;
import static org.jtcg.s390x.translate.S390xTable.D1;
import static org.jtcg.s390x.translate.S390xTable.L;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * MOVE LONG, COMPARE LOGICAL LONG (and their EXTENDED forms), TRANSLATE EXTENDED and TRANSLATE AND TEST
 * (TRT, TRTR); the work
 * is in {@link LongStringHelpers}. MVCL and CLCL re-execute themselves while the helper says bytes remain,
 * so the engine gets control between chunks; MVCLE and CLCLE end with CC 3 and the program loops. The
 * register operands are even/odd pairs: an odd register is a specification exception.
 */
final class LongStrings {
    private LongStrings() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("MVCL", (e, a) -> interruptible(e, a, LongStringHelpers.MVCL));
        h.on("CLCL", (e, a) -> interruptible(e, a, LongStringHelpers.CLCL));
        h.on("MVCLE", (e, a) -> extended(e, a, LongStringHelpers.MVCLE));
        h.on("CLCLE", (e, a) -> extended(e, a, LongStringHelpers.CLCLE));
        h.on("TRE", (e, a) -> {
            if (!ProgramExceptions.evenPair(a[R1])) {
                ProgramExceptions.specification(e, "odd register for a register pair");
                return;
            }
            e.b.call(LongStringHelpers.TRE, null, e.c(a[R1]), e.c(a[R2]));
            e.ccUnknown();
        });
        h.on("TRT", (e, a) -> translateAndTest(e, a, LongStringHelpers.TRT));
        h.on("TRTR", (e, a) -> translateAndTest(e, a, LongStringHelpers.TRTR));
    }

    private static void interruptible(Emit e, long[] a, HelperRef helper) {
        if (!ProgramExceptions.evenPair(a[R1]) || !ProgramExceptions.evenPair(a[R2])) {
            ProgramExceptions.specification(e, "odd register for a register pair");
            return;
        }
        Val status = e.b.callValue(helper, e.c(a[R1]), e.c(a[R2]));
        e.ccUnknown();
        Label done = e.b.newLabel();
        e.b.brcond(Cond.EQ, status, e.c(LongStringHelpers.DONE), done);
        e.b.gotoDirect(e.restartPc); // not finished: run the instruction again with the updated registers
        e.b.setLabel(done);
    }

    private static void extended(Emit e, long[] a, HelperRef helper) {
        if (!ProgramExceptions.evenPair(a[R1]) || !ProgramExceptions.evenPair(a[R3])) {
            ProgramExceptions.specification(e, "odd register for a register pair");
            return;
        }
        e.b.call(helper, null, e.c(a[R1]), e.c(a[R3]), e.addrNoIndex(a));
        e.ccUnknown();
    }

    private static void translateAndTest(Emit e, long[] a, HelperRef helper) {
        Val cc = e.b.callValue(helper, e.c(a[L]), e.addr(0, a[B1], a[D1]), e.addrNoIndex(a));
        e.ccConst(cc);
    }
}
