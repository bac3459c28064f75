package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;

import java.util.Random;

/** Edge-biased random operands for SSE tests. */
final class Inputs {
    private Inputs() {}

    /** Operand kinds: packed singles, packed doubles, integer lanes. */
    enum Kind { F32, F64, INT, SHIFT, TEXT }

    private static final long[] F32_SPECIAL = {
        0, 0x80000000L, 0x7f800000L, 0xff800000L, 0x7fc00000L, 0xffc00000L, 0x7fa00001L, 0xff800001L,
        0x7fffffffL, 0x00000001L, 0x80000001L, 0x007fffffL, 0x807fffffL, 0x00800000L, 0x80800000L,
        0x7f7fffffL, 0xff7fffffL, 0x3f800000L, 0xbf800000L, 0x3f000000L, 0x3fc00000L, 0x40200000L,
        0x4f000000L, 0xcf000000L, 0x4effffffL, 0x5f000000L, 0xdf000000L, 0x3effffffL, 0x3f7fffffL,
    };
    private static final long[] F64_SPECIAL = {
        0, Long.MIN_VALUE, 0x7ff0000000000000L, 0xfff0000000000000L, 0x7ff8000000000000L,
        0xfff8000000000000L, 0x7ff4000000000001L, 0xfff0000000000001L, 0x7fffffffffffffffL, 1L,
        0x8000000000000001L, 0x000fffffffffffffL, 0x800fffffffffffffL, 0x0010000000000000L,
        0x8010000000000000L, 0x7fefffffffffffffL, 0xffefffffffffffffL, 0x3ff0000000000000L,
        0xbff0000000000000L, 0x3fe0000000000000L, 0x3ff8000000000000L, 0x4004000000000000L,
        0x41e0000000000000L, 0xc1e0000000000000L, 0x41dfffffffffffffL, 0x41dfffffffe00000L,
        0xc1e0000000100000L, 0x43e0000000000000L, 0xc3e0000000000000L, 0x3fdfffffffffffffL,
        0x3fefffffffffffffL, 0x380fffffe0000000L, 0x3810000000000000L, 0x36a0000000000000L,
        0x47efffffe0000000L, 0x47efffffffffffffL,
    };

    static long fp(FloatFormat f, Random r) {
        int fb = f.fracBits, bias = f.bias;
        long sign = r.nextBoolean() ? f.signBit : 0;
        long frac;
        switch (r.nextInt(4)) {
            case 0: frac = r.nextLong() & f.fracMask; break;
            case 1: frac = (r.nextLong() & f.fracMask) & ~(f.fracMask >>> (1 + r.nextInt(fb))); break; // few low bits
            case 2: frac = f.fracMask ^ (r.nextLong() & ((1L << r.nextInt(6)) - 1)); break;           // near all-ones
            default: frac = 1L << r.nextInt(fb); break;
        }
        int e;
        switch (r.nextInt(9)) {
            case 0: { long[] sp = f == FloatFormat.BINARY32 ? F32_SPECIAL : F64_SPECIAL; return sp[r.nextInt(sp.length)]; }
            case 1: e = 0; break;                                       // denormal
            case 2: e = 1 + r.nextInt(f.precision + 2); break;          // near the bottom
            case 3: e = 2 * bias - r.nextInt(f.precision + 2); break;   // near the top
            case 4: e = bias - 2 + r.nextInt(f == FloatFormat.BINARY32 ? 36 : 68); break; // integers, conversion range
            case 5: e = bias / 2 + r.nextInt(bias); break;              // squares land anywhere
            default: e = 1 + r.nextInt(2 * bias); break;
        }
        return sign | ((long) e << fb) | frac;
    }

    /** A second operand, sometimes correlated with the first (cancellation, ties, under/overflow). */
    static long fpSecond(FloatFormat f, long a, Random r) {
        int fb = f.fracBits;
        int ea = (int) ((a & f.expMask) >>> fb);
        long b = fp(f, r);
        switch (r.nextInt(10)) {
            case 0: return a ^ f.signBit ^ (r.nextInt(4) == 0 ? 1 : 0);
            case 1: return a + r.nextInt(3) - 1;
            case 2: { // b's exponent makes a*b or a/b land near the underflow / overflow threshold
                int target = r.nextBoolean() ? f.bias + 1 - ea + f.emin : ea - f.emin + f.bias;
                target += r.nextInt(5) - 2;
                if (target < 1 || target > 2 * f.bias) return b;
                return (b & ~f.expMask) | ((long) target << fb);
            }
            case 3: { // product/quotient near the overflow threshold
                int target = r.nextBoolean() ? f.emax + 2 * f.bias - ea : ea - f.emax;
                target += r.nextInt(5) - 2;
                if (target < 1 || target > 2 * f.bias) return b;
                return (b & ~f.expMask) | ((long) target << fb);
            }
            case 4: case 5: return nearThreshold(f, a, r, b);
            default: return b;
        }
    }

    /**
     * A b for which a*b or a/b lands within a few ulps of 2^emin (tininess before vs after rounding,
     * FTZ) or of 2^(emax+1) (overflow after rounding): such pairs are too rare to hit at random.
     */
    private static long nearThreshold(FloatFormat f, long a, Random r, long fallback) {
        if (f.isNaN(a) || f.isInfinite(a) || f.isZero(a)) return fallback;
        double av = Math.abs(f.toDouble(a));
        int ea = Math.getExponent(av);
        if (ea < Double.MIN_EXPONENT) return fallback;
        double ma = Math.scalb(av, -ea);
        boolean mul = r.nextBoolean(), under = r.nextInt(4) != 0;
        double mb = mul ? 2 / ma : ma;
        int eb = mul ? (under ? f.emin - 1 - ea : f.emax - ea) : (under ? ea - f.emin : ea - f.emax - 1);
        int nudge = r.nextInt(5) - 2;
        long bits;
        if (f == FloatFormat.BINARY32) {
            float m = (float) mb;
            m = Float.intBitsToFloat(Float.floatToRawIntBits(m) + nudge);
            double b = Math.scalb((double) m, eb);
            if (b > Float.MAX_VALUE || b < Float.MIN_VALUE) return fallback;
            bits = Float.floatToRawIntBits((float) b) & 0xffffffffL;
        } else {
            double m = Double.longBitsToDouble(Double.doubleToRawLongBits(mb) + nudge);
            double b = Math.scalb(m, eb);
            if (Double.isInfinite(b) || b == 0) return fallback;
            bits = Double.doubleToRawLongBits(b);
        }
        return bits | (r.nextBoolean() ? f.signBit : 0);
    }

    private static final long[] INT_EDGE = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffffL,
        0x80000000L, 0xffffffffL, Long.MAX_VALUE, Long.MIN_VALUE, -1, 15, 16, 31, 32, 63, 64, 65, 128, 255, 256};

    /** Integer-lane data: random, with bytes/words/dwords biased to boundary values. */
    static long intWord(Random r) {
        switch (r.nextInt(4)) {
            case 0: return r.nextLong();
            case 1: return INT_EDGE[r.nextInt(INT_EDGE.length)];
            default: {
                int bits = 8 << r.nextInt(3);
                long w = 0;
                long[] edges = {0, 1, (1L << (bits - 1)) - 1, 1L << (bits - 1), (1L << bits) - 1, (1L << (bits - 1)) + 1,
                    (1L << bits) - 2};
                for (int i = 0; i < 64 / bits; i++) {
                    long v = r.nextInt(3) == 0 ? r.nextLong() : edges[r.nextInt(edges.length)];
                    w |= (v & ((1L << bits) - 1)) << (bits * i);
                }
                return w;
            }
        }
    }

    /** A pair of 128-bit operands {a.lo, a.hi, b.lo, b.hi}. */
    static long[] operands(Kind k, Random r) {
        long[] v = new long[4];
        switch (k) {
            case F32:
                for (int half = 0; half < 2; half++) {
                    long a0 = fp(FloatFormat.BINARY32, r), a1 = fp(FloatFormat.BINARY32, r);
                    long b0 = fpSecond(FloatFormat.BINARY32, a0, r), b1 = fpSecond(FloatFormat.BINARY32, a1, r);
                    v[half] = (a0 & 0xffffffffL) | (a1 << 32);
                    v[2 + half] = (b0 & 0xffffffffL) | (b1 << 32);
                }
                break;
            case F64:
                for (int half = 0; half < 2; half++) {
                    v[half] = fp(FloatFormat.BINARY64, r);
                    v[2 + half] = fpSecond(FloatFormat.BINARY64, v[half], r);
                }
                break;
            case SHIFT: // integer data, b.lo a shift count: small, at the lane widths, or huge
                for (int i = 0; i < 4; i++) v[i] = intWord(r);
                switch (r.nextInt(4)) {
                    case 0: v[2] = r.nextInt(70); break;
                    case 1: v[2] = new long[] {15, 16, 31, 32, 63, 64}[r.nextInt(6)]; break;
                    case 2: v[2] = 1L << (6 + r.nextInt(58)); break;
                    default: break;
                }
                break;
            case TEXT:
                text(r, v);
                break;
            default:
                for (int i = 0; i < 4; i++) v[i] = intWord(r);
                if (r.nextInt(8) == 0) { v[2] = v[0]; v[3] = v[1]; }
        }
        return v;
    }

    /** Bytes the string-compare operands draw from: few letters (matches, ranges), NUL, sign-bit bytes. */
    private static final int[] TEXT_BYTES = {0, 'a', 'b', 'c', 'z', 'A', '0', '9', 0x7f, 0x80, 0xff, 0x01};

    /**
     * String-compare operands: bytes from a small alphabet, NULs at random places (implicit lengths
     * of every size), and sometimes the second a copy or a shifted copy of the first (each,
     * ordered aggregations).
     */
    private static void text(Random r, long[] v) {
        for (int reg = 0; reg < 2; reg++) {
            int alphabet = 2 + r.nextInt(TEXT_BYTES.length - 2);
            int nul = r.nextInt(3) == 0 ? 17 : r.nextInt(17);
            for (int i = 0; i < 16; i++) {
                int b = i == nul ? 0 : TEXT_BYTES[1 + r.nextInt(alphabet - 1)];
                if (r.nextInt(40) == 0) b = r.nextInt(256);
                v[2 * reg + i / 8] |= (long) b << (8 * (i % 8));
            }
        }
        switch (r.nextInt(6)) {
            case 0: v[2] = v[0]; v[3] = v[1]; break;
            case 1: { // b = a shifted by k bytes (needle found at position k)
                int k = 1 + r.nextInt(8);
                v[3] = (v[1] << (8 * k)) | (v[0] >>> (64 - 8 * k));
                v[2] = v[0] << (8 * k) | (r.nextLong() & ((1L << (8 * k)) - 1) & 0x6161616161616161L);
                break;
            }
            default: break;
        }
    }

    /** Explicit lengths for pcmpestr*: eax in the low half, edx in the high one (in and around ±16). */
    static long lengths(Random r) {
        long[] edge = {0, 1, 7, 8, 9, 15, 16, 17, -1, -8, -16, -17, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x100000010L};
        long a = r.nextInt(3) == 0 ? edge[r.nextInt(edge.length)] : r.nextInt(41) - 20;
        long d = r.nextInt(3) == 0 ? edge[r.nextInt(edge.length)] : r.nextInt(41) - 20;
        return (a & 0xffffffffL) | (d << 32);
    }

    /** MXCSR with all exceptions masked, no flags, random RC / FTZ / DAZ. */
    static int mxcsr(Random r) {
        // A quarter of the cases run in the default control state (the library's host-arithmetic
        // fast paths), and some start with sticky flags already set (those paths skip the PE test).
        int control = r.nextInt(4) == 0 ? 0
                : (r.nextInt(4) << Mxcsr.RC_SHIFT) | (r.nextBoolean() ? Mxcsr.FTZ : 0) | (r.nextBoolean() ? Mxcsr.DAZ : 0);
        int sticky = r.nextInt(4) == 0 ? r.nextInt(Mxcsr.FLAGS + 1) : 0;
        return Mxcsr.MASKS | control | sticky;
    }
}
