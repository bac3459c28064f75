package org.jtcg.core.memory;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A new soft TLB is empty in both of its forms (its tag arrays and the off-heap table JIT code probes), as
 * flushAll leaves it: the constructor fills them in bulk instead of entry by entry.
 */
class SoftTlbEmptyTest {
    @Test
    void newTlbHasEveryTagEmpty() {
        SoftTlb tlb = new SoftTlb();
        for (int i = 0; i < SoftTlb.SIZE; i++) {
            assertEquals(SoftTlb.EMPTY, tlb.readTag[i], "read tag " + i);
            assertEquals(SoftTlb.EMPTY, tlb.writeTag[i], "write tag " + i);
            assertEquals(SoftTlb.EMPTY, tlb.fast(i, 0), "fast read tag " + i);
            assertEquals(SoftTlb.EMPTY, tlb.fast(i, 1), "fast write tag " + i);
        }
    }

    @Test
    void fillThenFlushAllEmptiesAgain() {
        SoftTlb tlb = new SoftTlb();
        ByteBuffer chunk = ByteBuffer.allocateDirect(2 * GuestMemory.PAGE_SIZE);
        long first = 0x10000L;
        long last = first + (long) (SoftTlb.SIZE - 1) * GuestMemory.PAGE_SIZE;
        tlb.fill(first, chunk, 0, true, true);
        tlb.fill(last, chunk, GuestMemory.PAGE_SIZE, true, false);
        assertEquals(first, tlb.readTag[SoftTlb.index(first)]);
        assertEquals(last, tlb.readTag[SoftTlb.index(last)]);
        tlb.flushAll();
        for (int i = 0; i < SoftTlb.SIZE; i++) {
            assertEquals(SoftTlb.EMPTY, tlb.readTag[i]);
            assertEquals(SoftTlb.EMPTY, tlb.writeTag[i]);
            assertEquals(SoftTlb.EMPTY, tlb.fast(i, 0));
            assertEquals(SoftTlb.EMPTY, tlb.fast(i, 1));
        }
    }
}
