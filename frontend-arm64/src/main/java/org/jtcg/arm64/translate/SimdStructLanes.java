package org.jtcg.arm64.translate;

/**
 * Lane shuffles of the interleaving structure loads and stores (LD2-LD4, ST2-ST4), called from
 * translated code (pure). Memory holds structure after structure: element k of the transfer
 * (in units of the lane size) belongs to register k % selem, lane k / selem. Memory is passed and
 * returned as little-endian 64-bit words.
 */
public final class SimdStructLanes {
    private SimdStructLanes() {}

    /** Half {@code part} (0 low, 1 high) of register {@code reg} of the structure, from memory words w0..w7. */
    public static long deinterleave(int esize, int selem, int reg, int part,
                                    long w0, long w1, long w2, long w3, long w4, long w5, long w6, long w7) {
        long[] w = {w0, w1, w2, w3, w4, w5, w6, w7};
        int bits = 8 << esize, per = 64 / bits;
        long mask = SimdHelpers.laneMask(esize), r = 0;
        for (int j = 0; j < per; j++) {
            int k = (part * per + j) * selem + reg;
            r |= ((w[k / per] >>> ((k % per) * bits)) & mask) << (j * bits);
        }
        return r;
    }

    /** Memory word {@code word} of the interleaved registers r0..r3 (given as low, high halves). */
    public static long interleave(int esize, int selem, int word, long r0l, long r0h, long r1l, long r1h,
                                  long r2l, long r2h, long r3l, long r3h) {
        long[] regs = {r0l, r0h, r1l, r1h, r2l, r2h, r3l, r3h};
        int bits = 8 << esize, per = 64 / bits;
        long mask = SimdHelpers.laneMask(esize), r = 0;
        for (int j = 0; j < per; j++) {
            int k = word * per + j, reg = k % selem, lane = k / selem;
            long half = regs[2 * reg + lane / per];
            r |= ((half >>> ((lane % per) * bits)) & mask) << (j * bits);
        }
        return r;
    }
}
