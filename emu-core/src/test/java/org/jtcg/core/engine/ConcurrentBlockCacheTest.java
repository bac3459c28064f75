package org.jtcg.core.engine;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One engine shared by several threads running at once (parallel guest threads): concurrent lookup,
 * translation, chaining, tier-up and region forming, while another thread keeps invalidating the code
 * (Engine.invalidate and stores to the code page). Every CPU must compute exactly what it computes alone.
 */
class ConcurrentBlockCacheTest {
    static final byte INC0 = 0x10, DEC1 = 0x21, JNZ = 0x41, SYSCALL = 0x50, JMP = 0x40;
    static final long CODE = 0x10000, LOOP_PC = CODE + 0xff0;
    static final int THREADS = 3, RUNS = 200, LOOP = 300;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void threadsShareOneEngineWhileItsCodeIsInvalidated(String kind) throws Exception {
        PagedMemory mem = new PagedMemory();
        assertEquals(CODE, mem.mmap(CODE, 2 * GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE
                | GuestMemory.PROT_EXEC, GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED));
        // LOOP_PC: inc r0; dec r1; jnz r1, LOOP_PC; jmp CODE+0x1000 (the next page)     CODE+0x1000: syscall
        byte[] loop = {INC0, DEC1, JNZ, -4, JMP, 0x0a};
        mem.poke(LOOP_PC, loop, 0, loop.length);
        mem.poke(CODE + 0x1000, new byte[] {SYSCALL}, 0, 1);
        EngineContext ctx = new EngineContext(new TestArch(new ToyTranslator()), mem, null, java.util.Set.of());
        // low thresholds: tier-ups and regions happen while the threads race
        BlockEngine e = Engines.engine(kind, ctx, new BlockEngine.Config(true, 128, true, 3, 20));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS + 1);
            AtomicBoolean done = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(pool.submit(() -> {
                    TestCpu cpu = new TestCpu();
                    cpu.attachMemory(mem);
                    start.await();
                    for (int run = 0; run < RUNS; run++) {
                        cpu.pc = LOOP_PC;
                        cpu.r1 = LOOP;
                        EngineExit x = e.run(cpu);
                        while (x.kind() == EngineExit.Kind.INTERRUPTED) {
                            // another thread dropped code this one may be running: it left, as CpuLoop resumes
                            cpu.exitRequested = false;
                            interrupted.incrementAndGet();
                            x = e.run(cpu);
                        }
                        assertEquals(EngineExit.Kind.SYSCALL, x.kind(), x.toString());
                        assertEquals(CODE + 0x1001, cpu.pc);
                    }
                    e.threadEnded();
                    mem.threadEnded();
                    return cpu.r0;
                }));
            }
            Future<Integer> invalidator = pool.submit(() -> {
                start.await();
                int n = 0;
                while (!done.get()) {
                    if (n % 2 == 0) {
                        e.invalidate(LOOP_PC, loop.length);
                    } else {
                        mem.store(LOOP_PC, 1, INC0, false);   // the same byte: a code write, nothing changes
                    }
                    n++;
                    Thread.sleep(0, 200_000);
                }
                return n;
            });
            for (Future<Long> r : results) {
                assertEquals((long) RUNS * LOOP, r.get(60, TimeUnit.SECONDS));
            }
            done.set(true);
            int invalidations = invalidator.get(10, TimeUnit.SECONDS);
            EngineStats s = e.stats();
            assertTrue(invalidations > 0 && s.invalidatedBlocks > 0, s.toString());
            assertTrue(s.translations > 2, s.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
