package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.ArithmeticShift;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * The arithmetic left shifts SLA, SLAK, SLAG and SLDA: the sign stays, CC 3 on overflow
 * ({@link ArithmeticShift}). The PSW fixed-point-overflow mask is 0 for Linux programs (jtcg has no
 * SET PROGRAM MASK), so an overflow only sets CC 3 and never interrupts.
 */
final class OverflowShifts {
    private OverflowShifts() {}

    static final HelperRef RESULT = HelperRef.of(ArithmeticShift.class, "result", HelperRef.PURE);

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("SLA", (e, a) -> shift32(e, r1(a), r1(a), a));
        h.on("SLAK", (e, a) -> shift32(e, r1(a), (int) a[R3], a));
        h.on("SLAG", (e, a) -> {
            Val v = e.b.mov(e.r((int) a[R3]));
            Val n = amount(e, a);
            e.set(r1(a), e.b.callValue(RESULT, v, n, e.c(64)));
            e.cc(S390xCc.SLA64, v, n, null);
        });
        h.on("SLDA", (e, a) -> {
            int r1 = r1(a);
            if (!ProgramExceptions.evenPair(r1)) {
                ProgramExceptions.specification(e, "SLDA needs an even register");
                return;
            }
            Val v = e.b.mov(e.b.or(e.b.shl(e.r(r1), e.c(32)), e.low(r1 + 1, false)));
            Val n = amount(e, a);
            Val res = e.b.mov(e.b.callValue(RESULT, v, n, e.c(64)));
            e.setLow(r1, e.b.shr(res, e.c(32)));
            e.setLow(r1 + 1, res);
            e.cc(S390xCc.SLA64, v, n, null);
        });
    }

    private static void shift32(Emit e, int dst, int src, long[] a) {
        Val v = e.low(src, false);
        Val n = amount(e, a);
        e.setLow(dst, e.b.callValue(RESULT, v, n, e.c(32)));
        e.cc(S390xCc.SLA32, v, n, null);
    }

    private static int r1(long[] a) {
        return (int) a[R1];
    }

    private static Val amount(Emit e, long[] a) {
        return e.b.mov(e.b.and(e.addrNoIndex(a), e.c(63)));
    }
}
