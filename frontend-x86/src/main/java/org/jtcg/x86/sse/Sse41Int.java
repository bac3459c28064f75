package org.jtcg.x86.sse;

/**
 * SSE4.1 integer and bit-moving ops on XMM registers ({@code dst} = first source and destination,
 * {@code src} may be {@link SseState#SCRATCH}; a narrow memory source sits in its low bytes): blends
 * (by imm8 or by the sign bits of XMM0), sign/zero extension, dword multiplies, unsigned dword pack,
 * horizontal minimum, ptest, mpsadbw, and the lane inserts/extracts. None raise exceptions.
 */
public final class Sse41Int {
    private Sse41Int() {}

    /** RFLAGS bits ptest produces. */
    public static final int CF = 1, ZF = 0x40;

    /** Lanes of {@code bits} taken from src where {@code select} has bit i set, else kept from dst. */
    private static void blend(SseState s, int dst, int src, int bits, int select) {
        long[] a = LaneArrays.get(s, dst, bits), b = LaneArrays.get(s, src, bits);
        for (int i = 0; i < a.length; i++) {
            if ((select >>> i & 1) != 0) a[i] = b[i];
        }
        LaneArrays.set(s, dst, bits, a);
    }

    /** Bit i set when lane i of XMM0 ({@code bits} wide) has its sign bit set. */
    private static int xmm0Signs(SseState s, int bits) {
        long[] m = LaneArrays.get(s, 0, bits);
        int sel = 0;
        for (int i = 0; i < m.length; i++) {
            sel |= (int) (m[i] >>> (bits - 1) & 1) << i;
        }
        return sel;
    }

    public static void blendps(SseState s, int dst, int src, int imm8) { blend(s, dst, src, 32, imm8 & 0xf); }
    public static void blendpd(SseState s, int dst, int src, int imm8) { blend(s, dst, src, 64, imm8 & 3); }
    public static void pblendw(SseState s, int dst, int src, int imm8) { blend(s, dst, src, 16, imm8 & 0xff); }
    public static void blendvps(SseState s, int dst, int src) { blend(s, dst, src, 32, xmm0Signs(s, 32)); }
    public static void blendvpd(SseState s, int dst, int src) { blend(s, dst, src, 64, xmm0Signs(s, 64)); }
    public static void pblendvb(SseState s, int dst, int src) { blend(s, dst, src, 8, xmm0Signs(s, 8)); }

    /** PMOVSX/PMOVZX: the low {@code 128 / to} lanes of src ({@code from} bits) widened to {@code to} bits. */
    private static void widen(SseState s, int dst, int src, int from, int to, boolean signed) {
        long[] v = signed ? LaneArrays.getSigned(s, src, from) : LaneArrays.get(s, src, from);
        long[] r = new long[128 / to];
        System.arraycopy(v, 0, r, 0, r.length);
        LaneArrays.set(s, dst, to, r);
    }

    public static void pmovsxbw(SseState s, int dst, int src) { widen(s, dst, src, 8, 16, true); }
    public static void pmovsxbd(SseState s, int dst, int src) { widen(s, dst, src, 8, 32, true); }
    public static void pmovsxbq(SseState s, int dst, int src) { widen(s, dst, src, 8, 64, true); }
    public static void pmovsxwd(SseState s, int dst, int src) { widen(s, dst, src, 16, 32, true); }
    public static void pmovsxwq(SseState s, int dst, int src) { widen(s, dst, src, 16, 64, true); }
    public static void pmovsxdq(SseState s, int dst, int src) { widen(s, dst, src, 32, 64, true); }
    public static void pmovzxbw(SseState s, int dst, int src) { widen(s, dst, src, 8, 16, false); }
    public static void pmovzxbd(SseState s, int dst, int src) { widen(s, dst, src, 8, 32, false); }
    public static void pmovzxbq(SseState s, int dst, int src) { widen(s, dst, src, 8, 64, false); }
    public static void pmovzxwd(SseState s, int dst, int src) { widen(s, dst, src, 16, 32, false); }
    public static void pmovzxwq(SseState s, int dst, int src) { widen(s, dst, src, 16, 64, false); }
    public static void pmovzxdq(SseState s, int dst, int src) { widen(s, dst, src, 32, 64, false); }

    /** PMULDQ: signed dwords 0 and 2 multiplied into two qwords. */
    public static void pmuldq(SseState s, int dst, int src) {
        s.set(dst, (long) (int) s.lo(dst) * (int) s.lo(src), (long) (int) s.hi(dst) * (int) s.hi(src));
    }

    /** PMULLD: the low 32 bits of each dword product. */
    public static void pmulld(SseState s, int dst, int src) {
        long[] a = LaneArrays.get(s, dst, 32), b = LaneArrays.get(s, src, 32);
        for (int i = 0; i < 4; i++) a[i] *= b[i];
        LaneArrays.set(s, dst, 32, a);
    }

    /** PACKUSDW: signed dwords of dst then src, saturated to unsigned words. */
    public static void packusdw(SseState s, int dst, int src) {
        long[] a = LaneArrays.getSigned(s, dst, 32), b = LaneArrays.getSigned(s, src, 32), r = new long[8];
        for (int i = 0; i < 8; i++) {
            long v = i < 4 ? a[i] : b[i - 4];
            r[i] = Math.max(0, Math.min(0xffff, v));
        }
        LaneArrays.set(s, dst, 16, r);
    }

    /** PHMINPOSUW: word 0 = the least unsigned word of src, bits 16-18 = its (lowest) index, rest 0. */
    public static void phminposuw(SseState s, int dst, int src) {
        long[] b = LaneArrays.get(s, src, 16);
        int at = 0;
        for (int i = 1; i < 8; i++) {
            if (b[i] < b[at]) at = i;
        }
        s.set(dst, b[at] | (long) at << 16, 0);
    }

    /** PTEST: ZF = (dst AND src) == 0, CF = (src AND NOT dst) == 0; OF, SF, AF, PF cleared. */
    public static long ptest(SseState s, int dst, int src) {
        boolean zf = ((s.lo(dst) & s.lo(src)) | (s.hi(dst) & s.hi(src))) == 0;
        boolean cf = ((~s.lo(dst) & s.lo(src)) | (~s.hi(dst) & s.hi(src))) == 0;
        return (zf ? ZF : 0) | (cf ? CF : 0);
    }

    /**
     * MPSADBW: eight sums of absolute differences of 4 bytes: src bytes at imm8[1:0]×4 against dst
     * bytes at imm8[2]×4 + i for i = 0..7.
     */
    public static void mpsadbw(SseState s, int dst, int src, int imm8) {
        long[] a = LaneArrays.get(s, dst, 8), b = LaneArrays.get(s, src, 8), r = new long[8];
        int so = (imm8 & 3) * 4, dOff = (imm8 >> 2 & 1) * 4;
        for (int i = 0; i < 8; i++) {
            long sum = 0;
            for (int j = 0; j < 4; j++) sum += Math.abs(a[dOff + i + j] - b[so + j]);
            r[i] = sum;
        }
        LaneArrays.set(s, dst, 16, r);
    }

    /** PEXTRB/W/D/Q and EXTRACTPS: lane imm8 (modulo the lane count) of src, zero-extended. */
    public static long pextrb(SseState s, int src, int imm8) { return Lanes.get(s.lo(src), s.hi(src), 8, imm8 & 15); }
    public static long pextrd(SseState s, int src, int imm8) { return Lanes.get(s.lo(src), s.hi(src), 32, imm8 & 3); }
    public static long pextrq(SseState s, int src, int imm8) { return Lanes.get(s.lo(src), s.hi(src), 64, imm8 & 1); }

    /** Lane {@code i} of {@code bits} in dst replaced by the low bits of {@code value}. */
    private static void insert(SseState s, int dst, int bits, int i, long value) {
        long[] a = LaneArrays.get(s, dst, bits);
        a[i] = value;
        LaneArrays.set(s, dst, bits, a);
    }

    public static void pinsrb(SseState s, int dst, long value, int imm8) { insert(s, dst, 8, imm8 & 15, value); }
    public static void pinsrd(SseState s, int dst, long value, int imm8) { insert(s, dst, 32, imm8 & 3, value); }
    public static void pinsrq(SseState s, int dst, long value, int imm8) { insert(s, dst, 64, imm8 & 1, value); }

    /**
     * INSERTPS with an xmm source: dword imm8[7:6] of src into dword imm8[5:4] of dst, then the
     * dwords named by imm8[3:0] zeroed.
     */
    public static void insertps(SseState s, int dst, int src, int imm8) {
        insertpsValue(s, dst, Lanes.get(s.lo(src), s.hi(src), 32, imm8 >> 6 & 3), imm8);
    }

    /** INSERTPS with an m32 source: {@code value} (imm8[7:6] is ignored). */
    public static void insertpsValue(SseState s, int dst, long value, int imm8) {
        long[] a = LaneArrays.get(s, dst, 32);
        a[imm8 >> 4 & 3] = value;
        for (int i = 0; i < 4; i++) {
            if ((imm8 >>> i & 1) != 0) a[i] = 0;
        }
        LaneArrays.set(s, dst, 32, a);
    }
}
