package org.jtcg.core.interp.nodes;

import org.jtcg.core.memory.RawMemory;
import org.jtcg.core.memory.SoftTlb;

/**
 * The cold tier's inline soft-TLB probe: the raw off-heap entries ({@link SoftTlb#fastAddress}) read the way
 * the JIT's generated code reads them, so a cold load or store that hits costs a few host loads instead of an
 * interface call into {@link org.jtcg.core.memory.PagedMemory} (thread lookup, probe, size switch, heap-entry
 * fallback). Every method is small enough for C1 to inline into the nodes (35 bytes of bytecode); the size
 * switches are spelled out here because {@code RawMemory.load}'s is not.
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

    static long load(long host, int size, boolean bigEndian) {
        return bigEndian ? loadBig(host, size) : loadLittle(host, size);
    }

    private static long loadLittle(long host, int size) {
        switch (size) {
            case 1: return RawMemory.ld8(host);
            case 2: return RawMemory.ld16le(host);
            case 4: return RawMemory.ld32le(host);
            default: return RawMemory.ld64le(host);
        }
    }

    private static long loadBig(long host, int size) {
        switch (size) {
            case 1: return RawMemory.ld8(host);
            case 2: return RawMemory.ld16be(host);
            case 4: return RawMemory.ld32be(host);
            default: return RawMemory.ld64be(host);
        }
    }

    static void store(long host, int size, long value, boolean bigEndian) {
        if (bigEndian) {
            storeBig(host, size, value);
        } else {
            storeLittle(host, size, value);
        }
    }

    private static void storeLittle(long host, int size, long value) {
        switch (size) {
            case 1: RawMemory.st8(host, value); break;
            case 2: RawMemory.st16le(host, value); break;
            case 4: RawMemory.st32le(host, value); break;
            default: RawMemory.st64le(host, value); break;
        }
    }

    private static void storeBig(long host, int size, long value) {
        switch (size) {
            case 1: RawMemory.st8(host, value); break;
            case 2: RawMemory.st16be(host, value); break;
            case 4: RawMemory.st32be(host, value); break;
            default: RawMemory.st64be(host, value); break;
        }
    }
}
