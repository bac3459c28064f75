package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Val;

import static org.jtcg.s390x.translate.S390xTable.R1;

/**
 * EXTRACT CPU ATTRIBUTE (ECAG, general-instructions extension, STFLE bit 34, which jtcg advertises). The
 * second-operand address is not used for storage: its bits 56-59 choose the attribute. jtcg describes no
 * cache: the topology summary (attribute 0) is 0, "no cache at any level", and every per-level query is
 * -1, the architected value for a level that does not exist. glibc's sysconf then reports 0 for the cache
 * parameters, as Linux does when it has no information. (qemu answers -1 to every query.)
 */
final class CacheAttributes {
    private CacheAttributes() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("ECAG", (e, a) -> {
            Val attribute = e.b.and(e.addrNoIndex(a), e.c(0xf0));
            e.set((int) a[R1], e.b.movcond(Cond.EQ, attribute, e.c(0), e.c(0), e.c(-1)));
        });
    }
}
