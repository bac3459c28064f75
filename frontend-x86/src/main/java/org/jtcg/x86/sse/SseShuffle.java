package org.jtcg.x86.sse;

/**
 * SSE/SSE2 data movement: partial moves, unpacks, shuffles, packs with saturation and the
 * sign-mask extractions. {@code src} may be {@link SseState#SCRATCH}; for 32/64-bit memory
 * operands the translator puts the loaded value in the scratch register's low half. None of these
 * raise exceptions.
 */
public final class SseShuffle {
    private SseShuffle() {}

    private static final long LOW32 = 0xffffffffL;

    // ------------------------------------------------------------ partial moves

    /** MOVSS xmm, xmm (merge): low single from src, bits 32-127 of dst kept. */
    public static void movssMerge(SseState s, int dst, int src) {
        s.xmm[2 * dst] = (s.lo(dst) & ~LOW32) | (s.lo(src) & LOW32);
    }

    /** MOVSS xmm, m32 (load): low single from src, bits 32-127 zeroed. */
    public static void movssLoad(SseState s, int dst, int src) { s.set(dst, s.lo(src) & LOW32, 0); }

    /** MOVSD xmm, xmm (merge), also MOVLPS/MOVLPD xmm, m64: low quadword from src, high kept. */
    public static void movsdMerge(SseState s, int dst, int src) { s.xmm[2 * dst] = s.lo(src); }

    /** MOVSD xmm, m64 / MOVQ xmm, xmm/m64: low quadword from src, high zeroed. */
    public static void movsdLoad(SseState s, int dst, int src) { s.set(dst, s.lo(src), 0); }

    /** MOVHPS/MOVHPD xmm, m64 and MOVLHPS xmm, xmm: high quadword of dst = low quadword of src. */
    public static void movlhps(SseState s, int dst, int src) { s.xmm[2 * dst + 1] = s.lo(src); }
    public static void movhpsLoad(SseState s, int dst, int src) { movlhps(s, dst, src); }
    /** MOVLPS/MOVLPD xmm, m64: low quadword of dst = low quadword of src. */
    public static void movlpsLoad(SseState s, int dst, int src) { movsdMerge(s, dst, src); }
    /** MOVHLPS xmm, xmm: low quadword of dst = high quadword of src. */
    public static void movhlps(SseState s, int dst, int src) { s.xmm[2 * dst] = s.hi(src); }
    /** MOVHPS/MOVHPD m64, xmm: the value to store. */
    public static long movhpsStore(SseState s, int src) { return s.hi(src); }

    // ------------------------------------------------------------ unpack (interleave)

    private static void unpack(SseState s, int dst, int src, int bits, boolean high) {
        long a = high ? s.hi(dst) : s.lo(dst), b = high ? s.hi(src) : s.lo(src);
        if (bits == 64) { s.set(dst, a, b); return; }
        // lanes 0..n/2-1 of each source fill the low result word, the rest the high one
        int half = 32 / bits;
        s.set(dst, interleave(a, b, bits, 0, half), interleave(a, b, bits, half, half));
    }

    /** Lanes first..first+count-1 of a and b interleaved (a's lane first) into one 64-bit word. */
    private static long interleave(long a, long b, int bits, int first, int count) {
        long mask = (1L << bits) - 1, out = 0;
        for (int i = 0; i < count; i++) {
            int sh = bits * (first + i);
            out |= ((a >>> sh) & mask) << (2 * bits * i);
            out |= ((b >>> sh) & mask) << (2 * bits * i + bits);
        }
        return out;
    }

    public static void punpcklbw(SseState s, int dst, int src) { unpack(s, dst, src, 8, false); }
    public static void punpcklwd(SseState s, int dst, int src) { unpack(s, dst, src, 16, false); }
    public static void punpckldq(SseState s, int dst, int src) { unpack(s, dst, src, 32, false); }
    public static void punpcklqdq(SseState s, int dst, int src) { unpack(s, dst, src, 64, false); }
    public static void punpckhbw(SseState s, int dst, int src) { unpack(s, dst, src, 8, true); }
    public static void punpckhwd(SseState s, int dst, int src) { unpack(s, dst, src, 16, true); }
    public static void punpckhdq(SseState s, int dst, int src) { unpack(s, dst, src, 32, true); }
    public static void punpckhqdq(SseState s, int dst, int src) { unpack(s, dst, src, 64, true); }
    /** UNPCKLPS/UNPCKHPS/UNPCKLPD/UNPCKHPD are the dword/qword unpacks. */
    public static void unpcklps(SseState s, int dst, int src) { punpckldq(s, dst, src); }
    public static void unpckhps(SseState s, int dst, int src) { punpckhdq(s, dst, src); }
    public static void unpcklpd(SseState s, int dst, int src) { punpcklqdq(s, dst, src); }
    public static void unpckhpd(SseState s, int dst, int src) { punpckhqdq(s, dst, src); }

    // ------------------------------------------------------------ shuffles

    private static long dword(long lo, long hi, int i) {
        return ((i < 2 ? lo : hi) >>> (32 * (i & 1))) & LOW32;
    }

    /** PSHUFD: dword i of dst = dword ((imm8 >> 2i) & 3) of src. */
    public static void pshufd(SseState s, int dst, int src, int imm8) {
        long lo = s.lo(src), hi = s.hi(src);
        s.set(dst, dword(lo, hi, imm8 & 3) | (dword(lo, hi, (imm8 >> 2) & 3) << 32),
                dword(lo, hi, (imm8 >> 4) & 3) | (dword(lo, hi, (imm8 >> 6) & 3) << 32));
    }

    private static long shuffleWords(long q, int imm8) {
        long r = 0;
        for (int i = 0; i < 4; i++) r |= ((q >>> (16 * ((imm8 >> (2 * i)) & 3))) & 0xffff) << (16 * i);
        return r;
    }

    /** PSHUFLW: shuffles the four low words of src, copies its high quadword. */
    public static void pshuflw(SseState s, int dst, int src, int imm8) {
        s.set(dst, shuffleWords(s.lo(src), imm8), s.hi(src));
    }

    /** PSHUFHW: shuffles the four high words of src, copies its low quadword. */
    public static void pshufhw(SseState s, int dst, int src, int imm8) {
        s.set(dst, s.lo(src), shuffleWords(s.hi(src), imm8));
    }

    /** SHUFPS: the low two singles are picked from dst, the high two from src. */
    public static void shufps(SseState s, int dst, int src, int imm8) {
        long dlo = s.lo(dst), dhi = s.hi(dst), slo = s.lo(src), shi = s.hi(src);
        s.set(dst, dword(dlo, dhi, imm8 & 3) | (dword(dlo, dhi, (imm8 >> 2) & 3) << 32),
                dword(slo, shi, (imm8 >> 4) & 3) | (dword(slo, shi, (imm8 >> 6) & 3) << 32));
    }

    /** SHUFPD: low quadword from dst (imm8 bit 0), high quadword from src (imm8 bit 1). */
    public static void shufpd(SseState s, int dst, int src, int imm8) {
        s.set(dst, (imm8 & 1) != 0 ? s.hi(dst) : s.lo(dst), (imm8 & 2) != 0 ? s.hi(src) : s.lo(src));
    }

    // ------------------------------------------------------------ packs with saturation

    /** Narrows the lanes of dst (low result half) and src (high result half). */
    private static void pack(SseState s, int dst, int src, int fromBits, boolean unsignedResult) {
        int toBits = fromBits / 2;
        long max = unsignedResult ? (1L << toBits) - 1 : (1L << (toBits - 1)) - 1;
        long min = unsignedResult ? 0 : -(1L << (toBits - 1));
        long toMask = (1L << toBits) - 1;
        long[] in = {s.lo(dst), s.hi(dst), s.lo(src), s.hi(src)};
        long[] out = new long[2];
        int perWord = 64 / fromBits;
        for (int i = 0; i < 4 * perWord; i++) {
            long v = (in[i / perWord] << (64 - fromBits * (i % perWord + 1))) >> (64 - fromBits);
            v = Math.max(min, Math.min(max, v));
            int lanesPerOut = 64 / toBits;
            out[i / lanesPerOut] |= (v & toMask) << (toBits * (i % lanesPerOut));
        }
        s.set(dst, out[0], out[1]);
    }

    /** PACKSSWB: signed words → signed-saturated bytes. */
    public static void packsswb(SseState s, int dst, int src) { pack(s, dst, src, 16, false); }
    /** PACKSSDW: signed dwords → signed-saturated words. */
    public static void packssdw(SseState s, int dst, int src) { pack(s, dst, src, 32, false); }
    /** PACKUSWB: signed words → unsigned-saturated bytes. */
    public static void packuswb(SseState s, int dst, int src) { pack(s, dst, src, 16, true); }

    // ------------------------------------------------------------ sign masks and word insert/extract

    /** MOVMSKPS: the four single sign bits as bits 0-3 of a GPR. */
    public static int movmskps(SseState s, int src) {
        long lo = s.lo(src), hi = s.hi(src);
        return (int) (((lo >>> 31) & 1) | ((lo >>> 62) & 2) | ((hi >>> 29) & 4) | ((hi >>> 60) & 8));
    }

    /** MOVMSKPD: the two double sign bits as bits 0-1. */
    public static int movmskpd(SseState s, int src) {
        return (int) ((s.lo(src) >>> 63) | ((s.hi(src) >>> 62) & 2));
    }

    private static int byteSigns(long q) {
        // Gathers bit 7 of each byte into 8 bits (multiply trick: each sign bit lands in the top byte).
        return (int) ((((q >>> 7) & 0x0101010101010101L) * 0x0102040810204080L) >>> 56);
    }

    /** PMOVMSKB: the sixteen byte sign bits as bits 0-15. */
    public static int pmovmskb(SseState s, int src) {
        return byteSigns(s.lo(src)) | (byteSigns(s.hi(src)) << 8);
    }

    /** PEXTRW r32, xmm, imm8: word (imm8 & 7), zero-extended. */
    public static int pextrw(SseState s, int src, int imm8) {
        int i = imm8 & 7;
        return (int) (((i < 4 ? s.lo(src) : s.hi(src)) >>> (16 * (i & 3))) & 0xffff);
    }

    /** PINSRW xmm, r32/m16, imm8: replaces word (imm8 & 7) with the low 16 bits of {@code value}. */
    public static void pinsrw(SseState s, int dst, int value, int imm8) {
        int i = imm8 & 7, w = 2 * dst + (i >> 2), sh = 16 * (i & 3);
        s.xmm[w] = (s.xmm[w] & ~(0xffffL << sh)) | ((value & 0xffffL) << sh);
    }
    // ------------------------------------------------------------ SSE3 duplicating moves

    /** MOVDDUP: the low qword of src in both halves (a memory source is its m64). */
    public static void movddup(SseState s, int dst, int src) { s.set(dst, s.lo(src), s.lo(src)); }

    /** MOVSLDUP: the even dwords of src, each duplicated into the odd lane above it. */
    public static void movsldup(SseState s, int dst, int src) {
        long lo = s.lo(src) & 0xffffffffL, hi = s.hi(src) & 0xffffffffL;
        s.set(dst, lo | lo << 32, hi | hi << 32);
    }

    /** MOVSHDUP: the odd dwords of src, each duplicated into the even lane below it. */
    public static void movshdup(SseState s, int dst, int src) {
        long lo = s.lo(src) >>> 32, hi = s.hi(src) >>> 32;
        s.set(dst, lo | lo << 32, hi | hi << 32);
    }
}
