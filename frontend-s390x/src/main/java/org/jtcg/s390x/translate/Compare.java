package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.R1;

/**
 * Compares: the first operand is r1 (or storage for the SI/SIL forms), the second a register,
 * storage, a relative-long operand or an immediate. Arithmetic compares sign-extend, logical ones
 * zero-extend; the CC kind records both operands so a following branch becomes one IR compare.
 */
final class Compare {
    private Compare() {}

    interface Operand {
        Val get(Emit e, long[] a);
    }

    static void register(PatternHandlers.Builder<Handler> h) {
        for (boolean logical : new boolean[] {false, true}) {
            String p = logical ? "CL" : "C";
            boolean s = !logical;
            cmp(h, p + "R", 32, logical, (e, a) -> e.low((int) a[S390xTable.R2], s));
            cmp(h, p + "GR", 64, logical, (e, a) -> e.b.mov(e.r((int) a[S390xTable.R2])));
            cmp(h, p + "GFR", 64, logical, (e, a) -> e.low((int) a[S390xTable.R2], s));
            cmp(h, logical ? "CL" : "C", 32, logical, (e, a) -> e.load(e.addr(a), 4, s));
            cmp(h, p + "Y", 32, logical, (e, a) -> e.load(e.addr(a), 4, s));
            cmp(h, p + "G", 64, logical, (e, a) -> e.load(e.addr(a), 8, false));
            cmp(h, p + "GF", 64, logical, (e, a) -> e.load(e.addr(a), 4, s));
            cmp(h, p + "RL", 32, logical, (e, a) -> e.load(e.relative(a), 4, s));
            cmp(h, p + "GRL", 64, logical, (e, a) -> e.load(e.relative(a), 8, false));
            cmp(h, p + "GFRL", 64, logical, (e, a) -> e.load(e.relative(a), 4, s));
            cmp(h, p + "HRL", 32, logical, (e, a) -> e.load(e.relative(a), 2, s));
            cmp(h, p + "GHRL", 64, logical, (e, a) -> e.load(e.relative(a), 2, s));
        }
        cmp(h, "CH", 32, false, (e, a) -> e.load(e.addr(a), 2, true));
        cmp(h, "CHY", 32, false, (e, a) -> e.load(e.addr(a), 2, true));
        cmp(h, "CHI", 32, false, (e, a) -> e.c(a[I]));
        cmp(h, "CGHI", 64, false, (e, a) -> e.c(a[I]));
        cmp(h, "CFI", 32, false, (e, a) -> e.c(a[I]));
        cmp(h, "CGFI", 64, false, (e, a) -> e.c(a[I]));
        cmp(h, "CLFI", 32, true, (e, a) -> e.c(a[I]));
        cmp(h, "CLGFI", 64, true, (e, a) -> e.c(a[I] & 0xffffffffL));
        // storage against an immediate
        h.on("CLI", (e, a) -> e.cc(S390xCc.CMP_U64, e.load(e.addrNoIndex(a), 1, false), e.c(a[I] & 0xff), null));
        h.on("CLIY", (e, a) -> e.cc(S390xCc.CMP_U64, e.load(e.addrNoIndex(a), 1, false), e.c(a[I] & 0xff), null));
        h.on("CHHSI", (e, a) -> e.cc(S390xCc.CMP_S64, e.load(e.addrNoIndex(a), 2, true), e.c(a[I]), null));
        h.on("CHSI", (e, a) -> e.cc(S390xCc.CMP_S64, e.load(e.addrNoIndex(a), 4, true), e.c(a[I]), null));
        h.on("CGHSI", (e, a) -> e.cc(S390xCc.CMP_S64, e.load(e.addrNoIndex(a), 8, false), e.c(a[I]), null));
        h.on("CLHHSI", (e, a) -> e.cc(S390xCc.CMP_U64, e.load(e.addrNoIndex(a), 2, false), e.c(a[I] & 0xffff), null));
        h.on("CLFHSI", (e, a) -> e.cc(S390xCc.CMP_U64, e.load(e.addrNoIndex(a), 4, false), e.c(a[I] & 0xffff), null));
        h.on("CLGHSI", (e, a) -> e.cc(S390xCc.CMP_U64, e.load(e.addrNoIndex(a), 8, false), e.c(a[I] & 0xffff), null));
    }

    private static void cmp(PatternHandlers.Builder<Handler> h, String name, int width, boolean logical, Operand y) {
        h.on(name, (e, a) -> {
            int r1 = (int) a[R1];
            Val x = width == 64 ? e.b.mov(e.r(r1)) : e.low(r1, !logical);
            int kind = width == 64 ? (logical ? S390xCc.CMP_U64 : S390xCc.CMP_S64)
                    : (logical ? S390xCc.CMP_U32 : S390xCc.CMP_S32);
            e.cc(kind, x, y.get(e, a), null);
        });
    }
}
