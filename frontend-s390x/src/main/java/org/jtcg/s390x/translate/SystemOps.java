package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.s390x.S390xCpu;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;

/**
 * SUPERVISOR CALL, EXECUTE, access registers (EAR/SAR: the thread pointer),
 * STORE FACILITY LIST EXTENDED, STORE CLOCK, the FPC moves and PREFETCH DATA (a no-op).
 */
final class SystemOps {
    private SystemOps() {}

    static final HelperRef EXECUTE = HelperRef.of(ExecuteHelper.class, "execute", 0);
    static final HelperRef STFLE = HelperRef.of(SystemHelpers.class, "stfle", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef TOD = HelperRef.of(SystemHelpers.class, "todClock", 0);

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("SVC", (e, a) -> {
            e.b.movi(e.global(S390xCpu.SVC_CODE), a[I]);
            e.b.exitSyscall(e.next);
            e.ended = true;
        });
        h.on("EX", (e, a) -> {
            long target = ExecuteInline.knownTarget(e, a);
            if (target == ExecuteInline.UNKNOWN || !ExecuteInline.emit(e, a, target)) {
                execute(e, a, e.addr(a));
            }
        });
        h.on("EXRL", (e, a) -> {
            if (!ExecuteInline.emit(e, a, e.pc + a[S390xTable.REL])) {
                execute(e, a, e.relative(a));
            }
        });
        h.on("EAR", (e, a) -> e.setLow((int) a[R1], e.global(S390xCpu.ACR0 + (int) a[R2])));
        h.on("SAR", (e, a) -> e.b.mov(e.global(S390xCpu.ACR0 + (int) a[R1]), e.low((int) a[R2], false)));
        h.on("STFLE", (e, a) -> {
            e.b.call(STFLE, null, e.addrNoIndex(a));
            e.ccUnknown();
        });
        h.on("STCK", (e, a) -> storeClock(e, a));
        h.on("STCKF", (e, a) -> storeClock(e, a));
        h.on("EFPC", (e, a) -> e.setLow((int) a[R1], e.global(S390xCpu.FPC)));
        h.on("PFD", (e, a) -> { });
        h.on("PFDRL", (e, a) -> { });
    }

    /**
     * EX/EXRL: the target instruction with bits 8-15 ORed with r1's low byte (r1 = 0: unmodified) runs as a
     * one-instruction block under a pseudo PC that {@link ExecuteHelper} hands out; the block continues at
     * the instruction after the EXECUTE. An odd target is a specification exception, a target that is
     * itself an EXECUTE an execute exception: both SIGILL ILL_ILLOPN at the EXECUTE, as on Linux.
     */
    static void execute(Emit e, long[] a, Val target) {
        int r1 = (int) a[R1];
        Val or = r1 == 0 ? e.c(0) : e.b.and(e.r(r1), e.c(0xff));
        Val pseudoPc = e.b.callValue(EXECUTE, target, or, e.c(e.pc), e.c(e.next));
        Label run = e.b.newLabel();
        e.b.brcond(Cond.TSTNE, pseudoPc, e.c(1), run);
        Label spec = e.b.newLabel();
        e.b.brcond(Cond.EQ, pseudoPc, e.c(ExecuteHelper.SPECIFICATION), spec);
        e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.pc), e.next, "execute exception: the target is an EXECUTE");
        e.b.setLabel(spec);
        e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.pc), e.next, "specification exception: odd EXECUTE target");
        e.b.setLabel(run);
        e.b.gotoIndirect(pseudoPc);
        e.ended = true;
    }

    private static void storeClock(Emit e, long[] a) {
        Val addr = e.addrNoIndex(a);
        e.store(e.b.callValue(TOD), addr, 8);
        e.ccConst(e.c(0));
    }
}
