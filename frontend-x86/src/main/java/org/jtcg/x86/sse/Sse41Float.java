package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * SSE4.1 floating point: round to integral (roundps/pd/ss/sd) and the dot products dpps/dppd. The
 * return value is 0 (result written) or the unmasked exception flags (MXCSR updated, {@code dst}
 * unchanged; the translator raises #XM), as in {@link SseFloat}.
 */
public final class Sse41Float {
    private Sse41Float() {}

    private static final FloatFormat SINGLE = FloatFormat.BINARY32, DOUBLE = FloatFormat.BINARY64;

    /**
     * One element rounded to an integral value. imm8[2] selects MXCSR.RC, otherwise imm8[1:0] is the
     * mode (the same encoding: nearest-even, down, up, toward zero); imm8[3] suppresses the
     * precision exception. An SNaN raises IE and is quieted; DAZ flushes a denormal input first
     * (no flag); the other inputs raise nothing but PE (results are exact integers).
     */
    static long roundElement(FloatFormat f, long a, int imm8, int mxcsr, FpStatus st) {
        if (f.isNaN(a)) {
            if (f.isSignalingNaN(a)) st.raise(FpFlags.INVALID);
            return f.quiet(a);
        }
        a = SoftFloat.flushedInput(f, a, st);
        if (f.isInfinite(a) || f.isZero(a)) return a;
        double x = f == SINGLE ? Float.intBitsToFloat((int) a) : Double.longBitsToDouble(a);
        int mode = (imm8 & 4) != 0 ? Mxcsr.roundingControl(mxcsr) : imm8 & 3;
        double r;
        switch (mode) {
            case 0: r = Math.rint(x); break;
            case 1: r = Math.floor(x); break;
            case 2: r = Math.ceil(x); break;
            default: r = x < 0 ? Math.ceil(x) : Math.floor(x); break;
        }
        if (r != x && (imm8 & 8) == 0) st.raise(FpFlags.INEXACT);
        // ceil/rint/trunc of a small negative keep the sign of zero, as the x86 result does
        return f == SINGLE ? Float.floatToRawIntBits((float) r) & 0xffffffffL : Double.doubleToRawLongBits(r);
    }

    private static int round(SseState s, int dst, int src, FloatFormat f, int imm8, boolean scalar) {
        long[] a = LaneArrays.get(s, dst, f.width), b = LaneArrays.get(s, src, f.width);
        FpStatus st = SseStatus.of(s.mxcsr);
        int n = scalar ? 1 : a.length;
        for (int i = 0; i < n; i++) {
            a[i] = roundElement(f, b[i], imm8, s.mxcsr, st);
        }
        return Sse3Float.commit(s, dst, f, a, st);
    }

    public static int roundps(SseState s, int dst, int src, int imm8) { return round(s, dst, src, SINGLE, imm8, false); }
    public static int roundpd(SseState s, int dst, int src, int imm8) { return round(s, dst, src, DOUBLE, imm8, false); }
    public static int roundss(SseState s, int dst, int src, int imm8) { return round(s, dst, src, SINGLE, imm8, true); }
    public static int roundsd(SseState s, int dst, int src, int imm8) { return round(s, dst, src, DOUBLE, imm8, true); }

    /**
     * DPPS/DPPD: lane products where imm8[4+i] is set (else +0.0), summed pairwise ((p0 + p1) +
     * (p2 + p3) for dpps, p0 + p1 for dppd) with rounding after every step, the sum written to the
     * lanes imm8[i] selects and +0.0 to the others.
     */
    private static int dot(SseState s, int dst, int src, FloatFormat f, int imm8) {
        long[] a = LaneArrays.get(s, dst, f.width), b = LaneArrays.get(s, src, f.width);
        FpStatus st = SseStatus.of(s.mxcsr);
        int n = a.length;
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = (imm8 >>> (4 + i) & 1) != 0 ? SoftFloat.mul(f, a[i], b[i], st) : 0;
        }
        long sum = SoftFloat.add(f, p[0], p[1], st);
        if (n == 4) {
            long high = SoftFloat.add(f, p[2], p[3], st);
            sum = SoftFloat.add(f, sum, high, st);
        }
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = (imm8 >>> i & 1) != 0 ? sum : 0;
        }
        return Sse3Float.commit(s, dst, f, r, st);
    }

    public static int dpps(SseState s, int dst, int src, int imm8) { return dot(s, dst, src, SINGLE, imm8); }
    public static int dppd(SseState s, int dst, int src, int imm8) { return dot(s, dst, src, DOUBLE, imm8); }
}
