package org.jtcg.core.softfloat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Literal helpers shared by the soft-float tests. */
final class Bits {
    private Bits() {}

    static final FloatFormat H = FloatFormat.BINARY16, S = FloatFormat.BINARY32, D = FloatFormat.BINARY64;

    static long f(float v) { return Float.floatToRawIntBits(v) & 0xffffffffL; }
    static long d(double v) { return Double.doubleToRawLongBits(v); }

    /** Asserts result bits and exactly the flags raised since {@code st} was created. */
    static void check(long expected, int expectedFlags, long actual, FpStatus st) {
        assertEquals(Long.toHexString(expected), Long.toHexString(actual), "result");
        assertEquals(FpFlags.toString(expectedFlags), FpFlags.toString(st.flags), "flags");
    }
}
