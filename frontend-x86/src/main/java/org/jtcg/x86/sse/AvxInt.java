package org.jtcg.x86.sse;

/**
 * AVX/AVX2 lane operations without a 128-bit SSE counterpart, over registers of {@link SseState}
 * (a ymm operand is passed as its two 128-bit halves: xmm n and {@link SseState#YMM_HI} + n).
 * None raise SIMD exceptions.
 */
public final class AvxInt {
    private AvxInt() {}

    /** RFLAGS bits the test instructions produce. */
    public static final int CF = 1, ZF = 0x40;

    /** vblendvps/pd, vpblendvb on one 128-bit half: lanes of b where mask's lane is negative, else a. */
    public static void blendv(SseState s, int dst, int a, int b, int mask, int bits) {
        long[] x = LaneArrays.get(s, a, bits), y = LaneArrays.get(s, b, bits), m = LaneArrays.get(s, mask, bits);
        for (int i = 0; i < x.length; i++) {
            if ((m[i] >>> (bits - 1) & 1) != 0) {
                x[i] = y[i];
            }
        }
        LaneArrays.set(s, dst, bits, x);
    }

    /**
     * vptest (signBits 0) / vtestps (32) / vtestpd (64) over one or two halves ({@code a2} = -1: one):
     * ZF when (a AND b) has no selected bit set, CF when (NOT a AND b) has none; the selected bits
     * are all bits for vptest and the lanes' sign bits for vtestps/pd.
     */
    public static int test(SseState s, int a1, int b1, int a2, int b2, int signBits) {
        long sel = signBits == 0 ? -1L : signBits == 32 ? 0x8000_0000_8000_0000L : 0x8000_0000_0000_0000L;
        long and = 0, andn = 0;
        int[][] pairs = a2 < 0 ? new int[][] {{a1, b1}} : new int[][] {{a1, b1}, {a2, b2}};
        for (int[] p : pairs) {
            and |= (s.lo(p[0]) & s.lo(p[1]) | s.hi(p[0]) & s.hi(p[1])) & sel;
            andn |= (~s.lo(p[0]) & s.lo(p[1]) | ~s.hi(p[0]) & s.hi(p[1])) & sel;
        }
        return (and == 0 ? ZF : 0) | (andn == 0 ? CF : 0);
    }

    /** vpermilps with a control register: dst[i] = src[ctrl[i] & 3] within the 128-bit half. */
    public static void permilpsVar(SseState s, int dst, int src, int ctrl) {
        long[] v = LaneArrays.get(s, src, 32), c = LaneArrays.get(s, ctrl, 32), r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = v[(int) (c[i] & 3)];
        }
        LaneArrays.set(s, dst, 32, r);
    }

    /** vpermilpd with a control register: dst[i] = src[bit 1 of ctrl[i]] within the half. */
    public static void permilpdVar(SseState s, int dst, int src, int ctrl) {
        long[] v = LaneArrays.get(s, src, 64), c = LaneArrays.get(s, ctrl, 64);
        s.set(dst, v[(int) (c[0] >> 1 & 1)], v[(int) (c[1] >> 1 & 1)]);
    }

    /** vpermilpd with imm8: qword i of the half from bit i of {@code sel} (the half's two bits). */
    public static void permilpdImm(SseState s, int dst, int src, int sel) {
        long lo = s.lo(src), hi = s.hi(src);
        s.set(dst, (sel & 1) != 0 ? hi : lo, (sel & 2) != 0 ? hi : lo);
    }

    /** The 8 dwords (or 4 qwords) of a ymm given as halves. */
    private static long[] ymm(SseState s, int lo, int hi, int bits) {
        long[] a = LaneArrays.get(s, lo, bits), b = LaneArrays.get(s, hi, bits);
        long[] r = new long[a.length * 2];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static void setYmm(SseState s, int lo, int hi, int bits, long[] v) {
        int n = v.length / 2;
        long[] a = new long[n], b = new long[n];
        System.arraycopy(v, 0, a, 0, n);
        System.arraycopy(v, n, b, 0, n);
        LaneArrays.set(s, lo, bits, a);
        LaneArrays.set(s, hi, bits, b);
    }

    /** vpermd / vpermps: dst[i] = src[idx[i] & 7] across all 256 bits. */
    public static void permd(SseState s, int dLo, int dHi, int idxLo, int idxHi, int srcLo, int srcHi) {
        long[] idx = ymm(s, idxLo, idxHi, 32), v = ymm(s, srcLo, srcHi, 32), r = new long[8];
        for (int i = 0; i < 8; i++) {
            r[i] = v[(int) (idx[i] & 7)];
        }
        setYmm(s, dLo, dHi, 32, r);
    }

    /** vpermq / vpermpd: dst[i] = src[imm8 bits 2i+1:2i] across all 256 bits. */
    public static void permq(SseState s, int dLo, int dHi, int srcLo, int srcHi, int imm8) {
        long[] v = ymm(s, srcLo, srcHi, 64), r = new long[4];
        for (int i = 0; i < 4; i++) {
            r[i] = v[imm8 >> (2 * i) & 3];
        }
        setYmm(s, dLo, dHi, 64, r);
    }

    /** Variable shifts: 0 vpsllv, 1 vpsrlv, 2 vpsrav; counts are unsigned, at or above the width give 0 (or the sign). */
    public static void shiftVar(SseState s, int dst, int a, int counts, int bits, int kind) {
        long[] v = kind == 2 ? LaneArrays.getSigned(s, a, bits) : LaneArrays.get(s, a, bits);
        long[] c = LaneArrays.get(s, counts, bits);
        for (int i = 0; i < v.length; i++) {
            boolean big = Long.compareUnsigned(c[i], bits) >= 0;
            int n = (int) c[i];
            v[i] = switch (kind) {
                case 0 -> big ? 0 : v[i] << n;
                case 1 -> big ? 0 : v[i] >>> n;
                default -> v[i] >> (big ? bits - 1 : n);
            };
        }
        LaneArrays.set(s, dst, bits, v);
    }
}
