package org.jtcg.s390x.translate;

import org.jtcg.core.memory.GuestMemory;

/**
 * Eight-bytes-at-a-time building blocks for the storage and string helpers, each exactly equivalent to the
 * architected byte-at-a-time, left-to-right processing, including where a fault stops it. A word access is
 * used only where it lies in one page, so it faults exactly when the access to its first byte would, before
 * anything of it is stored; and never where a byte of the word would read a byte the same word writes
 * (destination 1-7 bytes above the source), where the byte loop replicates bytes. Words are big-endian, so
 * the byte first in storage is the word's most significant: an unsigned word compare is the byte-string
 * compare, and the first byte with a property is the highest flagged one.
 */
final class GuestWords {
    private GuestWords() {}

    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL, ONES = 0x0101010101010101L;

    /** Whether the 8 bytes at {@code a} lie in one page. */
    static boolean fits(long a) {
        return (a & (GuestMemory.PAGE_SIZE - 1)) <= GuestMemory.PAGE_SIZE - 8;
    }

    /** Whether a destination at {@code dst} would read, within one word, bytes written for an earlier byte of that word. */
    static boolean replicates(long dst, long src) {
        return Long.compareUnsigned(dst - src - 1, 7) < 0;
    }

    /** The byte {@code b} (0-255) in every byte of a word. */
    static long spread(long b) {
        return b * ONES;
    }

    /** 0x80 in exactly the bytes of {@code v} that are zero, 0 elsewhere (no borrow false positives). */
    static long zeroBytes(long v) {
        return ~(((v & LOW7) + LOW7) | v | LOW7);
    }

    /** Index in storage order (0 = first byte) of the first byte flagged in a {@link #zeroBytes}-style mask. */
    static int firstFlagged(long mask) {
        return Long.numberOfLeadingZeros(mask) >>> 3;
    }

    /** Byte {@code k} (storage order) of a big-endian word. */
    static long byteAt(long word, int k) {
        return (word >>> (56 - 8 * k)) & 0xff;
    }

    /** Byte-at-a-time forward copy of n bytes (n unsigned, at most a few pages), words where allowed. */
    static void copyForward(GuestMemory m, long dst, long src, long n) {
        boolean words = !replicates(dst, src);
        for (long i = 0; i < n; i++) {
            if (words && n - i >= 8 && fits(src + i) && fits(dst + i)) {
                m.store(dst + i, 8, m.load(src + i, 8, true), true);
                i += 7;
                continue;
            }
            m.store(dst + i, 1, m.load(src + i, 1, true), true);
        }
    }

    /** Stores byte {@code b} into n bytes from dst (byte-at-a-time order), words where they fit a page. */
    static void fill(GuestMemory m, long dst, long n, long b) {
        long word = spread(b);
        for (long i = 0; i < n; i++) {
            if (n - i >= 8 && fits(dst + i)) {
                m.store(dst + i, 8, word, true);
                i += 7;
            } else {
                m.store(dst + i, 1, b, true);
            }
        }
    }
}
