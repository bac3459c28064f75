package org.jtcg.core.memory;

/** Receives maximal runs of mapped pages from {@link PagedMemory#forEachMapping}. */
@FunctionalInterface
public interface MappingVisitor {
    /**
     * One run of pages with consecutive virtual and physical addresses and one protection.
     *
     * @param va              first page of the run
     * @param len             length in bytes (a multiple of the page size)
     * @param physicalAddress guest-physical address backing {@code va} (see {@link RamChunk}),
     *                        or -1 for a PROT_NONE reservation that owns no frames yet
     * @param prot            PROT_* bits
     */
    void mapping(long va, long len, long physicalAddress, int prot);
}
