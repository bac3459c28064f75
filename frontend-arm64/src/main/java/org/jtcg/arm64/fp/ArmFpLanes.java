package org.jtcg.arm64.fp;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.FusedMultiplyAdd;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * AdvSIMD floating point on the lanes of one 64-bit half of a vector register (the scalar-SIMD
 * forms are the same with one lane): arithmetic, fused multiply-add, compares (all-ones or zero
 * masks), pairwise and across-lanes reductions, and the one-operand operations (frint*, fsqrt,
 * estimates, compares with zero). {@code sz} 0 is single (two 32-bit lanes per half), 1 double
 * (one lane). Lanes past {@code lanes} are zero in the result. Each call builds the status from
 * FPCR once, runs the lanes in order (flags accumulate), and ORs the flags into FPSR.
 */
public final class ArmFpLanes {
    private ArmFpLanes() {}

    /** Binary operations: {@link ArmFp}'s FMUL..FNMUL, then these. */
    public static final int MULX = 9, ABD = 10, CMEQ = 11, CMGE = 12, CMGT = 13, ACGE = 14, ACGT = 15,
            RECPS = 16, RSQRTS = 17;
    /**
     * Unary operations. FRINT takes its rounding in {@code arg} (-1: FPCR's; +8: FRINTX, exact);
     * the compares with zero are against +0.0.
     */
    public static final int U_FRINT = 0, U_SQRT = 1, U_RECPE = 2, U_RSQRTE = 3, U_RECPX = 4,
            U_CMGT0 = 7, U_CMEQ0 = 8, U_CMLT0 = 9, U_CMGE0 = 10, U_CMLE0 = 11;

    static FloatFormat format(int sz) {
        return sz == 0 ? FloatFormat.BINARY32 : FloatFormat.BINARY64;
    }

    private static long laneMask(int sz) {
        return sz == 0 ? 0xffff_ffffL : -1L;
    }

    /** One element of a binary operation. */
    static long element(FloatFormat f, int op, long a, long b, FpStatus st) {
        return switch (op) {
            case MULX -> mulx(f, a, b, st);
            case ABD -> SoftFloat.sub(f, a, b, st) & ~f.signBit; // FPAbs of the difference, also of a NaN
            case CMEQ -> mask(f, SoftFloat.compare(f, a, b, false, st) == SoftFloat.EQUAL);
            case CMGE -> ge(f, SoftFloat.compare(f, a, b, true, st));
            case CMGT -> mask(f, SoftFloat.compare(f, a, b, true, st) == SoftFloat.GREATER);
            case ACGE -> ge(f, SoftFloat.compare(f, a & ~f.signBit, b & ~f.signBit, true, st));
            case ACGT -> mask(f, SoftFloat.compare(f, a & ~f.signBit, b & ~f.signBit, true, st) == SoftFloat.GREATER);
            case RECPS -> ArmFpEstimate.recipStep(f, a, b, st);
            case RSQRTS -> ArmFpEstimate.rsqrtStep(f, a, b, st);
            default -> ArmFp.arith(f, op, a, b, st);
        };
    }

    private static long mask(FloatFormat f, boolean t) {
        return t ? f.allBits : 0;
    }

    private static long ge(FloatFormat f, int cmp) {
        return mask(f, cmp == SoftFloat.GREATER || cmp == SoftFloat.EQUAL);
    }

    /** FMULX: FMUL except that infinity times zero is 2.0 with the product's sign, without Invalid. */
    private static long mulx(FloatFormat f, long a, long b, FpStatus st) {
        long fa = SoftFloat.flushedInput(f, a, st), fb = SoftFloat.flushedInput(f, b, st);
        if (!f.isNaN(a) && !f.isNaN(b)
                && ((f.isInfinite(fa) && f.isZero(fb)) || (f.isZero(fa) && f.isInfinite(fb)))) {
            if (fa != a || fb != b) {
                st.raise(FpFlags.INPUT_FLUSHED);
            }
            return ((a ^ b) & f.signBit) | (long) (f.bias + 1) << f.fracBits;
        }
        return SoftFloat.mul(f, a, b, st);
    }

    /** A binary operation on each lane pair of a and b. */
    static long binary(FpStatus st, int op, int sz, long a, long b, int lanes) {
        FloatFormat f = format(sz);
        int w = 32 << sz;
        long m = laneMask(sz), r = 0;
        for (int i = 0; i < lanes; i++) {
            long x = (a >>> (i * w)) & m, y = (b >>> (i * w)) & m;
            r |= (element(f, op, x, y, st) & m) << (i * w);
        }
        return r;
    }

    /** FMLA (negate 0): acc + a*b, FMLS (1): acc + (-a)*b, each with one rounding (FPMulAdd). */
    static long fused(FpStatus st, int sz, long acc, long a, long b, int negate, int lanes) {
        FloatFormat f = format(sz);
        int w = 32 << sz;
        long m = laneMask(sz), r = 0;
        for (int i = 0; i < lanes; i++) {
            long x = (a >>> (i * w)) & m, y = (b >>> (i * w)) & m, d = (acc >>> (i * w)) & m;
            if (negate != 0) {
                x ^= f.signBit; // FPNeg, also of a NaN
            }
            r |= (FusedMultiplyAdd.fma(f, x, y, d, st) & m) << (i * w);
        }
        return r;
    }

    /**
     * Pairwise: the lanes of the 128-bit concatenation lo:hi (lo first) reduced in adjacent pairs,
     * giving one 64-bit half (single: two results, double: one).
     */
    public static long pairwise(Arm64Cpu cpu, int op, int sz, long lo, long hi) {
        FpStatus st = ArmFp.status(cpu.fpcr);
        FloatFormat f = format(sz);
        long r;
        if (sz == 0) {
            long p0 = element(f, op, lo & 0xffff_ffffL, lo >>> 32, st);
            long p1 = element(f, op, hi & 0xffff_ffffL, hi >>> 32, st);
            r = (p0 & 0xffff_ffffL) | p1 << 32;
        } else {
            r = element(f, op, lo, hi, st);
        }
        return ArmFp.commit(cpu, st, r);
    }

    /** FMAXV/FMINV/FMAXNMV/FMINNMV on four singles: Reduce is a tree, op(op(e0, e1), op(e2, e3)). */
    public static long across(Arm64Cpu cpu, int op, long lo, long hi) {
        FpStatus st = ArmFp.status(cpu.fpcr);
        FloatFormat f = FloatFormat.BINARY32;
        long p0 = element(f, op, lo & 0xffff_ffffL, lo >>> 32, st);
        long p1 = element(f, op, hi & 0xffff_ffffL, hi >>> 32, st);
        return ArmFp.commit(cpu, st, element(f, op, p0, p1, st) & 0xffff_ffffL);
    }

    /** A one-operand operation on each lane; {@code arg} as described at {@link #U_FRINT}. */
    public static long unary(Arm64Cpu cpu, int op, int sz, long a, int lanes, int arg) {
        FpStatus st = ArmFp.status(cpu.fpcr);
        FloatFormat f = format(sz);
        int w = 32 << sz;
        long m = laneMask(sz), r = 0;
        for (int i = 0; i < lanes; i++) {
            long x = (a >>> (i * w)) & m;
            long v = switch (op) {
                case U_FRINT -> ArmFp.roundElement(f, x, arg >= 8 ? -1 : arg, arg >= 8, st);
                case U_SQRT -> SoftFloat.sqrt(f, x, st);
                case U_RECPE -> ArmFpEstimate.recipEstimate(f, x, st);
                case U_RSQRTE -> ArmFpEstimate.rsqrtEstimate(f, x, st);
                case U_RECPX -> ArmFpEstimate.recpX(f, x, st);
                case U_CMGT0 -> element(f, CMGT, x, 0, st);
                case U_CMEQ0 -> element(f, CMEQ, x, 0, st);
                case U_CMLT0 -> element(f, CMGT, 0, x, st);
                case U_CMGE0 -> element(f, CMGE, x, 0, st);
                case U_CMLE0 -> element(f, CMGE, 0, x, st);
                default -> throw new IllegalArgumentException("FP unary op " + op);
            };
            r |= (v & m) << (i * w);
        }
        return ArmFp.commit(cpu, st, r);
    }
}
