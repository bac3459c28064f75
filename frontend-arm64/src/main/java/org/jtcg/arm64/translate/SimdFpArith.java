package org.jtcg.arm64.translate;

import org.jtcg.arm64.fp.ArmFp;
import org.jtcg.arm64.fp.ArmFpLanes;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * AdvSIMD floating point with two or three operands: the FP rows of three-same (vector and scalar),
 * multiply and multiply-add by element (vector and scalar), scalar pairwise and across lanes.
 * Single (sz 0) and double (sz 1) lanes; half precision (FEAT_FP16) is not advertised, so its
 * encodings are unallocated. The lane arithmetic is {@link ArmFpLanes} (FPCR modes, FPSR flags), behind
 * {@link FpFastPath}'s host-arithmetic fast path for the plain arithmetic and fused multiply-add.
 */
final class SimdFpArith {
    private SimdFpArith() {}

    private static final int RW = HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS;
    private static final HelperRef PAIRWISE = HelperRef.of(ArmFpLanes.class, "pairwise", RW);
    private static final HelperRef ACROSS = HelperRef.of(ArmFpLanes.class, "across", RW);

    private static final int Q = TABLE.slot("q"), U = TABLE.slot("u"), VSIZE = TABLE.slot("vsize"),
            SIMDOP = TABLE.slot("simdop"), MISC = TABLE.slot("misc"), FOP2 = TABLE.slot("fop2"), FEHL = TABLE.slot("fehl");

    /** Markers beside the {@link ArmFpLanes} binary codes. */
    private static final int FMLA = 100, FMLS = 101, PAIR = 200, X = -1;

    /** Vector three-same, opcode 11xxx: index u:a:opcode<2:0>. */
    private static final int[] VECTOR = {
        ArmFp.FMAXNM, FMLA, ArmFp.FADD, ArmFpLanes.MULX, ArmFpLanes.CMEQ, X, ArmFp.FMAX, ArmFpLanes.RECPS,
        ArmFp.FMINNM, FMLS, ArmFp.FSUB, X, X, X, ArmFp.FMIN, ArmFpLanes.RSQRTS,
        PAIR + ArmFp.FMAXNM, X, PAIR + ArmFp.FADD, ArmFp.FMUL, ArmFpLanes.CMGE, ArmFpLanes.ACGE, PAIR + ArmFp.FMAX, ArmFp.FDIV,
        PAIR + ArmFp.FMINNM, X, ArmFpLanes.ABD, X, ArmFpLanes.CMGT, ArmFpLanes.ACGT, PAIR + ArmFp.FMIN, X,
    };
    /** Scalar three-same, opcode 11xxx: index u:a:opcode<2:0>. */
    private static final int[] SCALAR = {
        X, X, X, ArmFpLanes.MULX, ArmFpLanes.CMEQ, X, X, ArmFpLanes.RECPS,
        X, X, X, X, X, X, X, ArmFpLanes.RSQRTS,
        X, X, X, X, ArmFpLanes.CMGE, ArmFpLanes.ACGE, X, X,
        X, X, ArmFpLanes.ABD, X, ArmFpLanes.CMGT, ArmFpLanes.ACGT, X, X,
    };

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("SIMD_fp3same", (c, a) -> threeSame(c, a, false));
        h.on("SIMD_fps3same", (c, a) -> threeSame(c, a, true));
        h.on("SIMD_fpelem_fma", (c, a) -> byElement(c, a, false));
        h.on("SIMD_fpelem_mul", (c, a) -> byElement(c, a, false));
        h.on("SIMD_fpselem_fma", (c, a) -> byElement(c, a, true));
        h.on("SIMD_fpselem_mul", (c, a) -> byElement(c, a, true));
        h.on("SIMD_fpspair", SimdFpArith::scalarPairwise);
        h.on("SIMD_fpacross", SimdFpArith::across);
    }

    static Val i32(A64Ctx c, long v) {
        return c.b.const32((int) v);
    }

    /** Lanes per 64-bit half: two singles or one double; scalar forms have one. */
    static int lanes(int sz, boolean scalar) {
        return scalar || sz == 1 ? 1 : 2;
    }

    private static void threeSame(A64Ctx c, long[] a, boolean scalar) {
        boolean q = a[Q] != 0;
        int size = (int) a[VSIZE], sz = size & 1;
        int code = (scalar ? SCALAR : VECTOR)[(int) (a[U] << 4 | (size >> 1) << 3 | (a[SIMDOP] & 7))];
        if (code == X || (!scalar && sz == 1 && !q)) {
            c.sigill();
            return;
        }
        int rd = (int) a[RD], lanes = lanes(sz, scalar);
        Val[] n = SimdOps.halves(c, (int) a[RN], q), m = SimdOps.halves(c, (int) a[RM], q);
        Val lo, hi = null;
        if (code >= PAIR) {
            int op = code - PAIR;
            if (q) {
                lo = c.b.callValue(PAIRWISE, i32(c, op), i32(c, sz), n[0], n[1]);
                hi = c.b.callValue(PAIRWISE, i32(c, op), i32(c, sz), m[0], m[1]);
            } else {
                lo = c.b.callValue(PAIRWISE, i32(c, op), i32(c, sz), n[0], m[0]);
            }
        } else if (code == FMLA || code == FMLS) {
            Val[] d = SimdOps.halves(c, rd, q);
            int neg = code == FMLS ? 1 : 0;
            lo = fused(c, sz, d[0], n[0], m[0], neg, lanes);
            if (q) {
                hi = fused(c, sz, d[1], n[1], m[1], neg, lanes);
            }
        } else {
            lo = binary(c, code, sz, n[0], m[0], lanes);
            if (q) {
                hi = binary(c, code, sz, n[1], m[1], lanes);
            }
        }
        SimdOps.write(c, rd, q, lo, hi);
    }

    /**
     * One 64-bit half of a binary lane operation; the {@link ArmFp} arithmetic codes (FMUL..FNMUL) try
     * the host-arithmetic fast path first, the rest (FMULX, compares, steps) are soft-float only.
     */
    private static Val binary(A64Ctx c, int code, int sz, Val n, Val m, int lanes) {
        if (sz == 1 && FpFastPath.inlinable(code)) {
            return FpFastPath.arithmetic(c, code, 1, n, m, FpFastPath.SLOW_LANES_BINARY, i32(c, code), i32(c, sz), n, m,
                    i32(c, lanes));
        }
        if (code <= ArmFp.FNMUL) {
            return FpFastPath.call(c, FpFastPath.LANES_BINARY, FpFastPath.SLOW_LANES_BINARY, i32(c, code), i32(c, sz), n, m,
                    i32(c, lanes));
        }
        return FpFastPath.slow(c, FpFastPath.SLOW_LANES_BINARY, i32(c, code), i32(c, sz), n, m, i32(c, lanes));
    }

    /** One 64-bit half of FMLA/FMLS (fast path first). */
    private static Val fused(A64Ctx c, int sz, Val acc, Val n, Val m, int neg, int lanes) {
        if (sz == 1) {
            return FpFastPath.fusedMultiplyAdd(c, 1, FpFastPath.negateIf(c, 1, n, neg != 0), m, acc,
                    FpFastPath.SLOW_LANES_FUSED, i32(c, sz), acc, n, m, i32(c, neg), i32(c, lanes));
        }
        return FpFastPath.call(c, FpFastPath.LANES_FUSED, FpFastPath.SLOW_LANES_FUSED, i32(c, sz), acc, n, m, i32(c, neg),
                i32(c, lanes));
    }

    /**
     * FMLA/FMLS/FMUL/FMULX by element: Vm[index] (single: index H:L, Vm any of 32; double: index H,
     * L must be 0) against every lane of Vn, or lane 0 for the scalar forms.
     */
    private static void byElement(A64Ctx c, long[] a, boolean scalar) {
        boolean q = a[Q] != 0;
        int sz = (int) a[VSIZE] & 1, hl = (int) a[FEHL], op = (int) a[FOP2], rd = (int) a[RD], rm = (int) a[RM];
        if ((sz == 1 && (hl & 1) != 0) || (!scalar && sz == 1 && !q)) {
            c.sigill();
            return;
        }
        int index = sz == 1 ? hl >> 1 : hl;
        Val elem;
        if (sz == 1) {
            elem = c.b.mov(index == 0 ? c.vlo(rm) : c.vhi(rm));
        } else {
            Val half = c.b.mov(index < 2 ? c.vlo(rm) : c.vhi(rm));
            Val e = c.b.ext32u((index & 1) != 0 ? c.b.shr(half, c.c(32)) : half);
            elem = c.b.or(e, c.b.shl(e, c.c(32)));
        }
        int lanes = lanes(sz, scalar);
        Val[] n = SimdOps.halves(c, (int) a[RN], q);
        Val lo, hi = null;
        if (op == 9) { // FMUL (U = 0), FMULX (U = 1)
            int code = a[U] != 0 ? ArmFpLanes.MULX : ArmFp.FMUL;
            lo = binary(c, code, sz, n[0], elem, lanes);
            if (q) {
                hi = binary(c, code, sz, n[1], elem, lanes);
            }
        } else { // FMLA 0001, FMLS 0101
            int neg = op == 5 ? 1 : 0;
            Val[] d = SimdOps.halves(c, rd, q);
            lo = fused(c, sz, d[0], n[0], elem, neg, lanes);
            if (q) {
                hi = fused(c, sz, d[1], n[1], elem, neg, lanes);
            }
        }
        SimdOps.write(c, rd, q, lo, hi);
    }

    /** FADDP, FMAXP, FMINP, FMAXNMP, FMINNMP (scalar): the two lanes of Vn.2S (the low half) or Vn.2D. */
    private static void scalarPairwise(A64Ctx c, long[] a) {
        int size = (int) a[VSIZE], sz = size & 1, misc = (int) a[MISC];
        boolean min = (size & 2) != 0;
        int op = switch (misc) {
            case 0x0c -> min ? ArmFp.FMINNM : ArmFp.FMAXNM;
            case 0x0d -> min ? X : ArmFp.FADD;
            case 0x0f -> min ? ArmFp.FMIN : ArmFp.FMAX;
            default -> X;
        };
        if (op == X) {
            c.sigill();
            return;
        }
        int rn = (int) a[RN];
        Val x = c.b.mov(c.vlo(rn));
        Val y = sz == 1 ? c.b.mov(c.vhi(rn)) : c.b.shr(x, c.c(32));
        c.setVlo((int) a[RD], FpFastPath.call(c, FpFastPath.LANES_BINARY, FpFastPath.SLOW_LANES_BINARY, i32(c, op), i32(c, sz),
                x, y, i32(c, 1)));
    }

    /** FMAXV, FMINV, FMAXNMV, FMINNMV: only Vn.4S exists without FEAT_FP16. */
    private static void across(A64Ctx c, long[] a) {
        int size = (int) a[VSIZE], misc = (int) a[MISC];
        boolean min = (size & 2) != 0;
        if (a[Q] == 0 || (size & 1) != 0 || (misc != 0x0c && misc != 0x0f)) {
            c.sigill();
            return;
        }
        int op = misc == 0x0c ? (min ? ArmFp.FMINNM : ArmFp.FMAXNM) : (min ? ArmFp.FMIN : ArmFp.FMAX);
        int rn = (int) a[RN];
        c.setVlo((int) a[RD], c.b.callValue(ACROSS, i32(c, op), c.b.mov(c.vlo(rn)), c.b.mov(c.vhi(rn))));
    }
}
