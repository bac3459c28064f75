package org.jtcg.s390x.translate;

import org.jtcg.core.memory.GuestMemory;

/**
 * Eight-bytes-at-a-time building blocks for the storage and string helpers, each exactly equivalent to the
 * architected byte-at-a-time, left-to-right processing, including where a fault stops it. A word access is
 * used only where it lies in one page, so it faults exactly when the access to its first byte would, before
 * anything of it is stored; and never where a byte of the word would read a byte the same word writes
 * (destination 1-7 bytes above the source), where the byte loop replicates bytes. Words are loaded
 * little-endian ({@link #load}: the host's order, so no byte swap, which C1 would make a call): the byte first
 * in storage is the word's least significant, the first byte with a property is the lowest flagged one, and
 * an unsigned byte-string compare is the compare of the byte-reversed words. Copies, fills and bitwise
 * operations do not depend on the order.
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

    /** The 8 bytes at {@code a} (one page, see {@link #fits}) as a word with the first byte in storage lowest. */
    static long load(GuestMemory m, long a) {
        return m.load(a, 8, false);
    }

    /** Stores a word of {@link #load}'s order. */
    static void store(GuestMemory m, long a, long word) {
        m.store(a, 8, word, false);
    }

    /** Index in storage order (0 = first byte) of the first byte flagged in a {@link #zeroBytes}-style mask. */
    static int firstFlagged(long mask) {
        return Long.numberOfTrailingZeros(mask) >>> 3;
    }

    /** Byte {@code k} (storage order) of a {@link #load}ed word. */
    static long byteAt(long word, int k) {
        return (word >>> (8 * k)) & 0xff;
    }

    /** Unsigned compare of the byte strings two {@link #load}ed words hold (first byte most significant). */
    static int compareStrings(long x, long y) {
        return Long.compareUnsigned(Long.reverseBytes(x), Long.reverseBytes(y));
    }

    /** Byte-at-a-time forward copy of n bytes (n unsigned, at most a few pages), words where allowed. */
    static void copyForward(GuestMemory m, long dst, long src, long n) {
        boolean words = !replicates(dst, src);
        for (long i = 0; i < n; i++) {
            if (words && n - i >= 8 && fits(src + i) && fits(dst + i)) {
                store(m, dst + i, load(m, src + i));
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
                store(m, dst + i, word);
                i += 7;
            } else {
                m.store(dst + i, 1, b, true);
            }
        }
    }
}
