package org.jtcg.arm64.fp;

/**
 * One host FP operation on raw bit patterns, nothing else: the body translated code inlines for
 * an A64 FP instruction once it has checked that FPCR is in its default state and IXC is set, and
 * that it checks the result of (see translate.FpFastPath). Each method is a few bytes of bytecode
 * so that C1 inlines it into the region (C1MaxInlineSize is 35 bytes): an out-of-line call would
 * make C1 spill every live register local around it, since C1 treats all registers as caller-saved.
 *
 * <p>Why checking only the result is enough: a NaN or infinite operand makes every one of these
 * results NaN or infinite, so a finite result proves finite operands. Singles are the low 32 bits
 * (higher bits ignored) and come back zero-extended; the double root of a single, rounded to single,
 * is the correctly rounded single root.
 */
public final class HostFpKernels {
    private HostFpKernels() {}

    public static long addD(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) + Double.longBitsToDouble(b));
    }

    public static long subD(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) - Double.longBitsToDouble(b));
    }

    public static long mulD(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) * Double.longBitsToDouble(b));
    }

    public static long divD(long a, long b) {
        return Double.doubleToRawLongBits(Double.longBitsToDouble(a) / Double.longBitsToDouble(b));
    }

    /** n * m + a with one rounding. */
    public static long fmaD(long n, long m, long a) {
        return Double.doubleToRawLongBits(Math.fma(Double.longBitsToDouble(n), Double.longBitsToDouble(m), Double.longBitsToDouble(a)));
    }

    public static long sqrtD(long a) {
        return Double.doubleToRawLongBits(Math.sqrt(Double.longBitsToDouble(a)));
    }

    public static long addS(long a, long b) {
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) + Float.intBitsToFloat((int) b)) & 0xffff_ffffL;
    }

    public static long subS(long a, long b) {
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) - Float.intBitsToFloat((int) b)) & 0xffff_ffffL;
    }

    public static long mulS(long a, long b) {
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) * Float.intBitsToFloat((int) b)) & 0xffff_ffffL;
    }

    public static long divS(long a, long b) {
        return Float.floatToRawIntBits(Float.intBitsToFloat((int) a) / Float.intBitsToFloat((int) b)) & 0xffff_ffffL;
    }

    /** n * m + a with one rounding (Math.fma on floats rounds once to single). */
    public static long fmaS(long n, long m, long a) {
        return Float.floatToRawIntBits(Math.fma(Float.intBitsToFloat((int) n), Float.intBitsToFloat((int) m),
                Float.intBitsToFloat((int) a))) & 0xffff_ffffL;
    }

    public static long sqrtS(long a) {
        return Float.floatToRawIntBits((float) Math.sqrt(Float.intBitsToFloat((int) a))) & 0xffff_ffffL;
    }
}
