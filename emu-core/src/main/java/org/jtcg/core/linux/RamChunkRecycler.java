package org.jtcg.core.linux;

import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.memory.RamChunk;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the RAM chunks of ended guest processes for the next forked ones. A fresh direct buffer costs the
 * host a page fault per page on first touch (on some hosts about 250 ms for a 16 MiB chunk), which a shell
 * would pay at every fork; a recycled chunk is only zeroed, which touches memory the host already backs.
 * At most {@link #MAX_KEPT_BYTES} are kept; the rest is left to the garbage collector.
 */
final class RamChunkRecycler {
    static final long MAX_KEPT_BYTES = 256L << 20;
    private static final byte[] ZEROS = new byte[64 << 10];
    private static final Map<Integer, Deque<ByteBuffer>> FREE = new HashMap<>();
    private static long keptBytes;

    private RamChunkRecycler() {
    }

    /** A new address space whose chunks come from the recycled ones while there are any. */
    static PagedMemory newMemory(MemoryConfig config) {
        return new PagedMemory(config, RamChunkRecycler::take);
    }

    /** {@code memory}'s process has ended and nothing uses the memory any more: its chunks may be reused. */
    static void recycle(PagedMemory memory) {
        synchronized (FREE) {
            for (RamChunk c : memory.chunks()) {
                int size = c.buffer().capacity();
                if (keptBytes + size > MAX_KEPT_BYTES) return;
                FREE.computeIfAbsent(size, k -> new ArrayDeque<>()).push(c.buffer());
                keptBytes += size;
            }
        }
    }

    private static ByteBuffer take(int size) {
        ByteBuffer b;
        synchronized (FREE) {
            Deque<ByteBuffer> d = FREE.get(size);
            b = d == null ? null : d.poll();
            if (b != null) keptBytes -= size;
        }
        if (b == null) {
            return ByteBuffer.allocateDirect(size + org.jtcg.core.memory.GuestMemory.PAGE_SIZE)
                    .alignedSlice(org.jtcg.core.memory.GuestMemory.PAGE_SIZE).slice(0, size);
        }
        for (int off = 0; off < size; off += ZEROS.length) b.put(off, ZEROS, 0, Math.min(ZEROS.length, size - off));
        return b;
    }
}
