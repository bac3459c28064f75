package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.M;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Loads, stores and register moves: L*, ST*, LA/LARL, insert-character(s), load/store multiple,
 * immediates into register halves, load/store on condition and the load-and-test / complement /
 * positive / negative register forms.
 */
final class LoadStore {
    private LoadStore() {}

    /** Where a loaded value goes: the low word of r1 or all of r1. */
    private enum Dest { LOW, FULL }

    static void register(PatternHandlers.Builder<Handler> h) {
        // register to register
        h.on("LR", (e, a) -> e.setLow(r1(a), e.r(r2(a))));
        h.on("LGR", (e, a) -> e.set(r1(a), e.b.mov(e.r(r2(a)))));
        h.on("LGFR", (e, a) -> e.set(r1(a), e.low(r2(a), true)));
        h.on("LLGFR", (e, a) -> e.set(r1(a), e.low(r2(a), false)));
        h.on("LGBR", (e, a) -> e.set(r1(a), e.b.ext8s(e.r(r2(a)))));
        h.on("LGHR", (e, a) -> e.set(r1(a), e.b.ext16s(e.r(r2(a)))));
        h.on("LLGCR", (e, a) -> e.set(r1(a), e.b.ext8u(e.r(r2(a)))));
        h.on("LLGHR", (e, a) -> e.set(r1(a), e.b.ext16u(e.r(r2(a)))));
        h.on("LBR", (e, a) -> e.setLow(r1(a), e.b.ext8s(e.r(r2(a)))));
        h.on("LHR", (e, a) -> e.setLow(r1(a), e.b.ext16s(e.r(r2(a)))));
        h.on("LLCR", (e, a) -> e.setLow(r1(a), e.b.ext8u(e.r(r2(a)))));
        h.on("LLHR", (e, a) -> e.setLow(r1(a), e.b.ext16u(e.r(r2(a)))));
        h.on("LLGTR", (e, a) -> e.set(r1(a), e.b.and(e.r(r2(a)), e.c(0x7fffffffL))));
        h.on("LLGT", (e, a) -> e.set(r1(a), e.b.and(e.load(e.addr(a), 4, false), e.c(0x7fffffffL))));
        h.on("LRVR", (e, a) -> e.setLow(r1(a), e.b.bswap32(e.r(r2(a)))));
        h.on("LRVGR", (e, a) -> e.set(r1(a), e.b.bswap64(e.r(r2(a)))));
        h.on("LTR", (e, a) -> {
            Val v = e.low(r2(a), true);
            e.setLow(r1(a), v);
            e.cc(S390xCc.CMP_S32, v, e.c(0), null);
        });
        h.on("LTGR", (e, a) -> loadAndTest64(e, r1(a), e.b.mov(e.r(r2(a)))));
        h.on("LTGFR", (e, a) -> loadAndTest64(e, r1(a), e.low(r2(a), true)));
        h.on("LCR", (e, a) -> {
            Val v = e.low(r2(a), true);
            Val res = e.b.neg(v);
            e.setLow(r1(a), res);
            e.cc(S390xCc.SUB_S32, e.c(0), v, res);
        });
        h.on("LCGR", (e, a) -> complement64(e, r1(a), e.b.mov(e.r(r2(a)))));
        h.on("LCGFR", (e, a) -> complement64(e, r1(a), e.low(r2(a), true)));
        h.on("LPR", (e, a) -> {
            Val v = e.low(r2(a), true);
            e.setLow(r1(a), e.b.movcond(Cond.LT, v, e.c(0), e.b.neg(v), v));
            e.cc(S390xCc.ABS32, v, null, null);
        });
        h.on("LPGR", (e, a) -> {
            Val v = e.b.mov(e.r(r2(a)));
            e.set(r1(a), e.b.movcond(Cond.LT, v, e.c(0), e.b.neg(v), v));
            e.cc(S390xCc.ABS64, v, null, null);
        });
        h.on("LNR", (e, a) -> {
            Val v = e.low(r2(a), true);
            e.setLow(r1(a), e.b.movcond(Cond.GT, v, e.c(0), e.b.neg(v), v));
            e.cc(S390xCc.NABS32, v, null, null);
        });
        h.on("LNGR", (e, a) -> {
            Val v = e.b.mov(e.r(r2(a)));
            e.set(r1(a), e.b.movcond(Cond.GT, v, e.c(0), e.b.neg(v), v));
            e.cc(S390xCc.NABS64, v, null, null);
        });

        // storage to register
        load(h, "L", 4, true, Dest.LOW);
        load(h, "LY", 4, true, Dest.LOW);
        load(h, "LG", 8, false, Dest.FULL);
        load(h, "LGF", 4, true, Dest.FULL);
        load(h, "LLGF", 4, false, Dest.FULL);
        load(h, "LH", 2, true, Dest.LOW);
        load(h, "LHY", 2, true, Dest.LOW);
        load(h, "LGH", 2, true, Dest.FULL);
        load(h, "LLGH", 2, false, Dest.FULL);
        load(h, "LLH", 2, false, Dest.LOW);
        load(h, "LB", 1, true, Dest.LOW);
        load(h, "LGB", 1, true, Dest.FULL);
        load(h, "LLC", 1, false, Dest.LOW);
        load(h, "LLGC", 1, false, Dest.FULL);
        h.on("LT", (e, a) -> {
            Val v = e.load(e.addr(a), 4, true);
            e.setLow(r1(a), v);
            e.cc(S390xCc.CMP_S32, v, e.c(0), null);
        });
        h.on("LTG", (e, a) -> loadAndTest64(e, r1(a), e.load(e.addr(a), 8, false)));
        h.on("LTGF", (e, a) -> loadAndTest64(e, r1(a), e.load(e.addr(a), 4, true)));
        h.on("LRV", (e, a) -> e.setLow(r1(a), e.b.bswap32(e.load(e.addr(a), 4, false))));
        h.on("LRVG", (e, a) -> e.set(r1(a), e.b.bswap64(e.load(e.addr(a), 8, false))));
        h.on("LRVH", (e, a) -> e.setLow(r1(a), e.b.deposit(e.r(r1(a)), e.b.bswap16(e.load(e.addr(a), 2, false)), 0, 16)));
        h.on("LA", (e, a) -> e.set(r1(a), e.addr(a)));
        h.on("LAY", (e, a) -> e.set(r1(a), e.addr(a)));
        h.on("LARL", (e, a) -> {
            e.set(r1(a), e.relative(a));
            e.setConstantAddress(r1(a), e.pc + a[S390xTable.REL]);
        });
        h.on("IC", (e, a) -> insertByte(e, a));
        h.on("ICY", (e, a) -> insertByte(e, a));
        h.on("ICM", (e, a) -> insertUnderMask(e, a, 0));
        h.on("ICMY", (e, a) -> insertUnderMask(e, a, 0));
        h.on("ICMH", (e, a) -> insertUnderMask(e, a, 32));

        // relative long
        loadRel(h, "LRL", 4, true, Dest.LOW);
        loadRel(h, "LGRL", 8, false, Dest.FULL);
        loadRel(h, "LGFRL", 4, true, Dest.FULL);
        loadRel(h, "LLGFRL", 4, false, Dest.FULL);
        loadRel(h, "LHRL", 2, true, Dest.LOW);
        loadRel(h, "LGHRL", 2, true, Dest.FULL);
        loadRel(h, "LLHRL", 2, false, Dest.LOW);
        loadRel(h, "LLGHRL", 2, false, Dest.FULL);
        h.on("STRL", (e, a) -> e.store(e.r(r1(a)), e.relative(a), 4));
        h.on("STGRL", (e, a) -> e.store(e.r(r1(a)), e.relative(a), 8));
        h.on("STHRL", (e, a) -> e.store(e.r(r1(a)), e.relative(a), 2));

        // register to storage
        store(h, "ST", 4);
        store(h, "STY", 4);
        store(h, "STG", 8);
        store(h, "STH", 2);
        store(h, "STHY", 2);
        store(h, "STC", 1);
        store(h, "STCY", 1);
        h.on("STRV", (e, a) -> e.store(e.b.bswap32(e.r(r1(a))), e.addr(a), 4));
        h.on("STRVG", (e, a) -> e.store(e.b.bswap64(e.r(r1(a))), e.addr(a), 8));
        h.on("STRVH", (e, a) -> e.store(e.b.bswap16(e.r(r1(a))), e.addr(a), 2));
        h.on("STCM", (e, a) -> storeUnderMask(e, a));
        h.on("STCMY", (e, a) -> storeUnderMask(e, a));
        h.on("LM", (e, a) -> loadMultiple(e, a, 4));
        h.on("LMY", (e, a) -> loadMultiple(e, a, 4));
        h.on("LMG", (e, a) -> loadMultiple(e, a, 8));
        h.on("STM", (e, a) -> storeMultiple(e, a, 4));
        h.on("STMY", (e, a) -> storeMultiple(e, a, 4));
        h.on("STMG", (e, a) -> storeMultiple(e, a, 8));

        // immediates
        h.on("LHI", (e, a) -> e.setLow(r1(a), e.c(a[I])));
        h.on("LGHI", (e, a) -> e.set(r1(a), e.c(a[I])));
        h.on("LGFI", (e, a) -> e.set(r1(a), e.c(a[I])));
        h.on("LLIHF", (e, a) -> e.set(r1(a), e.c(a[I] << 32)));
        h.on("LLILF", (e, a) -> e.set(r1(a), e.c(a[I])));
        String[] halves = {"HH", "HL", "LH", "LL"};
        for (int k = 0; k < 4; k++) {
            int pos = 48 - 16 * k;
            h.on("LLI" + halves[k], (e, a) -> e.set(r1(a), e.c(a[I] << pos)));
            h.on("II" + halves[k], (e, a) -> e.set(r1(a), e.b.deposit(e.r(r1(a)), e.c(a[I]), pos, 16)));
        }
        h.on("IIHF", (e, a) -> e.setHigh(r1(a), e.c(a[I])));
        h.on("IILF", (e, a) -> e.setLow(r1(a), e.c(a[I])));
        h.on("MVI", (e, a) -> e.store(e.c(a[I]), e.addrNoIndex(a), 1));
        h.on("MVIY", (e, a) -> e.store(e.c(a[I] & 0xff), e.addrNoIndex(a), 1));
        h.on("MVHHI", (e, a) -> e.store(e.c(a[I]), e.addrNoIndex(a), 2));
        h.on("MVHI", (e, a) -> e.store(e.c(a[I]), e.addrNoIndex(a), 4));
        h.on("MVGHI", (e, a) -> e.store(e.c(a[I]), e.addrNoIndex(a), 8));

        // on condition (the CC is tested before anything is loaded; a not-taken LOC does not access storage)
        h.on("LOCR", (e, a) -> {
            Val t = e.test((int) a[M]);
            e.setLow(r1(a), e.b.movcond(Cond.NE, t, e.b.constant(t.type(), 0), e.r(r2(a)), e.r(r1(a))));
        });
        h.on("LOCGR", (e, a) -> {
            Val t = e.test((int) a[M]);
            e.set(r1(a), e.b.movcond(Cond.NE, t, e.b.constant(t.type(), 0), e.r(r2(a)), e.r(r1(a))));
        });
        h.on("LOC", (e, a) -> onCondition(e, a, () -> e.setLow(r1(a), e.load(e.addrNoIndex(a), 4, false))));
        h.on("LOCG", (e, a) -> onCondition(e, a, () -> e.set(r1(a), e.load(e.addrNoIndex(a), 8, false))));
        h.on("STOC", (e, a) -> onCondition(e, a, () -> e.store(e.r(r1(a)), e.addrNoIndex(a), 4)));
        h.on("STOCG", (e, a) -> onCondition(e, a, () -> e.store(e.r(r1(a)), e.addrNoIndex(a), 8)));
    }

    static int r1(long[] a) {
        return (int) a[R1];
    }

    static int r2(long[] a) {
        return (int) a[R2];
    }

    private static void load(PatternHandlers.Builder<Handler> h, String name, int size, boolean signed, Dest dest) {
        h.on(name, (e, a) -> put(e, r1(a), e.load(e.addr(a), size, signed), dest));
    }

    private static void loadRel(PatternHandlers.Builder<Handler> h, String name, int size, boolean signed, Dest dest) {
        h.on(name, (e, a) -> put(e, r1(a), e.load(e.relative(a), size, signed), dest));
    }

    private static void put(Emit e, int r, Val v, Dest dest) {
        if (dest == Dest.FULL) {
            e.set(r, v);
        } else {
            e.setLow(r, v);
        }
    }

    private static void store(PatternHandlers.Builder<Handler> h, String name, int size) {
        h.on(name, (e, a) -> e.store(e.r(r1(a)), e.addr(a), size));
    }

    private static void loadAndTest64(Emit e, int r1, Val v) {
        e.set(r1, v);
        e.cc(S390xCc.CMP_S64, v, e.c(0), null);
    }

    private static void complement64(Emit e, int r1, Val v) {
        Val res = e.b.neg(v);
        e.set(r1, res);
        e.cc(S390xCc.SUB_S64, e.c(0), v, res);
    }

    private static void insertByte(Emit e, long[] a) {
        e.set(r1(a), e.b.deposit(e.r(r1(a)), e.load(e.addr(a), 1, false), 0, 8));
    }

    /** ICM/ICMY/ICMH: bytes from storage into the register bytes the mask selects, left to right. */
    private static void insertUnderMask(Emit e, long[] a, int base) {
        int mask = (int) a[M];
        Val addr = e.addrNoIndex(a);
        Val reg = e.b.mov(e.r(r1(a)));
        Val inserted = e.c(0);
        int off = 0;
        for (int k = 0; k < 4; k++) {
            if ((mask & (8 >> k)) != 0) {
                Val byt = e.load(e.plus(addr, off++), 1, false);
                reg = e.b.deposit(reg, byt, base + 24 - 8 * k, 8);
                inserted = e.b.or(e.b.shl(inserted, e.c(8)), byt);
            }
        }
        e.set(r1(a), reg);
        e.cc(S390xCc.ICM, inserted, e.c(Math.max(8 * off, 1)), null);
    }

    private static void storeUnderMask(Emit e, long[] a) {
        int mask = (int) a[M];
        Val addr = e.addrNoIndex(a);
        int off = 0;
        for (int k = 0; k < 4; k++) {
            if ((mask & (8 >> k)) != 0) {
                e.store(e.b.shr(e.r(r1(a)), e.c(24 - 8 * k)), e.plus(addr, off++), 1);
            }
        }
    }

    private static void loadMultiple(Emit e, long[] a, int size) {
        int first = r1(a), last = (int) a[R3];
        Val addr = e.addrNoIndex(a);
        int count = ((last - first) & 15) + 1;
        Val[] values = new Val[count];
        for (int k = 0; k < count; k++) {
            values[k] = e.load(e.plus(addr, (long) k * size), size, false);
        }
        for (int k = 0; k < count; k++) {
            put(e, (first + k) & 15, values[k], size == 8 ? Dest.FULL : Dest.LOW);
        }
    }

    private static void storeMultiple(Emit e, long[] a, int size) {
        int first = r1(a), last = (int) a[R3];
        Val addr = e.addrNoIndex(a);
        int count = ((last - first) & 15) + 1;
        for (int k = 0; k < count; k++) {
            e.store(e.r((first + k) & 15), e.plus(addr, (long) k * size), size);
        }
    }

    private static void onCondition(Emit e, long[] a, Runnable body) {
        int mask = (int) a[M] & 15;
        if (mask == 0) {
            return;
        }
        if (mask == 15) {
            body.run();
            return;
        }
        Val t = e.test(mask);
        Label skip = e.b.newLabel();
        e.b.brcond(Cond.EQ, t, e.b.constant(t.type(), 0), skip);
        body.run();
        e.b.setLabel(skip);
    }
}
