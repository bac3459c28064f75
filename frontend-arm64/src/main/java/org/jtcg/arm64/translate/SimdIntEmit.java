package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;

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

    /** A {@link SimdHelpers#binary} op (wrapping add, sub, mul ...) on one half. */
    static Val plain(A64Ctx c, int op, int esize, Val a, Val b) {
        return c.b.callValue(BINARY, i32(c, op), i32(c, esize), a, b);
    }

    /** Half {@code part} of the esize lanes of src widened (sign- or zero-extended) to 2*esize lanes. */
    static Val widen(A64Ctx c, int esize, Val src, int part, boolean signed) {
        return c.b.callValue(WIDEN, i32(c, esize), src, i32(c, part), i32(c, signed ? 1 : 0), i32(c, 0));
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
