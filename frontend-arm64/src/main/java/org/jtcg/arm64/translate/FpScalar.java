package org.jtcg.arm64.translate;

import org.jtcg.arm64.fp.ArmFp;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.softfloat.Rounding;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * FP scalar arithmetic on single (ftype 0) and double (ftype 1): two-source ops, fused multiply-add,
 * fsqrt, fcvt between sizes, frint*, compares (fcmp/fcmpe/fccmp/fccmpe), fcsel and the integer
 * conversions of the FMOV_gen group. Arithmetic is {@link ArmFp} (shared soft-float, FPCR modes,
 * FPSR flags); arithmetic, fused multiply-add, fsqrt, compares and integer conversions try {@link FpFastPath}'s host-arithmetic
 * fast path first. Half precision arithmetic is not implemented (FEAT_FP16 is not advertised).
 */
final class FpScalar {
    private FpScalar() {}

    private static final int RW = HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS;
    private static final HelperRef CONVERT = HelperRef.of(ArmFp.class, "convert", RW);
    private static final HelperRef ROUND = HelperRef.of(ArmFp.class, "roundToIntegral", RW);

    private static final int FTYPE = TABLE.slot("ftype"), FOP2 = TABLE.slot("fop2"), OPC2 = TABLE.slot("opc2"),
            E4 = TABLE.slot("e4"), O1 = TABLE.slot("o1"), FPOPC = TABLE.slot("fpopc"), FRINT = TABLE.slot("frint"),
            RMODE = TABLE.slot("rmode"), FOP = TABLE.slot("fop");

    /** FRINT opcode bits 17..15 to a rounding (-1 = FPCR's); 5 is unallocated. */
    private static final int[] FRINT_MODE = {Rounding.NEAREST_EVEN, Rounding.UP, Rounding.DOWN, Rounding.TOWARD_ZERO,
        Rounding.NEAREST_AWAY, -2, -1, -1};
    /** FCVT*: rmode 0 N, 1 P, 2 M, 3 Z. */
    private static final int[] CVT_MODE = {Rounding.NEAREST_EVEN, Rounding.UP, Rounding.DOWN, Rounding.TOWARD_ZERO};

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("FP_2src", FpScalar::twoSource);
        h.on("FP_3src", FpScalar::fused);
        h.on("FP_cmp", FpScalar::compare);
        h.on("FP_ccmp", FpScalar::conditionalCompare);
        h.on("FP_csel", FpScalar::select);
        h.on("FP_cvt", FpScalar::convertPrecision);
        h.on("FP_frint", FpScalar::roundToIntegral);
    }

    private static Val i32(A64Ctx c, long v) {
        return c.b.const32((int) v);
    }

    /** Low bits of Vn as an FP operand (single: the helper masks to 32 bits). */
    private static Val operand(A64Ctx c, int n) {
        return c.b.mov(c.vlo(n));
    }

    private static boolean badType(A64Ctx c, long[] a) {
        if (a[FTYPE] > 1) {
            c.sigill();
            return true;
        }
        return false;
    }

    private static void twoSource(A64Ctx c, long[] a) {
        int op = (int) a[FOP2];
        if (badType(c, a) || op > 8) {
            if (!c.ended()) {
                c.sigill();
            }
            return;
        }
        int type = (int) a[FTYPE];
        Val n = operand(c, (int) a[RN]), m = operand(c, (int) a[RM]);
        Val r = FpFastPath.inlinable(op)
                ? FpFastPath.arithmetic(c, op, type, n, m, FpFastPath.SLOW_BINARY, i32(c, op), i32(c, type), n, m)
                : FpFastPath.call(c, FpFastPath.BINARY, FpFastPath.SLOW_BINARY, i32(c, op), i32(c, type), n, m);
        c.setVlo((int) a[RD], r);
    }

    private static void fused(A64Ctx c, long[] a) {
        if (badType(c, a)) {
            return;
        }
        int o1 = (int) a[O1], o0 = (int) a[O0];
        // FMADD 0/0: n*m + a; FMSUB 0/1: -(n*m) + a; FNMADD 1/0: -(n*m) - a; FNMSUB 1/1: n*m - a
        int negProduct = o0 ^ o1, negAddend = o1;
        int type = (int) a[FTYPE];
        Val n = operand(c, (int) a[RN]), m = operand(c, (int) a[RM]), addend = operand(c, (int) a[RA]);
        Val r = FpFastPath.fusedMultiplyAdd(c, type, FpFastPath.negateIf(c, type, n, negProduct != 0), m,
                FpFastPath.negateIf(c, type, addend, negAddend != 0), FpFastPath.SLOW_FUSED, i32(c, type), n, m, addend,
                i32(c, negProduct), i32(c, negAddend));
        c.setVlo((int) a[RD], r);
    }

    /** FCMP/FCMPE with a register or zero (opc2 bit 0 = compare with zero, bit 1 = E). */
    private static void compare(A64Ctx c, long[] a) {
        if (badType(c, a)) {
            return;
        }
        int opc = (int) a[OPC2];
        Val m = (opc & 1) != 0 ? c.c(0) : operand(c, (int) a[RM]);
        Val w = FpFastPath.compare(c, i32(c, a[FTYPE]), operand(c, (int) a[RN]), m, i32(c, opc >> 1));
        Conditions.setFromWord(c, w);
    }

    private static void conditionalCompare(A64Ctx c, long[] a) {
        if (badType(c, a)) {
            return;
        }
        Label fail = c.b.newLabel(), done = c.b.newLabel();
        Conditions.Test t = Conditions.test(c, (int) a[COND]).inverted();
        c.b.brcond(t.cond(), t.a(), t.b(), fail);
        Val w = FpFastPath.compare(c, i32(c, a[FTYPE]), operand(c, (int) a[RN]), operand(c, (int) a[RM]),
                i32(c, a[E4]));
        Conditions.setFromWord(c, w);
        c.b.br(done);
        c.b.setLabel(fail);
        Conditions.setConstant(c, (int) a[NZCV]);
        c.b.setLabel(done);
    }

    private static void select(A64Ctx c, long[] a) {
        if (badType(c, a)) {
            return;
        }
        Val n = operand(c, (int) a[RN]), m = operand(c, (int) a[RM]);
        Val r = Conditions.select(c, (int) a[COND], n, m);
        c.setVlo((int) a[RD], a[FTYPE] == 0 ? c.b.ext32u(r) : r);
    }

    /** FCVT: ftype is the source, fpopc the destination (0 single, 1 double, 3 half). */
    private static void convertPrecision(A64Ctx c, long[] a) {
        int from = (int) a[FTYPE], to = (int) a[FPOPC];
        if (from == 2 || to == 2 || from == to) {
            c.sigill();
            return;
        }
        Val src = c.b.mov(c.vlo((int) a[RN]));
        c.setVlo((int) a[RD], c.b.callValue(CONVERT, i32(c, from), i32(c, to), src));
    }

    private static void roundToIntegral(A64Ctx c, long[] a) {
        int kind = (int) a[FRINT];
        if (badType(c, a) || kind == 5) {
            if (!c.ended()) {
                c.sigill();
            }
            return;
        }
        Val r = c.b.callValue(ROUND, i32(c, a[FTYPE]), operand(c, (int) a[RN]), i32(c, FRINT_MODE[kind]),
                i32(c, kind == 6 ? 1 : 0));
        c.setVlo((int) a[RD], r);
    }

    /** FSQRT (FP_1src opcode 3). */
    static void sqrt(A64Ctx c, long[] a) {
        if (badType(c, a)) {
            return;
        }
        int type = (int) a[FTYPE];
        Val n = operand(c, (int) a[RN]);
        c.setVlo((int) a[RD], FpFastPath.squareRoot(c, type, n, FpFastPath.SLOW_SQRT, i32(c, type), n));
    }

    /**
     * The conversions of the FMOV_gen group: SCVTF/UCVTF (rmode 0, opcode 2/3), FCVT[NPMZ][SU]
     * (opcode 0/1, rmode = direction), FCVTA[SU] (rmode 0, opcode 4/5). Returns false if the
     * encoding is not one of them.
     */
    static boolean integerConversion(A64Ctx c, long[] a) {
        int sf = (int) a[SF], type = (int) a[FTYPE], rmode = (int) a[RMODE], op = (int) a[FOP];
        if (type > 1) {
            return false;
        }
        int width = sf != 0 ? 64 : 32;
        if ((op == 2 || op == 3) && rmode == 0) {
            Val v = c.x((int) a[RN]);
            c.setVlo((int) a[RD], FpFastPath.call(c, FpFastPath.FROM_INT, FpFastPath.SLOW_FROM_INT, i32(c, type), v, i32(c, width),
                    i32(c, op & 1)));
            return true;
        }
        int mode;
        if (op <= 1) {
            mode = CVT_MODE[rmode];
        } else if ((op == 4 || op == 5) && rmode == 0) {
            mode = Rounding.NEAREST_AWAY;
        } else {
            return false;
        }
        Val r = FpFastPath.call(c, FpFastPath.TO_INT, FpFastPath.SLOW_TO_INT, i32(c, type), operand(c, (int) a[RN]), i32(c, width),
                i32(c, op & 1), i32(c, mode));
        c.setX((int) a[RD], sf != 0, r);
        return true;
    }
}
