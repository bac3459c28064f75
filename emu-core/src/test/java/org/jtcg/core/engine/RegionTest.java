package org.jtcg.core.engine;

import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.jit.JitCompiler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier-up and regions (hot loops compiled as one unit) with the toy ISA: the jit engine with low
 * thresholds must end in exactly the state the interpreter (no tiers, no regions) reaches.
 */
class RegionTest {
    static final byte INC0 = 0x10, INC3 = 0x13, INC5 = 0x15, DEC1 = 0x21, JMP = 0x40, JNZ = 0x41, SYSCALL = 0x50,
            ST_R3 = 0x63;

    /** One machine: memory, CPU, engine. */
    static final class Run {
        final FlatMemory mem = new FlatMemory(0, 0x4000);
        final TestCpu cpu = new TestCpu();
        final BlockEngine engine;

        Run(String kind, BlockEngine.Config cfg) {
            this(ctx -> Engines.engine(kind, ctx, cfg));
        }

        Run(java.util.function.Function<EngineContext, BlockEngine> engineFactory) {
            engine = engineFactory.apply(new EngineContext(new TestArch(new ToyTranslator()), mem, null, Set.of()));
        }

        void code(long va, int... bytes) {
            for (int i = 0; i < bytes.length; i++) {
                mem.store(va + i, 1, bytes[i], false);
            }
        }

        long[] regs() {
            return new long[]{cpu.r0, cpu.r1, cpu.r2, cpu.r3, cpu.r4, cpu.r5, cpu.r6, cpu.r7, cpu.pc};
        }
    }

    static Run reference() {
        return new Run("interp", new BlockEngine.Config(true, 128, true));
    }

    static Run hot() {
        return new Run("jit", new BlockEngine.Config(true, 128, true, 3, 10));
    }

    /** 0x100: inc r0; jmp 0x110 .. 0x110: dec r1; jnz r1, 0x100; syscall */
    static void twoBlockLoop(Run r, long count) {
        r.code(0x100, INC0, JMP, 0x0d);
        r.code(0x110, DEC1, JNZ, -0x13, SYSCALL);
        r.cpu.r1 = count;
        r.cpu.pc = 0x100;
    }

    @Test
    void loopOfTwoBlocksRunsAsOneRegion() {
        Run ref = reference(), jit = hot();
        twoBlockLoop(ref, 5000);
        twoBlockLoop(jit, 5000);
        assertEquals(EngineExit.Kind.SYSCALL, ref.engine.run(ref.cpu).kind());
        assertEquals(EngineExit.Kind.SYSCALL, jit.engine.run(jit.cpu).kind());
        assertArrayEquals(ref.regs(), jit.regs());
        assertEquals(5000L, jit.cpu.r0);
        EngineStats s = jit.engine.stats();
        assertEquals(1, s.regionsCompiled, s.toString());
        assertEquals(1, s.regionEntries, s.toString());
        assertTrue(s.blocksExecuted < 40, s.toString()); // the rest ran inside the region
        assertEquals(2, s.tierUps, s.toString());
        assertEquals(1, jit.cpu.folds, "lazy state folded once, at the exit");
    }

    /**
     * A loop that calls a function returning through "jmp r7": 0x100: inc r0; jmp 0x140 .. 0x140: inc r5;
     * jmp r7 .. 0x110 (and 0x120): dec r1; jnz r1, 0x100; syscall. r7 = the return address.
     */
    static void loopCallingAFunction(Run r, long count, long ret) {
        r.code(0x100, INC0, JMP, 0x3d);
        r.code(0x140, INC5, 0x77);
        r.code(0x110, DEC1, JNZ, -0x13, SYSCALL);
        r.code(0x120, DEC1, JNZ, -0x23, SYSCALL);
        r.cpu.r1 = count;
        r.cpu.r7 = ret;
        r.cpu.pc = 0x100;
    }

    @Test
    void indirectReturnIntoTheLoopStaysInsideTheRegion() {
        Run ref = reference(), jit = hot();
        loopCallingAFunction(ref, 5000, 0x110);
        loopCallingAFunction(jit, 5000, 0x110);
        assertEquals(EngineExit.Kind.SYSCALL, ref.engine.run(ref.cpu).kind());
        assertEquals(EngineExit.Kind.SYSCALL, jit.engine.run(jit.cpu).kind());
        assertArrayEquals(ref.regs(), jit.regs());
        assertEquals(5000L, jit.cpu.r5);
        EngineStats s = jit.engine.stats();
        assertEquals(1, s.regionsCompiled, s.toString());
        assertTrue(s.blocksExecuted < 60, s.toString()); // the jmp r7 back into the loop did not leave
    }

    @Test
    void mispredictedIndirectExitLeavesTheRegionForItsRealTarget() {
        Run ref = reference(), jit = hot();
        for (Run r : new Run[] {ref, jit}) {
            loopCallingAFunction(r, 200, 0x110);
            assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
            // same loop, but the function now returns to the copy at 0x120 every time
            r.cpu.r1 = 300;
            r.cpu.r7 = 0x120;
            r.cpu.pc = 0x100;
            assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        }
        assertTrue(jit.engine.stats().regionsCompiled >= 1, jit.engine.stats().toString());
        assertArrayEquals(ref.regs(), jit.regs());
        assertEquals(500L, jit.cpu.r0);
        assertEquals(0x124L, jit.cpu.pc); // after the syscall of the 0x120 copy
    }

    @Test
    void stepRunsSingleBlocksEvenWhenARegionExists() {
        Run jit = hot();
        twoBlockLoop(jit, 100);
        jit.engine.run(jit.cpu);
        assertEquals(1, jit.engine.stats().regionsCompiled);
        jit.cpu.pc = 0x100;
        jit.cpu.r1 = 100;
        jit.cpu.r0 = 0;
        assertEquals(EngineExit.Kind.STEP_DONE, jit.engine.step(jit.cpu).kind());
        assertEquals(1L, jit.cpu.r0);
        assertEquals(0x110L, jit.cpu.pc);
    }

    /**
     * A loop that stores through a walking pointer until it overwrites its own first instruction
     * (inc r0 becomes inc r5), then keeps patching the following bytes until it runs into an
     * illegal instruction. The region is built long before the patch and must leave at the next
     * block boundary after each code write, exactly like block-at-a-time execution.
     */
    @Test
    void selfModifyingLoopLeavesItsRegion() {
        long[][] results = new long[2][];
        byte[][] memory = new byte[2][];
        EngineExit[] exits = new EngineExit[2];
        Run[] runs = {reference(), hot()};
        for (int i = 0; i < 2; i++) {
            Run r = runs[i];
            // 0x1000: inc r0; jmp 0x1010     0x1010: st8 [r3] = r0; inc r3; dec r1; jnz r1, 0x1000; syscall
            r.code(0x1000, INC0, JMP, 0x0d);
            r.code(0x1010, ST_R3, INC3, DEC1, JNZ, -0x15, SYSCALL);
            r.cpu.r3 = 0x1000 - 200;     // data bytes, then the loop's own code
            r.cpu.r0 = INC5 - 201;       // the 201st store writes INC5 over "inc r0"
            r.cpu.r1 = 1000;
            r.cpu.pc = 0x1000;
            exits[i] = r.engine.run(r.cpu);
            results[i] = r.regs();
            memory[i] = r.mem.snapshot();
        }
        assertEquals(exits[0].kind(), exits[1].kind());
        assertEquals(exits[0].signal(), exits[1].signal());
        assertArrayEquals(results[0], results[1]);
        assertArrayEquals(memory[0], memory[1]);
        assertTrue(runs[1].cpu.r5 > 0, "the patched instruction ran");
        assertTrue(runs[1].engine.stats().regionsCompiled >= 1, runs[1].engine.stats().toString());
    }

    @Test
    void hostWriteToALoopDropsItsRegion() {
        Run jit = hot();
        twoBlockLoop(jit, 100);
        jit.engine.run(jit.cpu);
        assertEquals(1, jit.engine.stats().regionsCompiled);
        jit.mem.store(0x100, 1, INC5, false); // like a syscall writing the code page
        jit.cpu.pc = 0x100;
        jit.cpu.r1 = 50;
        jit.cpu.r0 = 0;
        jit.engine.run(jit.cpu);
        assertEquals(0L, jit.cpu.r0, "the stale region must not run");
        assertEquals(50L, jit.cpu.r5);
    }

    /**
     * A temp written only on one path of a block reads 0 on the other path of the next run of the
     * block, also when the next run is an iteration inside a region.
     */
    @Test
    void regionBlocksStartWithZeroTemps() {
        // r0 != 0: t = r2 + 7, then r4 += t; r0 == 0: r4 += t (t must read 0). r0 -= 1; loop while r1 = --r1 != 0
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Val t = b.temp64();
        Label skip = b.newLabel();
        b.brcond(Cond.EQ, b.global(0), b.const64(0), skip);
        b.add(t, b.global(2), b.const64(7));
        b.setLabel(skip);
        b.add(b.global(4), b.global(4), t);
        b.sub(b.global(0), b.global(0), b.const64(1));
        b.sub(b.global(1), b.global(1), b.const64(1));
        Label again = b.newLabel();
        b.brcond(Cond.NE, b.global(1), b.const64(0), again);
        b.exitSyscall(0x104);
        b.setLabel(again);
        b.gotoDirect(0x100);
        IrBlock block = b.finish(0x104);

        BlockCode once = new InterpCompiler().compile(block);
        BlockCode region = new JitCompiler().compileRegion(List.of(block), new int[][]{{-1, 0}});
        TestCpu a = new TestCpu(), c = new TestCpu();
        for (TestCpu cpu : new TestCpu[]{a, c}) {
            cpu.r0 = 3;
            cpu.r1 = 10;
            cpu.r2 = 100;
        }
        FlatMemory mem = new FlatMemory(0, 0x1000);
        ExecContext ctx = new ExecContext(mem);
        int r;
        do {
            r = once.exec(a, ctx);
        } while (r == 1);
        assertEquals(0, r);
        assertEquals(0, region.exec(c, ctx), "left by the syscall exit");
        assertEquals(9 * 107L, a.r4); // r0 = 3, 2, 1, 0, -1 ... -6: only the 0 skips the write
        assertArrayEquals(new long[]{a.r0, a.r1, a.r4, a.pc}, new long[]{c.r0, c.r1, c.r4, c.pc});
    }

    @Test
    void loopSelectionNeverReturnsAPartialCycleAndPathsFollowLinks() {
        Run r = new Run("jit", new BlockEngine.Config(true, 128, true, 3, 0)); // links, no regions
        twoBlockLoop(r, 100);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        TranslatedBlock head = null;
        for (TranslatedBlock tb : r.engine.cacheForTests().blocks()) {
            if (tb.pc == 0x100) {
                head = tb;
            }
        }
        assertTrue(head != null && head.ir != null);
        List<TranslatedBlock> loop = Region.loopAround(head, 16, 256);
        assertEquals(List.of(0x100L, 0x110L), loop.stream().map(TranslatedBlock::pc).toList());
        // a budget below the cycle: nothing, rather than blocks that do not lead back to the head
        assertEquals(List.of(), Region.loopAround(head, 16, head.insnCount));
        assertEquals(List.of(), Region.loopAround(head, 1, 256));
        // hot paths follow every linked exit, breadth first, head first, within the limits: here also
        // the block after the loop (0x113, linked when the loop ended)
        assertEquals(List.of(0x100L, 0x110L, 0x113L),
                Region.pathsFrom(head, 16, 256).stream().map(TranslatedBlock::pc).toList());
        assertEquals(List.of(0x100L, 0x110L), Region.pathsFrom(head, 2, 256).stream().map(TranslatedBlock::pc).toList());
        assertEquals(List.of(), Region.pathsFrom(head, 1, 256));
    }

    @Test
    void jitEngineWithoutColdCompilerCompilesEveryBlockAtOnce() {
        JitCompiler jit = new JitCompiler();
        Run r = new Run(ctx -> new BlockEngine("jit", ctx, jit, new BlockEngine.Config(true, 128, true, 3, 0)));
        twoBlockLoop(r, 50);
        assertEquals(EngineExit.Kind.SYSCALL, r.engine.run(r.cpu).kind());
        assertEquals(50L, r.cpu.r0);
        assertEquals(0, r.engine.stats().tierUps, "no cold tier to tier up from");
        assertEquals(3, jit.compiledCount(), "the three blocks (loop body, branch, syscall) compiled on first translation");
    }

    @Test
    void interpreterEngineBuildsNoRegions() {
        Run r = new Run("interp", new BlockEngine.Config(true, 128, true, 3, 10));
        twoBlockLoop(r, 500);
        r.engine.run(r.cpu);
        assertEquals(0, r.engine.stats().regionsCompiled);
        assertEquals(0, r.engine.stats().tierUps);
        assertEquals(500L, r.cpu.r0);
        assertNull(new InterpCompiler().compileRegion(List.of(), new int[0][]));
    }
}
