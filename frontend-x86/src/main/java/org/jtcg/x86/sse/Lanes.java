package org.jtcg.x86.sse;

/** Element access to a 128-bit register viewed as 16/8/4/2 lanes (little-endian lane order). */
final class Lanes {
    private Lanes() {}

    /** Lane {@code i} of size {@code bits} (8/16/32/64) of the register (lo, hi), zero-extended. */
    static long get(long lo, long hi, int bits, int i) {
        int perWord = 64 / bits;
        long word = i < perWord ? lo : hi;
        if (bits == 64) return word;
        return (word >>> (bits * (i % perWord))) & ((1L << bits) - 1);
    }

    /** Returns {@code word} with lane {@code j} (index within the word) replaced by {@code v}. */
    static long put(long word, int bits, int j, long v) {
        if (bits == 64) return v;
        long mask = ((1L << bits) - 1) << (bits * j);
        return (word & ~mask) | ((v << (bits * j)) & mask);
    }
}
