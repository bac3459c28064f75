package org.jtcg.x86.translate;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.SseState;

/**
 * The SSE/SSE2 data-movement, logic and packed-integer operations glibc's baseline (x86-64-v1)
 * string and memory functions use, as helpers over {@link SseState} called from translated code.
 * Register arguments are xmm numbers (or {@link SseState#SCRATCH}, which the translator fills with
 * a memory operand first). These touch no hot registers (helper flags 0); the memory helpers may
 * throw {@link GuestFault}. A stand-in until the SSE library (org.jtcg.x86.sse) is integrated.
 */
public final class SseIntHelpers {
    private SseIntHelpers() {}

    /** Misaligned 16-byte SSE access: #GP, which Linux reports as SIGSEGV with si_code SI_KERNEL, address 0. */
    private static void checkAligned(long addr) {
        if ((addr & 15) != 0) {
            throw new GuestFault(0, GuestFault.Access.READ, Ctx.SI_KERNEL);
        }
    }

    // ---------------------------------------------------------------- moves

    public static void load(X86Cpu cpu, long reg, long addr) {
        long lo = cpu.memory().load(addr, 8, false);
        long hi = cpu.memory().load(addr + 8, 8, false);
        cpu.sse.set((int) reg, lo, hi);
    }

    public static void loadAligned(X86Cpu cpu, long reg, long addr) {
        checkAligned(addr);
        load(cpu, reg, addr);
    }

    public static void store(X86Cpu cpu, long reg, long addr) {
        cpu.memory().store128(addr, false, cpu.sse.lo((int) reg), cpu.sse.hi((int) reg));
    }

    public static void storeAligned(X86Cpu cpu, long reg, long addr) {
        if ((addr & 15) != 0) {
            throw new GuestFault(0, GuestFault.Access.WRITE, Ctx.SI_KERNEL);
        }
        store(cpu, reg, addr);
    }

    public static void move(X86Cpu cpu, long d, long s) {
        cpu.sse.set((int) d, cpu.sse.lo((int) s), cpu.sse.hi((int) s));
    }

    public static long getLo(X86Cpu cpu, long reg) {
        return cpu.sse.lo((int) reg);
    }

    public static long getHi(X86Cpu cpu, long reg) {
        return cpu.sse.hi((int) reg);
    }

    public static void setLo(X86Cpu cpu, long reg, long v) {
        cpu.sse.xmm[2 * (int) reg] = v;
    }

    public static void setHi(X86Cpu cpu, long reg, long v) {
        cpu.sse.xmm[2 * (int) reg + 1] = v;
    }

    /** reg = zero-extended v (movd/movq loads, movss/movsd loads via the caller's masking). */
    public static void setScalar(X86Cpu cpu, long reg, long v) {
        cpu.sse.set((int) reg, v, 0);
    }

    /** Low 32 bits of d replaced (movss between registers). */
    public static void mergeLow32(X86Cpu cpu, long d, long s) {
        long lo = cpu.sse.lo((int) d);
        setLo(cpu, d, (lo & 0xffffffff00000000L) | (cpu.sse.lo((int) s) & 0xffffffffL));
    }

    public static long getMxcsr(X86Cpu cpu) {
        return cpu.sse.mxcsr & 0xffffffffL;
    }

    /** ldmxcsr: reserved bits set raise #GP (SIGSEGV). */
    public static void setMxcsr(X86Cpu cpu, long v) {
        if ((v & ~0xffffL) != 0) {
            throw new GuestFault(0, GuestFault.Access.READ, Ctx.SI_KERNEL);
        }
        cpu.sse.mxcsr = (int) v;
    }

    // ---------------------------------------------------------------- lane machinery

    private interface LaneOp {
        long apply(long a, long b);
    }

    private static long sx(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    /** d = f(d, s) per lane of the given width; lanes are passed zero-extended. */
    private static void lanes(X86Cpu cpu, long d, long s, int bits, LaneOp f) {
        SseState x = cpu.sse;
        int di = 2 * (int) d, si = 2 * (int) s;
        long m = bits == 64 ? -1L : (1L << bits) - 1;
        for (int h = 0; h < 2; h++) {
            long a = x.xmm[di + h], b = x.xmm[si + h], r = 0;
            for (int sh = 0; sh < 64; sh += bits) {
                r |= (f.apply((a >>> sh) & m, (b >>> sh) & m) & m) << sh;
            }
            x.xmm[di + h] = r;
        }
    }

    private static long satS(long v, int bits) {
        long max = (1L << (bits - 1)) - 1, min = -(1L << (bits - 1));
        return Math.max(min, Math.min(max, v));
    }

    private static long satU(long v, int bits) {
        return Math.max(0, Math.min((1L << bits) - 1, v));
    }

    // ---------------------------------------------------------------- logic

    public static void pand(X86Cpu cpu, long d, long s) {
        long[] x = cpu.sse.xmm;
        x[2 * (int) d] &= x[2 * (int) s];
        x[2 * (int) d + 1] &= x[2 * (int) s + 1];
    }

    public static void pandn(X86Cpu cpu, long d, long s) {
        long[] x = cpu.sse.xmm;
        x[2 * (int) d] = ~x[2 * (int) d] & x[2 * (int) s];
        x[2 * (int) d + 1] = ~x[2 * (int) d + 1] & x[2 * (int) s + 1];
    }

    public static void por(X86Cpu cpu, long d, long s) {
        long[] x = cpu.sse.xmm;
        x[2 * (int) d] |= x[2 * (int) s];
        x[2 * (int) d + 1] |= x[2 * (int) s + 1];
    }

    public static void pxor(X86Cpu cpu, long d, long s) {
        long[] x = cpu.sse.xmm;
        x[2 * (int) d] ^= x[2 * (int) s];
        x[2 * (int) d + 1] ^= x[2 * (int) s + 1];
    }

    // ---------------------------------------------------------------- compares, min/max

    public static void pcmpeqb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> a == b ? -1 : 0); }
    public static void pcmpeqw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> a == b ? -1 : 0); }
    public static void pcmpeqd(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 32, (a, b) -> a == b ? -1 : 0); }
    public static void pcmpgtb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> sx(a, 8) > sx(b, 8) ? -1 : 0); }
    public static void pcmpgtw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> sx(a, 16) > sx(b, 16) ? -1 : 0); }
    public static void pcmpgtd(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 32, (a, b) -> sx(a, 32) > sx(b, 32) ? -1 : 0); }
    public static void pminub(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, Math::min); }
    public static void pmaxub(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, Math::max); }
    public static void pminsw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> Math.min(sx(a, 16), sx(b, 16))); }
    public static void pmaxsw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> Math.max(sx(a, 16), sx(b, 16))); }

    // ---------------------------------------------------------------- arithmetic

    public static void paddb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, Long::sum); }
    public static void paddw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, Long::sum); }
    public static void paddd(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 32, Long::sum); }
    public static void paddq(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 64, Long::sum); }
    public static void psubb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> a - b); }
    public static void psubw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> a - b); }
    public static void psubd(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 32, (a, b) -> a - b); }
    public static void psubq(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 64, (a, b) -> a - b); }
    public static void paddusb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> satU(a + b, 8)); }
    public static void paddusw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> satU(a + b, 16)); }
    public static void psubusb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> satU(a - b, 8)); }
    public static void psubusw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> satU(a - b, 16)); }
    public static void paddsb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> satS(sx(a, 8) + sx(b, 8), 8)); }
    public static void paddsw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> satS(sx(a, 16) + sx(b, 16), 16)); }
    public static void psubsb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> satS(sx(a, 8) - sx(b, 8), 8)); }
    public static void psubsw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> satS(sx(a, 16) - sx(b, 16), 16)); }
    public static void pavgb(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 8, (a, b) -> (a + b + 1) >> 1); }
    public static void pavgw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> (a + b + 1) >> 1); }
    public static void pmullw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> a * b); }
    public static void pmulhw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> (sx(a, 16) * sx(b, 16)) >> 16); }
    public static void pmulhuw(X86Cpu cpu, long d, long s) { lanes(cpu, d, s, 16, (a, b) -> (a * b) >>> 16); }
    public static void pmuludq(X86Cpu cpu, long d, long s) {
        lanes(cpu, d, s, 64, (a, b) -> (a & 0xffffffffL) * (b & 0xffffffffL));
    }

    public static void pmaddwd(X86Cpu cpu, long d, long s) {
        lanes(cpu, d, s, 32, (a, b) -> sx(a, 16) * sx(b, 16) + sx(a >>> 16, 16) * sx(b >>> 16, 16));
    }

    public static void psadbw(X86Cpu cpu, long d, long s) {
        lanes(cpu, d, s, 64, (a, b) -> {
            long sum = 0;
            for (int i = 0; i < 64; i += 8) {
                sum += Math.abs(((a >>> i) & 0xff) - ((b >>> i) & 0xff));
            }
            return sum;
        });
    }

    // ---------------------------------------------------------------- pack / unpack / shuffle

    private static long[] get(X86Cpu cpu, long r) {
        return new long[] {cpu.sse.lo((int) r), cpu.sse.hi((int) r)};
    }

    private static long lane(long[] v, int bits, int i) {
        int per = 64 / bits;
        long m = bits == 64 ? -1L : (1L << bits) - 1;
        return (v[i / per] >>> ((i % per) * bits)) & m;
    }

    private static void put(long[] v, int bits, int i, long x) {
        int per = 64 / bits;
        long m = bits == 64 ? -1L : (1L << bits) - 1;
        int sh = (i % per) * bits;
        v[i / per] = (v[i / per] & ~(m << sh)) | ((x & m) << sh);
    }

    /** punpckl / punpckh at lane width bits: interleave the low (or high) halves of d and s. */
    private static void unpack(X86Cpu cpu, long d, long s, int bits, boolean high) {
        long[] a = get(cpu, d), b = get(cpu, s), r = new long[2];
        int n = 64 / bits; // lanes per half
        int base = high ? n : 0;
        for (int i = 0; i < n; i++) {
            put(r, bits, 2 * i, lane(a, bits, base + i));
            put(r, bits, 2 * i + 1, lane(b, bits, base + i));
        }
        cpu.sse.set((int) d, r[0], r[1]);
    }

    public static void punpcklbw(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 8, false); }
    public static void punpcklwd(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 16, false); }
    public static void punpckldq(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 32, false); }
    public static void punpcklqdq(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 64, false); }
    public static void punpckhbw(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 8, true); }
    public static void punpckhwd(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 16, true); }
    public static void punpckhdq(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 32, true); }
    public static void punpckhqdq(X86Cpu cpu, long d, long s) { unpack(cpu, d, s, 64, true); }

    private static void pack(X86Cpu cpu, long d, long s, int from, boolean unsigned) {
        long[] a = get(cpu, d), b = get(cpu, s), r = new long[2];
        int to = from / 2, n = 128 / from;
        for (int i = 0; i < n; i++) {
            long x = sx(lane(a, from, i), from), y = sx(lane(b, from, i), from);
            put(r, to, i, unsigned ? satU(x, to) : satS(x, to));
            put(r, to, i + n, unsigned ? satU(y, to) : satS(y, to));
        }
        cpu.sse.set((int) d, r[0], r[1]);
    }

    public static void packsswb(X86Cpu cpu, long d, long s) { pack(cpu, d, s, 16, false); }
    public static void packssdw(X86Cpu cpu, long d, long s) { pack(cpu, d, s, 32, false); }
    public static void packuswb(X86Cpu cpu, long d, long s) { pack(cpu, d, s, 16, true); }

    public static void pshufd(X86Cpu cpu, long d, long s, long imm) {
        long[] a = get(cpu, s), r = new long[2];
        for (int i = 0; i < 4; i++) {
            put(r, 32, i, lane(a, 32, (int) (imm >> (2 * i)) & 3));
        }
        cpu.sse.set((int) d, r[0], r[1]);
    }

    public static void pshuflw(X86Cpu cpu, long d, long s, long imm) {
        long[] a = get(cpu, s), r = a.clone();
        for (int i = 0; i < 4; i++) {
            put(r, 16, i, lane(a, 16, (int) (imm >> (2 * i)) & 3));
        }
        cpu.sse.set((int) d, r[0], r[1]);
    }

    public static void pshufhw(X86Cpu cpu, long d, long s, long imm) {
        long[] a = get(cpu, s), r = a.clone();
        for (int i = 0; i < 4; i++) {
            put(r, 16, 4 + i, lane(a, 16, 4 + ((int) (imm >> (2 * i)) & 3)));
        }
        cpu.sse.set((int) d, r[0], r[1]);
    }

    public static void shufps(X86Cpu cpu, long d, long s, long imm) {
        long[] a = get(cpu, d), b = get(cpu, s), r = new long[2];
        put(r, 32, 0, lane(a, 32, (int) imm & 3));
        put(r, 32, 1, lane(a, 32, (int) (imm >> 2) & 3));
        put(r, 32, 2, lane(b, 32, (int) (imm >> 4) & 3));
        put(r, 32, 3, lane(b, 32, (int) (imm >> 6) & 3));
        cpu.sse.set((int) d, r[0], r[1]);
    }

    public static void shufpd(X86Cpu cpu, long d, long s, long imm) {
        long[] a = get(cpu, d), b = get(cpu, s);
        cpu.sse.set((int) d, a[(int) imm & 1], b[(int) (imm >> 1) & 1]);
    }

    /** pmovmskb: the top bit of each byte. */
    public static long pmovmskb(X86Cpu cpu, long s) {
        long r = 0;
        for (int h = 0; h < 2; h++) {
            long v = cpu.sse.xmm[2 * (int) s + h];
            for (int i = 0; i < 8; i++) {
                r |= ((v >>> (8 * i + 7)) & 1) << (8 * h + i);
            }
        }
        return r;
    }

    public static long movmskps(X86Cpu cpu, long s) {
        long lo = cpu.sse.lo((int) s), hi = cpu.sse.hi((int) s);
        return ((lo >>> 31) & 1) | ((lo >>> 62) & 2) | (((hi >>> 31) & 1) << 2) | (((hi >>> 63) & 1) << 3);
    }

    public static long movmskpd(X86Cpu cpu, long s) {
        return (cpu.sse.lo((int) s) >>> 63) | ((cpu.sse.hi((int) s) >>> 63) << 1);
    }

    public static long pextrw(X86Cpu cpu, long s, long imm) {
        return lane(get(cpu, s), 16, (int) imm & 7);
    }

    public static void pinsrw(X86Cpu cpu, long d, long v, long imm) {
        long[] a = get(cpu, d);
        put(a, 16, (int) imm & 7, v);
        cpu.sse.set((int) d, a[0], a[1]);
    }

    // ---------------------------------------------------------------- shifts

    /** pslldq / psrldq: whole-register byte shift. */
    public static void pslldq(X86Cpu cpu, long d, long imm) {
        int n = (int) Math.min(imm & 0xff, 16);
        long lo = cpu.sse.lo((int) d), hi = cpu.sse.hi((int) d);
        int bits = 8 * n;
        long rlo, rhi;
        if (bits == 0) {
            rlo = lo; rhi = hi;
        } else if (bits < 64) {
            rlo = lo << bits; rhi = (hi << bits) | (lo >>> (64 - bits));
        } else if (bits < 128) {
            rlo = 0; rhi = lo << (bits - 64);
        } else {
            rlo = 0; rhi = 0;
        }
        cpu.sse.set((int) d, rlo, rhi);
    }

    public static void psrldq(X86Cpu cpu, long d, long imm) {
        int n = (int) Math.min(imm & 0xff, 16);
        long lo = cpu.sse.lo((int) d), hi = cpu.sse.hi((int) d);
        int bits = 8 * n;
        long rlo, rhi;
        if (bits == 0) {
            rlo = lo; rhi = hi;
        } else if (bits < 64) {
            rhi = hi >>> bits; rlo = (lo >>> bits) | (hi << (64 - bits));
        } else if (bits < 128) {
            rhi = 0; rlo = hi >>> (bits - 64);
        } else {
            rlo = 0; rhi = 0;
        }
        cpu.sse.set((int) d, rlo, rhi);
    }

    /** Packed shift of d by count (an immediate or the low 64 bits of an xmm); kind 0 shl, 1 shr, 2 sar. */
    private static void shiftLanes(X86Cpu cpu, long d, long count, int bits, int kind) {
        lanes(cpu, d, d, bits, (a, b) -> {
            if (Long.compareUnsigned(count, bits) >= 0) {
                return kind == 2 ? sx(a, bits) >> (bits - 1) : 0;
            }
            int n = (int) count;
            return kind == 0 ? a << n : kind == 1 ? a >>> n : sx(a, bits) >> n;
        });
    }

    public static void psllw(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 16, 0); }
    public static void pslld(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 32, 0); }
    public static void psllq(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 64, 0); }
    public static void psrlw(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 16, 1); }
    public static void psrld(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 32, 1); }
    public static void psrlq(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 64, 1); }
    public static void psraw(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 16, 2); }
    public static void psrad(X86Cpu cpu, long d, long n) { shiftLanes(cpu, d, n, 32, 2); }
}
