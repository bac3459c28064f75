package org.jtcg.core.memory;

/**
 * Told after mmap, munmap, mprotect, mremap, brk (or a frame attached by poke) changed the
 * mappings of [va, va + len). The KVM engine mirrors the guest page table with it, re-reading
 * the range through {@link PagedMemory#forEachMapping}.
 */
@FunctionalInterface
public interface MappingListener {
    void mappingChanged(long va, long len);
}
