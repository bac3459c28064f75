package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.Val;

import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * COMPARE DOUBLE AND SWAP: CDS/CDSY compare the even/odd pair r1, r1+1 (their low words, as one
 * doubleword) with the doubleword at the (doubleword-aligned) operand, CDSG the two 64-bit registers with
 * the (quadword-aligned) 16 bytes. Equal: the pair r3, r3+1 is stored, CC 0. Unequal: the storage is
 * loaded into r1, r1+1, CC 1. An odd r1 or r3, or a misaligned operand, is a specification exception. Each
 * is one host atomic ({@link GuestAtomics}): CDS/CDSY an 8-byte compare-and-swap, CDSG a 16-byte one (see
 * PagedAtomics for what 16 bytes guarantee); write permission for all bytes is checked first, so a fault
 * leaves storage unchanged.
 */
final class DoubleSwap {
    private DoubleSwap() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("CDS", (e, a) -> compareDoubleAndSwap32(e, a));
        h.on("CDSY", (e, a) -> compareDoubleAndSwap32(e, a));
        h.on("CDSG", (e, a) -> compareDoubleAndSwap64(e, a));
    }

    private static boolean pairsOk(Emit e, long[] a) {
        if (!ProgramExceptions.evenPair(a[R1]) || !ProgramExceptions.evenPair(a[R3])) {
            ProgramExceptions.specification(e, "odd register for a register pair");
            return false;
        }
        return true;
    }

    private static void compareDoubleAndSwap32(Emit e, long[] a) {
        if (!pairsOk(e, a)) {
            return;
        }
        int r1 = (int) a[R1], r3 = (int) a[R3];
        Val addr = e.addrNoIndex(a);
        ProgramExceptions.specificationUnlessAligned(e, addr, 7);
        Val expected = e.b.mov(e.b.or(e.b.shl(e.r(r1), e.c(32)), e.low(r1 + 1, false)));
        Val replacement = e.b.or(e.b.shl(e.r(r3), e.c(32)), e.low(r3 + 1, false));
        Val old = GuestAtomics.emitCompareAndSwap(e.b, addr, expected, replacement, 8, true);
        Val differ = e.b.setcond(Cond.NE, old, expected);
        e.setLow(r1, e.b.shr(old, e.c(32)));
        e.setLow(r1 + 1, old);
        e.ccConst(differ);
    }

    private static void compareDoubleAndSwap64(Emit e, long[] a) {
        if (!pairsOk(e, a)) {
            return;
        }
        int r1 = (int) a[R1], r3 = (int) a[R3];
        Val addr = e.addrNoIndex(a);
        ProgramExceptions.specificationUnlessAligned(e, addr, 15);
        // big-endian 128-bit value: the high half (r1, r3) at the operand address, the low half (r1+1, r3+1) after it
        Val[] old = GuestAtomics.emitCompareAndSwap128(e.b, addr, e.b.mov(e.r(r1 + 1)), e.b.mov(e.r(r1)),
                e.b.mov(e.r(r3 + 1)), e.b.mov(e.r(r3)), true);
        Val lo = old[0], hi = old[1];
        Val differ = e.b.mov(e.b.or(e.b.setcond(Cond.NE, hi, e.r(r1)), e.b.setcond(Cond.NE, lo, e.r(r1 + 1))));
        e.set(r1, hi);
        e.set(r1 + 1, lo);
        e.ccConst(differ);
    }
}
