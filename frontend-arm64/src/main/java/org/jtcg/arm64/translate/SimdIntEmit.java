package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.core.ir.VectorSemantics;

import static org.jtcg.arm64.translate.SimdIntLanes.*;
import static org.jtcg.arm64.translate.SimdOps.i32;

/**
 * IR emission shared by the AdvSIMD integer families ({@link SimdSaturating}, {@link SimdWidening}):
 * calls of the {@link SimdIntLanes} and {@link SimdHelpers} lane helpers on one 64-bit half, with
 * FPSR.QC ORed in when a saturating op saturated, and the write-back shapes (narrow to a half,
 * scalar lane).
 */
final class SimdIntEmit {
    private SimdIntEmit() {}

    private static final int P = HelperRef.PURE;
    static final HelperRef LANES = HelperRef.of(SimdIntLanes.class, "binary", P);
    static final HelperRef NARROW = HelperRef.of(SimdIntLanes.class, "narrow", P);
    static final HelperRef SHIFT_INSERT = HelperRef.of(SimdIntLanes.class, "shiftInsert", P);
    static final HelperRef ADD_PAIRS_LONG = HelperRef.of(SimdIntLanes.class, "addPairsLong", P);
    static final HelperRef ESTIMATE = HelperRef.of(SimdIntLanes.class, "estimate", P);
    static final HelperRef BINARY = HelperRef.of(SimdHelpers.class, "binary", P);
    static final HelperRef WIDEN = HelperRef.of(SimdHelpers.class, "widen", P);
    static final HelperRef SHIFT_IMM = HelperRef.of(SimdHelpers.class, "shiftImm", P);
    /** The IR's own word-at-a-time lane functions (exact, shared with the x86 vector ops): lane width in bits. */
    static final HelperRef CMPEQ_WORD = HelperRef.of(VectorSemantics.class, "cmpeq", P);
    static final HelperRef MAXU_WORD = HelperRef.of(VectorSemantics.class, "maxu", P);
    static final HelperRef MINU_WORD = HelperRef.of(VectorSemantics.class, "minu", P);
    static final HelperRef HIGHER_BYTES = HelperRef.of(SimdSwar.class, "higherBytes", P);
    static final HelperRef HIGHER_OR_SAME_BYTES = HelperRef.of(SimdSwar.class, "higherOrSameBytes", P);

    private static boolean saturates(int op) {
        return switch (op) {
            case SQADD, UQADD, SQSUB, UQSUB, SUQADD, USQADD, SQSHL, UQSHL, SQRSHL, UQRSHL, SQSHLU, SQDMULH,
                    SQRDMULH, SQDMULL, SQABS, SQNEG -> true;
            default -> false;
        };
    }

    /** A {@link SimdIntLanes#binary} op on one half (b unused by the unary ops), setting QC when it saturates. */
    static Val lanes(A64Ctx c, int op, int esize, Val a, Val b) {
        Val r = c.b.callValue(LANES, i32(c, op), i32(c, esize), a, b, i32(c, 0));
        if (saturates(op)) {
            orQc(c, c.b.callValue(LANES, i32(c, op), i32(c, esize), a, b, i32(c, 1)));
        }
        return r;
    }

    /** A {@link SimdHelpers#binary} op (wrapping add, sub, mul ...) on one half; add and sub as inline IR. */
    static Val plain(A64Ctx c, int op, int esize, Val a, Val b) {
        return switch (op) {
            case SimdHelpers.ADD, SimdHelpers.SUB -> addSub(c, op == SimdHelpers.SUB, esize, a, b);
            case SimdHelpers.CMEQ -> compareEqual(c, esize, a, b);
            case SimdHelpers.CMTST -> c.b.not(compareEqual(c, esize, c.b.and(a, b), c.c(0)));
            case SimdHelpers.CMHI, SimdHelpers.CMHS -> esize != 0 ? c.b.callValue(BINARY, i32(c, op), i32(c, esize), a, b)
                    : c.b.callValue(op == SimdHelpers.CMHI ? HIGHER_BYTES : HIGHER_OR_SAME_BYTES, a, b);
            case SimdHelpers.UMAX -> c.b.callValue(MAXU_WORD, a, b, i32(c, 8 << esize));
            case SimdHelpers.UMIN -> c.b.callValue(MINU_WORD, a, b, i32(c, 8 << esize));
            default -> c.b.callValue(BINARY, i32(c, op), i32(c, esize), a, b);
        };
    }

    /** Lane-wise all ones where a == b (CMEQ), word-at-a-time rather than lane by lane. */
    static Val compareEqual(A64Ctx c, int esize, Val a, Val b) {
        return c.b.callValue(CMPEQ_WORD, a, b, i32(c, 8 << esize));
    }

    /**
     * Lane-wise add or subtract on one 64-bit half as plain IR (about ten times faster than a lane
     * helper in the JIT): the lanes' top bits are kept out of the word-wide add so no carry or
     * borrow crosses a lane, then put back by XOR (Hacker's Delight, 2-18).
     */
    static Val addSub(A64Ctx c, boolean sub, int esize, Val a, Val b) {
        if (esize == 3) {
            return sub ? c.b.sub(a, b) : c.b.add(a, b);
        }
        long h = SimdMoves.replicator(esize) << ((8 << esize) - 1); // the top bit of every lane
        Val low = sub ? c.b.sub(c.b.or(a, c.c(h)), c.b.and(b, c.c(~h)))
                : c.b.add(c.b.and(a, c.c(~h)), c.b.and(b, c.c(~h)));
        Val top = c.b.and(sub ? c.b.xor(a, c.b.not(b)) : c.b.xor(a, b), c.c(h));
        return c.b.xor(low, top);
    }

    /** Half {@code part} of the esize lanes of src widened (sign- or zero-extended) to 2*esize lanes. */
    static Val widen(A64Ctx c, int esize, Val src, int part, boolean signed) {
        return c.b.callValue(WIDEN, i32(c, esize), src, i32(c, part), i32(c, signed ? 1 : 0), i32(c, 0));
    }

    /**
     * SSHR (kind 0), USHR (1) and SHL (2) by an immediate on every esize lane of one half, as plain
     * IR: a word shift masked to the bits that stay inside their lane; SSHR then sign-extends each
     * lane by the XOR-and-subtract trick on the lane's shifted sign bit.
     */
    static Val shiftImm(A64Ctx c, int kind, int esize, Val a, int shift) {
        int bits = 8 << esize;
        long lane = SimdHelpers.laneMask(esize), rep = SimdMoves.replicator(esize);
        if (shift >= bits) { // only SSHR and USHR come here: a lane of sign bits or zero
            return kind == 0 ? c.b.callValue(SHIFT_IMM, i32(c, 0), i32(c, esize), a, i32(c, shift)) : c.c(0);
        }
        if (shift == 0) {
            return a;
        }
        if (kind == 2) {
            return esize == 3 ? c.b.shl(a, c.c(shift)) : c.b.and(c.b.shl(a, c.c(shift)), c.c(((lane << shift) & lane) * rep));
        }
        Val u = esize == 3 ? c.b.shr(a, c.c(shift)) : c.b.and(c.b.shr(a, c.c(shift)), c.c((lane >>> shift) * rep));
        if (kind == 1) {
            return u;
        }
        if (esize == 3) {
            return c.b.sar(a, c.c(shift));
        }
        Val sign = c.c((1L << (bits - 1 - shift)) * rep);
        return addSub(c, true, esize, c.b.xor(u, sign), sign);
    }

    /** {@link SimdIntLanes#narrow} of lo:hi, setting QC when the kind saturates and a lane did. */
    static Val narrow(A64Ctx c, int kind, int esize, Val lo, Val hi, int shift) {
        Val r = c.b.callValue(NARROW, i32(c, kind), i32(c, esize), lo, hi, i32(c, shift), i32(c, 0));
        if ((kind & (SAT_SIGNED | SAT_UNSIGNED)) != 0) {
            orQc(c, c.b.callValue(NARROW, i32(c, kind), i32(c, esize), lo, hi, i32(c, shift), i32(c, 1)));
        }
        return r;
    }

    static void orQc(A64Ctx c, Val flag) {
        Val fpsr = c.global(Arm64Cpu.FPSR);
        c.b.mov(fpsr, c.b.or(fpsr, flag));
    }

    /** A narrowing op's 64-bit result: the low half (clearing the high) or, for the "2" form, the high half. */
    static void narrowResult(A64Ctx c, int rd, boolean second, Val r) {
        if (second) {
            c.b.mov(c.vhi(rd), r);
        } else {
            c.setVlo(rd, r);
        }
    }

    /** The low esize lane of Vn alone (a scalar operand: the other bits must not take part). */
    static Val scalarLane(A64Ctx c, int n, int esize) {
        Val lo = c.b.mov(c.vlo(n));
        return esize == 3 ? lo : c.b.and(lo, c.c(SimdHelpers.laneMask(esize)));
    }

    /** Writes a scalar result: its low esize lane, the rest of Vd zero. */
    static void scalarResult(A64Ctx c, int rd, int esize, Val r) {
        c.setVlo(rd, esize == 3 ? r : c.b.and(r, c.c(SimdHelpers.laneMask(esize))));
    }

    /** A constant with v in every esize lane (a per-lane shift count). */
    static Val replicated(A64Ctx c, int esize, long v) {
        return c.c((v & SimdHelpers.laneMask(esize)) * SimdMoves.replicator(esize));
    }
}
