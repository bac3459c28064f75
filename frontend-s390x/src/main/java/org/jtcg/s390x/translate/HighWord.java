package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.I3;
import static org.jtcg.s390x.translate.S390xTable.I4;
import static org.jtcg.s390x.translate.S390xTable.I5;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * The high-word facility (STFLE bit 45): 32-bit arithmetic, compares, loads and stores on bits 0-31 of
 * a register (H) with the other operand's high (H) or low (L, bits 32-63) word, leaving the other half
 * alone; RISBHG/RISBLG rotate and insert into one half without setting the CC. The CC kinds are the
 * 32-bit ones, so the operands are recorded shifted down to the low word.
 */
final class HighWord {
    private HighWord() {}

    private enum Op { ADD, SUB }

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("AHHHR", (e, a) -> addSub(e, a, Op.ADD, false, true));
        h.on("AHHLR", (e, a) -> addSub(e, a, Op.ADD, false, false));
        h.on("ALHHHR", (e, a) -> addSub(e, a, Op.ADD, true, true));
        h.on("ALHHLR", (e, a) -> addSub(e, a, Op.ADD, true, false));
        h.on("SHHHR", (e, a) -> addSub(e, a, Op.SUB, false, true));
        h.on("SHHLR", (e, a) -> addSub(e, a, Op.SUB, false, false));
        h.on("SLHHHR", (e, a) -> addSub(e, a, Op.SUB, true, true));
        h.on("SLHHLR", (e, a) -> addSub(e, a, Op.SUB, true, false));
        h.on("AIH", (e, a) -> addImmediate(e, a, S390xCc.ADD_S32, true));
        h.on("ALSIH", (e, a) -> addImmediate(e, a, S390xCc.ADD_U32, true));
        h.on("ALSIHN", (e, a) -> addImmediate(e, a, S390xCc.ADD_U32, false));
        h.on("BRCTH", (e, a) -> {
            int r1 = (int) a[R1];
            Val res = e.b.mov(e.b.ext32u(e.b.sub(high(e, r1), e.c(1))));
            e.setHigh(r1, res);
            e.branchOn(res, e.pc + a[S390xTable.REL]);
        });
        // compares: CC as for 32-bit signed / unsigned compares
        h.on("CHHR", (e, a) -> e.cc(S390xCc.CMP_S32, high(e, r1(a)), high(e, (int) a[R2]), null));
        h.on("CHLR", (e, a) -> e.cc(S390xCc.CMP_S32, high(e, r1(a)), e.low((int) a[R2], false), null));
        h.on("CHF", (e, a) -> e.cc(S390xCc.CMP_S32, high(e, r1(a)), e.load(e.addr(a), 4, false), null));
        h.on("CIH", (e, a) -> e.cc(S390xCc.CMP_S32, high(e, r1(a)), e.c(a[I]), null));
        h.on("CLHHR", (e, a) -> e.cc(S390xCc.CMP_U32, high(e, r1(a)), high(e, (int) a[R2]), null));
        h.on("CLHLR", (e, a) -> e.cc(S390xCc.CMP_U32, high(e, r1(a)), e.low((int) a[R2], false), null));
        h.on("CLHF", (e, a) -> e.cc(S390xCc.CMP_U32, high(e, r1(a)), e.load(e.addr(a), 4, false), null));
        h.on("CLIH", (e, a) -> e.cc(S390xCc.CMP_U32, high(e, r1(a)), e.c(a[I] & 0xffffffffL), null));
        // loads into and stores from the high word
        load(h, "LBH", 1, true);
        load(h, "LHH", 2, true);
        load(h, "LFH", 4, false);
        load(h, "LLCH", 1, false);
        load(h, "LLHH", 2, false);
        store(h, "STCH", 1);
        store(h, "STHH", 2);
        store(h, "STFH", 4);
        h.on("RISBHG", (e, a) -> rotateInsertHalf(e, a, 32));
        h.on("RISBLG", (e, a) -> rotateInsertHalf(e, a, 0));
    }

    private static int r1(long[] a) {
        return (int) a[R1];
    }

    /** Bits 0-31 of rN in the low word of a value. */
    private static Val high(Emit e, int n) {
        return e.b.mov(e.high(n));
    }

    private static void addSub(Emit e, long[] a, Op op, boolean logical, boolean highSecond) {
        Val x = high(e, (int) a[R2]);
        Val y = highSecond ? high(e, (int) a[R3]) : e.low((int) a[R3], false);
        Val res = e.b.mov(op == Op.ADD ? e.b.add(x, y) : e.b.sub(x, y));
        e.setHigh(r1(a), res);
        int kind = op == Op.ADD ? (logical ? S390xCc.ADD_U32 : S390xCc.ADD_S32)
                : (logical ? S390xCc.SUB_U32 : S390xCc.SUB_S32);
        e.cc(kind, x, y, res);
    }

    private static void addImmediate(Emit e, long[] a, int kind, boolean setsCc) {
        Val x = high(e, r1(a));
        Val y = e.c(a[I]);
        Val res = e.b.mov(e.b.add(x, y));
        e.setHigh(r1(a), res);
        if (setsCc) {
            e.cc(kind, x, y, res);
        }
    }

    private static void load(PatternHandlers.Builder<Handler> h, String name, int size, boolean signed) {
        h.on(name, (e, a) -> e.setHigh(r1(a), e.load(e.addr(a), size, signed)));
    }

    private static void store(PatternHandlers.Builder<Handler> h, String name, int size) {
        h.on(name, (e, a) -> e.store(e.b.shr(e.r(r1(a)), e.c(32)), e.addr(a), size));
    }

    /**
     * RISBHG (half 32) / RISBLG (half 0): rotate r2 left by I5, insert bit positions I3..I4 (0-31 within the
     * half, wrapping inside it) into that half of r1; the I4 zero flag clears the half's other bits. No CC.
     */
    private static void rotateInsertHalf(Emit e, long[] a, int half) {
        int start = (int) a[I3] & 31, end = (int) a[I4] & 31, rot = (int) a[I5] & 63;
        boolean zero = (a[I4] & 0x80) != 0;
        long halfMask = 0xffffffffL << half;
        long mask = (Shifts.selectMask(start + 32, end + 32) & 0xffffffffL) << half;
        if (start > end) { // wrap inside the 32-bit half, not the 64-bit register
            mask = ((Shifts.selectMask(start + 32, 63) | Shifts.selectMask(32, end + 32)) & 0xffffffffL) << half;
        }
        Val rotated = e.b.rotl(e.r((int) a[R2]), e.c(rot));
        Val keep = e.b.and(e.r(r1(a)), e.c(zero ? ~halfMask : ~mask));
        e.set(r1(a), e.b.or(keep, e.b.and(rotated, e.c(mask))));
    }
}
