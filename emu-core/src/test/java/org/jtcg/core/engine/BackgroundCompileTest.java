package org.jtcg.core.engine;

import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.jit.JitCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.jtcg.core.engine.RegionTest.Run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Background compilation ({@link CompileQueue}): tier-ups and regions compiled by the compiler thread while
 * the guest runs on in the cold tier, and installs dropped when their blocks were invalidated while the job
 * waited or compiled. Deterministic: the test holds the compiler thread (the queue's hold hook, or a compiler
 * that waits for the test) instead of racing it.
 */
class BackgroundCompileTest {
    private static final BlockEngine.Config BACKGROUND = new BlockEngine.Config(true, 128, true, 3, 10, true);

    private static Run background() {
        return new Run("jit", BACKGROUND);
    }

    private static Run background(BlockCompiler jit) {
        return new Run(ctx -> new BlockEngine("jit", ctx, jit, new InterpCompiler(), BACKGROUND));
    }

    private static long[] referenceRegs(long count) {
        Run ref = RegionTest.reference();
        RegionTest.twoBlockLoop(ref, count);
        assertEquals(EngineExit.Kind.SYSCALL, ref.engine.run(ref.cpu).kind());
        return ref.regs();
    }

    /** The loop once more over the same code (rewriting it would invalidate it). */
    private static void again(Run r, long count) {
        r.cpu.r0 = 0;
        r.cpu.r1 = count;
        r.cpu.pc = 0x100;
    }

    @Test
    void compiledCodeIsPickedUpAndMatchesTheInterpreter() {
        Run r = background();
        RegionTest.twoBlockLoop(r, 5000);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        assertArrayEquals(referenceRegs(5000), r.regs());
        r.engine.awaitBackgroundCompiles();
        again(r, 5000); // now from the installed code
        long entriesBefore = r.engine.stats().regionEntries;
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        assertArrayEquals(referenceRegs(5000), r.regs());
        EngineStats s = r.engine.stats();
        assertEquals(2, s.tierUps, s.toString());
        assertTrue(s.regionsCompiled >= 1, s.toString());
        assertTrue(s.regionEntries > entriesBefore, "the second run entered the region: " + s);
        assertEquals(s.compileQueued, s.compileInstalled + s.compileDropped + s.compileStolen + s.regionsTooLarge, s.toString());
        assertEquals(0, s.compileDropped, s.toString());
    }

    /** Fewer runs than {@link TierCompiles#STEAL_AFTER}: a held queue keeps every job. */
    private static final int SHORT = 500;

    @Test
    void invalidationWhileQueuedDropsEveryInstall() {
        Run r = background();
        CompileQueue q = r.engine.compileQueueForTests();
        q.hold(true);
        RegionTest.twoBlockLoop(r, SHORT);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        assertArrayEquals(referenceRegs(SHORT), r.regs()); // ran cold all the way
        EngineStats s = r.engine.stats();
        assertTrue(s.compileQueued >= 3, "two tier-ups and a region queued: " + s);
        assertEquals(0, s.tierUps + s.regionsCompiled, s.toString());

        r.engine.invalidate(0x100, 0x20); // e.g. munmap or a code write while the jobs wait
        q.hold(false);
        r.engine.awaitBackgroundCompiles();
        s = r.engine.stats();
        assertEquals(s.compileQueued, s.compileDropped, "every job dropped: " + s);
        assertEquals(0, s.compileInstalled + s.tierUps + s.regionsCompiled, s.toString());

        // the retranslated blocks tier up and form their region as usual
        again(r, 5000);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        r.engine.awaitBackgroundCompiles();
        assertArrayEquals(referenceRegs(5000), r.regs());
        EngineStats after = r.engine.stats(); // by the compiler thread, or by the guest when it took a lagging job back
        assertTrue(after.tierUps + after.regionsCompiled >= 3, after.toString());
    }

    /** A jit compiler whose compiles on the background thread wait until the test opens the gate. */
    private static final class GatedCompiler implements BlockCompiler {
        final JitCompiler jit = new JitCompiler();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        private void pass() {
            if (Thread.currentThread().getName().startsWith("jtcg-compile")) {
                entered.countDown();
                try {
                    assertTrue(gate.await(60, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public BlockCode compile(IrBlock block) {
            pass();
            return jit.compile(block);
        }

        @Override
        public boolean buildsRegions() {
            return true;
        }

        @Override
        public BlockCode compileRegion(List<IrBlock> blocks, int[][] targets) {
            pass();
            return jit.compileRegion(blocks, targets);
        }
    }

    @Test
    void invalidationWhileCompilingDropsTheInstall() throws InterruptedException {
        GatedCompiler gated = new GatedCompiler();
        Run r = background(gated);
        RegionTest.twoBlockLoop(r, SHORT);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind()); // the guest never waits for the compiler
        assertTrue(gated.entered.await(60, TimeUnit.SECONDS), "the compiler thread took a job");
        assertArrayEquals(referenceRegs(SHORT), r.regs());

        r.engine.invalidate(0x100, 0x20); // the job in flight compiles blocks that are gone now
        gated.gate.countDown();
        r.engine.awaitBackgroundCompiles();
        EngineStats s = r.engine.stats();
        assertEquals(0, s.compileInstalled + s.tierUps + s.regionsCompiled, "nothing installed: " + s);
        assertEquals(s.compileQueued, s.compileDropped, s.toString());
        assertTrue(gated.jit.compiledCount() >= 1, "the job in flight did compile");
    }

    @Test
    void aBlockStillQueuedAfterManyRunsIsCompiledByTheGuest() {
        Run r = background();
        r.engine.compileQueueForTests().hold(true); // a compiler thread that never gets to run
        RegionTest.twoBlockLoop(r, 5000);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        assertArrayEquals(referenceRegs(5000), r.regs());
        EngineStats s = r.engine.stats();
        assertEquals(2, s.tierUps, "both blocks tiered up on the guest thread: " + s);
        assertTrue(s.regionsCompiled >= 1, s.toString());
        assertTrue(s.compileStolen >= 3, s.toString());
        assertTrue(s.regionEntries >= 1, "the stolen region ran: " + s);
    }

    @Test
    void closingTheEngineDropsQueuedJobs() {
        Run r = background();
        CompileQueue q = r.engine.compileQueueForTests();
        q.hold(true);
        RegionTest.twoBlockLoop(r, SHORT);
        r.engine.run(r.cpu);
        assertTrue(q.size() >= 3, "jobs waiting: " + q.size());
        r.engine.close();
        assertEquals(0, q.size());
        q.hold(false);
        r.engine.awaitBackgroundCompiles(); // returns: nothing left to run
        assertEquals(0, r.engine.stats().compileInstalled);
    }

    @Test
    void blockTooLargeInBackgroundIsTranslatedAgainSmaller() {
        // a compiler that refuses blocks of more than one instruction, as the JIT does past its method size limit
        JitCompiler jit = new JitCompiler();
        BlockCompiler small = new BlockCompiler() {
            @Override
            public BlockCode compile(IrBlock block) {
                if (block.insnCount() > 1) {
                    throw new BlockTooLargeException("test: at most one instruction");
                }
                return jit.compile(block);
            }
        };
        Run r = background(small);
        RegionTest.twoBlockLoop(r, 200);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        r.engine.awaitBackgroundCompiles();
        again(r, 200);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        r.engine.awaitBackgroundCompiles();
        assertArrayEquals(referenceRegs(200), r.regs());
        EngineStats s = r.engine.stats();
        assertTrue(s.translations > 2, "the two-instruction blocks were translated again smaller: " + s);
        assertTrue(jit.compiledCount() >= 2, "the smaller blocks were compiled");
    }

    @Test
    void aCompilerBugIsReportedOnTheGuestThread() {
        BlockCompiler broken = new BlockCompiler() {
            @Override
            public BlockCode compile(IrBlock block) {
                throw new IllegalStateException("test: compiler bug");
            }
        };
        Run r = background(broken);
        RegionTest.twoBlockLoop(r, 100);
        // The guest thread rethrows the compile thread's failure at its next engine step after the failure
        // (while the loop still runs, or when translating the exit's block) or, if the loop ended first, at
        // the wait: which one depends on thread timing, and both are "reported on the guest thread".
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            r.engine.run(r.cpu);
            r.engine.awaitBackgroundCompiles();
        });
        assertTrue(e.getMessage().contains("compiler bug"), e.getMessage());
    }
}
