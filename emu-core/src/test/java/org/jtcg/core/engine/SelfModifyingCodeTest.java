package org.jtcg.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Precise self-modifying code with the toy ISA, under both engines ({@link SelfModifyingCode}). */
class SelfModifyingCodeTest {
    static final int ST8 = 0x63; // st8 [r3], r0
    final FlatMemory mem = new FlatMemory(0, 0x4000);
    final TestCpu cpu = new TestCpu();

    BlockEngine engine(String kind) {
        EngineContext ctx = new EngineContext(new TestArch(new ToyTranslator()), mem, null, Set.of());
        return Engines.engine(kind, ctx, new BlockEngine.Config(true, 128, true));
    }

    void code(long va, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            mem.store(va + i, 1, bytes[i], false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void storeToTheNextInstructionOfTheBlockTakesEffect(String kind) {
        // 0x1000: st8 [r3], r0 ; inc r0 ; inc r0 ; syscall -- the store turns the first inc r0 into inc r1
        code(0x1000, ST8, BlockEngineTest.INC0, BlockEngineTest.INC0, BlockEngineTest.SYSCALL);
        cpu.r0 = BlockEngineTest.INC1;
        cpu.r3 = 0x1001;
        cpu.pc = 0x1000;
        BlockEngine e = engine(kind);
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(1L, cpu.r1, "the patched instruction ran");
        assertEquals(BlockEngineTest.INC1 + 1L, cpu.r0, "the unpatched second inc r0 ran once, the first one not");
        assertEquals(BlockEngineTest.INC1, mem.load(0x1001, 1, false), "the store landed once");
        // the page now holds self-modifying code: its blocks end after their first store
        assertEquals(2, e.stats().invalidatedBlocks, e.stats().toString()); // the first block, then the split one
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void storeToItsOwnBytesRunsTheOldInstructionOnce(String kind) {
        // 0x1000: st8 [r3], r0 (overwrites itself with inc r1) ; syscall; run twice
        code(0x1000, ST8, BlockEngineTest.SYSCALL);
        cpu.r0 = BlockEngineTest.INC1;
        cpu.r3 = 0x1000;
        cpu.pc = 0x1000;
        BlockEngine e = engine(kind);
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(0L, cpu.r1);
        cpu.pc = 0x1000;
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(1L, cpu.r1, "the second run sees the new instruction");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void blocksOnSmcPagesEndAfterTheirFirstStore(String kind) {
        code(0x1000, ST8, BlockEngineTest.INC0, BlockEngineTest.INC0, BlockEngineTest.SYSCALL);
        cpu.r0 = BlockEngineTest.INC1;
        cpu.r3 = 0x1001;
        cpu.pc = 0x1000;
        BlockEngine e = engine(kind);
        e.run(cpu);
        long before = e.stats().translations;
        // the same code again (restored bytes): the page is an SMC page, so st8 is a block of its own
        code(0x1000, ST8, BlockEngineTest.INC0, BlockEngineTest.INC0, BlockEngineTest.SYSCALL);
        e.invalidate(0x1000, 4);
        cpu.r0 = BlockEngineTest.INC1;
        cpu.r1 = 0;
        cpu.pc = 0x1000;
        assertEquals(EngineExit.Kind.SYSCALL, e.run(cpu).kind());
        assertEquals(1L, cpu.r1);
        assertEquals(BlockEngineTest.INC1 + 1L, cpu.r0);
        // st8 (found, then translated alone), then inc r1 ; inc r0 ; syscall
        assertEquals(before + 3, e.stats().translations, e.stats().toString());
    }
}
