package org.jtcg.arm64.fp;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.softfloat.FlagMap;
import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.FusedMultiplyAdd;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * Scalar FP semantics of A64 on top of the shared soft-float core, with the arm64 settings of
 * docs/softfloat.md: FPCR.RMode/FZ/DN decoded into an {@link FpStatus}, Arm NaN rules (signaling
 * NaN first, before-rounding tininess, FMA addend NaN first, 0 x inf + QNaN invalid), flags ORed
 * into FPSR's cumulative bits. Called from translated code with the CPU (they read FPCR and write
 * FPSR). Types: 0 single (low 32 bits), 1 double.
 */
public final class ArmFp {
    private ArmFp() {}

    /** FPSR cumulative bits: IOC, DZC, OFC, UFC, IXC, IDC (no DE on Arm). */
    static final FlagMap FPSR_FLAGS = new FlagMap(0x01, 0, 0x02, 0x04, 0x08, 0x10, 0x80);
    private static final int ARM_ALWAYS = FpStatus.SIGNALING_NAN_FIRST | FpStatus.TININESS_BEFORE_ROUNDING
            | FpStatus.FMA_ADDEND_NAN_FIRST | FpStatus.FMA_INF_ZERO_QNAN_INVALID;
    /** FPCR.RMode (0 RN, 1 RP, 2 RM, 3 RZ) to {@link Rounding}. */
    private static final int[] RMODE = {Rounding.NEAREST_EVEN, Rounding.UP, Rounding.DOWN, Rounding.TOWARD_ZERO};

    public static final int FMUL = 0, FDIV = 1, FADD = 2, FSUB = 3, FMAX = 4, FMIN = 5, FMAXNM = 6, FMINNM = 7, FNMUL = 8;

    static FpStatus status(long fpcr) {
        int control = RMODE[(int) (fpcr >>> 22) & 3] | ARM_ALWAYS;
        if ((fpcr & (1L << 24)) != 0) {
            control |= FpStatus.FLUSH_INPUTS | FpStatus.FLUSH_OUTPUTS;
        }
        if ((fpcr & (1L << 25)) != 0) {
            control |= FpStatus.DEFAULT_NAN;
        }
        return new FpStatus(control);
    }

    /**
     * The status of FCVT/FCVTN/FCVTL between formats: FPConvert unpacks and rounds half precision
     * with FZ16 forced to 0, so the half side is never flushed (the single/double side follows FZ).
     */
    static FpStatus convertStatus(long fpcr, boolean fromHalf, boolean toHalf) {
        int control = status(fpcr).control;
        if (fromHalf) {
            control &= ~(FpStatus.FLUSH_INPUTS | FpStatus.FLUSH_OUTPUTS); // a half widens to a normal single/double
        } else if (toHalf) {
            control &= ~FpStatus.FLUSH_OUTPUTS;
        }
        return new FpStatus(control);
    }

    static FloatFormat format(int type) {
        return type == 0 ? FloatFormat.BINARY32 : FloatFormat.BINARY64;
    }

    private static long bits(int type, long v) {
        return type == 0 ? v & 0xffff_ffffL : v;
    }

    static long commit(Arm64Cpu cpu, FpStatus st, long result) {
        cpu.fpsr |= FPSR_FLAGS.toArch(st.flags);
        return result;
    }

    /** FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL. */
    static long binary(FpStatus st, int op, int type, long a, long b) {
        return arith(format(type), op, bits(type, a), bits(type, b), st);
    }

    /** One element of {@link #binary}'s operations (shared with the AdvSIMD lanes). */
    static long arith(FloatFormat f, int op, long a, long b, FpStatus st) {
        return switch (op) {
            case FMUL -> SoftFloat.mul(f, a, b, st);
            case FDIV -> SoftFloat.div(f, a, b, st);
            case FADD -> SoftFloat.add(f, a, b, st);
            case FSUB -> SoftFloat.sub(f, a, b, st);
            case FNMUL -> SoftFloat.mul(f, a, b, st) ^ f.signBit; // FPNeg flips a NaN's sign too
            default -> minMax(f, op, a, b, st);
        };
    }

    /** Arm FMAX/FMIN (NaN operands propagate) and FMAXNM/FMINNM (one quiet NaN loses to a number); max(+0, -0) = +0. */
    private static long minMax(FloatFormat f, int op, long a, long b, FpStatus st) {
        boolean numeric = op == FMAXNM || op == FMINNM;
        if (numeric) {
            boolean qa = f.isQuietNaN(a), qb = f.isQuietNaN(b);
            if (qa && !f.isNaN(b)) {
                a = b;
            } else if (qb && !f.isNaN(a)) {
                b = a;
            }
        }
        if (f.isNaN(a) || f.isNaN(b)) {
            return SoftFloat.add(f, a, b, st); // FPProcessNaNs: SNaN first, quieted; flags as the core raises them
        }
        if (st.flushInputs && (f.isDenormal(a) || f.isDenormal(b))) {
            st.raise(FpFlags.INPUT_FLUSHED); // FPUnpack: IDC for a flushed operand
            a = SoftFloat.flushedInput(f, a, st);
            b = SoftFloat.flushedInput(f, b, st);
        }
        boolean max = op == FMAX || op == FMAXNM;
        int cmp = SoftFloat.compare(f, a, b, false, st);
        if (cmp == SoftFloat.EQUAL) { // equal values: the zero signs decide
            return max ? a & b : a | b;
        }
        return (cmp == SoftFloat.GREATER) == max ? a : b;
    }

    /**
     * FMADD (negProduct 0, negAddend 0), FMSUB (1, 0), FNMADD (1, 1), FNMSUB (0, 1): one rounding. The
     * negations are FPNeg of the operands before FPMulAdd; without FEAT_AFP (ARMv8.0, cortex-a57) FPNeg
     * flips the sign of a NaN as well, so a propagated NaN operand comes out negated.
     */
    static long fused(FpStatus st, int type, long n, long m, long addend, int negProduct, int negAddend) {
        FloatFormat f = format(type);
        n = bits(type, n);
        m = bits(type, m);
        addend = bits(type, addend);
        // FPNeg flips the sign bit of a NaN as well (Arm ARM FMSUB/FNMADD pseudocode; qemu agrees)
        if (negProduct != 0) {
            n ^= f.signBit;
        }
        if (negAddend != 0) {
            addend ^= f.signBit;
        }
        return FusedMultiplyAdd.fma(f, n, m, addend, st);
    }

    static long sqrt(FpStatus st, int type, long a) {
        return SoftFloat.sqrt(format(type), bits(type, a), st);
    }

    /** FCVT between single (0), double (1) and half (3; FPCR.AHP chooses IEEE or Arm's alternative half). */
    public static long convert(Arm64Cpu cpu, int from, int to, long a) {
        FpStatus st = convertStatus(cpu.fpcr, from == 3, to == 3);
        boolean ahp = ArmHalf.alternative(cpu.fpcr);
        if (from == 3) {
            return commit(cpu, st, ArmHalf.fromHalf(format(to), a, ahp, st));
        }
        if (to == 3) {
            return commit(cpu, st, ArmHalf.toHalf(format(from), bits(from, a), ahp, st));
        }
        return commit(cpu, st, SoftFloat.convert(format(from), format(to), bits(from, a), st));
    }

    /**
     * FCMP/FCMPE: NZCV as PSTATE bits 31..28 (equal 0110, less 1000, greater 0010, unordered 0011).
     * {@code signaling}: FCMPE raises Invalid for a quiet NaN too.
     */
    static long compare(FpStatus st, int type, long a, long b, int signaling) {
        int r = SoftFloat.compare(format(type), bits(type, a), bits(type, b), signaling != 0, st);
        long nzcv = switch (r) {
            case SoftFloat.EQUAL -> 0b0110;
            case SoftFloat.LESS -> 0b1000;
            case SoftFloat.GREATER -> 0b0010;
            default -> 0b0011;
        };
        return nzcv << 28;
    }

    /**
     * FCVT[NPMZA][SU] to a 32- or 64-bit integer: rounding 0-4 as {@link Rounding}; NaN gives 0, out of
     * range saturates, both with IOC (the core's toInt is the Arm FPToFixed rule).
     */
    static long toInt(FpStatus st, int type, long a, int width, int unsigned, int rounding) {
        long r = SoftFloat.toInt(format(type), bits(type, a), width, unsigned != 0, rounding, st);
        return width == 32 ? r & 0xffff_ffffL : r;
    }

    /** SCVTF/UCVTF from a 32- or 64-bit integer. */
    static long fromInt(FpStatus st, int type, long v, int width, int unsigned) {
        FloatFormat f = format(type);
        long r;
        if (unsigned != 0) {
            r = SoftFloat.fromUnsigned(f, width == 32 ? v & 0xffff_ffffL : v, st);
        } else {
            r = SoftFloat.fromInt(f, width == 32 ? (long) (int) v : v, st);
        }
        return r;
    }

    /** FRINT[NPMZAXI]: mode 0-4 as {@link Rounding}, -1 = FPCR's; {@code exact} (FRINTX) raises Inexact. */
    public static long roundToIntegral(Arm64Cpu cpu, int type, long a, int mode, int exact) {
        FpStatus st = status(cpu.fpcr);
        return commit(cpu, st, roundElement(format(type), bits(type, a), mode, exact != 0, st));
    }

    /** One element of {@link #roundToIntegral} (shared with the AdvSIMD lanes). */
    static long roundElement(FloatFormat f, long a, int mode, boolean exact, FpStatus st) {
        if (f.isNaN(a)) {
            return SoftFloat.add(f, a, a, st);
        }
        if (st.flushInputs && f.isDenormal(a)) {
            st.raise(FpFlags.INPUT_FLUSHED);
            a &= f.signBit;
        }
        if (f.isInfinite(a) || f.isZero(a)) {
            return a;
        }
        double x = f.toDouble(a);
        double r = round(mode < 0 ? st.rounding : mode, x);
        if (exact && r != x) {
            st.raise(FpFlags.INEXACT);
        }
        long out = f == FloatFormat.BINARY32 ? Float.floatToRawIntBits((float) r) & 0xffff_ffffL : Double.doubleToRawLongBits(r);
        if (r == 0) {
            out = f.isNegative(a) ? f.signBit : 0; // keep the sign of a value rounded to zero
        }
        return out;
    }

    /** x (finite) rounded to an integral value in direction {@code mode} ({@link Rounding} constants). */
    static double round(int mode, double x) {
        return switch (mode) {
            case Rounding.NEAREST_EVEN -> Math.rint(x);
            case Rounding.UP -> Math.ceil(x);
            case Rounding.DOWN -> Math.floor(x);
            case Rounding.TOWARD_ZERO -> x < 0 ? Math.ceil(x) : Math.floor(x);
            default -> { // ties away from zero
                double m = Math.abs(x), fl = Math.floor(m);
                double r = m - fl >= 0.5 ? fl + 1 : fl;
                yield Math.copySign(r, x);
            }
        };
    }
}
