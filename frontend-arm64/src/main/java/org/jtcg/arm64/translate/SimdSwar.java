package org.jtcg.arm64.translate;

/**
 * Word-at-a-time (SWAR) forms of the AdvSIMD ops glibc's string routines run in their inner loops
 * (UMAXP/UMINP/ADDP and CMHI/CMHS on bytes, SHRN/XTN to bytes and halfwords), called from translated code as pure
 * helpers. Each is a few shifts and masks instead of {@link SimdHelpers}' loop over lanes with a switch
 * per lane (which C1 neither unrolls nor inlines); the results are bit for bit those of
 * {@link SimdHelpers#pairwise}, {@link SimdHelpers#binary} and {@link SimdHelpers#narrow}, which stay the reference
 * ({@code SimdSwarTest} compares the two).
 */
public final class SimdSwar {
    private SimdSwar() {}

    private static final long LOW_BYTES = 0x00FF00FF00FF00FFL;
    private static final long BIT8 = 0x0100010001000100L;
    private static final long LANE_ONES = 0x0001000100010001L;

    /** Pairwise op on the byte lanes of x (low 32 bits of the result) and of y (high 32 bits); op ADD, UMAX, UMIN. */
    public static long pairwiseBytes(int op, long x, long y) {
        return pack16to8(pairs(op, x)) | pack16to8(pairs(op, y)) << 32;
    }

    /** The four pair results of v's bytes, each in the low byte of a 16-bit lane. */
    private static long pairs(int op, long v) {
        long even = v & LOW_BYTES, odd = (v >>> 8) & LOW_BYTES;
        if (op == SimdHelpers.ADD) {
            return (even + odd) & LOW_BYTES; // a sum below 512 stays in its lane
        }
        // bit 8 of each lane of (p | 0x100) - q: set iff p >= q (no borrow leaves a lane: the result is 1..511)
        long evenWins = op == SimdHelpers.UMAX
                ? (((even | BIT8) - odd) >>> 8) & LANE_ONES
                : (((odd | BIT8) - even) >>> 8) & LANE_ONES;
        long m = evenWins * 0xFF;
        return (even & m) | (odd & ~m);
    }

    /** CMHI on bytes: all ones in each byte lane where a &gt; b unsigned. */
    public static long higherBytes(long a, long b) {
        return ((lowerBytes(b, a) >>> 7) & 0x0101010101010101L) * 0xFF;
    }

    /** CMHS on bytes: all ones in each byte lane where a &gt;= b unsigned. */
    public static long higherOrSameBytes(long a, long b) {
        return ~higherBytes(b, a);
    }

    /**
     * The top bit of each byte set iff the byte of a is below that of b (unsigned): where the top bits
     * differ, b's decides; else the low seven bits', compared by (a | 0x80) - (b &amp; 0x7f) per byte (1..255,
     * so no borrow leaves a byte).
     */
    private static long lowerBytes(long a, long b) {
        long h = 0x8080808080808080L;
        long geLow = (a | h) - (b & ~h);
        return (((a ^ b) & b) | (~(a ^ b) & ~geLow)) & h;
    }

    /** Narrow: the 16-bit lanes of lo:hi shifted right by shift (0..8), low bytes kept (XTN, SHRN to .8b). */
    public static long narrowBytes(long lo, long hi, int shift) {
        return pack16to8((lo >>> shift) & LOW_BYTES) | pack16to8((hi >>> shift) & LOW_BYTES) << 32;
    }

    /** Narrow: the 32-bit lanes of lo:hi shifted right by shift (0..16), low halfwords kept (XTN, SHRN to .4h). */
    public static long narrowHalves(long lo, long hi, int shift) {
        return pack32to16((lo >>> shift) & 0x0000FFFF0000FFFFL) | pack32to16((hi >>> shift) & 0x0000FFFF0000FFFFL) << 32;
    }

    /** The low bytes of the four 16-bit lanes of t (whose high bytes are 0) as four adjacent bytes. */
    private static long pack16to8(long t) {
        long p = (t | (t >>> 8)) & 0x0000FFFF0000FFFFL;
        return (p | (p >>> 16)) & 0xFFFFFFFFL;
    }

    /** The low halfwords of the two 32-bit lanes of t (whose high halfwords are 0) as two adjacent halfwords. */
    private static long pack32to16(long t) {
        return (t | (t >>> 16)) & 0xFFFFFFFFL;
    }
}
