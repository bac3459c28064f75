package org.jtcg.bench;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.memory.SoftTlb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Guest memory accesses through {@link PagedMemory#load}/{@link PagedMemory#store} (the path the
 * interpreter and helpers use; the JIT inlines the same TLB check). Score = ns per 8-byte access.
 *
 * <ul>
 * <li>{@code *Hit}: addresses cycle over 8 pages, so every access hits the soft TLB.</li>
 * <li>{@code *Miss}: addresses walk 2 × {@link SoftTlb#SIZE} pages in order; the TLB is
 *     direct-mapped, so page {@code p + SIZE} evicts page {@code p} before it comes round again
 *     and every access walks the page table and refills an entry.</li>
 * <li>{@code *Cross}: an 8-byte access 4 bytes before a page end; the TLB tag check rejects
 *     page-crossing accesses, so each one takes the slow path over two pages.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryBench {
    private static final int HIT_PAGES = 8;
    private static final int MISS_PAGES = 2 * SoftTlb.SIZE;

    private PagedMemory mem;
    private long base;
    private int i;

    @Setup(Level.Trial)
    public void setup() {
        mem = new PagedMemory(MemoryConfig.defaults());
        long len = (long) (MISS_PAGES + 1) * GuestMemory.PAGE_SIZE;
        base = mem.mmap(0, len, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
        if (base < 0) {
            throw new IllegalStateException("mmap of " + len + " bytes failed with errno " + -base);
        }
    }

    /** Next address: page {@code i % pages}, a varying 8-aligned offset inside it. */
    private long addr(int pages) {
        i++;
        int page = i % pages;
        return base + (long) page * GuestMemory.PAGE_SIZE + ((i * 72) & 0xff8);
    }

    private long crossAddr() {
        i++;
        return base + (long) (i & 63) * GuestMemory.PAGE_SIZE + GuestMemory.PAGE_SIZE - 4;
    }

    @Benchmark
    public long loadHit() {
        return mem.load(addr(HIT_PAGES), 8, false);
    }

    @Benchmark
    public long loadMiss() {
        return mem.load(addr(MISS_PAGES), 8, false);
    }

    @Benchmark
    public long loadCross() {
        return mem.load(crossAddr(), 8, false);
    }

    @Benchmark
    public void storeHit() {
        mem.store(addr(HIT_PAGES), 8, i, false);
    }

    @Benchmark
    public void storeMiss() {
        mem.store(addr(MISS_PAGES), 8, i, false);
    }

    @Benchmark
    public void storeCross() {
        mem.store(crossAddr(), 8, i, false);
    }
}
