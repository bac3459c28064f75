package org.jtcg.cli;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.snapshot.MemoryImage;

import java.util.Arrays;
import java.util.List;

/**
 * Compares two address spaces completely: the mapping lists, then every page byte for byte
 * (reservations without frames read as zeros). Cost: one pass over all mapped memory of both
 * guests, so {@code jtcg diff} does it only at syscalls.
 */
final class MemoryComparison {
    private MemoryComparison() {
    }

    /** Null if equal, else one line describing the first difference. */
    static String firstDifference(PagedMemory a, PagedMemory b) {
        List<MemoryImage.Region> ra = MemoryImage.regions(a);
        List<MemoryImage.Region> rb = MemoryImage.regions(b);
        for (int i = 0; i < Math.max(ra.size(), rb.size()); i++) {
            MemoryImage.Region x = i < ra.size() ? ra.get(i) : null;
            MemoryImage.Region y = i < rb.size() ? rb.get(i) : null;
            if (x == null || !x.equals(y)) {
                return "mappings differ: " + describe(x) + " vs " + describe(y);
            }
        }
        byte[] pa = new byte[GuestMemory.PAGE_SIZE];
        byte[] pb = new byte[GuestMemory.PAGE_SIZE];
        for (MemoryImage.Region r : ra) {
            for (long va = r.va(); va - r.va() < r.length(); va += GuestMemory.PAGE_SIZE) {
                if (!MemoryImage.readPage(a, va, pa)) {
                    Arrays.fill(pa, (byte) 0);
                }
                if (!MemoryImage.readPage(b, va, pb)) {
                    Arrays.fill(pb, (byte) 0);
                }
                int k = Arrays.mismatch(pa, pb);
                if (k >= 0) {
                    return String.format("memory differs at 0x%x: 0x%02x vs 0x%02x", va + k, pa[k] & 0xff, pb[k] & 0xff);
                }
            }
        }
        return null;
    }

    private static String describe(MemoryImage.Region r) {
        return r == null ? "(none)" : String.format("0x%x-0x%x %s", r.va(), r.va() + r.length(), r.protString());
    }
}
