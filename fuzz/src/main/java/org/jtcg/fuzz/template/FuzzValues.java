package org.jtcg.fuzz.template;

import java.util.random.RandomGenerator;

/**
 * Random register and memory values biased toward the boundaries where emulators go wrong:
 * integer edges, floating-point specials (signed zeros, denormals, infinities, quiet and signaling
 * NaNs with payloads, halfway cases) for doubles and pairs of singles.
 */
public final class FuzzValues {
    private FuzzValues() {}

    private static final long[] INTEGERS = {
        0, 1, -1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fff_ffffL, 0x8000_0000L,
        0xffff_ffffL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE, 0xffff_ffff_0000_0000L, 0x8000_0000_0000_0001L,
        -2, -128, -32768, 31, 32, 63, 64,
    };

    private static final double[] DOUBLES = {
        0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.0, 1e300, -1e-300, Double.MIN_VALUE, -Double.MIN_NORMAL,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 9.223372036854775807E18,
        -9.223372036854775808E18, 2147483647.5, -2147483648.5, 4294967295.5, 1.0 / 3, 0x1p-1074 * 3,
        1.8446744073709552E19, 0x1p-1022 * 0.5,
    };

    private static final float[] FLOATS = {
        0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 1.5f, 2.5f, -2.5f, 3.0f, 1e38f, -1e-38f, Float.MIN_VALUE, -Float.MIN_NORMAL,
        Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 2.14748365E9f, -2.14748365E9f,
        1.0f / 3, 16777217f, 4.2949673E9f,
    };

    /** A GPR-style 64-bit value. */
    public static long integer(RandomGenerator r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> r.nextLong();
            case 2 -> INTEGERS[r.nextInt(INTEGERS.length)];
            case 3 -> r.nextInt(512) - 256;
            case 4 -> r.nextInt() & 0xffff_ffffL;
            default -> 1L << r.nextInt(64) ^ (r.nextBoolean() ? 0 : -1L);
        };
    }

    /** A 64-bit FP/vector lane: random bits, an integer, a double, two singles, or NaNs with payloads. */
    public static long lane(RandomGenerator r) {
        return switch (r.nextInt(6)) {
            case 0 -> r.nextLong();
            case 1 -> integer(r);
            case 2, 3 -> Double.doubleToRawLongBits(dbl(r));
            case 4 -> (Float.floatToRawIntBits(flt(r)) & 0xffff_ffffL) | (long) Float.floatToRawIntBits(flt(r)) << 32;
            default -> nan(r);
        };
    }

    /** A lane holding a single in its most significant half (s390x short BFP) or its least (arm64 s registers). */
    public static long singleLane(RandomGenerator r, boolean high) {
        long f = r.nextInt(5) == 0 ? r.nextInt() & 0xffff_ffffL : Float.floatToRawIntBits(flt(r)) & 0xffff_ffffL;
        long other = r.nextLong() & 0xffff_ffffL;
        return high ? f << 32 | other : other << 32 | f;
    }

    private static double dbl(RandomGenerator r) {
        return switch (r.nextInt(3)) {
            case 0 -> DOUBLES[r.nextInt(DOUBLES.length)];
            case 1 -> (r.nextDouble() - 0.5) * 2e6;
            default -> (double) (r.nextInt() >> r.nextInt(32));
        };
    }

    private static float flt(RandomGenerator r) {
        return switch (r.nextInt(3)) {
            case 0 -> FLOATS[r.nextInt(FLOATS.length)];
            case 1 -> (float) ((r.nextDouble() - 0.5) * 2e4);
            default -> (float) (r.nextInt() >> r.nextInt(32));
        };
    }

    /** NaNs with payloads (quiet and signaling), a double or a pair of singles. */
    private static long nan(RandomGenerator r) {
        if (r.nextBoolean()) {
            return 0x7ff0_0000_0000_0000L | (r.nextLong() & 0x000f_ffff_ffff_ffffL) | 1 | (r.nextBoolean() ? Long.MIN_VALUE : 0);
        }
        long f = 0x7f80_0000L | (r.nextInt() & 0x7f_ffffL) | 1;
        return f | (long) Float.floatToRawIntBits(flt(r)) << 32;
    }

    /** A scratch block of {@code size} bytes (a multiple of 8) filled with lanes, big- or little-endian. */
    public static byte[] scratch(RandomGenerator r, int size, boolean bigEndian) {
        byte[] s = new byte[size];
        for (int off = 0; off + 8 <= size; off += 8) {
            long v = r.nextInt(3) == 0 ? r.nextLong() : lane(r);
            for (int b = 0; b < 8; b++) {
                s[off + (bigEndian ? 7 - b : b)] = (byte) (v >>> (8 * b));
            }
        }
        return s;
    }
}
