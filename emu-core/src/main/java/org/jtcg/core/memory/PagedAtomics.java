package org.jtcg.core.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Guest atomics as host atomics on the RAM behind a {@link PagedMemory}.
 *
 * <p>Every access of 1 to 8 bytes that lies inside one naturally aligned 8-byte guest word (all aligned
 * accesses, and unaligned ones that do not cross such a word) is a compare-and-set loop on that host
 * word through a little-endian {@code long} view of the RAM chunk: the loop re-reads the word when any
 * of its bytes changed meanwhile, so neighbouring bytes written by other threads are never lost and the
 * access is atomic against every other access, plain or atomic, of any thread. The guest byte order is
 * applied to the bytes of the access only.
 *
 * <p>Split accesses (crossing an 8-byte boundary, e.g. an x86 split lock) take one global lock, like the
 * bus lock a split locked instruction takes in hardware, and then load and store plainly: atomic against
 * other split accesses, not against another thread's aligned atomic or plain store to the same bytes in
 * the middle of it (the bytes the access does not cover are never written).
 *
 * <p>16-byte compare-and-swap (x86 cmpxchg16b, arm64 stxp, s390x cdsg) has no host instruction in Java.
 * An aligned one holds a lock chosen by address (one of {@link #STRIPES}) and changes the two 8-byte halves
 * with one compare-and-set each; if the second fails (another thread stored to that half after it was read)
 * the first is set back and the whole operation retries. So it is atomic against other 16-byte CASes and
 * {@link GuestMemory#atomicLoad128} of the same address, and never loses a concurrent 8-byte store to either
 * half; but a thread reading the halves with two separate 8-byte loads may see the new low half with the old
 * high half for a moment (the 16 bytes are not one single-copy-atomic unit against plain accesses).
 *
 * <p>Every form first checks write permission for all its bytes (a fault changes nothing) and retires
 * translated code on the page, through {@link Frames}.
 */
final class PagedAtomics {
    /** Locks for 16-byte operations, chosen by address: independent addresses rarely contend. */
    static final int STRIPES = 64;

    /** How atomics find host memory: the owner's page walk with write permission and code retirement. */
    interface Frames {
        /** Faults unless all of [va, va + len) is writable; retires translated code on those pages. */
        void checkWritable(long va, int len);

        /** The frame backing va (already checked writable). */
        int frame(long va);
    }

    private static final VarHandle WORD = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Object SPLIT_LOCK = new Object();

    private final GuestMemory memory;
    private final Frames frames;
    private final FrameAllocator ram;
    private final Object[] stripes = new Object[STRIPES];

    PagedAtomics(GuestMemory memory, Frames frames, FrameAllocator ram) {
        this.memory = memory;
        this.ram = ram;
        this.frames = frames;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    /** The low size bytes of v in the other byte order. */
    private static long swap(long v, int size) {
        return Long.reverseBytes(v) >>> (64 - 8 * size);
    }

    private static boolean insideOneWord(long va, int size) {
        return (va & 7) + size <= 8;
    }

    long compareAndSwap(long va, int size, long expected, long replacement, boolean bigEndian) {
        long mask = mask(size);
        long want = expected & mask;
        long value = replacement & mask;
        return readModifyWrite(va, size, bigEndian, old -> old == want, old -> value);
    }

    long fetchAndOp(long va, int size, AtomicOp op, long operand, boolean bigEndian) {
        return readModifyWrite(va, size, bigEndian, old -> true, old -> op.apply(old, operand));
    }

    /**
     * The one atomic read-modify-write both {@link #compareAndSwap} and {@link #fetchAndOp} are: reads the
     * size-byte value at va, and when {@code storeIf} accepts it stores {@code next(old)}, all as one atomic
     * step; returns the old value. Inside one aligned 8-byte word that is a CAS loop on the host word; a
     * value split across words takes the split lock (atomic against other split accesses only).
     */
    private long readModifyWrite(long va, int size, boolean bigEndian, LongPredicate storeIf, LongUnaryOperator next) {
        checkSize(size);
        long mask = mask(size);
        frames.checkWritable(va, size);
        if (!insideOneWord(va, size)) {
            synchronized (SPLIT_LOCK) {
                long old = memory.load(va, size, bigEndian);
                if (storeIf.test(old)) {
                    memory.store(va, size, next.applyAsLong(old), bigEndian);
                }
                return old;
            }
        }
        long wordVa = va & ~7L;
        int frame = frames.frame(wordVa);
        ByteBuffer chunk = ram.chunkOf(frame);
        int off = ram.offsetOf(frame) + (int) (wordVa & ~GuestMemory.PAGE_MASK);
        int shift = (int) (va & 7) * 8;
        while (true) {
            long word = (long) WORD.getVolatile(chunk, off);
            long raw = (word >>> shift) & mask;
            long old = bigEndian ? swap(raw, size) : raw;
            if (!storeIf.test(old)) {
                return old;
            }
            long updated = next.applyAsLong(old) & mask;
            long newRaw = bigEndian ? swap(updated, size) : updated;
            long newWord = (word & ~(mask << shift)) | (newRaw << shift);
            if (WORD.compareAndSet(chunk, off, word, newWord)) {
                return old;
            }
        }
    }

    boolean compareAndSwap128(long va, boolean bigEndian, long expectedLow, long expectedHigh,
                              long replacementLow, long replacementHigh, long[] old) {
        frames.checkWritable(va, 16);
        if ((va & 15) != 0) {
            synchronized (SPLIT_LOCK) {
                memory.load128(va, bigEndian, old);
                boolean equal = old[0] == expectedLow && old[1] == expectedHigh;
                if (equal) {
                    memory.store128(va, bigEndian, replacementLow, replacementHigh);
                }
                return equal;
            }
        }
        int frame = frames.frame(va);
        ByteBuffer chunk = ram.chunkOf(frame);
        int off = ram.offsetOf(frame) + (int) (va & ~GuestMemory.PAGE_MASK);
        // memory order: little-endian low half first; big-endian high half first, each half byte-swapped
        long firstNew = bigEndian ? Long.reverseBytes(replacementHigh) : replacementLow;
        long secondNew = bigEndian ? Long.reverseBytes(replacementLow) : replacementHigh;
        synchronized (stripes[(int) (va >>> 4) & (STRIPES - 1)]) {
            while (true) {
                long first = (long) WORD.getVolatile(chunk, off);
                long second = (long) WORD.getVolatile(chunk, off + 8);
                old[0] = bigEndian ? Long.reverseBytes(second) : first;
                old[1] = bigEndian ? Long.reverseBytes(first) : second;
                if (old[0] != expectedLow || old[1] != expectedHigh) {
                    return false;
                }
                if (!WORD.compareAndSet(chunk, off, first, firstNew)) {
                    continue;
                }
                if (WORD.compareAndSet(chunk, off + 8, second, secondNew)) {
                    return true;
                }
                // the second half changed under us: put the first back (unless that changed too) and retry
                WORD.compareAndSet(chunk, off, firstNew, first);
            }
        }
    }

    void load128(long va, boolean bigEndian, long[] out) {
        if ((va & 15) != 0) {
            synchronized (SPLIT_LOCK) {
                memory.load128(va, bigEndian, out);
            }
            return;
        }
        synchronized (stripes[(int) (va >>> 4) & (STRIPES - 1)]) {
            memory.load128(va, bigEndian, out);
        }
    }

    private static void checkSize(int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalArgumentException("atomic access size must be 1, 2, 4 or 8: " + size);
        }
    }
}
