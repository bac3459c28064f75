package org.jtcg.core.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PageTableTest {
    @Test
    void sparseEntriesAcrossTheWhole64BitSpace() {
        PageTable t = new PageTable();
        long[] vpns = {0, 1, 1023, 1024, 0x7_ffff_ffffL, 1L << 40, PageTable.VPN_LIMIT - 1};
        for (int i = 0; i < vpns.length; i++) {
            t.set(vpns[i], PageEntry.withFrame(i, 3));
        }
        assertEquals(vpns.length, t.mappedPages());
        for (int i = 0; i < vpns.length; i++) {
            assertEquals(i, PageEntry.frame(t.get(vpns[i])));
        }
        assertEquals(0, t.get(2));
        assertEquals(PageTable.VPN_LIMIT - 1, t.lastMapped(0, PageTable.VPN_LIMIT));
        assertEquals(1L << 40, t.lastMapped(0, PageTable.VPN_LIMIT - 1));
        assertEquals(1023, t.firstMapped(2, PageTable.VPN_LIMIT));
        assertEquals(0x7_ffff_ffffL, t.firstMapped(1025, PageTable.VPN_LIMIT));
        for (long v : vpns) {
            t.set(v, 0);
        }
        assertEquals(0, t.mappedPages());
        assertEquals(-1, t.firstMapped(0, PageTable.VPN_LIMIT));
        assertThrows(IllegalArgumentException.class, () -> t.get(PageTable.VPN_LIMIT));
    }

    /** The skip-by-count searches must agree with a brute-force scan, including full leaves. */
    @Test
    void searchesAgreeWithBruteForce() {
        PageTable t = new PageTable();
        TreeSet<Long> ref = new TreeSet<>();
        Random r = new Random(7);
        long window = 4 * PageTable.LEAF_SIZE;
        long base = (1L << 24) - 2 * PageTable.LEAF_SIZE;   // straddles a directory boundary
        for (int round = 0; round < 3000; round++) {
            long start = base + r.nextInt((int) window);
            int n = 1 + r.nextInt(round % 10 == 0 ? 2000 : 40);
            boolean map = r.nextInt(3) != 0;
            for (long v = start; v < start + n && v < base + window; v++) {
                t.set(v, map ? PageEntry.reserved(0) : 0);
                if (map) ref.add(v); else ref.remove(v);
            }
            long lo = base - 5 + r.nextInt((int) window + 10);
            long hi = lo + r.nextInt(3000);
            assertEquals(bruteFirst(ref, lo, hi, true), t.firstMapped(lo, hi));
            assertEquals(bruteFirst(ref, lo, hi, false), t.firstUnmapped(lo, hi));
            assertEquals(bruteLast(ref, lo, hi, true), t.lastMapped(lo, hi));
            assertEquals(bruteLast(ref, lo, hi, false), t.lastUnmapped(lo, hi));
            assertEquals(ref.size(), t.mappedPages());
        }
    }

    private static long bruteFirst(TreeSet<Long> ref, long lo, long hi, boolean mapped) {
        for (long v = lo; v < hi; v++) if (ref.contains(v) == mapped) return v;
        return -1;
    }

    private static long bruteLast(TreeSet<Long> ref, long lo, long hi, boolean mapped) {
        for (long v = hi - 1; v >= lo; v--) if (ref.contains(v) == mapped) return v;
        return -1;
    }
}
