package org.jtcg.x86.sse;

/**
 * Host-arithmetic fast paths for the common case of SSE arithmetic: MXCSR in its default control
 * state (round to nearest, no FTZ, no DAZ, every exception masked) and operands/results that raise
 * no exception other than the inexact one. There Java's {@code double}/{@code float} operations are
 * exactly what the hardware computes (IEEE round to nearest), so only the sticky PE flag needs care:
 * it is computed with an exact error term (two-sum, fma, division or square-root remainder) and
 * only while PE is still clear in MXCSR (once set, nothing can change it).
 *
 * <p>Each method returns {@code true} when it has executed the instruction, or {@code false}
 * without touching any state, and then the caller runs the bit-exact path on the shared
 * {@link org.jtcg.core.softfloat.SoftFloat}. A fast path declines NaN, infinite and denormal
 * operands (IE/DE and NaN propagation), results that overflow (OE), results at or below the
 * smallest normal (UE and tininess after rounding), and, for products, quotients and square roots, magnitudes so small that the error term itself could
 * underflow. Methods allocate nothing and keep the common path short for C1.
 */
final class FastFloat {
    private FastFloat() {}

    /** MXCSR control bits that must equal {@link Mxcsr#MASKS} for a fast path. */
    private static final int CONTROL = Mxcsr.RC_MASK | Mxcsr.FTZ | Mxcsr.DAZ | Mxcsr.MASKS;
    private static final long LOW32 = 0xffffffffL;
    /**
     * Below this magnitude an fma error term (product error, quotient or square-root remainder,
     * whose granularity is about 2^-105 of the operand) could fall under the smallest denormal.
     */
    private static final double TINY_D = 0x1p-960;

    static boolean defaultMode(int mxcsr) {
        return (mxcsr & CONTROL) == Mxcsr.MASKS;
    }

    private static double d(long bits) { return Double.longBitsToDouble(bits); }
    private static long bits(double v) { return Double.doubleToRawLongBits(v); }
    private static float f(long word, int lane) { return Float.intBitsToFloat((int) (word >>> (32 * lane))); }
    private static long bits(float v) { return Float.floatToRawIntBits(v) & LOW32; }

    // ---------------------------------------------------------------- operand / result classes

    /** Zero or normal (not NaN, not denormal; infinities pass). */
    private static boolean plainD(double v) { return Math.abs(v) >= Double.MIN_NORMAL || v == 0; }
    private static boolean plainF(float v) { return Math.abs(v) >= Float.MIN_NORMAL || v == 0; }
    private static boolean finiteD(double v) { return Math.abs(v) <= Double.MAX_VALUE; }
    private static boolean finiteF(float v) { return Math.abs(v) <= Float.MAX_VALUE; }
    /** Normal (not NaN, not zero, not denormal; infinities pass). */
    private static boolean normalD(double v) { return Math.abs(v) >= Double.MIN_NORMAL; }
    private static boolean normalF(float v) { return Math.abs(v) >= Float.MIN_NORMAL; }
    /** Finite and big enough that neither tininess nor an underflowing error term is possible. */
    private static boolean safeD(double v) { double m = Math.abs(v); return m >= TINY_D && m <= Double.MAX_VALUE; }
    /** Finite and strictly above the smallest normal: not tiny after rounding. */
    private static boolean safeF(float v) { float m = Math.abs(v); return m > Float.MIN_NORMAL && m <= Float.MAX_VALUE; }

    // An add/sub of plain operands with a finite result is exact whenever it is tiny, so it needs no
    // tininess check. mul/div/sqrt results must be safe.
    private static boolean addOkD(double a, double b, double r) { return plainD(a) && plainD(b) && finiteD(r); }
    private static boolean addOkF(float a, float b, float r) { return plainF(a) && plainF(b) && finiteF(r); }
    private static boolean mulOkD(double a, double b, double r) { return normalD(a) && normalD(b) && safeD(r); }
    private static boolean mulOkF(float a, float b, float r) { return normalF(a) && normalF(b) && safeF(r); }
    private static boolean divOkD(double a, double b, double r) { return safeD(a) && normalD(b) && safeD(r); }
    private static boolean divOkF(float a, float b, float r) { return normalF(a) && normalF(b) && safeF(r); }

    // ---------------------------------------------------------------- inexactness (exact tests)

    /** Two-sum: the rounding error of r = a + b is zero. */
    static boolean addInexactD(double a, double b, double r) {
        double bb = r - a;
        return (a - (r - bb)) + (b - bb) != 0;
    }

    static boolean addInexactF(float a, float b, float r) {
        float bb = r - a;
        return (a - (r - bb)) + (b - bb) != 0;
    }

    static boolean mulInexactD(double a, double b, double r) { return Math.fma(a, b, -r) != 0; }
    static boolean divInexactD(double a, double b, double r) { return Math.fma(-r, b, a) != 0; }
    static boolean sqrtInexactD(double a, double r) { return Math.fma(-r, r, a) != 0; }
    // Products of two singles are exact in double.
    static boolean mulInexactF(float a, float b, float r) { return (double) a * b != r; }
    static boolean divInexactF(float a, float b, float r) { return (double) r * b != a; }
    static boolean sqrtInexactF(float a, float r) { return (double) r * r != a; }

    private static void raisePE(SseState s) { s.mxcsr |= Mxcsr.PE; }

    // ---------------------------------------------------------------- scalar double

    static boolean addsd(SseState s, int dst, double b) {
        long[] x = s.xmm;
        double a = d(x[2 * dst]), r = a + b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !addOkD(a, b, r)) return false;
        x[2 * dst] = bits(r);
        if ((m & Mxcsr.PE) == 0 && addInexactD(a, b, r)) raisePE(s);
        return true;
    }

    static boolean subsd(SseState s, int dst, double b) {
        long[] x = s.xmm;
        double a = d(x[2 * dst]), r = a - b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !addOkD(a, -b, r)) return false;
        x[2 * dst] = bits(r);
        if ((m & Mxcsr.PE) == 0 && addInexactD(a, -b, r)) raisePE(s);
        return true;
    }

    static boolean mulsd(SseState s, int dst, double b) {
        long[] x = s.xmm;
        double a = d(x[2 * dst]), r = a * b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !mulOkD(a, b, r)) return false;
        x[2 * dst] = bits(r);
        if ((m & Mxcsr.PE) == 0 && mulInexactD(a, b, r)) raisePE(s);
        return true;
    }

    static boolean divsd(SseState s, int dst, double b) {
        long[] x = s.xmm;
        double a = d(x[2 * dst]), r = a / b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !divOkD(a, b, r)) return false;
        x[2 * dst] = bits(r);
        if ((m & Mxcsr.PE) == 0 && divInexactD(a, b, r)) raisePE(s);
        return true;
    }

    static boolean sqrtsd(SseState s, int dst, double a) {
        double r = Math.sqrt(a);
        int m = s.mxcsr;
        if (!defaultMode(m) || !safeD(a) || a < 0) return false;
        s.xmm[2 * dst] = bits(r);
        if ((m & Mxcsr.PE) == 0 && sqrtInexactD(a, r)) raisePE(s);
        return true;
    }

    // ---------------------------------------------------------------- scalar single

    private static void putLowF(long[] x, int dst, float r) {
        x[2 * dst] = (x[2 * dst] & ~LOW32) | bits(r);
    }

    static boolean addss(SseState s, int dst, float b) {
        long[] x = s.xmm;
        float a = f(x[2 * dst], 0), r = a + b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !addOkF(a, b, r)) return false;
        putLowF(x, dst, r);
        if ((m & Mxcsr.PE) == 0 && addInexactF(a, b, r)) raisePE(s);
        return true;
    }

    static boolean subss(SseState s, int dst, float b) {
        long[] x = s.xmm;
        float a = f(x[2 * dst], 0), r = a - b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !addOkF(a, -b, r)) return false;
        putLowF(x, dst, r);
        if ((m & Mxcsr.PE) == 0 && addInexactF(a, -b, r)) raisePE(s);
        return true;
    }

    static boolean mulss(SseState s, int dst, float b) {
        long[] x = s.xmm;
        float a = f(x[2 * dst], 0), r = a * b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !mulOkF(a, b, r)) return false;
        putLowF(x, dst, r);
        if ((m & Mxcsr.PE) == 0 && mulInexactF(a, b, r)) raisePE(s);
        return true;
    }

    static boolean divss(SseState s, int dst, float b) {
        long[] x = s.xmm;
        float a = f(x[2 * dst], 0), r = a / b;
        int m = s.mxcsr;
        if (!defaultMode(m) || !divOkF(a, b, r)) return false;
        putLowF(x, dst, r);
        if ((m & Mxcsr.PE) == 0 && divInexactF(a, b, r)) raisePE(s);
        return true;
    }

    static boolean sqrtss(SseState s, int dst, float a) {
        // sqrt rounded to double then to single is the correctly rounded single (53 >= 2*24 + 2).
        float r = (float) Math.sqrt(a);
        int m = s.mxcsr;
        if (!defaultMode(m) || !safeF(a) || a < 0) return false;
        putLowF(s.xmm, dst, r);
        if ((m & Mxcsr.PE) == 0 && sqrtInexactF(a, r)) raisePE(s);
        return true;
    }

    // ---------------------------------------------------------------- packed double

    static boolean addpd(SseState s, int dst, int src) {
        long[] x = s.xmm;
        double a0 = d(x[2 * dst]), a1 = d(x[2 * dst + 1]), b0 = d(x[2 * src]), b1 = d(x[2 * src + 1]);
        double r0 = a0 + b0, r1 = a1 + b1;
        int m = s.mxcsr;
        if (!defaultMode(m) || !addOkD(a0, b0, r0) || !addOkD(a1, b1, r1)) return false;
        x[2 * dst] = bits(r0);
        x[2 * dst + 1] = bits(r1);
        if ((m & Mxcsr.PE) == 0 && (addInexactD(a0, b0, r0) || addInexactD(a1, b1, r1))) raisePE(s);
        return true;
    }

    static boolean subpd(SseState s, int dst, int src) {
        long[] x = s.xmm;
        double a0 = d(x[2 * dst]), a1 = d(x[2 * dst + 1]), b0 = -d(x[2 * src]), b1 = -d(x[2 * src + 1]);
        double r0 = a0 + b0, r1 = a1 + b1; // a - b == a + (-b) exactly, also for zeros under RN
        int m = s.mxcsr;
        if (!defaultMode(m) || !addOkD(a0, b0, r0) || !addOkD(a1, b1, r1)) return false;
        x[2 * dst] = bits(r0);
        x[2 * dst + 1] = bits(r1);
        if ((m & Mxcsr.PE) == 0 && (addInexactD(a0, b0, r0) || addInexactD(a1, b1, r1))) raisePE(s);
        return true;
    }

    static boolean mulpd(SseState s, int dst, int src) {
        long[] x = s.xmm;
        double a0 = d(x[2 * dst]), a1 = d(x[2 * dst + 1]), b0 = d(x[2 * src]), b1 = d(x[2 * src + 1]);
        double r0 = a0 * b0, r1 = a1 * b1;
        int m = s.mxcsr;
        if (!defaultMode(m) || !mulOkD(a0, b0, r0) || !mulOkD(a1, b1, r1)) return false;
        x[2 * dst] = bits(r0);
        x[2 * dst + 1] = bits(r1);
        if ((m & Mxcsr.PE) == 0 && (mulInexactD(a0, b0, r0) || mulInexactD(a1, b1, r1))) raisePE(s);
        return true;
    }

    static boolean divpd(SseState s, int dst, int src) {
        long[] x = s.xmm;
        double a0 = d(x[2 * dst]), a1 = d(x[2 * dst + 1]), b0 = d(x[2 * src]), b1 = d(x[2 * src + 1]);
        double r0 = a0 / b0, r1 = a1 / b1;
        int m = s.mxcsr;
        if (!defaultMode(m) || !divOkD(a0, b0, r0) || !divOkD(a1, b1, r1)) return false;
        x[2 * dst] = bits(r0);
        x[2 * dst + 1] = bits(r1);
        if ((m & Mxcsr.PE) == 0 && (divInexactD(a0, b0, r0) || divInexactD(a1, b1, r1))) raisePE(s);
        return true;
    }

    static boolean sqrtpd(SseState s, int dst, int src) {
        long[] x = s.xmm;
        double a0 = d(x[2 * src]), a1 = d(x[2 * src + 1]);
        double r0 = Math.sqrt(a0), r1 = Math.sqrt(a1);
        int m = s.mxcsr;
        if (!defaultMode(m) || !safeD(a0) || a0 < 0 || !safeD(a1) || a1 < 0) return false;
        x[2 * dst] = bits(r0);
        x[2 * dst + 1] = bits(r1);
        if ((m & Mxcsr.PE) == 0 && (sqrtInexactD(a0, r0) || sqrtInexactD(a1, r1))) raisePE(s);
        return true;
    }

    // ---------------------------------------------------------------- packed single
    // Four lanes: all must qualify before anything is written; PE is looked at only while clear.

    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3;

    private static float lane(int op, float a, float b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            default: return a / b;
        }
    }

    private static boolean laneOk(int op, float a, float b, float r) {
        switch (op) {
            case ADD: return addOkF(a, b, r);
            case SUB: return addOkF(a, -b, r);
            case MUL: return mulOkF(a, b, r);
            default: return divOkF(a, b, r);
        }
    }

    private static boolean laneInexact(int op, float a, float b, float r) {
        switch (op) {
            case ADD: return addInexactF(a, b, r);
            case SUB: return addInexactF(a, -b, r);
            case MUL: return mulInexactF(a, b, r);
            default: return divInexactF(a, b, r);
        }
    }

    static boolean packedSingle(SseState s, int dst, int src, int op) {
        int m = s.mxcsr;
        if (!defaultMode(m)) return false;
        long[] x = s.xmm;
        long r0 = 0, r1 = 0;
        boolean inexact = false;
        for (int i = 0; i < 4; i++) {
            long aw = x[2 * dst + (i >> 1)], bw = x[2 * src + (i >> 1)];
            float a = f(aw, i & 1), b = f(bw, i & 1);
            float r = lane(op, a, b);
            if (!laneOk(op, a, b, r)) return false;
            if ((m & Mxcsr.PE) == 0) inexact |= laneInexact(op, a, b, r);
            long w = bits(r) << (32 * (i & 1));
            if (i < 2) r0 |= w; else r1 |= w;
        }
        x[2 * dst] = r0;
        x[2 * dst + 1] = r1;
        if (inexact) raisePE(s);
        return true;
    }

    static boolean sqrtps(SseState s, int dst, int src) {
        int m = s.mxcsr;
        if (!defaultMode(m)) return false;
        long[] x = s.xmm;
        long r0 = 0, r1 = 0;
        boolean inexact = false;
        for (int i = 0; i < 4; i++) {
            float a = f(x[2 * src + (i >> 1)], i & 1);
            if (!safeF(a) || a < 0) return false;
            float r = (float) Math.sqrt(a);
            if ((m & Mxcsr.PE) == 0) inexact |= sqrtInexactF(a, r);
            long w = bits(r) << (32 * (i & 1));
            if (i < 2) r0 |= w; else r1 |= w;
        }
        x[2 * dst] = r0;
        x[2 * dst + 1] = r1;
        if (inexact) raisePE(s);
        return true;
    }

    // ---------------------------------------------------------------- compares and conversions

    /**
     * (U)COMISD/SS without an exception: both operands zero, normal or infinite (no NaN, so no IE;
     * no denormal, so no DE and DAZ changes nothing). Returns the ZF|PF|CF result, or -1 to decline.
     */
    static int compareD(double a, double b) {
        if (!plainD(a) || !plainD(b)) return -1;
        return a < b ? SseFloat.CF : a > b ? 0 : SseFloat.ZF;
    }

    static int compareF(float a, float b) {
        if (!plainF(a) || !plainF(b)) return -1;
        return a < b ? SseFloat.CF : a > b ? 0 : SseFloat.ZF;
    }

    /**
     * CVTSS2SD of a zero, normal or infinite single: exact and raises nothing in any MXCSR state.
     * Returns false for a NaN or denormal operand.
     */
    static boolean cvtss2sd(SseState s, int dst, float a) {
        if (!plainF(a)) return false;
        s.xmm[2 * dst] = bits((double) a);
        return true;
    }

    /** CVTSD2SS in the default mode when the result is zero-from-zero or a non-tiny finite single. */
    static boolean cvtsd2ss(SseState s, int dst, double a) {
        float r = (float) a;
        int m = s.mxcsr;
        if (!defaultMode(m) || !plainD(a) || !(safeF(r) || a == 0)) return false;
        putLowF(s.xmm, dst, r);
        if ((m & Mxcsr.PE) == 0 && r != a) raisePE(s);
        return true;
    }

    /**
     * CVT(T)SD2SI / CVT(T)SS2SI of a zero or normal value that fits the destination after rounding
     * (truncation, or round to nearest in the default mode). Returns the sign-extended result, or
     * {@link Long#MIN_VALUE} to decline (the exact path also produces it for the indefinite, so a
     * declined 64-bit conversion just goes the exact way).
     */
    static long toIntF(SseState s, float a, int width, boolean truncate) {
        return plainF(a) ? toIntD(s, a, width, truncate) : Long.MIN_VALUE; // a denormal single: DAZ decides
    }

    static long toIntD(SseState s, double a, int width, boolean truncate) {
        int m = s.mxcsr;
        double limit = width == 32 ? 0x1p31 : 0x1p63;
        if (!plainD(a) || !(truncate || defaultMode(m))) return Long.MIN_VALUE;
        double r = truncate ? a : Math.rint(a);
        if (!(Math.abs(r) < limit)) return Long.MIN_VALUE; // out of range (or -2^31/-2^63): exact path
        long v = (long) r; // truncates toward zero
        if ((m & Mxcsr.PE) == 0 && (double) v != a) raisePE(s);
        return v;
    }
}
