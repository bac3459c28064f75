package org.jtcg.core.memory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guest memory used by several threads at once: each thread has its own TLB, a mapping change in one
 * thread flushes the page from the others' TLBs (shoot-down), marking a code page drops every thread's
 * write tag, and demand paging of one page by several threads at once gives it one frame.
 */
class ThreadTlbsTest {
    static final int RW = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
    static final int ANON = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;
    final PagedMemory mem = new PagedMemory();
    /** "Another guest thread": one JVM thread that runs the steps given to it. */
    final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    <T> T inOther(Callable<T> step) throws Exception {
        return other.submit(step).get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachThreadHasItsOwnTlb() throws Exception {
        long p = mem.mmap(0, GuestMemory.PAGE_SIZE, RW, ANON);
        mem.store(p, 8, 42, false);
        SoftTlb mine = mem.tlb();
        SoftTlb theirs = inOther(mem::tlb);
        assertTrue(mine != theirs);
        assertEquals(p, mine.writeTag[SoftTlb.index(p)]);
        assertEquals(SoftTlb.EMPTY, theirs.readTag[SoftTlb.index(p)], "the other thread has not touched the page");
        assertEquals(42L, (long) inOther(() -> mem.load(p, 8, false)));
        assertEquals(p, theirs.readTag[SoftTlb.index(p)]);
        assertEquals(2, mem.tlbCount());
        inOther(() -> {
            mem.threadEnded();
            return null;
        });
        assertEquals(1, mem.tlbCount(), "an ended thread's TLB is dropped");
    }

    @Test
    void munmapAndRemapInOneThreadAreSeenByTheOther() throws Exception {
        long p = mem.mmap(0, GuestMemory.PAGE_SIZE, RW, ANON);
        mem.store(p, 8, 1, false);
        assertEquals(1L, (long) inOther(() -> mem.load(p, 8, false)));   // the other thread's TLB maps p
        SoftTlb theirs = inOther(mem::tlb);
        assertEquals(0, mem.munmap(p, GuestMemory.PAGE_SIZE));
        assertEquals(SoftTlb.EMPTY, theirs.readTag[SoftTlb.index(p)], "shoot-down before munmap returned");
        assertThrows(java.util.concurrent.ExecutionException.class, () -> inOther(() -> mem.load(p, 8, false)));
        // another page takes the old frame; p comes back with new contents
        long q = mem.mmap(0, GuestMemory.PAGE_SIZE, RW, ANON);
        mem.store(q, 8, -1, false);
        assertEquals(p, mem.mmap(p, GuestMemory.PAGE_SIZE, RW, ANON | GuestMemory.MAP_FIXED));
        mem.store(p, 8, 2, false);
        assertEquals(2L, (long) inOther(() -> mem.load(p, 8, false)));
        // mprotect to read-only: the other thread's stores fault from now on
        inOther(() -> {
            mem.store(p, 8, 3, false);
            return null;
        });
        assertEquals(0, mem.mprotect(p, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ));
        assertThrows(java.util.concurrent.ExecutionException.class, () -> inOther(() -> {
            mem.store(p, 8, 4, false);
            return null;
        }));
        assertEquals(3L, mem.load(p, 8, false));
    }

    @Test
    void markingACodePageDropsEveryThreadsWriteTag() throws Exception {
        long p = mem.mmap(0, GuestMemory.PAGE_SIZE, RW | GuestMemory.PROT_EXEC, ANON);
        List<Long> written = new ArrayList<>();
        mem.addCodeWriteListener(page -> {
            synchronized (written) {
                written.add(page);
            }
        });
        inOther(() -> {
            mem.store(p, 8, 5, false);
            return null;
        });
        SoftTlb theirs = inOther(mem::tlb);
        assertEquals(p, theirs.writeTag[SoftTlb.index(p)]);
        mem.markCode(p);   // this thread translated code on p
        assertEquals(SoftTlb.EMPTY, theirs.writeTag[SoftTlb.index(p)]);
        inOther(() -> {
            mem.store(p + 8, 8, 6, false);
            return null;
        });
        assertEquals(List.of(p + 8), written, "the other thread's store reached the code listeners (with its address)");
    }

    @Test
    void threadsTouchingNewPagesAtOnceGetOneFramePerPage() throws Exception {
        int threads = 4, pages = 64, rounds = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds; round++) {
                long base = mem.mmap(0, (long) pages * GuestMemory.PAGE_SIZE, RW, ANON);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    final int slot = t;
                    done.add(pool.submit(() -> {
                        start.await();
                        for (int pg = 0; pg < pages; pg++) {
                            mem.store(base + (long) pg * GuestMemory.PAGE_SIZE + 8L * slot, 8, 1000L * pg + slot, false);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(30, TimeUnit.SECONDS);
                }
                for (int pg = 0; pg < pages; pg++) {
                    for (int t = 0; t < threads; t++) {
                        assertEquals(1000L * pg + t, mem.load(base + (long) pg * GuestMemory.PAGE_SIZE + 8L * t, 8, false),
                                "a store landed in a frame the page lost");
                    }
                }
                assertEquals(0, mem.munmap(base, (long) pages * GuestMemory.PAGE_SIZE));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
