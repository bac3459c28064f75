package org.jtcg.x86.sse;

/**
 * A register as an array of lanes and back: the SSSE3/SSE4 ops that move or combine lanes across
 * positions (horizontal adds, shuffles, string compares) read clearer over arrays than over words.
 */
final class LaneArrays {
    private LaneArrays() {}

    /** The {@code 128 / bits} lanes of register {@code reg}, zero-extended. */
    static long[] get(SseState s, int reg, int bits) {
        long lo = s.lo(reg), hi = s.hi(reg);
        long[] v = new long[128 / bits];
        for (int i = 0; i < v.length; i++) {
            v[i] = Lanes.get(lo, hi, bits, i);
        }
        return v;
    }

    /** The lanes sign-extended. */
    static long[] getSigned(SseState s, int reg, int bits) {
        long[] v = get(s, reg, bits);
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] << (64 - bits)) >> (64 - bits);
        }
        return v;
    }

    /** Packs {@code v} (each truncated to {@code bits}) into a 128-bit value {lo, hi}. */
    static long[] pack(long[] v, int bits) {
        long lo = 0, hi = 0;
        int perWord = 64 / bits;
        long mask = bits == 64 ? -1L : (1L << bits) - 1;
        for (int i = 0; i < v.length; i++) {
            long part = (v[i] & mask) << (bits * (i % perWord));
            if (i < perWord) lo |= part;
            else hi |= part;
        }
        return new long[] {lo, hi};
    }

    /** Writes the lanes {@code v} (truncated to {@code bits}) to register {@code reg}. */
    static void set(SseState s, int reg, int bits, long[] v) {
        long[] w = pack(v, bits);
        s.set(reg, w[0], w[1]);
    }
}
