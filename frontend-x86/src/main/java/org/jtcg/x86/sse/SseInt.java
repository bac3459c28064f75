package org.jtcg.x86.sse;

import org.jtcg.core.ir.VectorSemantics;

/**
 * SSE2 packed-integer ops on XMM registers ({@code dst} = first source and destination, {@code src}
 * may be {@link SseState#SCRATCH}). They raise no exceptions; all are {@code void}.
 */
public final class SseInt {
    private SseInt() {}

    private static final int ADD = 0, SUB = 1, ADDUS = 2, SUBUS = 3, ADDS = 4, SUBS = 5, CMPEQ = 6,
            CMPGT = 7, MINU = 8, MAXU = 9, MINS = 10, MAXS = 11, AVG = 12, MULLO = 13, MULHI = 14,
            MULHIU = 15;

    private static long sext(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    /** One lane of the ops the IR has no vector op for: a, b zero-extended {@code bits}-wide values. */
    private static long lane(int op, int bits, long a, long b) {
        switch (op) {
            case AVG: return (a + b + 1) >>> 1;
            case MULLO: return sext(a, bits) * sext(b, bits);
            case MULHI: return (sext(a, bits) * sext(b, bits)) >> bits;
            default: return (a * b) >>> bits; // MULHIU
        }
    }

    private static void lanewise(SseState s, int dst, int src, int bits, int op) {
        long[] x = s.xmm;
        long lo = word(op, bits, x[2 * dst], x[2 * src]);
        long hi = word(op, bits, x[2 * dst + 1], x[2 * src + 1]);
        x[2 * dst] = lo;
        x[2 * dst + 1] = hi;
    }

    /**
     * One 64-bit word of a lane-wise op: the IR's definition ({@link VectorSemantics}, which the
     * translator emits as vector ops) where it has one, so this library and translated code share
     * one semantics; lane by lane for the rest.
     */
    private static long word(int op, int bits, long a, long b) {
        switch (op) {
            case ADD: return VectorSemantics.add(a, b, bits);
            case SUB: return VectorSemantics.sub(a, b, bits);
            case ADDUS: return VectorSemantics.addus(a, b, bits);
            case SUBUS: return VectorSemantics.subus(a, b, bits);
            case ADDS: return VectorSemantics.addss(a, b, bits);
            case SUBS: return VectorSemantics.subss(a, b, bits);
            case CMPEQ: return VectorSemantics.cmpeq(a, b, bits);
            case CMPGT: return VectorSemantics.cmpgts(a, b, bits);
            case MINU: return VectorSemantics.minu(a, b, bits);
            case MAXU: return VectorSemantics.maxu(a, b, bits);
            case MINS: return VectorSemantics.mins(a, b, bits);
            case MAXS: return VectorSemantics.maxs(a, b, bits);
            default: break;
        }
        long mask = (1L << bits) - 1, out = 0;
        for (int sh = 0; sh < 64; sh += bits) {
            out |= (lane(op, bits, (a >>> sh) & mask, (b >>> sh) & mask) & mask) << sh;
        }
        return out;
    }

    // ------------------------------------------------------------ bitwise

    public static void pand(SseState s, int dst, int src) { s.set(dst, s.lo(dst) & s.lo(src), s.hi(dst) & s.hi(src)); }
    /** PANDN: {@code ~dst & src}. */
    public static void pandn(SseState s, int dst, int src) { s.set(dst, ~s.lo(dst) & s.lo(src), ~s.hi(dst) & s.hi(src)); }
    public static void por(SseState s, int dst, int src) { s.set(dst, s.lo(dst) | s.lo(src), s.hi(dst) | s.hi(src)); }
    public static void pxor(SseState s, int dst, int src) { s.set(dst, s.lo(dst) ^ s.lo(src), s.hi(dst) ^ s.hi(src)); }

    // ------------------------------------------------------------ add / subtract

    public static void paddb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, ADD); }
    public static void paddw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, ADD); }
    public static void paddd(SseState s, int dst, int src) { lanewise(s, dst, src, 32, ADD); }
    public static void paddq(SseState s, int dst, int src) { lanewise(s, dst, src, 64, ADD); }
    public static void psubb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, SUB); }
    public static void psubw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, SUB); }
    public static void psubd(SseState s, int dst, int src) { lanewise(s, dst, src, 32, SUB); }
    public static void psubq(SseState s, int dst, int src) { lanewise(s, dst, src, 64, SUB); }
    public static void paddusb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, ADDUS); }
    public static void paddusw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, ADDUS); }
    public static void psubusb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, SUBUS); }
    public static void psubusw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, SUBUS); }
    public static void paddsb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, ADDS); }
    public static void paddsw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, ADDS); }
    public static void psubsb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, SUBS); }
    public static void psubsw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, SUBS); }

    // ------------------------------------------------------------ compare / min / max / average

    public static void pcmpeqb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, CMPEQ); }
    public static void pcmpeqw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, CMPEQ); }
    public static void pcmpeqd(SseState s, int dst, int src) { lanewise(s, dst, src, 32, CMPEQ); }
    /** PCMPGT*: signed {@code dst > src}. */
    public static void pcmpgtb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, CMPGT); }
    public static void pcmpgtw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, CMPGT); }
    public static void pcmpgtd(SseState s, int dst, int src) { lanewise(s, dst, src, 32, CMPGT); }
    public static void pminub(SseState s, int dst, int src) { lanewise(s, dst, src, 8, MINU); }
    public static void pmaxub(SseState s, int dst, int src) { lanewise(s, dst, src, 8, MAXU); }
    public static void pminsw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, MINS); }
    public static void pmaxsw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, MAXS); }
    /** PAVGB/W: unsigned {@code (a + b + 1) >> 1}. */
    public static void pavgb(SseState s, int dst, int src) { lanewise(s, dst, src, 8, AVG); }
    public static void pavgw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, AVG); }

    /** PSADBW: per quadword, the sum of absolute byte differences in its low 16 bits. */
    public static void psadbw(SseState s, int dst, int src) {
        long[] r = new long[2];
        for (int w = 0; w < 2; w++) {
            long a = s.xmm[2 * dst + w], b = s.xmm[2 * src + w], sum = 0;
            for (int sh = 0; sh < 64; sh += 8) sum += Math.abs(((a >>> sh) & 0xff) - ((b >>> sh) & 0xff));
            r[w] = sum;
        }
        s.set(dst, r[0], r[1]);
    }

    // ------------------------------------------------------------ multiply

    public static void pmullw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, MULLO); }
    public static void pmulhw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, MULHI); }
    public static void pmulhuw(SseState s, int dst, int src) { lanewise(s, dst, src, 16, MULHIU); }

    /** PMULUDQ: unsigned low dword of each quadword, full 64-bit products. */
    public static void pmuludq(SseState s, int dst, int src) {
        s.set(dst, (s.lo(dst) & 0xffffffffL) * (s.lo(src) & 0xffffffffL),
                (s.hi(dst) & 0xffffffffL) * (s.hi(src) & 0xffffffffL));
    }

    /** PMADDWD: signed word products, adjacent pairs summed into dwords (wrapping, as hardware). */
    public static void pmaddwd(SseState s, int dst, int src) {
        long[] r = new long[2];
        for (int w = 0; w < 2; w++) {
            long a = s.xmm[2 * dst + w], b = s.xmm[2 * src + w], out = 0;
            for (int d = 0; d < 2; d++) {
                long sum = 0;
                for (int k = 0; k < 2; k++) {
                    int sh = 32 * d + 16 * k;
                    sum += (long) (short) (a >>> sh) * (short) (b >>> sh);
                }
                out |= (sum & 0xffffffffL) << (32 * d);
            }
            r[w] = out;
        }
        s.set(dst, r[0], r[1]);
    }

    // ------------------------------------------------------------ shifts

    private static final int SLL = 0, SRL = 1, SRA = 2;

    /** Shifts every {@code bits}-wide lane by an unsigned 64-bit count (>= bits: zero / sign fill). */
    private static void shift(SseState s, int dst, long count, int bits, int kind) {
        long[] r = new long[2];
        boolean big = Long.compareUnsigned(count, bits - 1) > 0;
        int c = big ? bits - 1 : (int) count;
        for (int w = 0; w < 2; w++) {
            long a = s.xmm[2 * dst + w], out = 0;
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            for (int sh = 0; sh < 64; sh += bits) {
                long v = (a >>> sh) & mask, res;
                if (kind == SLL) res = big ? 0 : v << c;
                else if (kind == SRL) res = big ? 0 : v >>> c;
                else res = sext(v, bits) >> c;
                out |= (res & mask) << sh;
            }
            r[w] = out;
        }
        s.set(dst, r[0], r[1]);
    }

    /** By-register forms: the count is the whole low quadword of {@code src}. */
    public static void psllw(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 16, SLL); }
    public static void pslld(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 32, SLL); }
    public static void psllq(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 64, SLL); }
    public static void psrlw(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 16, SRL); }
    public static void psrld(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 32, SRL); }
    public static void psrlq(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 64, SRL); }
    public static void psraw(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 16, SRA); }
    public static void psrad(SseState s, int dst, int src) { shift(s, dst, s.lo(src), 32, SRA); }

    /** Immediate forms: count = imm8 (0-255). */
    public static void psllwImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 16, SLL); }
    public static void pslldImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 32, SLL); }
    public static void psllqImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 64, SLL); }
    public static void psrlwImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 16, SRL); }
    public static void psrldImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 32, SRL); }
    public static void psrlqImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 64, SRL); }
    public static void psrawImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 16, SRA); }
    public static void psradImm(SseState s, int dst, int imm8) { shift(s, dst, imm8 & 0xff, 32, SRA); }

    /** PSLLDQ: shifts the whole register left by imm8 bytes (> 15: zero). */
    public static void pslldq(SseState s, int dst, int imm8) {
        int n = imm8 & 0xff;
        long lo = s.lo(dst), hi = s.hi(dst);
        if (n > 15) { s.set(dst, 0, 0); return; }
        if (n >= 8) { s.set(dst, 0, lo << (8 * (n - 8))); return; }
        if (n == 0) return;
        s.set(dst, lo << (8 * n), (hi << (8 * n)) | (lo >>> (64 - 8 * n)));
    }

    /** PSRLDQ: shifts the whole register right by imm8 bytes (> 15: zero). */
    public static void psrldq(SseState s, int dst, int imm8) {
        int n = imm8 & 0xff;
        long lo = s.lo(dst), hi = s.hi(dst);
        if (n > 15) { s.set(dst, 0, 0); return; }
        if (n >= 8) { s.set(dst, hi >>> (8 * (n - 8)), 0); return; }
        if (n == 0) return;
        s.set(dst, (lo >>> (8 * n)) | (hi << (64 - 8 * n)), hi >>> (8 * n));
    }
}
