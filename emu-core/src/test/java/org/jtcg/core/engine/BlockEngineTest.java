package org.jtcg.core.engine;

import org.jtcg.core.jit.JitCompiler;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Block cache, chaining, jump cache, invalidation and dispatch, with the toy ISA, under both engines. */
class BlockEngineTest {
    static final byte INC0 = 0x10, INC1 = 0x11, INC5 = 0x15, DEC1 = 0x21, JMP = 0x40, JNZ = 0x41, SYSCALL = 0x50;

    final FlatMemory mem = new FlatMemory(0, 0x4000);
    final TestCpu cpu = new TestCpu();

    BlockEngine engine(String kind) {
        return engine(kind, new BlockEngine.Config(true, 128, true), null, Set.of());
    }

    BlockEngine engine(String kind, BlockEngine.Config cfg, PrintStream trace, Set<String> flags) {
        EngineContext ctx = new EngineContext(new TestArch(new ToyTranslator()), mem, trace, flags);
        return Engines.engine(kind, ctx, cfg);
    }

    void code(long va, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            mem.store(va + i, 1, bytes[i], false);
        }
        mem.slowStores = 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void loopIsChainedWithoutLookups(String kind) {
        // 0x100: inc r0; dec r1; jnz r1, 0x100 ; 0x104: syscall
        code(0x100, INC0, DEC1, JNZ, -4, SYSCALL);
        cpu.r1 = 1000;
        cpu.pc = 0x100;
        BlockEngine e = engine(kind);
        EngineExit x = e.run(cpu);
        assertEquals(EngineExit.Kind.SYSCALL, x.kind());
        assertEquals(1000L, cpu.r0);
        assertEquals(0x105L, cpu.pc);
        EngineStats s = e.stats();
        assertEquals(2, s.translations);
        assertEquals(998, s.chainedJumps, s.toString()); // iteration 1 looks 0x100 up, the rest chain
        assertTrue(s.mapLookups + s.jumpCacheHits <= 4, s.toString());
        assertEquals(1, cpu.folds, "lazy state folded once, at the exit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void indirectJumpsHitTheJumpCache(String kind) {
        // 0x200: inc r0; dec r1; jnz r1, 0x206; syscall ; 0x206: jmp r2 (= 0x200)
        code(0x200, INC0, DEC1, JNZ, 2, SYSCALL, 0, 0x72);
        cpu.r1 = 500;
        cpu.r2 = 0x200;
        cpu.pc = 0x200;
        BlockEngine e = engine(kind);
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(500L, cpu.r0);
        EngineStats s = e.stats();
        assertEquals(3, s.translations, s.toString());
        assertEquals(499, s.jumpCacheHits, s.toString());
        assertTrue(s.mapLookups <= 4, s.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void guestStoreToCodeRetranslates(String kind) {
        // 0x1000: inc r0; syscall        0x1100: st8 [r3], r0; jmp r2
        code(0x1000, INC0, SYSCALL);
        code(0x1100, 0x63, 0x72);
        BlockEngine e = engine(kind);
        cpu.pc = 0x1000;
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(1L, cpu.r0);
        assertTrue(mem.isCode(0x1000));
        // now patch "inc r0" into "inc r1" from guest code, then jump back to it
        cpu.r0 = INC1;
        cpu.r3 = 0x1000;
        cpu.r2 = 0x1000;
        cpu.pc = 0x1100;
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(1L, cpu.r1, "patched instruction ran");
        assertEquals(INC1, cpu.r0, "stale instruction did not run");
        assertTrue(e.stats().invalidatedBlocks >= 2, e.stats().toString()); // both blocks were on the page
        assertEquals(3, e.stats().translations, e.stats().toString()); // 0x1000, 0x1100, 0x1000 again
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void invalidationUnlinksChains(String kind) {
        // 0xff0: inc r5; jmp 0x1000 (next page)      0x1000: inc r0; syscall
        code(0xff0, INC5, JMP, 0x0d);
        code(0x1000, INC0, SYSCALL);
        BlockEngine e = engine(kind);
        for (int i = 0; i < 3; i++) {
            cpu.pc = 0xff0;
            e.run(cpu);
        }
        assertEquals(3L, cpu.r0);
        assertEquals(2, e.stats().chainedJumps, e.stats().toString());
        mem.store(0x1000, 1, INC1, false); // host-side store to the code page (like another thread or syscall)
        cpu.pc = 0xff0;
        e.run(cpu);
        assertEquals(3L, cpu.r0, "the chained stale block must not run");
        assertEquals(1L, cpu.r1);
        assertEquals(4L, cpu.r5);
        assertEquals(2, e.stats().chainedJumps, "link to the dropped block was removed");
        // Engine.invalidate drops blocks without a write
        long before = e.stats().translations;
        e.invalidate(0xff0, 1);
        cpu.pc = 0xff0;
        e.run(cpu);
        assertEquals(before + 1, e.stats().translations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void blocksEndAtPageBoundaries(String kind) {
        code(0xffe, INC0, INC1, SYSCALL);
        cpu.pc = 0xffe;
        BlockEngine e = engine(kind);
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(2, e.stats().translations);
        assertEquals(1L, cpu.r0);
        assertEquals(1L, cpu.r1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void faultsAndSignals(String kind) {
        BlockEngine e = engine(kind);
        cpu.pc = 0x8000; // unmapped: fetch fault
        EngineExit x = e.run(cpu);
        assertEquals(EngineExit.Kind.SIGNAL, x.kind());
        assertEquals(Signals.SIGSEGV, x.signal());
        assertEquals(0x8000L, x.address());
        assertEquals(0x8000L, cpu.pc);
        code(0x300, INC0, 0xee);
        cpu.pc = 0x300;
        x = e.run(cpu);
        assertEquals(Signals.SIGILL, x.signal());
        assertEquals(0x301L, cpu.pc);
        assertEquals(0x301L, x.address());
        assertEquals(1L, cpu.r0, "instructions before the illegal one ran");
        // data fault: ld64 r4, [r3] with r3 unmapped
        code(0x400, INC0, 0x84, SYSCALL);
        cpu.r3 = 0x3ffc;
        cpu.pc = 0x400;
        x = e.run(cpu);
        assertEquals(Signals.SIGSEGV, x.signal());
        assertEquals(0x4000L, x.address());
        assertEquals(0x401L, cpu.pc);
        assertEquals(2L, cpu.r0);
        assertEquals(EngineExit.Kind.HALT, runAt(e, 0x500, 0x00).kind());
    }

    EngineExit runAt(BlockEngine e, long pc, int... bytes) {
        code(pc, bytes);
        cpu.pc = pc;
        return e.run(cpu);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void stepRunsOneBlockOrOneInstruction(String kind) {
        code(0x600, INC0, INC0, INC0, JMP, 0);
        BlockEngine e = engine(kind);
        cpu.pc = 0x600;
        assertEquals(EngineExit.Kind.STEP_DONE, e.step(cpu).kind());
        assertEquals(3L, cpu.r0);
        assertEquals(0x605L, cpu.pc);
        cpu.pc = 0x600;
        cpu.r0 = 0;
        assertEquals(EngineExit.Kind.STEP_DONE, e.stepInstruction(cpu).kind());
        assertEquals(1L, cpu.r0);
        assertEquals(0x601L, cpu.pc);
    }

    @Test
    void hugeBlocksAreSplitForTheJit() {
        int n = 1500; // ~70 bytes of bytecode per store: far beyond one method
        for (int i = 0; i < n; i++) {
            code(0x0 + i, 0x63);
        }
        code(n, SYSCALL);
        cpu.r3 = 0x3000;
        cpu.r0 = 0x5a;
        cpu.pc = 0;
        BlockEngine e = engine("jit", new BlockEngine.Config(true, 4000, true), null, Set.of());
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(0x5aL, mem.load(0x3000, 1, false));
        assertTrue(e.stats().translations > 2, e.stats().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void traceOutput(String kind) {
        code(0x700, INC0, SYSCALL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BlockEngine e = engine(kind, new BlockEngine.Config(true, 128, true), new PrintStream(out, true),
                Set.of("in_asm", "op", "exec"));
        cpu.pc = 0x700;
        e.run(cpu);
        String s = out.toString();
        assertTrue(s.contains("inc r0") && s.contains("syscall"), s);
        assertTrue(s.contains("exit_syscall 0x702"), s);
        assertTrue(s.contains("pc=0x700"), s);
    }

    @Test
    void providersAreRegistered() {
        for (String name : new String[]{"interp", "jit"}) {
            EngineProvider p = EngineProvider.byName(name);
            assertNotNull(p, name);
            EngineContext ctx = new EngineContext(new TestArch(new ToyTranslator()), mem, null, Set.of());
            try (Engine e = p.create(ctx)) {
                assertEquals(name, e.name());
                code(0x800, INC0, SYSCALL);
                cpu.pc = 0x800;
                cpu.r0 = 0;
                assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
                assertEquals(1L, cpu.r0);
            }
        }
        assertTrue(new JitCompiler().compiledCount() == 0);
    }
}
