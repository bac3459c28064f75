package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * SSE3 floating-point arithmetic that pairs lanes differently from SSE: addsubps/pd (subtract in
 * even lanes, add in odd ones) and the horizontal haddps/pd, hsubps/pd. Each lane operation rounds
 * and raises flags like addps; as in {@link SseFloat}, the return value is 0 (result written) or the
 * unmasked exception flags (MXCSR updated, {@code dst} unchanged, the translator raises #XM).
 */
public final class Sse3Float {
    private Sse3Float() {}

    /** One lane op: a + b or a - b. */
    static long addOrSub(FloatFormat f, boolean sub, long a, long b, FpStatus st) {
        return sub ? SoftFloat.sub(f, a, b, st) : SoftFloat.add(f, a, b, st);
    }

    /** Writes {@code r} (lanes of the format's width) when no raised exception is unmasked. */
    static int commit(SseState s, int dst, FloatFormat f, long[] r, FpStatus st) {
        int fault = SseStatus.commit(st, s);
        if (fault == 0) LaneArrays.set(s, dst, f.width, r);
        return fault;
    }

    private static int addsub(SseState s, int dst, int src, FloatFormat f) {
        long[] a = LaneArrays.get(s, dst, f.width), b = LaneArrays.get(s, src, f.width), r = new long[a.length];
        FpStatus st = SseStatus.of(s.mxcsr);
        for (int i = 0; i < a.length; i++) {
            r[i] = addOrSub(f, (i & 1) == 0, a[i], b[i], st);
        }
        return commit(s, dst, f, r, st);
    }

    /** Adjacent pairs of dst, then of src: (x0 op x1), (x2 op x3)... */
    private static int horizontal(SseState s, int dst, int src, FloatFormat f, boolean sub) {
        long[] a = LaneArrays.get(s, dst, f.width), b = LaneArrays.get(s, src, f.width), r = new long[a.length];
        FpStatus st = SseStatus.of(s.mxcsr);
        int half = a.length / 2;
        for (int i = 0; i < a.length; i++) {
            long[] x = i < half ? a : b;
            int j = 2 * (i % half);
            r[i] = addOrSub(f, sub, x[j], x[j + 1], st);
        }
        return commit(s, dst, f, r, st);
    }

    public static int addsubps(SseState s, int dst, int src) { return addsub(s, dst, src, FloatFormat.BINARY32); }
    public static int addsubpd(SseState s, int dst, int src) { return addsub(s, dst, src, FloatFormat.BINARY64); }
    public static int haddps(SseState s, int dst, int src) { return horizontal(s, dst, src, FloatFormat.BINARY32, false); }
    public static int haddpd(SseState s, int dst, int src) { return horizontal(s, dst, src, FloatFormat.BINARY64, false); }
    public static int hsubps(SseState s, int dst, int src) { return horizontal(s, dst, src, FloatFormat.BINARY32, true); }
    public static int hsubpd(SseState s, int dst, int src) { return horizontal(s, dst, src, FloatFormat.BINARY64, true); }
}
