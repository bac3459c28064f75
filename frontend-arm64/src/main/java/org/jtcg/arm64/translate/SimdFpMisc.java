package org.jtcg.arm64.translate;

import org.jtcg.arm64.fp.ArmFpConvert;
import org.jtcg.arm64.fp.ArmFpLanes;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.core.softfloat.Rounding;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * AdvSIMD floating point with one operand and the conversions: the FP rows of two-register misc
 * (vector and scalar: fabs, fneg, fsqrt, frint*, compares with zero, estimates, integer
 * conversions, fcvtn/fcvtl/fcvtxn), the fixed-point conversions of shift-by-immediate (vector and
 * scalar) and those between FP and general registers (scvtf/ucvtf/fcvtzs/fcvtzu #fbits).
 */
final class SimdFpMisc {
    private SimdFpMisc() {}

    private static final int RW = HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS;
    private static final HelperRef UNARY = HelperRef.of(ArmFpLanes.class, "unary", RW);
    private static final HelperRef CONVERT = HelperRef.of(ArmFpConvert.class, "lanes", RW);
    private static final HelperRef NARROW = HelperRef.of(ArmFpConvert.class, "narrow", RW);
    private static final HelperRef WIDEN = HelperRef.of(ArmFpConvert.class, "widen", RW);
    private static final HelperRef TO_FIXED = HelperRef.of(ArmFpConvert.class, "toFixedGeneral", RW);
    private static final HelperRef FROM_FIXED = HelperRef.of(ArmFpConvert.class, "fromFixedGeneral", RW);

    private static final int Q = TABLE.slot("q"), U = TABLE.slot("u"), VSIZE = TABLE.slot("vsize"),
            MISC = TABLE.slot("misc"), IMMH = TABLE.slot("immh"), IMMB = TABLE.slot("immb"),
            SHOP = TABLE.slot("shop"), FTYPE = TABLE.slot("ftype"), RMODE = TABLE.slot("rmode"),
            FOP = TABLE.slot("fop"), SCALE = TABLE.slot("scale");

    /** FRINT{N,M} (a = 0) and FRINT{P,Z} (a = 1), U = 0; FRINTA/FRINTX (a = 0), FRINTI (a = 1), U = 1. */
    private static final int FRINTX = 8, FPCR_MODE = -1;

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        for (String p : new String[] {"SIMD_fp2misc_cmp", "SIMD_fp2misc_cvt", "SIMD_fp2misc"}) {
            h.on(p, (c, a) -> twoMisc(c, a, false));
        }
        for (String p : new String[] {"SIMD_fps2misc_cmp", "SIMD_fps2misc_cvt", "SIMD_fps2misc"}) {
            h.on(p, (c, a) -> twoMisc(c, a, true));
        }
        h.on("SIMD_fpshimm", (c, a) -> fixedPointVector(c, a, false));
        h.on("SIMD_fpsshimm", (c, a) -> fixedPointVector(c, a, true));
        h.on("FP_fixed", SimdFpMisc::fixedPointGeneral);
    }

    private static Val i32(A64Ctx c, long v) {
        return c.b.const32((int) v);
    }

    private static void twoMisc(A64Ctx c, long[] a, boolean scalar) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], sz = size & 1, op = (int) a[MISC], rd = (int) a[RD], rn = (int) a[RN];
        boolean hiA = (size & 2) != 0;
        if (op == 0x16 || op == 0x17) {
            precision(c, a, scalar, u, hiA, sz, op == 0x17, q);
            return;
        }
        if (!scalar && sz == 1 && !q) {
            c.sigill();
            return;
        }
        Val[] n = SimdOps.halves(c, rn, q && !scalar);
        if (op == 0x0f && !scalar) { // FABS (U = 0), FNEG (U = 1): sign bits only, no flags
            long sign = sz == 1 ? 1L << 63 : 0x8000_0000_8000_0000L;
            Val lo = u ? c.b.xor(n[0], c.c(sign)) : c.b.and(n[0], c.c(~sign));
            Val hi = q ? (u ? c.b.xor(n[1], c.c(sign)) : c.b.and(n[1], c.c(~sign))) : null;
            SimdOps.write(c, rd, q, lo, hi);
            return;
        }
        int lanes = SimdFpArith.lanes(sz, scalar);
        // integer conversions: FCVT{N,M,A}{S,U} (a = 0), FCVT{P,Z}{S,U} (a = 1), SCVTF/UCVTF
        if (op >= 0x1a && op <= 0x1d && !(op == 0x1c && hiA) && !(op == 0x1d && hiA)) {
            int rounding = switch (op) {
                case 0x1a -> hiA ? Rounding.UP : Rounding.NEAREST_EVEN;
                case 0x1b -> hiA ? Rounding.TOWARD_ZERO : Rounding.DOWN;
                default -> Rounding.NEAREST_AWAY;
            };
            convert(c, rd, q && !scalar, n, sz, lanes, op == 0x1d, u, rounding, 0);
            return;
        }
        int unary = -1, arg = 0;
        switch (op) {
            case 0x0c -> unary = hiA ? (u ? ArmFpLanes.U_CMGE0 : ArmFpLanes.U_CMGT0) : -1;
            case 0x0d -> unary = hiA ? (u ? ArmFpLanes.U_CMLE0 : ArmFpLanes.U_CMEQ0) : -1;
            case 0x0e -> unary = hiA && !u ? ArmFpLanes.U_CMLT0 : -1;
            case 0x18, 0x19 -> {
                if (!scalar && !(u && hiA && op == 0x18)) { // U=1 a=1 0x18 is unallocated
                    unary = ArmFpLanes.U_FRINT;
                    boolean odd = op == 0x19;
                    arg = !u ? (hiA ? (odd ? Rounding.TOWARD_ZERO : Rounding.UP) : (odd ? Rounding.DOWN : Rounding.NEAREST_EVEN))
                            : (hiA ? FPCR_MODE : (odd ? FRINTX : Rounding.NEAREST_AWAY));
                }
            }
            // 0x1c with a = 1 (urecpe/ursqrte) is SIMD_2misc_estimate (SimdSaturating), decoded before these rows
            case 0x1d -> unary = hiA ? (u ? ArmFpLanes.U_RSQRTE : ArmFpLanes.U_RECPE) : -1;
            case 0x1f -> unary = !hiA ? -1 : scalar ? (u ? -1 : ArmFpLanes.U_RECPX) : (u ? ArmFpLanes.U_SQRT : -1);
            default -> unary = -1;
        }
        if (unary < 0) {
            c.sigill();
            return;
        }
        Val lo = c.b.callValue(UNARY, i32(c, unary), i32(c, sz), n[0], i32(c, lanes), i32(c, arg));
        Val hi = q && !scalar ? c.b.callValue(UNARY, i32(c, unary), i32(c, sz), n[1], i32(c, lanes), i32(c, arg)) : null;
        SimdOps.write(c, rd, q && !scalar, lo, hi);
    }

    private static void convert(A64Ctx c, int rd, boolean q, Val[] n, int sz, int lanes, boolean toFloat, boolean u,
                                int rounding, int fbits) {
        Val lo = c.b.callValue(CONVERT, i32(c, sz), n[0], i32(c, lanes), i32(c, toFloat ? 1 : 0), i32(c, u ? 1 : 0),
                i32(c, rounding), i32(c, fbits));
        Val hi = q ? c.b.callValue(CONVERT, i32(c, sz), n[1], i32(c, lanes), i32(c, toFloat ? 1 : 0), i32(c, u ? 1 : 0),
                i32(c, rounding), i32(c, fbits)) : null;
        SimdOps.write(c, rd, q, lo, hi);
    }

    /**
     * FCVTN/FCVTN2 (U = 0, opcode 0x16), FCVTXN/FCVTXN2 (U = 1, double only; also scalar), FCVTL/FCVTL2
     * (opcode 0x17). sz 0 is single ↔ half, 1 double ↔ single. The "2" forms (Q = 1) write the upper
     * half and keep the lower one (FCVTN) or read the upper half of the source (FCVTL).
     */
    private static void precision(A64Ctx c, long[] a, boolean scalar, boolean u, boolean hiA, int sz, boolean widen, boolean q) {
        int rd = (int) a[RD], rn = (int) a[RN];
        boolean bad = hiA || (scalar && (widen || !u || sz == 0)) || (u && (widen || sz == 0));
        if (bad) {
            c.sigill();
            return;
        }
        if (widen) {
            Val src = c.b.mov(q ? c.vhi(rn) : c.vlo(rn));
            Val lo = c.b.callValue(WIDEN, i32(c, sz), src, i32(c, 0));
            Val hi = c.b.callValue(WIDEN, i32(c, sz), src, i32(c, 1));
            c.setV(rd, lo, hi);
            return;
        }
        int lanes = scalar ? 1 : sz == 0 ? 4 : 2;
        Val r = c.b.callValue(NARROW, i32(c, sz), c.b.mov(c.vlo(rn)), scalar ? c.c(0) : c.b.mov(c.vhi(rn)),
                i32(c, u ? 1 : 0), i32(c, lanes));
        if (q && !scalar) {
            c.b.mov(c.vhi(rd), r);
        } else {
            c.setVlo(rd, r);
        }
    }

    /**
     * SCVTF/UCVTF (opcode 0x1c) and FCVTZS/FCVTZU (0x1f) #fbits, vector and scalar: immh:immb gives
     * the lane size (immh 01xx single, 1xxx double) and fbits = 2 * size - immh:immb.
     */
    private static void fixedPointVector(A64Ctx c, long[] a, boolean scalar) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int immh = (int) a[IMMH], op = (int) a[SHOP];
        if ((op != 0x1c && op != 0x1f) || (immh & 0b1100) == 0 || (!scalar && immh >= 8 && !q)) {
            c.sigill(); // immh 00xx would be half precision (FEAT_FP16)
            return;
        }
        int sz = immh >= 8 ? 1 : 0, bits = 32 << sz;
        int fbits = 2 * bits - (immh << 3 | (int) a[IMMB]);
        boolean vq = q && !scalar;
        Val[] n = SimdOps.halves(c, (int) a[RN], vq);
        convert(c, (int) a[RD], vq, n, sz, SimdFpArith.lanes(sz, scalar), op == 0x1c, u, Rounding.TOWARD_ZERO, fbits);
    }

    /**
     * Conversion between FP and fixed point in a general register: SCVTF/UCVTF (rmode 00, opcode
     * 010/011) and FCVTZS/FCVTZU (rmode 11, opcode 000/001), fbits = 64 - scale.
     */
    private static void fixedPointGeneral(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        int type = (int) a[FTYPE], rmode = (int) a[RMODE], op = (int) a[FOP], scale = (int) a[SCALE];
        boolean toFloat = rmode == 0 && (op == 2 || op == 3), toInt = rmode == 3 && op <= 1;
        if (type > 1 || (!toFloat && !toInt) || (!sf && scale < 32)) {
            c.sigill();
            return;
        }
        int fbits = 64 - scale, width = sf ? 64 : 32;
        if (toFloat) {
            c.setVlo((int) a[RD], c.b.callValue(FROM_FIXED, i32(c, type), c.x((int) a[RN]), i32(c, width),
                    i32(c, op & 1), i32(c, fbits)));
        } else {
            Val r = c.b.callValue(TO_FIXED, i32(c, type), c.b.mov(c.vlo((int) a[RN])), i32(c, width), i32(c, op & 1), i32(c, fbits));
            c.setX((int) a[RD], sf, r);
        }
    }
}
