package org.jtcg.arm64.fp;

/**
 * Host-arithmetic fast paths for A64 floating point in the common case: FPCR in its default
 * control state (RMode round to nearest, FZ 0, DN 0) and operands and results that raise nothing
 * but Inexact, with IXC already set in FPSR (it is cumulative: once set, nothing an operation does
 * can change FPSR). Java's {@code double}/{@code float} operations and {@link Math#fma} are then
 * exactly what the Arm pseudocode computes, so the result is the host's.
 *
 * <p>Every method is pure (FPCR and FPSR come in as arguments, nothing is written): it returns the
 * result, or {@link #SLOW} when the fast path cannot decide, and then translated code runs the
 * bit-exact {@link ArmFp}/{@link ArmFpLanes} helper, which also ORs the FPSR flags. SLOW (all ones)
 * is a NaN in every lane, and a fast path never returns a NaN: NaN operands (Arm's propagation rules
 * differ from the JVM's), infinite operands, invalid operations, division by zero, overflow and
 * results whose magnitude is at or below the smallest normal (Arm detects tininess before rounding,
 * so only a rounded result strictly above it proves the exact one was not tiny) all go the slow
 * way. Denormal operands are fine: with FZ 0 Arm computes with them as IEEE does, without flags.
 * The FPCR trap-enable bits are ignored, as by {@link ArmFp} (cortex-a57 has no FP traps).
 */
public final class ArmFastFp {
    private ArmFastFp() {}

    /** "Not decided here": run the soft-float helper. */
    public static final long SLOW = -1L;

    /** FPCR.RMode (23..22), FZ (24), DN (25): all zero in the default control state. */
    private static final long CONTROL = 0xfL << 22;
    private static final long FZ = 1L << 24;
    /** FPSR.IXC. */
    private static final long IXC = 0x10;
    private static final long LOW32 = 0xffff_ffffL;

    /** Arithmetic that may round: default control state and IXC already set. */
    private static boolean rounding(long fpcr, long fpsr) {
        return (fpcr & CONTROL) == 0 && (fpsr & IXC) != 0;
    }

    private static double d(long bits) { return Double.longBitsToDouble(bits); }
    private static long bits(double v) { return Double.doubleToRawLongBits(v); }
    private static float f(long bits) { return Float.intBitsToFloat((int) bits); }
    private static long bits(float v) { return Float.floatToRawIntBits(v) & LOW32; }

    private static boolean finite(double v) { return Math.abs(v) <= Double.MAX_VALUE; }
    private static boolean finite(float v) { return Math.abs(v) <= Float.MAX_VALUE; }
    /** Finite and strictly above the smallest normal: neither overflowed nor tiny before rounding. */
    private static boolean safe(double v) { double m = Math.abs(v); return m > Double.MIN_NORMAL && m <= Double.MAX_VALUE; }
    private static boolean safe(float v) { float m = Math.abs(v); return m > Float.MIN_NORMAL && m <= Float.MAX_VALUE; }

    // ---------------------------------------------------------------- one element

    /**
     * One element of FMUL, FDIV, FADD, FSUB, FMAX, FMIN, FMAXNM, FMINNM, FNMUL ({@link ArmFp} codes) on
     * the low bits of a and b ({@code type} 0 single, 1 double); SLOW for any other code.
     */
    static long element(int op, int type, long a, long b, long fpcr, long fpsr) {
        if (op >= ArmFp.FMAX && op <= ArmFp.FMINNM) {
            return (fpcr & FZ) == 0 ? minMax(op, type, a, b) : SLOW;
        }
        if (!rounding(fpcr, fpsr)) {
            return SLOW;
        }
        return type == 0 ? single(op, f(a), f(b)) : dbl(op, d(a), d(b));
    }

    private static long dbl(int op, double x, double y) {
        if (!finite(x) || !finite(y)) {
            return SLOW;
        }
        double r;
        switch (op) {
            case ArmFp.FADD -> r = x + y; // a tiny sum is exact, so no Underflow; a zero sum is exact too
            case ArmFp.FSUB -> r = x - y;
            case ArmFp.FMUL, ArmFp.FNMUL -> {
                r = x * y;
                if (!safe(r) && !(x == 0 || y == 0)) {
                    return SLOW;
                }
                if (op == ArmFp.FNMUL) {
                    r = -r;
                }
                return bits(r);
            }
            case ArmFp.FDIV -> {
                if (y == 0) {
                    return SLOW; // Division by zero
                }
                r = x / y;
                if (!safe(r) && x != 0) {
                    return SLOW;
                }
                return bits(r);
            }
            default -> {
                return SLOW;
            }
        }
        return finite(r) ? bits(r) : SLOW;
    }

    private static long single(int op, float x, float y) {
        if (!finite(x) || !finite(y)) {
            return SLOW;
        }
        float r;
        switch (op) {
            case ArmFp.FADD -> r = x + y;
            case ArmFp.FSUB -> r = x - y;
            case ArmFp.FMUL, ArmFp.FNMUL -> {
                r = x * y;
                if (!safe(r) && !(x == 0 || y == 0)) {
                    return SLOW;
                }
                if (op == ArmFp.FNMUL) {
                    r = -r;
                }
                return bits(r);
            }
            case ArmFp.FDIV -> {
                if (y == 0) {
                    return SLOW;
                }
                r = x / y;
                if (!safe(r) && x != 0) {
                    return SLOW;
                }
                return bits(r);
            }
            default -> {
                return SLOW;
            }
        }
        return finite(r) ? bits(r) : SLOW;
    }

    /**
     * FMAX/FMIN/FMAXNM/FMINNM of two non-NaN operands (they differ only for NaNs): no flags with FZ 0;
     * equal values (+0 and -0) are decided by the sign bits.
     */
    private static long minMax(int op, int type, long a, long b) {
        boolean max = op == ArmFp.FMAX || op == ArmFp.FMAXNM;
        double x, y;
        if (type == 0) {
            a &= LOW32;
            b &= LOW32;
            float fx = f(a), fy = f(b);
            if (fx != fx || fy != fy) {
                return SLOW;
            }
            x = fx;
            y = fy;
        } else {
            x = d(a);
            y = d(b);
            if (x != x || y != y) {
                return SLOW;
            }
        }
        if (x == y) {
            return max ? a & b : a | b;
        }
        return (x > y) == max ? a : b;
    }

    /**
     * One element of FMADD/FMSUB/FNMADD/FNMSUB/FMLA/FMLS: n*m + addend with one rounding, the
     * operands already negated as the instruction asks. A zero result may have underflowed to zero,
     * so it goes the slow way as well.
     */
    static long fusedElement(int type, long n, long m, long addend, long fpcr, long fpsr) {
        if (!rounding(fpcr, fpsr)) {
            return SLOW;
        }
        if (type == 0) {
            float x = f(n), y = f(m), z = f(addend);
            if (!finite(x) || !finite(y) || !finite(z)) {
                return SLOW;
            }
            float r = Math.fma(x, y, z);
            return safe(r) ? bits(r) : SLOW;
        }
        double x = d(n), y = d(m), z = d(addend);
        if (!finite(x) || !finite(y) || !finite(z)) {
            return SLOW;
        }
        double r = Math.fma(x, y, z);
        return safe(r) ? bits(r) : SLOW;
    }

    // ---------------------------------------------------------------- entry points for translated code

    /** Scalar FP_2src: {@link ArmFp#binary}'s fast path. */
    public static long binary(int op, int type, long a, long b, long fpcr, long fpsr) {
        return element(op, type, a, b, fpcr, fpsr);
    }

    /**
     * FCMP/FCMPE of two non-NaN operands: NZCV as {@link ArmFp#compare} gives it; no flags are raised
     * (with FZ 0 a denormal operand raises nothing either).
     */
    public static long compare(int type, long a, long b, long fpcr) {
        if ((fpcr & FZ) != 0) {
            return SLOW;
        }
        double x, y;
        if (type == 0) {
            x = f(a);
            y = f(b);
        } else {
            x = d(a);
            y = d(b);
        }
        if (x != x || y != y) {
            return SLOW;
        }
        long nzcv = x == y ? 0b0110 : x < y ? 0b1000 : 0b0010;
        return nzcv << 28;
    }

    /**
     * SCVTF/UCVTF from a 32- or 64-bit integer ({@link ArmFp#fromInt}'s arguments): exact conversions
     * (magnitude within the significand) need nothing from FPCR or FPSR; the others round to nearest as
     * the JVM's conversion does, once IXC is set. A 64-bit unsigned value with its top bit set goes the
     * slow way.
     */
    public static long fromInt(int type, long v, int width, int unsigned, long fpcr, long fpsr) {
        if (width == 32) {
            v = unsigned != 0 ? v & LOW32 : (long) (int) v;
        } else if (unsigned != 0 && v < 0) {
            return SLOW;
        }
        long limit = type == 0 ? 1L << 24 : 1L << 53;
        if ((v > limit || v < -limit) && !rounding(fpcr, fpsr)) {
            return SLOW;
        }
        return type == 0 ? bits((float) v) : bits((double) v);
    }

    /**
     * FCVT[NPMZA][SU] to a 32- or 64-bit integer ({@link ArmFp#toInt}'s arguments) of a finite operand
     * whose rounded value is in range: no Invalid; Inexact only when the operand was not integral, and
     * then IXC must already be set. FZ must be 0 (a flushed denormal raises IDC). A 64-bit result of
     * all ones is indistinguishable from {@link #SLOW} and is left to the slow path as well.
     */
    public static long toInt(int type, long a, int width, int unsigned, int rounding, long fpcr, long fpsr) {
        if ((fpcr & FZ) != 0) {
            return SLOW;
        }
        double x = type == 0 ? f(a) : d(a);
        if (!finite(x)) {
            return SLOW;
        }
        double r = ArmFp.round(rounding, x);
        if (r != x && (fpsr & IXC) == 0) {
            return SLOW;
        }
        double lo = unsigned != 0 ? 0 : width == 32 ? -0x1p31 : -0x1p63;
        double hi = unsigned != 0 ? (width == 32 ? 0x1p32 : 0x1p64) : (width == 32 ? 0x1p31 : 0x1p63);
        if (!(r >= lo && r < hi)) {
            return SLOW; // out of range: saturates with Invalid
        }
        if (width == 32) {
            return (long) r & LOW32;
        }
        if (r >= 0x1p63) {
            return SLOW; // unsigned above the signed range: the JVM's conversion saturates
        }
        return (long) r;
    }

    // ---------------------------------------------------------------- AdvSIMD lanes of one 64-bit half

    /** {@link ArmFpLanes#binary}'s fast path for the {@link ArmFp} codes FMUL..FNMUL. */
    public static long lanesBinary(int op, int sz, long a, long b, int lanes, long fpcr, long fpsr) {
        if (sz == 1) {
            return element(op, 1, a, b, fpcr, fpsr);
        }
        long lo = element(op, 0, a & LOW32, b & LOW32, fpcr, fpsr);
        if (lo == SLOW) {
            return SLOW;
        }
        if (lanes == 1) {
            return lo & LOW32;
        }
        long hi = element(op, 0, a >>> 32, b >>> 32, fpcr, fpsr);
        return hi == SLOW ? SLOW : (lo & LOW32) | hi << 32;
    }

    /** {@link ArmFpLanes#fused}'s fast path: acc + (±a)*b per lane. */
    public static long lanesFused(int sz, long acc, long a, long b, int negate, int lanes, long fpcr, long fpsr) {
        if (sz == 1) {
            return fusedElement(1, negate != 0 ? a ^ 1L << 63 : a, b, acc, fpcr, fpsr);
        }
        long sign = negate != 0 ? 1L << 31 : 0;
        long lo = fusedElement(0, (a ^ sign) & LOW32, b & LOW32, acc & LOW32, fpcr, fpsr);
        if (lo == SLOW) {
            return SLOW;
        }
        if (lanes == 1) {
            return lo & LOW32;
        }
        long hi = fusedElement(0, (a >>> 32) ^ sign, b >>> 32, acc >>> 32, fpcr, fpsr);
        return hi == SLOW ? SLOW : (lo & LOW32) | hi << 32;
    }
}
