package org.jtcg.core.memory;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FrameAllocatorTest {
    private static final int PAGE = GuestMemory.PAGE_SIZE;

    @Test
    void chunksArePageAlignedAndLaidOutByPhysicalAddress() {
        FrameAllocator ram = new FrameAllocator(1 << 20, 64 << 10);
        List<RamChunk> seen = new ArrayList<>();
        ram.addChunkListener(seen::add);
        int[] frames = ram.allocate(40);   // 16 frames per 64 KiB chunk -> 3 chunks
        assertNotNull(frames);
        assertEquals(3, ram.chunks().size());
        assertEquals(ram.chunks(), seen);
        for (RamChunk c : ram.chunks()) {
            assertEquals((long) c.index() * (64 << 10), c.physicalBase());
            assertEquals(64 << 10, c.size());
            assertTrue(c.buffer().isDirect());
            assertEquals(0, c.buffer().alignmentOffset(0, PAGE), "chunk must start on a host page");
        }
        Set<Integer> distinct = new HashSet<>();
        for (int f : frames) {
            assertTrue(distinct.add(f));
            RamChunk c = ram.chunks().get((int) (FrameAllocator.physicalAddress(f) / (64 << 10)));
            assertSame(c.buffer(), ram.chunkOf(f));
            assertEquals(FrameAllocator.physicalAddress(f) - c.physicalBase(), ram.offsetOf(f));
        }
    }

    @Test
    void reusedFramesAreZeroed() {
        FrameAllocator ram = new FrameAllocator(1 << 20, 64 << 10);
        int f = ram.allocateOne();
        ByteBuffer b = ram.chunkOf(f);
        for (int i = 0; i < PAGE; i++) {
            b.put(ram.offsetOf(f) + i, (byte) (i | 1));
        }
        ram.free(f);
        int again = ram.allocateOne();
        assertEquals(f, again, "LIFO free list hands the same frame back");
        for (int i = 0; i < PAGE; i++) {
            assertEquals(0, b.get(ram.offsetOf(again) + i), "byte " + i);
        }
    }

    @Test
    void limitCountsFramesInUseAndIsAllOrNothing() {
        FrameAllocator ram = new FrameAllocator(8 * PAGE, PAGE * 4);
        int[] six = ram.allocate(6);
        assertNotNull(six);
        assertNull(ram.allocate(3), "only two frames left");
        assertEquals(6L * PAGE, ram.bytesInUse());
        assertNotNull(ram.allocate(2));
        assertEquals(-1, ram.allocateOne());
        ram.free(six[0]);
        assertTrue(ram.allocateOne() >= 0);
    }

    @Test
    void hostRefusingDirectMemoryIsReportedAsNoFramesAndNotRetried() {
        int[] calls = {0};
        FrameAllocator ram = new FrameAllocator(1L << 30, PAGE * 2, size -> {
            if (++calls[0] > 2) {
                throw new OutOfMemoryError("Cannot reserve direct buffer memory");
            }
            return ByteBuffer.allocateDirect(size);
        });
        assertNotNull(ram.allocate(4));
        assertNull(ram.allocate(1));
        assertNull(ram.allocate(1));
        assertEquals(3, calls[0], "one refusal is enough: each costs the JVM a full GC");
        assertEquals(4L * PAGE, ram.bytesInUse(), "the failed calls took nothing");
    }

    @Test
    void rejectsBadChunkSizeAndFrames() {
        assertThrows(IllegalArgumentException.class, () -> new FrameAllocator(1 << 20, 3000));
        FrameAllocator ram = new FrameAllocator(1 << 20, PAGE);
        assertThrows(IllegalArgumentException.class, () -> ram.free(5));
    }
}
