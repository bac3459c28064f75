package org.jtcg.x86.translate;

/**
 * Pure helpers for the BMI1/BMI2 instructions whose bit loops or out-of-range shift counts do not map
 * onto single IR ops: bextr, pdep, pext. Operands arrive zero-extended to 64 bits from the operand
 * size ({@code size} 4 or 8 bytes); results are zero-extended likewise.
 */
public final class BmiHelpers {
    private BmiHelpers() {}

    /**
     * BEXTR: {@code len = ctrl[15:8]} bits of {@code src} starting at bit {@code start = ctrl[7:0]};
     * bits beyond the operand size read as zero, so a start at or past it gives 0 (SDM, BEXTR).
     */
    public static long bextr(long src, long ctrl, long size) {
        int bits = (int) (8 * size);
        int start = (int) (ctrl & 0xff), len = (int) ((ctrl >>> 8) & 0xff);
        if (start >= bits) return 0;
        long v = src >>> start;
        return len >= 64 ? v : v & ((1L << len) - 1);
    }

    /** PDEP: the low bits of {@code src} deposited, in order, at the set bits of {@code mask}. */
    public static long pdep(long src, long mask) {
        long r = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            long low = m & -m;
            if ((src & 1) != 0) r |= low;
            src >>>= 1;
        }
        return r;
    }

    /** PEXT: the bits of {@code src} at the set bits of {@code mask}, packed into the low bits in order. */
    public static long pext(long src, long mask) {
        long r = 0;
        int k = 0;
        for (long m = mask; m != 0; m &= m - 1) {
            long low = m & -m;
            if ((src & low) != 0) r |= 1L << k;
            k++;
        }
        return r;
    }
}
