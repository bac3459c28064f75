package org.jtcg.s390x;

/**
 * SHIFT LEFT SINGLE/DOUBLE (SLA, SLAG, SLAK, SLDA): the numeric bits (all but the sign) shift left, the
 * sign bit stays, zeros enter on the right. Overflow (CC 3) when a bit unlike the sign is shifted out of
 * the leftmost numeric position; past the numeric width the bits shifted out are the zeros that entered,
 * so any shift of a negative value by width or more overflows (Principles of Operation, "SHIFT LEFT
 * SINGLE"). Pure: used by translated code (result) and by the lazy CC.
 */
public final class ArithmeticShift {
    private ArithmeticShift() {}

    /** The shifted value of the low {@code width} (32 or 64) bits of v by n (0..63), zero-extended to 64 bits. */
    public static long result(long v, long n, long width) {
        int w = (int) width;
        long numericMask = w == 64 ? Long.MAX_VALUE : (1L << (w - 1)) - 1;
        long sign = (v >>> (w - 1)) & 1;
        long shifted = (v << n) & numericMask;
        return (sign << (w - 1)) | shifted;
    }

    /** Whether the shift overflows. */
    public static boolean overflows(long v, long n, long width) {
        int w = (int) width;
        long numericBits = w - 1;
        long numeric = v & (w == 64 ? Long.MAX_VALUE : (1L << numericBits) - 1);
        boolean negative = ((v >>> (w - 1)) & 1) != 0;
        long out = Math.min(n, numericBits);   // numeric bits that leave
        long top = out == 0 ? 0 : numeric >>> (numericBits - out);
        long ones = out == 0 ? 0 : -1L >>> (64 - out);
        if (!negative) {
            return top != 0;
        }
        return top != ones || n > numericBits;
    }

    /** The CC: 3 overflow, else 0 zero, 1 negative, 2 positive. */
    public static long cc(long v, long n, long width) {
        if (overflows(v, n, width)) {
            return 3;
        }
        long r = result(v, n, width);
        int w = (int) width;
        if (r == 0) {
            return 0;
        }
        return ((r >>> (w - 1)) & 1) != 0 ? 1 : 2;
    }
}
