package org.jtcg.arm64.translate;

/**
 * The Arm ARM's DecodeBitMasks for logical immediates: N:immr:imms to the 32- or 64-bit constant,
 * {@link #NONE} for a reserved encoding. Pure arithmetic, shared by the translator and the
 * disassembler.
 */
final class BitMasks {
    private BitMasks() {}

    /** Returned by {@link #logicalImmediate} for a reserved encoding (the value itself is never a valid immediate: all ones). */
    static final long NONE = -1L;

    /**
     * The immediate of AND/ORR/EOR/ANDS (immediate), or {@link #NONE} when reserved (element size
     * undefined, an all-ones element, or N = 1 for a 32-bit operation).
     */
    static long logicalImmediate(boolean sf, int n, int immr, int imms) {
        if (!sf && n != 0) {
            return NONE;
        }
        int combined = (n << 6) | (~imms & 0x3f);
        if (combined == 0) {
            return NONE;
        }
        int len = 31 - Integer.numberOfLeadingZeros(combined);
        if (len < 1) {
            return NONE;
        }
        int levels = (1 << len) - 1;
        if ((imms & levels) == levels) {
            return NONE;
        }
        int s = imms & levels, r = immr & levels;
        int esize = 1 << len;
        long welem = s + 1 == 64 ? -1L : (1L << (s + 1)) - 1;
        long emask = esize == 64 ? -1L : (1L << esize) - 1;
        long rotated = r == 0 ? welem : ((welem >>> r) | (welem << (esize - r))) & emask;
        long v = 0;
        for (int i = 0; i < 64; i += esize) {
            v |= rotated << i;
        }
        return sf ? v : v & 0xffff_ffffL;
    }
}
