package org.jtcg.core.memory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Hands out 4 KiB frames of off-heap guest RAM.
 *
 * <p>RAM is a list of {@link RamChunk}s allocated lazily, one at a time, when the free list
 * is empty. A frame is named by its frame number {@code physicalAddress >>> 12}. Freed frames
 * go to a LIFO free list and are zeroed when handed out again; never-used frames of a fresh
 * chunk are already zero (the JVM zeroes direct buffers), so they are not touched, which keeps
 * the host's resident set small.
 *
 * <p>The limit counts frames in use, not chunks: a guest can reserve any amount of address
 * space, but only pages that own a frame count. When the limit is reached, or the JVM refuses
 * more direct memory, {@link #allocate(int)} returns null; no OutOfMemoryError escapes.
 *
 * <p>Not thread-safe: the owner (one address space) serialises calls.
 */
public final class FrameAllocator {
    private static final byte[] ZERO_PAGE = new byte[GuestMemory.PAGE_SIZE];

    private final long limitFrames;
    private final int chunkShift;
    private final int framesPerChunkShift;
    private final IntFunction<ByteBuffer> chunkSource;
    /** Copy-on-write: guest threads read it without a lock (chunkOf after a translation) while one adds a chunk. */
    private final List<RamChunk> chunks = new CopyOnWriteArrayList<>();
    private final List<Consumer<RamChunk>> chunkListeners = new CopyOnWriteArrayList<>();
    /** Frames freed and not yet reused (they hold stale data). */
    private int[] freeList = new int[256];
    private int freeCount;
    /** Next never-used frame number; frames below it exist in some chunk. */
    private int nextFresh;
    private long framesInUse;
    /** Set once the JVM refused a chunk, so we do not retry (each refusal costs a full GC). */
    private boolean hostExhausted;

    /**
     * @param limitBytes most RAM that may be in use by frames at one time (rounded down to pages)
     * @param chunkBytes size of each lazily allocated chunk: a power of two from 4 KiB to 1 GiB
     */
    public FrameAllocator(long limitBytes, int chunkBytes) {
        this(limitBytes, chunkBytes, FrameAllocator::allocateAlignedChunk);
    }

    /** With a custom source of chunk buffers (tests simulate the host running out with it). */
    FrameAllocator(long limitBytes, int chunkBytes, IntFunction<ByteBuffer> chunkSource) {
        this.chunkSource = chunkSource;
        if (chunkBytes < GuestMemory.PAGE_SIZE || Integer.bitCount(chunkBytes) != 1 || chunkBytes > (1 << 30)) {
            throw new IllegalArgumentException("chunk size must be a power of two between 4 KiB and 1 GiB: " + chunkBytes);
        }
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative RAM limit: " + limitBytes);
        }
        this.limitFrames = Math.min(limitBytes >>> GuestMemory.PAGE_SHIFT, Integer.MAX_VALUE);
        this.chunkShift = Integer.numberOfTrailingZeros(chunkBytes);
        this.framesPerChunkShift = chunkShift - GuestMemory.PAGE_SHIFT;
    }

    /**
     * Allocates {@code n} zeroed frames, all or nothing.
     *
     * @return the frame numbers, or null if the limit or the host's memory does not allow n more
     */
    public int[] allocate(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative frame count: " + n);
        }
        if (framesInUse + n > limitFrames) {
            return null;
        }
        int fromFree = Math.min(n, freeCount);
        int fresh = n - fromFree;
        if (!ensureFreshFrames(fresh)) {
            return null;
        }
        int[] out = new int[n];
        for (int i = 0; i < fromFree; i++) {
            int frame = freeList[--freeCount];
            chunkOf(frame).put(offsetOf(frame), ZERO_PAGE, 0, ZERO_PAGE.length);
            out[i] = frame;
        }
        for (int i = fromFree; i < n; i++) {
            out[i] = nextFresh++;
        }
        framesInUse += n;
        return out;
    }

    /** Allocates one zeroed frame; returns its number or -1. */
    public int allocateOne() {
        int[] f = allocate(1);
        return f == null ? -1 : f[0];
    }

    /** Returns a frame to the free list. The caller must no longer reference it. */
    public void free(int frame) {
        if (frame < 0 || frame >= nextFresh) {
            throw new IllegalArgumentException("not an allocated frame: " + frame);
        }
        if (freeCount == freeList.length) {
            freeList = Arrays.copyOf(freeList, freeList.length * 2);
        }
        freeList[freeCount++] = frame;
        framesInUse--;
    }

    private boolean ensureFreshFrames(int fresh) {
        long needed = (long) nextFresh + fresh;
        while (needed > ((long) chunks.size() << framesPerChunkShift)) {
            if (hostExhausted || !addChunk()) {
                return false;
            }
        }
        return true;
    }

    private boolean addChunk() {
        ByteBuffer buffer;
        try {
            buffer = chunkSource.apply(1 << chunkShift);
        } catch (OutOfMemoryError e) {   // the JVM's direct-memory limit, not a guest error
            hostExhausted = true;
            return false;
        }
        RamChunk chunk = new RamChunk(chunks.size(), (long) chunks.size() << chunkShift, buffer);
        chunks.add(chunk);
        for (Consumer<RamChunk> l : chunkListeners) {
            l.accept(chunk);
        }
        return true;
    }

    /** A zeroed direct buffer of {@code size} bytes starting on a host page boundary. */
    private static ByteBuffer allocateAlignedChunk(int size) {
        // Over-allocate by one page so the aligned slice still holds a whole chunk.
        return ByteBuffer.allocateDirect(size + GuestMemory.PAGE_SIZE).alignedSlice(GuestMemory.PAGE_SIZE).slice(0, size);
    }

    /** The chunk buffer holding a frame. */
    public ByteBuffer chunkOf(int frame) {
        return chunks.get(frame >>> framesPerChunkShift).buffer();
    }

    /** Byte offset of a frame inside its chunk buffer. */
    public int offsetOf(int frame) {
        return (frame & ((1 << framesPerChunkShift) - 1)) << GuestMemory.PAGE_SHIFT;
    }

    /** Guest-physical address of a frame. */
    public static long physicalAddress(int frame) {
        return (long) frame << GuestMemory.PAGE_SHIFT;
    }

    /** The chunks allocated so far, in physical order (unmodifiable live view). */
    public List<RamChunk> chunks() {
        return Collections.unmodifiableList(chunks);
    }

    /** Called with every chunk allocated from now on (the KVM engine adds a memory slot). */
    public void addChunkListener(Consumer<RamChunk> listener) {
        chunkListeners.add(listener);
    }

    public int chunkBytes() {
        return 1 << chunkShift;
    }

    /** Bytes currently owned by mapped pages. */
    public long bytesInUse() {
        return framesInUse << GuestMemory.PAGE_SHIFT;
    }

    /** The configured limit in bytes. */
    public long limitBytes() {
        return limitFrames << GuestMemory.PAGE_SHIFT;
    }
}
