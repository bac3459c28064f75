package org.jtcg.s390x.translate;

/**
 * Host-arithmetic shortcut for the BFP helpers, taken only when the host's result and the FPC update are
 * provably the soft-float core's: FPC rounding mode 0 (nearest-even, the mode Java's float/double and
 * {@link Math#fma} round in) and no M3 override, the inexact mask off and the inexact flag already set
 * (flags are sticky, so raising inexact again changes nothing; glibc programs set it within their first few
 * operations), and a finite result of magnitude above the smallest normal. Such a result had no other IEEE
 * exception: not invalid or divide-by-zero (those give a NaN or an infinity), not overflow (round-to-nearest
 * overflows to infinity), not underflow (its exact value exceeds the smallest normal, so it is not tiny
 * before rounding either). Every other case returns {@link #DECLINED} and the helper runs the soft-float path.
 * No allocation and no FpStatus: allocating one per instruction was the largest cost of FP-heavy guests
 * after the BigInteger FMA (see docs/performance.md).
 */
final class BfpFastPath {
    private BfpFastPath() {}

    /** Not a result this path produces (a NaN encoding): the caller falls back to the exact path. */
    static final long DECLINED = -1L;

    /** FPC inexact mask (byte 0) and flag (byte 1), and the rounding-mode field (bits 29-31). */
    private static final long INEXACT_MASK = (long) FpControl.INEXACT << 24, INEXACT_FLAG = (long) FpControl.INEXACT << 16;
    private static final long ROUNDING = 7;

    /** Whether the FPC allows the shortcut at all (see the class comment). */
    static boolean applies(long fpc) {
        return (fpc & (INEXACT_MASK | INEXACT_FLAG | ROUNDING)) == INEXACT_FLAG;
    }

    /** ADD, SUB, MUL, DIV, SQRT of {@link BfpHelpers}; others decline. */
    static long arith(long op, long wide, long a, long b) {
        if (wide != 0) {
            double x = Double.longBitsToDouble(a), y = Double.longBitsToDouble(b), r;
            switch ((int) op) {
                case BfpHelpers.ADD -> r = x + y;
                case BfpHelpers.SUB -> r = x - y;
                case BfpHelpers.MUL -> r = x * y;
                case BfpHelpers.DIV -> r = x / y;
                case BfpHelpers.SQRT -> r = Math.sqrt(x);
                default -> { return DECLINED; }
            }
            return checked(r);
        }
        float x = Float.intBitsToFloat((int) a), y = Float.intBitsToFloat((int) b), r;
        switch ((int) op) {
            case BfpHelpers.ADD -> r = x + y;
            case BfpHelpers.SUB -> r = x - y;
            case BfpHelpers.MUL -> r = x * y;
            case BfpHelpers.DIV -> r = x / y;
            case BfpHelpers.SQRT -> r = (float) Math.sqrt(x); // exact square root of a float rounds once in double
            default -> { return DECLINED; }
        }
        return checked(r);
    }

    /** a × b + c with one rounding (the helper has already negated c for the subtract forms). */
    static long fma(long wide, long a, long b, long c) {
        if (wide != 0) {
            return checked(Math.fma(Double.longBitsToDouble(a), Double.longBitsToDouble(b), Double.longBitsToDouble(c)));
        }
        return checked(Math.fma(Float.intBitsToFloat((int) a), Float.intBitsToFloat((int) b), Float.intBitsToFloat((int) c)));
    }

    private static long checked(double r) {
        return Math.abs(r) > Double.MIN_NORMAL && Math.abs(r) <= Double.MAX_VALUE ? Double.doubleToRawLongBits(r) : DECLINED;
    }

    private static long checked(float r) {
        return Math.abs(r) > Float.MIN_NORMAL && Math.abs(r) <= Float.MAX_VALUE ? Float.floatToRawIntBits(r) & 0xffffffffL : DECLINED;
    }

    /**
     * CC of a compare of two non-NaN operands (0 equal, 1 low, 2 high; -0 equals +0), which raises nothing in
     * either the quiet or the signaling form and so needs no FPC check; -1 when an operand is a NaN.
     */
    static long compareCc(long wide, long a, long b) {
        double x, y;
        if (wide != 0) {
            x = Double.longBitsToDouble(a);
            y = Double.longBitsToDouble(b);
        } else {
            x = Float.intBitsToFloat((int) a);
            y = Float.intBitsToFloat((int) b);
        }
        return x == y ? 0 : x < y ? 1 : x > y ? 2 : -1;
    }
}
