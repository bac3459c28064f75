package org.jtcg.x86.sse;

/**
 * SSE4.2 CRC32: the CRC-32C (Castagnoli) polynomial in its bit-reflected form 0x82F63B78, applied
 * to the low 32 bits of the destination and 1, 2, 4 or 8 source bytes, least significant first,
 * with no initial or final inversion (software does those, as the SDM's example shows).
 */
public final class Crc32c {
    private Crc32c() {}

    private static final int POLY = 0x82F63B78;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c >>> 1) ^ ((c & 1) != 0 ? POLY : 0);
            }
            TABLE[i] = c;
        }
    }

    /** The new CRC (zero-extended) after {@code bytes} bytes of {@code data}. */
    public static long crc32(long crc, long data, int bytes) {
        int c = (int) crc;
        for (int i = 0; i < bytes; i++) {
            c = (c >>> 8) ^ TABLE[(c ^ (int) (data >>> (8 * i))) & 0xff];
        }
        return c & 0xffffffffL;
    }
}
