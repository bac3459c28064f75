package org.jtcg.x86.sse;

/**
 * SSSE3 packed-integer ops on XMM registers ({@code dst} = first source and destination, {@code src}
 * may be {@link SseState#SCRATCH}): byte shuffle, byte align, horizontal add/subtract, the
 * multiply-add and rounding multiply, sign and absolute value. None raise exceptions.
 */
public final class Ssse3 {
    private Ssse3() {}

    private static long saturate16(long v) {
        return Math.max(-32768, Math.min(32767, v));
    }

    /** PSHUFB: byte i = dst byte (src byte i & 15), or 0 when src byte i has its top bit set. */
    public static void pshufb(SseState s, int dst, int src) {
        // word loops without arrays: glibc's and gcc's byte shuffles call this in hot loops
        long alo = s.lo(dst), ahi = s.hi(dst), ilo = s.lo(src), ihi = s.hi(src);
        s.set(dst, shuffleWord(alo, ahi, ilo), shuffleWord(alo, ahi, ihi));
    }

    private static long shuffleWord(long alo, long ahi, long idx) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            int k = (int) (idx >>> (8 * i)) & 0xff;
            if ((k & 0x80) == 0) {
                long from = (k & 8) == 0 ? alo : ahi;
                r |= ((from >>> (8 * (k & 7))) & 0xff) << (8 * i);
            }
        }
        return r;
    }

    /** PALIGNR: the 32-byte value dst:src shifted right by imm8 bytes, low 16 bytes (0 beyond 31). */
    public static void palignr(SseState s, int dst, int src, int imm8) {
        // the four quadwords src.lo, src.hi, dst.lo, dst.hi, then zeros; shift right by imm8 bytes
        long[] q = {s.lo(src), s.hi(src), s.lo(dst), s.hi(dst), 0, 0, 0};
        int n = Math.min(imm8, 32), w = n >>> 3, b = (n & 7) * 8;
        long lo = b == 0 ? q[w] : (q[w] >>> b) | (q[w + 1] << (64 - b));
        long hi = b == 0 ? q[w + 1] : (q[w + 1] >>> b) | (q[w + 2] << (64 - b));
        s.set(dst, lo, hi);
    }

    /** Horizontal op kinds. */
    private static final int ADD = 0, SUB = 1, ADD_SAT = 2, SUB_SAT = 3;

    /** Pairs (0,1), (2,3)... of dst into the low half of the result, those of src into the high half. */
    private static void horizontal(SseState s, int dst, int src, int bits, int kind) {
        long[] a = LaneArrays.getSigned(s, dst, bits), b = LaneArrays.getSigned(s, src, bits);
        int n = a.length;
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            long[] from = i < n / 2 ? a : b;
            int j = 2 * (i % (n / 2));
            long v = (kind == ADD || kind == ADD_SAT) ? from[j] + from[j + 1] : from[j] - from[j + 1];
            r[i] = kind >= ADD_SAT ? saturate16(v) : v;
        }
        LaneArrays.set(s, dst, bits, r);
    }

    public static void phaddw(SseState s, int dst, int src) { horizontal(s, dst, src, 16, ADD); }
    public static void phaddd(SseState s, int dst, int src) { horizontal(s, dst, src, 32, ADD); }
    public static void phaddsw(SseState s, int dst, int src) { horizontal(s, dst, src, 16, ADD_SAT); }
    public static void phsubw(SseState s, int dst, int src) { horizontal(s, dst, src, 16, SUB); }
    public static void phsubd(SseState s, int dst, int src) { horizontal(s, dst, src, 32, SUB); }
    public static void phsubsw(SseState s, int dst, int src) { horizontal(s, dst, src, 16, SUB_SAT); }

    /** PMADDUBSW: unsigned dst bytes × signed src bytes, adjacent products summed with signed saturation. */
    public static void pmaddubsw(SseState s, int dst, int src) {
        long[] a = LaneArrays.get(s, dst, 8), b = LaneArrays.getSigned(s, src, 8), r = new long[8];
        for (int i = 0; i < 8; i++) {
            r[i] = saturate16(a[2 * i] * b[2 * i] + a[2 * i + 1] * b[2 * i + 1]);
        }
        LaneArrays.set(s, dst, 16, r);
    }

    /** PMULHRSW: signed words, ((a × b >> 14) + 1) >> 1. */
    public static void pmulhrsw(SseState s, int dst, int src) {
        long[] a = LaneArrays.getSigned(s, dst, 16), b = LaneArrays.getSigned(s, src, 16), r = new long[8];
        for (int i = 0; i < 8; i++) {
            r[i] = (((a[i] * b[i]) >> 14) + 1) >> 1;
        }
        LaneArrays.set(s, dst, 16, r);
    }

    /** PSIGN: dst lane negated where the src lane is negative, zeroed where it is zero. */
    private static void sign(SseState s, int dst, int src, int bits) {
        long[] a = LaneArrays.getSigned(s, dst, bits), b = LaneArrays.getSigned(s, src, bits);
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] < 0 ? -a[i] : b[i] == 0 ? 0 : a[i];
        }
        LaneArrays.set(s, dst, bits, a);
    }

    public static void psignb(SseState s, int dst, int src) { sign(s, dst, src, 8); }
    public static void psignw(SseState s, int dst, int src) { sign(s, dst, src, 16); }
    public static void psignd(SseState s, int dst, int src) { sign(s, dst, src, 32); }

    /** PABS: dst = |src| per signed lane (the most negative value stays as its unsigned magnitude). */
    private static void abs(SseState s, int dst, int src, int bits) {
        long[] b = LaneArrays.getSigned(s, src, bits);
        for (int i = 0; i < b.length; i++) {
            b[i] = Math.abs(b[i]);
        }
        LaneArrays.set(s, dst, bits, b);
    }

    public static void pabsb(SseState s, int dst, int src) { abs(s, dst, src, 8); }
    public static void pabsw(SseState s, int dst, int src) { abs(s, dst, src, 16); }
    public static void pabsd(SseState s, int dst, int src) { abs(s, dst, src, 32); }
}
