package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;
import org.jtcg.core.memory.AtomicOp;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.B1;
import static org.jtcg.s390x.translate.S390xTable.D1;
import static org.jtcg.s390x.translate.S390xTable.L;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Storage-to-storage (MVC, CLC, XC, NC, OC, TR), string (MVST, CLST, SRST) and interlocked-update
 * instructions (COMPARE AND SWAP, LOAD AND ADD/AND/OR/EXCLUSIVE OR). The interlocked forms are host
 * atomics on guest memory ({@link GuestAtomics}: compare-and-swap, fetch-and-op), so they are atomic
 * against the other guest threads, and each is a full serialization point as the architecture says.
 */
final class Storage {
    private Storage() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("MVC", ShortStorageInline::mvc);
        h.on("TR", (e, a) -> e.b.call(StorageHelpers.TR, null, e.c(a[L]), first(e, a), e.addrNoIndex(a)));
        h.on("CLC", ShortStorageInline::clc);
        h.on("XC", (e, a) -> {
            if (a[B1] == a[S390xTable.B] && a[D1] == a[S390xTable.D] && a[L] < 32) {
                clearInline(e, a); // xc x,x: the compiler's memset(0) idiom
            } else {
                ss(e, a, StorageHelpers.XC);
            }
        });
        h.on("NC", (e, a) -> ss(e, a, StorageHelpers.NC));
        h.on("OC", (e, a) -> ss(e, a, StorageHelpers.OC));
        h.on("MVST", (e, a) -> strings(e, a, StorageHelpers.MVST));
        h.on("CLST", (e, a) -> strings(e, a, StorageHelpers.CLST));
        h.on("SRST", (e, a) -> strings(e, a, StorageHelpers.SRST));
        h.on("CS", (e, a) -> compareAndSwap(e, a, 4));
        h.on("CSY", (e, a) -> compareAndSwap(e, a, 4));
        h.on("CSG", (e, a) -> compareAndSwap(e, a, 8));
        loadAndOp(h, "LAA", Opcode.ADD, 4, S390xCc.ADD_S32);
        loadAndOp(h, "LAAG", Opcode.ADD, 8, S390xCc.ADD_S64);
        loadAndOp(h, "LAAL", Opcode.ADD, 4, S390xCc.ADD_U32);
        loadAndOp(h, "LAALG", Opcode.ADD, 8, S390xCc.ADD_U64);
        loadAndOp(h, "LAN", Opcode.AND, 4, S390xCc.NZ32);
        loadAndOp(h, "LANG", Opcode.AND, 8, S390xCc.NZ64);
        loadAndOp(h, "LAO", Opcode.OR, 4, S390xCc.NZ32);
        loadAndOp(h, "LAOG", Opcode.OR, 8, S390xCc.NZ64);
        loadAndOp(h, "LAX", Opcode.XOR, 4, S390xCc.NZ32);
        loadAndOp(h, "LAXG", Opcode.XOR, 8, S390xCc.NZ64);
    }

    private static Val first(Emit e, long[] a) {
        return e.addr(0, a[B1], a[D1]);
    }

    private static void ss(Emit e, long[] a, HelperRef helper) {
        Val cc = e.b.callValue(helper, e.c(a[L]), first(e, a), e.addrNoIndex(a));
        e.ccConst(cc);
    }

    /** XC of an operand with itself: stores zeros (8 bytes at a time), CC 0. */
    private static void clearInline(Emit e, long[] a) {
        Val addr = first(e, a);
        long len = a[L] + 1;
        long off = 0;
        for (int size : new int[] {8, 4, 2, 1}) {
            while (len - off >= size) {
                e.store(e.c(0), e.plus(addr, off), size);
                off += size;
            }
        }
        e.ccConst(e.c(0));
    }

    /**
     * MVST/CLST/SRST: the helper returns the CC and the register advances in one word
     * ({@link StorageHelpers#result}) instead of writing registers, so the call needs no register
     * write-back around it. The end (or searched-for) byte is r0's low byte.
     */
    private static void strings(Emit e, long[] a, HelperRef helper) {
        int r1 = (int) a[R1], r2 = (int) a[R2];
        boolean search = helper == StorageHelpers.SRST;
        Val p1 = e.b.mov(e.r(r1)), p2 = e.b.mov(e.r(r2));
        Val t = e.b.callValue(helper, e.b.and(e.r(0), e.c(0xff)), p1, p2);
        Val cc = e.b.and(t, e.c(3));
        Val advance1 = e.b.and(e.b.shr(t, e.c(2)), e.c(0x3fff));
        Val advance2 = e.b.shr(t, e.c(16));
        if (r1 == r2) { // one register: it ends as the last write of the byte loop left it
            e.set(r1, e.b.add(p1, search ? e.b.add(advance1, advance2) : advance1));
        } else {
            // SRST puts the found byte's address (from the second operand) in r1
            e.set(r1, search ? e.b.movcond(Cond.EQ, cc, e.c(1), e.b.add(p2, advance1), p1) : e.b.add(p1, advance1));
            e.set(r2, e.b.add(p2, advance2));
        }
        e.ccConst(cc);
    }

    /** CS/CSY/CSG: if storage equals r1 store r3 (CC 0), else load storage into r1 (CC 1). */
    private static void compareAndSwap(Emit e, long[] a, int size) {
        int r1 = (int) a[R1];
        Val addr = e.addrNoIndex(a);
        Val expected = size == 8 ? e.b.mov(e.r(r1)) : e.low(r1, false);
        Val old = GuestAtomics.emitCompareAndSwap(e.b, addr, expected, e.r((int) a[R3]), size, true);
        Val differ = e.b.setcond(Cond.NE, old, expected);
        if (size == 8) {
            e.set(r1, old);
        } else {
            e.setLow(r1, old);
        }
        e.ccConst(differ);
    }

    private static AtomicOp atomicOp(Opcode opc) {
        return switch (opc) {
            case ADD -> AtomicOp.ADD;
            case AND -> AtomicOp.AND;
            case OR -> AtomicOp.OR;
            case XOR -> AtomicOp.XOR;
            default -> throw new IllegalArgumentException("no interlocked form of " + opc);
        };
    }

    /** LOAD AND op: r1 = old storage value; storage = old op r3 (one host atomic); CC from the new value. */
    private static void loadAndOp(PatternHandlers.Builder<Handler> h, String name, Opcode opc, int size, int kind) {
        h.on(name, (e, a) -> {
            Val addr = e.addrNoIndex(a);
            Val y = size == 8 ? e.b.mov(e.r((int) a[R3])) : e.low((int) a[R3], true);
            Val old = GuestAtomics.emitFetchAndOp(e.b, atomicOp(opc), addr, y, size, true);
            if (size == 4) {
                old = e.b.ext32s(old); // the CC rules take the 32-bit operands sign-extended
            }
            Val res = e.b.binary(opc, old, y);
            if (size == 8) {
                e.set((int) a[R1], old);
            } else {
                e.setLow((int) a[R1], old);
            }
            if (kind == S390xCc.NZ32 || kind == S390xCc.NZ64) {
                e.cc(kind, null, null, res);
            } else {
                e.cc(kind, old, y, res);
            }
        });
    }
}
