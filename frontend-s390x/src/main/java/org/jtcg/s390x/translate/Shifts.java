package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.I3;
import static org.jtcg.s390x.translate.S390xTable.I4;
import static org.jtcg.s390x.translate.S390xTable.I5;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * Shifts and rotates. The shift amount is the low 6 bits of the second-operand address (no storage
 * access). 32-bit shifts work on the zero- or sign-extended low word in 64 bits, so amounts 32-63 give
 * the architected 0 / sign fill. Also the rotate-then-*-selected-bits family (RISBG, RNSBG, ROSBG, RXSBG).
 */
final class Shifts {
    private Shifts() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("SLL", (e, a) -> e.setLow(r1(a), e.b.shl(e.low(r1(a), false), amount(e, a))));
        h.on("SRL", (e, a) -> e.setLow(r1(a), e.b.shr(e.low(r1(a), false), amount(e, a))));
        h.on("SRA", (e, a) -> {
            Val res = e.b.sar(e.low(r1(a), true), amount(e, a));
            e.setLow(r1(a), res);
            e.cc(S390xCc.CMP_S64, res, e.c(0), null);
        });
        h.on("SLLK", (e, a) -> e.setLow(r1(a), e.b.shl(e.low(r3(a), false), amount(e, a))));
        h.on("SRLK", (e, a) -> e.setLow(r1(a), e.b.shr(e.low(r3(a), false), amount(e, a))));
        h.on("SRAK", (e, a) -> {
            Val res = e.b.sar(e.low(r3(a), true), amount(e, a));
            e.setLow(r1(a), res);
            e.cc(S390xCc.CMP_S64, res, e.c(0), null);
        });
        h.on("SLLG", (e, a) -> e.set(r1(a), e.b.shl(e.r(r3(a)), amount(e, a))));
        h.on("SRLG", (e, a) -> e.set(r1(a), e.b.shr(e.r(r3(a)), amount(e, a))));
        h.on("SRAG", (e, a) -> {
            Val res = e.b.sar(e.r(r3(a)), amount(e, a));
            e.set(r1(a), res);
            e.cc(S390xCc.CMP_S64, res, e.c(0), null);
        });
        h.on("RLLG", (e, a) -> e.set(r1(a), e.b.rotl(e.r(r3(a)), amount(e, a))));
        h.on("RLL", (e, a) -> {
            Val x = e.b.trunc(e.r(r3(a)));
            Val n = e.b.trunc(amount(e, a));
            e.setLow(r1(a), e.b.extu(e.b.rotl(x, n)));
        });
        // double (even/odd pair as one 64-bit value)
        h.on("SLDL", (e, a) -> {
            if (evenPair(e, a)) {
                setPair(e, r1(a), e.b.shl(pair(e, r1(a)), amount(e, a)));
            }
        });
        h.on("SRDL", (e, a) -> {
            if (evenPair(e, a)) {
                setPair(e, r1(a), e.b.shr(pair(e, r1(a)), amount(e, a)));
            }
        });
        h.on("SRDA", (e, a) -> {
            if (!evenPair(e, a)) {
                return;
            }
            Val res = e.b.sar(pair(e, r1(a)), amount(e, a));
            setPair(e, r1(a), res);
            e.cc(S390xCc.CMP_S64, res, e.c(0), null);
        });
        h.on("RISBG", (e, a) -> rotateInsert(e, a));
        h.on("RNSBG", (e, a) -> rotateOp(e, a, Opcode.AND));
        h.on("ROSBG", (e, a) -> rotateOp(e, a, Opcode.OR));
        h.on("RXSBG", (e, a) -> rotateOp(e, a, Opcode.XOR));
    }

    private static int r1(long[] a) {
        return (int) a[R1];
    }

    private static int r3(long[] a) {
        return (int) a[R3];
    }

    private static Val amount(Emit e, long[] a) {
        return e.b.and(e.addrNoIndex(a), e.c(63));
    }

    /** The double shifts name an even/odd pair: an odd r1 is a specification exception. */
    private static boolean evenPair(Emit e, long[] a) {
        if (ProgramExceptions.evenPair(a[R1])) {
            return true;
        }
        ProgramExceptions.specification(e, "double shift of an odd register");
        return false;
    }

    private static Val pair(Emit e, int r1) {
        return e.b.or(e.b.shl(e.r(r1), e.c(32)), e.low(r1 + 1, false));
    }

    private static void setPair(Emit e, int r1, Val v) {
        Val t = e.b.mov(v);
        e.setLow(r1, e.b.shr(t, e.c(32)));
        e.setLow(r1 + 1, t);
    }

    /** The bit mask of bit positions start..end (msb0, inclusive, wrapping when start > end). */
    static long selectMask(int start, int end) {
        long fromStart = -1L >>> start;
        long toEnd = -1L << (63 - end);
        return start <= end ? fromStart & toEnd : fromStart | toEnd;
    }

    /** RISBG: rotate r2 left by I5, insert the bits I3..I4 into r1 (zero the rest when I4 bit 0x80); CC signed. */
    private static void rotateInsert(Emit e, long[] a) {
        int start = (int) a[I3] & 63, end = (int) a[I4] & 63, rot = (int) a[I5] & 63;
        boolean zero = (a[I4] & 0x80) != 0;
        long mask = selectMask(start, end);
        Val rotated = e.b.rotl(e.r((int) a[R2]), e.c(rot));
        Val ins = e.b.and(rotated, e.c(mask));
        Val res = zero ? ins : e.b.or(e.b.and(e.r(r1(a)), e.c(~mask)), ins);
        res = e.b.mov(res);
        e.set(r1(a), res);
        e.cc(S390xCc.CMP_S64, res, e.c(0), null);
    }

    /** RNSBG/ROSBG/RXSBG: r1's selected bits op= rotated r2; I3 bit 0x80 = test only; CC from the selected bits. */
    private static void rotateOp(Emit e, long[] a, Opcode opc) {
        int start = (int) a[I3] & 63, end = (int) a[I4] & 63, rot = (int) a[I5] & 63;
        boolean testOnly = (a[I3] & 0x80) != 0;
        long mask = selectMask(start, end);
        Val rotated = e.b.rotl(e.r((int) a[R2]), e.c(rot));
        Val sel = e.b.and(e.b.binary(opc, e.r(r1(a)), rotated), e.c(mask));
        if (!testOnly) {
            e.set(r1(a), e.b.or(e.b.and(e.r(r1(a)), e.c(~mask)), sel));
        }
        e.cc(S390xCc.NZ64, null, null, sel);
    }
}
