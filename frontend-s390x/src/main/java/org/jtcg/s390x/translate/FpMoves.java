package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCpu;

import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Floating-point register moves that need no arithmetic: FPR loads/stores, FPR copies, GPR-FPR moves
 * and load zero. Short (32-bit) values live in the leftmost half of the FPR. BFP arithmetic is not
 * implemented yet (it will use the shared soft-float core).
 */
final class FpMoves {
    private FpMoves() {}

    static Val f(Emit e, long n) {
        return e.global(S390xCpu.FPR0 + (int) n);
    }

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("LDR", (e, a) -> e.b.mov(f(e, a[R1]), f(e, a[R2])));
        h.on("LER", (e, a) -> e.b.mov(f(e, a[R1]), e.b.deposit(f(e, a[R1]), e.b.shr(f(e, a[R2]), e.c(32)), 32, 32)));
        h.on("LD", (e, a) -> e.b.mov(f(e, a[R1]), e.load(e.addr(a), 8, false)));
        h.on("LDY", (e, a) -> e.b.mov(f(e, a[R1]), e.load(e.addr(a), 8, false)));
        h.on("LE", (e, a) -> loadShort(e, a));
        h.on("LEY", (e, a) -> loadShort(e, a));
        h.on("STD", (e, a) -> e.store(f(e, a[R1]), e.addr(a), 8));
        h.on("STDY", (e, a) -> e.store(f(e, a[R1]), e.addr(a), 8));
        h.on("STE", (e, a) -> e.store(e.b.shr(f(e, a[R1]), e.c(32)), e.addr(a), 4));
        h.on("STEY", (e, a) -> e.store(e.b.shr(f(e, a[R1]), e.c(32)), e.addr(a), 4));
        h.on("LZDR", (e, a) -> e.b.movi(f(e, a[R1]), 0));
        h.on("LZER", (e, a) -> e.b.mov(f(e, a[R1]), e.b.and(f(e, a[R1]), e.c(0xffffffffL))));
        h.on("LGDR", (e, a) -> e.set((int) a[R1], e.b.mov(f(e, a[R2]))));
        h.on("LDGR", (e, a) -> e.b.mov(f(e, a[R1]), e.r((int) a[R2])));
        // FP-support-sign-handling: sign bit operations on the whole FPR, no CC, no exceptions
        h.on("LPDFR", (e, a) -> e.b.mov(f(e, a[R1]), e.b.and(f(e, a[R2]), e.c(Long.MAX_VALUE))));
        h.on("LNDFR", (e, a) -> e.b.mov(f(e, a[R1]), e.b.or(f(e, a[R2]), e.c(Long.MIN_VALUE))));
        h.on("LCDFR", (e, a) -> e.b.mov(f(e, a[R1]), e.b.xor(f(e, a[R2]), e.c(Long.MIN_VALUE))));
        h.on("CPSDR", (e, a) -> { // r1 = r2's magnitude with r3's sign
            Val sign = e.b.and(f(e, a[R3]), e.c(Long.MIN_VALUE));
            e.b.mov(f(e, a[R1]), e.b.or(e.b.and(f(e, a[R2]), e.c(Long.MAX_VALUE)), sign));
        });
    }

    private static void loadShort(Emit e, long[] a) {
        Val v = e.load(e.addr(a), 4, false);
        e.b.mov(f(e, a[R1]), e.b.deposit(f(e, a[R1]), v, 32, 32));
    }
}
