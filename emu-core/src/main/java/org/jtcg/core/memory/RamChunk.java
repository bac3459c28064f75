package org.jtcg.core.memory;

import java.nio.ByteBuffer;

/**
 * One page-aligned block of off-heap guest RAM.
 *
 * <p>Guest "physical" addresses are laid out chunk after chunk: chunk {@code index} covers
 * {@code [physicalBase, physicalBase + buffer.capacity())} with
 * {@code physicalBase = index * chunkBytes}. The KVM engine registers each chunk as one memory
 * slot at its physical base, so the frames the software engines use are the very bytes the
 * hardware guest sees.
 *
 * @param index        position in the chunk list (0, 1, ...)
 * @param physicalBase guest-physical address of the chunk's first byte
 * @param buffer       the direct buffer, page-aligned in host memory; use absolute accessors only
 */
public record RamChunk(int index, long physicalBase, ByteBuffer buffer) {
    /** Size of the chunk in bytes. */
    public int size() {
        return buffer.capacity();
    }
}
