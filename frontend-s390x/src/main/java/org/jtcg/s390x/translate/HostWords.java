package org.jtcg.s390x.translate;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.RawMemory;

/**
 * The storage helpers' inner loops over one page run of each operand, by host address
 * ({@link GuestMemory#hostAddress}): the operand's page is looked up once, not once per word (each checked
 * access finds the thread's TLB and probes it again). A run lies in one page that the TLB holds with the
 * needed permission, so no access here can fault; the helpers fall back to the checked accessors
 * ({@link GuestWords}) when a page is not in the TLB. Words are little-endian, as {@link GuestWords#load}'s.
 */
final class HostWords {
    private HostWords() {}

    /** Bytes from a to the end of its page (1-4096). */
    static int toPageEnd(long a) {
        return GuestMemory.PAGE_SIZE - (int) (a & (GuestMemory.PAGE_SIZE - 1));
    }

    /**
     * MVC's byte-at-a-time, left-to-right move of n bytes from host address src to dst: a destination 1-7
     * bytes above the source (host addresses: the bytes that really alias) replicates bytes, so it moves
     * bytes; one byte above is the memset idiom (every byte becomes the source's first).
     */
    static void move(long dst, long src, int n) {
        long distance = dst - src;
        if (distance == 1) {
            long b = RawMemory.ld8(src);
            fill(dst, n, b);
            return;
        }
        int i = 0;
        if (!GuestWords.replicates(dst, src)) {
            for (; n - i >= 8; i += 8) {
                RawMemory.st64le(dst + i, RawMemory.ld64le(src + i));
            }
        }
        for (; i < n; i++) {
            RawMemory.st8(dst + i, RawMemory.ld8(src + i));
        }
    }

    private static void fill(long dst, int n, long b) {
        long word = GuestWords.spread(b);
        int i = 0;
        for (; n - i >= 8; i += 8) {
            RawMemory.st64le(dst + i, word);
        }
        for (; i < n; i++) {
            RawMemory.st8(dst + i, b);
        }
    }

    /** The first index below n at which the byte strings at host addresses a and b differ, or n when equal. */
    static int mismatch(long a, long b, int n) {
        int i = 0;
        for (; n - i >= 8; i += 8) {
            long x = RawMemory.ld64le(a + i), y = RawMemory.ld64le(b + i);
            if (x != y) {
                return i + GuestWords.firstFlagged(GuestWords.zeroBytes(x ^ y) ^ 0x8080808080808080L);
            }
        }
        for (; i < n; i++) {
            if (RawMemory.ld8(a + i) != RawMemory.ld8(b + i)) {
                return i;
            }
        }
        return n;
    }

    /** The index of the first byte c among the n bytes at host address a, or n when there is none. */
    static int find(long a, int n, long c) {
        long cs = GuestWords.spread(c);
        int i = 0;
        for (; n - i >= 8; i += 8) {
            long found = GuestWords.zeroBytes(RawMemory.ld64le(a + i) ^ cs);
            if (found != 0) {
                return i + GuestWords.firstFlagged(found);
            }
        }
        for (; i < n; i++) {
            if (RawMemory.ld8(a + i) == c) {
                return i;
            }
        }
        return n;
    }

    /**
     * CLST over n bytes at host addresses a and b: the index of the first byte where either string has the
     * end byte or they differ (the byte loop's stopping point), or n when none of the n bytes is one.
     */
    static int stringStop(long a, long b, int n, long end) {
        long ends = GuestWords.spread(end);
        int i = 0;
        for (; n - i >= 8; i += 8) {
            long x = RawMemory.ld64le(a + i), y = RawMemory.ld64le(b + i);
            long events = GuestWords.zeroBytes(x ^ ends) | GuestWords.zeroBytes(y ^ ends)
                    | (GuestWords.zeroBytes(x ^ y) ^ 0x8080808080808080L);
            if (events != 0) {
                return i + GuestWords.firstFlagged(events);
            }
        }
        for (; i < n; i++) {
            long x = RawMemory.ld8(a + i), y = RawMemory.ld8(b + i);
            if (x == end || y == end || x != y) {
                return i;
            }
        }
        return n;
    }
}
