package org.jtcg.core.interp.nodes;

import org.jtcg.core.memory.RawMemory;
import org.jtcg.core.memory.SoftTlb;

/**
 * The cold tier's inline soft-TLB probe: the raw off-heap entries ({@link SoftTlb#fastAddress}) read the way
 * the JIT's generated code reads them, so a cold load or store that hits costs a few host loads instead of an
 * interface call into {@link org.jtcg.core.memory.PagedMemory} (thread lookup, probe, size switch, heap-entry
 * fallback). Every method is small enough for C1 to inline into the nodes (35 bytes of bytecode); the nodes
 * spell out their size switches in their own {@code run} for the same reason (C1 inlined neither
 * {@code RawMemory.load}'s switch nor a 62-byte one here).
 */
final class ColdTlbProbe {
    private ColdTlbProbe() {}

    /** Byte offsets of an entry's fields (SoftTlb's layout: read tag, write tag, addend). */
    static final long WRITE_TAG = 8, ADDEND = 16;

    /**
     * Host address of va's entry in the TLB's raw table, or 0 when there is none (raw memory off): {@code
     * ((va >>> 12) & MASK) << ENTRY_SHIFT} folded into one shift and one mask.
     */
    static long entry(SoftTlb tlb, long va) {
        long base = tlb.fastAddress;
        return base == 0 ? 0 : base + ((va >>> (12 - SoftTlb.ENTRY_SHIFT)) & ((long) SoftTlb.MASK << SoftTlb.ENTRY_SHIFT));
    }

    static boolean plainSize(int size) {
        return size == 1 || size == 2 || size == 4 || size == 8;
    }
}
