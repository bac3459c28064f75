package org.jtcg.core.memory;

import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.jtcg.core.memory.GuestMemory.*;
import static org.junit.jupiter.api.Assertions.*;

/** The atomic API of PagedMemory: values and byte orders, permissions and code pages, and atomicity under JVM threads. */
class GuestAtomicsMemoryTest {
    private static final int ANON = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    private static final long A = 0x50_0000;

    private PagedMemory mem;
    private final List<Long> codeEvents = new ArrayList<>();

    @BeforeEach
    void setUp() {
        mem = new PagedMemory(MemoryConfig.defaults().withChunkBytes(1 << 20).withRamLimit(64 << 20));
        mem.addCodeWriteListener(codeEvents::add);
        assertEquals(A, mem.mmap(A, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, ANON));
    }

    @Test
    void compareAndSwapEverySizeAndByteOrderTouchesOnlyItsBytes() {
        for (boolean be : new boolean[]{false, true}) {
            for (int size : new int[]{1, 2, 4, 8}) {
                for (long off = 0; off + size <= 16; off++) {   // aligned, unaligned in a word, and split
                    mem.store(A, 8, 0x1122334455667788L, false);
                    mem.store(A + 8, 8, 0x99aabbccddeeff00L, false);
                    long before = mem.load(A + off, size, be);
                    long mask = PagedAtomics.mask(size);
                    long repl = 0x0102030405060708L & mask;
                    assertEquals(before, mem.atomicCompareAndSwap(A + off, size, before ^ 1, repl, be), "failing CAS returns the value");
                    assertEquals(before, mem.load(A + off, size, be), "failing CAS stores nothing");
                    assertEquals(before, mem.atomicCompareAndSwap(A + off, size, before | ~mask, repl, be),
                            "only the low size bytes of expected count");
                    assertEquals(repl, mem.load(A + off, size, be), "size " + size + " off " + off + " be " + be);
                    // every other byte is as before
                    for (long k = 0; k < 16; k++) {
                        if (k < off || k >= off + size) {
                            long orig = k < 8 ? (0x1122334455667788L >>> (8 * k)) & 0xff : (0x99aabbccddeeff00L >>> (8 * (k - 8))) & 0xff;
                            assertEquals(orig, mem.load(A + k, 1, false), "byte " + k + " after size " + size + " off " + off);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fetchAndOpComputesOnTheAccessWidth() {
        mem.store(A, 8, 0, false);
        mem.store(A + 2, 2, 0xfffe, true);
        assertEquals(0xfffe, mem.atomicFetchAndOp(A + 2, 2, AtomicOp.ADD, 3, true));
        assertEquals(1, mem.load(A + 2, 2, true), "wraps at 16 bits");
        assertEquals(0, mem.load(A + 4, 4, false), "no carry into the next bytes");
        assertEquals(1, mem.atomicFetchAndOp(A + 2, 2, AtomicOp.OR, 0x8000, true));
        assertEquals(0x8001, mem.atomicFetchAndOp(A + 2, 2, AtomicOp.AND, 0xff, true));
        assertEquals(0x01, mem.atomicFetchAndOp(A + 2, 2, AtomicOp.XOR, 0x0101, true));
        assertEquals(0x0100, mem.atomicFetchAndOp(A + 2, 2, AtomicOp.XCHG, 0xabcd, true));
        assertEquals(0xab, mem.load(A + 2, 1, false), "big-endian: high byte first");
        mem.store(A + PAGE_SIZE - 4, 8, 0x00000001_ffffffffL, false);   // crosses the page
        assertEquals(0x00000001_ffffffffL, mem.atomicFetchAndOp(A + PAGE_SIZE - 4, 8, AtomicOp.ADD, 1, false));
        assertEquals(0x00000002_00000000L, mem.load(A + PAGE_SIZE - 4, 8, false));
    }

    @Test
    void compareAndSwap128BothByteOrders() {
        long[] old = new long[2];
        mem.store128(A + 16, false, 5, 6);
        assertFalse(mem.atomicCompareAndSwap128(A + 16, false, 5, 7, 1, 2, old));
        assertArrayEquals(new long[]{5, 6}, old);
        assertTrue(mem.atomicCompareAndSwap128(A + 16, false, 5, 6, 1, 2, old));
        assertEquals(1, mem.load(A + 16, 8, false));
        assertEquals(2, mem.load(A + 24, 8, false));
        assertTrue(mem.atomicCompareAndSwap128(A + 32, true, 0, 0, 0x11, 0x22, old));
        assertEquals(0x22, mem.load(A + 32, 8, true), "big-endian: high half first");
        assertEquals(0x11, mem.load(A + 40, 8, true));
        mem.atomicLoad128(A + 32, true, old);
        assertArrayEquals(new long[]{0x11, 0x22}, old);
        assertTrue(mem.atomicCompareAndSwap128(A + 8, false, 0, 1, 9, 10, old), "unaligned: under the split lock");
        assertEquals(10, mem.load(A + 16, 8, false));
    }

    @Test
    void atomicsNeedWritePermissionAndChangeNothingOnAFault() {
        assertEquals(0, mem.mprotect(A + PAGE_SIZE, PAGE_SIZE, PROT_READ));
        GuestFault f = assertThrows(GuestFault.class, () -> mem.atomicCompareAndSwap(A + PAGE_SIZE, 4, 1, 2, false));
        assertEquals(SigCodes.SEGV_ACCERR, f.siCode());
        assertEquals(A + PAGE_SIZE, f.address());
        assertThrows(GuestFault.class, () -> mem.atomicFetchAndOp(A + PAGE_SIZE, 8, AtomicOp.ADD, 1, false),
                "a failing comparison would not store, but a locked access needs write permission anyway");
        mem.store(A + PAGE_SIZE - 2, 2, 0x4242, false);
        assertThrows(GuestFault.class, () -> mem.atomicFetchAndOp(A + PAGE_SIZE - 2, 4, AtomicOp.ADD, 1, false));
        assertEquals(0x4242, mem.load(A + PAGE_SIZE - 2, 2, false), "the writable half is unchanged");
        assertEquals(SigCodes.SEGV_MAPERR, assertThrows(GuestFault.class,
                () -> mem.atomicCompareAndSwap(0x10, 8, 0, 1, false)).siCode());
        long[] old = new long[2];
        assertThrows(GuestFault.class, () -> mem.atomicCompareAndSwap128(A + PAGE_SIZE, false, 0, 0, 1, 1, old));
    }

    @Test
    void anAtomicOnACodePageRetiresTheCodeFirst() {
        mem.store(A, 8, 7, false);
        mem.markCode(A);
        assertEquals(7, mem.atomicFetchAndOp(A, 8, AtomicOp.ADD, 1, false));
        assertEquals(List.of(A), codeEvents);
        assertFalse(mem.isCode(A));
        mem.markCode(A);
        mem.atomicCompareAndSwap(A, 4, 99, 1, false);   // fails, but is a write all the same
        assertEquals(List.of(A, A), codeEvents);
    }

    @Test
    void concurrentIncrementsFromJvmThreadsAreExact() throws Exception {
        int threads = 4, perThread = 50_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    mem.atomicFetchAndOp(A, 8, AtomicOp.ADD, 1, false);               // aligned 8
                    mem.atomicFetchAndOp(A + 8 + id, 1, AtomicOp.ADD, 1, true);      // neighbouring bytes, one word
                    long old;
                    do {                                                            // CAS loop, big-endian 4 bytes
                        old = mem.load(A + 16, 4, true);
                    } while (mem.atomicCompareAndSwap(A + 16, 4, old, old + 3, true) != old);
                    mem.atomicFetchAndOp(A + 30, 4, AtomicOp.ADD, 1, false);          // split across 8-byte words
                    long[] o = new long[2];
                    do {
                        mem.atomicLoad128(A + 48, false, o);
                    } while (!mem.atomicCompareAndSwap128(A + 48, false, o[0], o[1], o[0] + 1, o[1] - 1, o));
                }
            });
            ts.add(th);
            th.start();
        }
        start.countDown();
        for (Thread th : ts) {
            th.join();
        }
        long n = (long) threads * perThread;
        assertEquals(n, mem.load(A, 8, false));
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread & 0xff, mem.load(A + 8 + t, 1, false), "byte " + t + " (none lost to a neighbour)");
        }
        assertEquals((3 * n) & 0xffffffffL, mem.load(A + 16, 4, true));
        assertEquals(n, mem.load(A + 30, 4, false));
        assertEquals(n, mem.load(A + 48, 8, false));
        assertEquals(-n, mem.load(A + 56, 8, false));
    }
}
