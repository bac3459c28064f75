package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.jtcg.core.memory.SoftTlb;
import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Loop page slots ({@link PageReusePlan}): which accesses get one, and that a page changed while a region
 * loops over it is seen at the next back edge (the TLB generation), for another thread's mprotect/munmap
 * and for a page becoming code.
 */
public class LoopPageSlotTest { // public: the loop calls its hook through a HelperRef
    private static final int ITERATIONS = 50, CHANGE_AT = 7;

    /** What the loop's hook does at iteration CHANGE_AT (set per test; the helper is a static method). */
    static volatile LongConsumer atIteration = i -> { };

    /** The loop's helper: runs {@link #atIteration} (public static, as HelperRef requires). */
    public static void hook(long i) {
        if (i == CHANGE_AT) {
            atIteration.accept(i);
        }
    }

    @AfterEach
    void reset() {
        atIteration = i -> { };
    }

    /**
     * 0x100: r2 += ld64 [r0] (or st64 [r0] = r1); 0x104: hook(r1); 0x108: r1 += 1, loop while r1 < r3.
     */
    private static IrBlock loop(boolean store) {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        if (store) {
            b.store(b.global(1), b.global(0), 8, false);
        } else {
            b.load(b.global(4), b.global(0), 8, false, false);
            b.add(b.global(2), b.global(2), b.global(4));
        }
        b.insnStart(0x104);
        b.call(HelperRef.of(LoopPageSlotTest.class, "hook", 0), null, b.global(1));
        b.insnStart(0x108);
        b.add(b.global(1), b.global(1), b.const64(1));
        Label again = b.newLabel();
        b.brcond(Cond.LT, b.global(1), b.global(3), again);
        b.gotoDirect(0x10c);
        b.setLabel(again);
        b.gotoDirect(0x100);
        return b.finish(0x10c);
    }

    /** Exit 0 leaves the loop, exit 1 jumps back to the block itself. */
    private static final int[][] SELF_LOOP = {{-1, 0}};

    private static List<Op> accesses(IrBlock blk) {
        return blk.ops().stream().filter(o -> o.opc == Opcode.LOAD || o.opc == Opcode.STORE).toList();
    }

    @Test
    void onlyAccessesOfALoopWithoutAnInnerLoopGetLoopSlots() {
        IrBlock blk = loop(false);
        PageReusePlan looped = new PageReusePlan(List.of(blk), SELF_LOOP);
        Op load = accesses(blk).get(0);
        assertTrue(looped.hasLoopSlots());
        assertEquals(PageReusePlan.USE | PageReusePlan.FILL, looped.flags(load));
        assertTrue(looped.slot(load) > PageReusePlan.WRITE_SLOT);
        // the same block leaving instead of looping: no cycle, the plain probe
        PageReusePlan straight = new PageReusePlan(List.of(blk), new int[][]{{-1, -1}});
        assertFalse(straight.hasLoopSlots());
        assertEquals(0, straight.flags(load));
        // a block with a backward branch inside (its inner loop has no generation check): segment caches only
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Label top = b.newLabel();
        b.setLabel(top);
        b.load(b.global(4), b.global(0), 8, false, false);
        b.sub(b.global(5), b.global(5), b.const64(1));
        b.brcond(Cond.NE, b.global(5), b.const64(0), top);
        b.gotoDirect(0x100);
        assertFalse(new PageReusePlan(List.of(b.finish(0x104)), new int[][]{{0}}).hasLoopSlots());
    }

    @Test
    void onlyOneBlockLoopsGetLoopSlots() {
        // 0 -> 1 -> 0 is a loop of two blocks: measured not to pay (PageReusePlan), so no slots; 1 -> 1 alone would
        IrBlock a = loop(false), b = loop(false);
        assertFalse(new PageReusePlan(List.of(a, b), new int[][]{{-1, 1}, {-1, 0}}).hasLoopSlots());
        PageReusePlan inner = new PageReusePlan(List.of(a, b), new int[][]{{-1, 1}, {-1, 1}});
        assertTrue(inner.hasLoopSlots());
        assertEquals(0, inner.flags(accesses(a).get(0)), "block 0 is not a one-block loop");
        assertTrue(inner.slot(accesses(b).get(0)) > PageReusePlan.WRITE_SLOT);
    }

    /** Runs the region as the dispatcher would (re-entering after a plain exit back into it) until it leaves or faults. */
    private static int runLoop(BlockCode region, TestCpu cpu, ExecContext ctx, List<Long> entries) {
        int r;
        do {
            entries.add(cpu.r1);
            r = region.exec(cpu, ctx);
        } while (r == 1);
        return r;
    }

    private static TestCpu start(long page) {
        TestCpu cpu = new TestCpu();
        cpu.r0 = page;
        cpu.r1 = 0;
        cpu.r3 = ITERATIONS;
        return cpu;
    }

    /** Runs {@code change} on another guest thread (its own TLB), as a concurrent munmap/mprotect would. */
    private static void onAnotherThread(Runnable change) {
        Thread t = new Thread(change);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anotherThreadsMprotectFaultsTheNextIteration() {
        assumeTrue(GuestMemoryAccess.RAW, "loop slots exist only with raw memory access");
        for (boolean munmap : new boolean[]{false, true}) {
            PagedMemory mem = new PagedMemory();
            long page = mem.mmap(0, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                    GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
            mem.store(page, 8, 3, false);
            atIteration = i -> onAnotherThread(() -> {
                int rc = munmap ? mem.munmap(page, GuestMemory.PAGE_SIZE) : mem.mprotect(page, GuestMemory.PAGE_SIZE, GuestMemory.PROT_NONE);
                assertEquals(0, rc);
            });
            for (boolean opt : new boolean[]{false, true}) {
                IrBlock blk = opt ? Passes.optimize(loop(false)) : loop(false);
                BlockCode region = new JitCompiler().compileRegion(List.of(blk), SELF_LOOP);
                TestCpu cpu = start(page);
                ExecContext ctx = new ExecContext(mem);
                List<Long> entries = new ArrayList<>();
                if (opt) { // the page is gone since the first pass: the first access faults
                    assertEquals(BlockCode.FAULT, region.exec(cpu, ctx));
                    assertEquals(0L, cpu.r1);
                    continue;
                }
                assertEquals(BlockCode.FAULT, runLoop(region, cpu, ctx, entries), "munmap=" + munmap);
                String what = "munmap=" + munmap + " entries at " + entries;
                assertEquals(0x100L, cpu.pc, what);
                assertEquals(CHANGE_AT + 1L, cpu.r1, what + ": the first load after the change faults");
                assertEquals(3L * (CHANGE_AT + 1), cpu.r2, what);
                assertEquals(page, ctx.faultAddress, what);
                assertEquals(munmap ? SigCodes.SEGV_MAPERR : SigCodes.SEGV_ACCERR, ctx.faultSiCode, what);
                assertEquals(List.of(0L, CHANGE_AT + 1L), entries, "the region left once, at the back edge after the change");
            }
        }
    }

    @Test
    void aPageBecomingCodeSendsTheNextStoreToTheSlowPath() {
        assumeTrue(GuestMemoryAccess.RAW, "loop slots exist only with raw memory access");
        PagedMemory mem = new PagedMemory();
        long page = mem.mmap(0, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE | GuestMemory.PROT_EXEC,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
        List<Long> codeWrites = new ArrayList<>();
        List<Long> atWrite = new ArrayList<>();
        TestCpu cpu = start(page);
        mem.addCodeWriteListener(va -> {
            codeWrites.add(va);
            atWrite.add(cpu.r1);
        });
        atIteration = i -> onAnotherThread(() -> mem.markCode(page)); // another thread translates code there
        BlockCode region = new JitCompiler().compileRegion(List.of(loop(true)), SELF_LOOP);
        ExecContext ctx = new ExecContext(mem);
        assertEquals(0, runLoop(region, cpu, ctx, new ArrayList<>()));
        assertEquals(List.of(page), codeWrites, "the store after the page became code reached the code check");
        assertEquals(List.of(CHANGE_AT + 1L), atWrite);
        assertEquals(ITERATIONS - 1L, mem.load(page, 8, false));
    }

    @Test
    void theGenerationMovesOnEveryInvalidation() {
        SoftTlb tlb = new SoftTlb();
        assumeTrue(tlb.fastAddress != 0, "the generation lives in the off-heap table");
        long g = tlb.generation();
        tlb.flushPage(0x5000); // not even cached in the TLB: JIT code may still hold it
        assertTrue(tlb.generation() > g);
        g = tlb.generation();
        tlb.dropWrite(SoftTlb.index(0x5000));
        assertTrue(tlb.generation() > g);
        g = tlb.generation();
        tlb.flushAll();
        assertTrue(tlb.generation() > g);
    }
}
