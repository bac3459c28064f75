package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.M;
import static org.jtcg.s390x.translate.S390xTable.R1;

/**
 * COMPARE LOGICAL CHARACTERS UNDER MASK (CLM, CLMY on bits 32-63, CLMH on bits 0-31) and STORE
 * CHARACTERS UNDER MASK HIGH (STCMH). The mask picks register bytes left to right; they pair with
 * consecutive storage bytes. CLM compares the picked bytes as one unsigned number (the first unequal
 * byte decides, which is the same thing); mask 0 gives CC 0 and accesses no storage.
 */
final class MaskedChars {
    private MaskedChars() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("CLM", (e, a) -> compare(e, a, 0));
        h.on("CLMY", (e, a) -> compare(e, a, 0));
        h.on("CLMH", (e, a) -> compare(e, a, 32));
        h.on("STCMH", (e, a) -> {
            int mask = (int) a[M];
            Val addr = e.addrNoIndex(a);
            int off = 0;
            for (int k = 0; k < 4; k++) {
                if ((mask & (8 >> k)) != 0) {
                    e.store(e.b.shr(e.r((int) a[R1]), e.c(56 - 8 * k)), e.plus(addr, off++), 1);
                }
            }
        });
    }

    /** {@code base}: 0 for the low word, 32 for the high word. */
    private static void compare(Emit e, long[] a, int base) {
        int mask = (int) a[M];
        Val addr = e.addrNoIndex(a);
        Val reg = e.c(0), mem = e.c(0);
        int off = 0;
        for (int k = 0; k < 4; k++) {
            if ((mask & (8 >> k)) != 0) {
                Val rb = e.b.extract(e.r((int) a[R1]), base + 24 - 8 * k, 8, false);
                reg = e.b.or(e.b.shl(reg, e.c(8)), rb);
                mem = e.b.or(e.b.shl(mem, e.c(8)), e.load(e.plus(addr, off++), 1, false));
            }
        }
        e.cc(S390xCc.CMP_U64, e.b.mov(reg), e.b.mov(mem), null);
    }
}
