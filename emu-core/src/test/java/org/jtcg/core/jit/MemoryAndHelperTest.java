package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.Engines;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.engine.TestHelpers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads, stores, faults and helper calls under both engines. */
class MemoryAndHelperTest {
    static final long BASE = 0x10000;

    static IrBlock block(Consumer<IrBuilder> body) {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        body.accept(b);
        b.gotoDirect(0x2000);
        return b.finish(0x1010);
    }

    static int run(String engine, IrBlock block, TestCpu cpu, FlatMemory mem, ExecContext ctx) {
        BlockCode code = Engines.compiler(engine).compile(block);
        return code.exec(cpu, ctx);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void loadsAndStoresAllSizesAndEndians(String e) {
        FlatMemory mem = new FlatMemory(BASE, 0x3000);
        TestCpu cpu = new TestCpu();
        cpu.r0 = BASE + 0x100;
        cpu.r1 = 0x8182838485868788L;
        IrBlock blk = block(b -> {
            Val a = b.global(0), v = b.global(1);
            b.store(v, a, 8, false);                                       // LE 64
            b.load(b.global(2), a, 1, false, false);                       // 0x88
            b.load(b.global(3), a, 2, true, false);                        // 0x8788 sign-extended
            b.load(b.global(4), a, 4, false, true);                        // BE 32 of 88 87 86 85
            Val a2 = b.add(a, b.const64(16));
            b.store(b.trunc(v), a2, 4, true);                              // BE 32: 85 86 87 88
            b.load(b.global(5), a2, 8, false, false);                      // LE 64 of 85 86 87 88 00..
            Val s32 = b.load(Type.I32, a2, 1, true, false);                // 0x85 -> -123
            b.exts(b.global(6), s32);
            Val u16 = b.load(Type.I32, a2, 2, false, true);                // BE 16: 0x8586
            b.extu(b.global(7), u16);
        });
        assertEquals(0, run(e, blk, cpu, mem, new ExecContext(mem)));
        assertEquals(0x88L, cpu.r2);
        assertEquals((long) (short) 0x8788, cpu.r3);
        assertEquals(0x88878685L, cpu.r4);
        assertEquals(0x88878685L, cpu.r5);
        assertEquals(-123L, cpu.r6);
        assertEquals(0x8586L, cpu.r7);
        assertEquals(0x8182838485868788L, mem.load(BASE + 0x100, 8, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void signExtendingLoadsAtBoundaries(String e) {
        FlatMemory mem = new FlatMemory(BASE, 0x3000);
        mem.store(BASE, 8, 0x80008000_7fff807fL, false);
        TestCpu cpu = new TestCpu();
        cpu.r0 = BASE;
        IrBlock blk = block(b -> {
            Val a = b.global(0);
            b.load(b.global(1), a, 1, true, false);                       // 0x7f
            b.load(b.global(2), b.add(a, b.const64(1)), 1, true, false);  // 0x80
            b.load(b.global(3), b.add(a, b.const64(2)), 2, true, false);  // 0x7fff
            b.load(b.global(4), b.add(a, b.const64(4)), 4, true, false);  // 0x80008000
            b.load(b.global(5), b.add(a, b.const64(4)), 4, false, false);
            b.exts(b.global(6), b.load(Type.I32, b.add(a, b.const64(4)), 2, true, false)); // 0x8000
        });
        assertEquals(0, run(e, blk, cpu, mem, new ExecContext(mem)));
        assertEquals(0x7fL, cpu.r1);
        assertEquals(-128L, cpu.r2);
        assertEquals(0x7fffL, cpu.r3);
        assertEquals(0xffffffff80008000L, cpu.r4);
        assertEquals(0x80008000L, cpu.r5);
        assertEquals(-32768L, cpu.r6);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void crossPageAccessUsesSlowPath(String e) {
        FlatMemory mem = new FlatMemory(BASE, 0x3000);
        TestCpu cpu = new TestCpu();
        cpu.r0 = BASE + 0x1000 - 3;
        cpu.r1 = 0x1122334455667788L;
        IrBlock blk = block(b -> {
            b.load(b.global(2), b.global(0), 1, false, false);   // warms the TLB for the first page
            b.store(b.global(1), b.global(0), 8, true);
            b.load(b.global(3), b.global(0), 8, false, true);
            b.load(b.global(4), b.global(0), 4, false, false);
        });
        ExecContext ctx = new ExecContext(mem);
        assertEquals(0, run(e, blk, cpu, mem, ctx));
        assertEquals(0x1122334455667788L, cpu.r3);
        assertEquals(0x44332211L, cpu.r4);
        assertEquals(0x11L, mem.load(BASE + 0x1000 - 3, 1, false));
        assertEquals(0x88L, mem.load(BASE + 0x1000 + 4, 1, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void faultReportsInstructionAndKeepsEarlierWrites(String e) {
        FlatMemory mem = new FlatMemory(BASE, 0x3000);
        TestCpu cpu = new TestCpu();
        cpu.r0 = BASE + 0x3000 - 4;
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        b.movi(b.global(3), 42);
        b.insnStart(0x1004);
        b.load(b.global(4), b.global(0), 8, false, false);  // crosses into the unmapped end
        b.movi(b.global(5), 99);
        b.gotoDirect(0x2000);
        IrBlock blk = b.finish(0x1008);
        for (IrBlock x : new IrBlock[]{blk, Passes.optimize(blk)}) {
            cpu.r3 = cpu.r4 = cpu.r5 = 0;
            ExecContext ctx = new ExecContext(mem);
            assertEquals(BlockCode.FAULT, run(e, x, cpu, mem, ctx));
            assertEquals(0x1004L, cpu.pc);
            assertEquals(BASE + 0x3000, ctx.faultAddress);
            assertEquals(SigCodes.SEGV_MAPERR, ctx.faultSiCode);
            assertEquals(42L, cpu.r3);
            assertEquals(0L, cpu.r5);
        }
    }

    @Test
    void jitUsesInlinedTlbFastPath() {
        FlatMemory mem = new FlatMemory(BASE, 0x3000);
        TestCpu cpu = new TestCpu();
        cpu.r0 = BASE + 0x800;
        IrBlock blk = block(b -> {
            Val v = b.load(Type.I64, b.global(0), 8, false, false);
            b.store(b.add(v, b.const64(1)), b.global(0), 8, false);
        });
        BlockCode code = new JitCompiler().compile(blk);
        ExecContext ctx = new ExecContext(mem);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, code.exec(cpu, ctx));
        }
        assertEquals(1000L, mem.load(BASE + 0x800, 8, false));
        assertTrue(mem.slowLoads <= 2 && mem.slowStores <= 2,
                "slow path used " + mem.slowLoads + " loads / " + mem.slowStores + " stores");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void helperCallsSyncGlobals(String e) {
        HelperRef acc = HelperRef.of(TestHelpers.class, "accumulate", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
        HelperRef sum = HelperRef.of(TestHelpers.class, "sumRegs", HelperRef.READS_GLOBALS);
        HelperRef set6 = HelperRef.of(TestHelpers.class, "setR6", HelperRef.WRITES_GLOBALS);
        HelperRef mix32 = HelperRef.of(TestHelpers.class, "mix32", HelperRef.PURE);
        TestCpu cpu = new TestCpu();
        cpu.r7 = 100;
        FlatMemory mem = new FlatMemory(BASE, 0x1000);
        IrBlock blk = block(b -> {
            b.movi(b.global(0), 5);                        // dirty local, must reach the helper
            b.call(acc, b.global(1), b.const64(1));        // r1 = 100, r7 = 106
            b.add(b.global(7), b.global(7), b.const64(1)); // r7 = 107 (reloaded after the call)
            b.call(sum, b.global(2));                      // 5 + 100 + 0 + ... + 107 = 212
            b.call(set6, null, b.const32(-3));             // r6 = -3
            b.exts(b.global(3), b.callValue(mix32, b.const32(2), b.global(6)));
        });
        assertEquals(0, run(e, blk, cpu, mem, new ExecContext(mem)));
        assertEquals(100L, cpu.r1);
        assertEquals(107L, cpu.r7);
        assertEquals(212L, cpu.r2);
        assertEquals(-3L, cpu.r6);
        assertEquals((long) TestHelpers.mix32(2, -3), cpu.r3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "nodes"})
    void helperFaultBecomesSegv(String e) {
        HelperRef f = HelperRef.of(TestHelpers.class, "faultIfOdd", 0);
        TestCpu cpu = new TestCpu();
        cpu.r0 = 7;
        FlatMemory mem = new FlatMemory(BASE, 0x1000);
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000).movi(b.global(1), 1).insnStart(0x1002);
        b.call(f, b.global(2), b.global(0));
        b.gotoDirect(0x1004);
        ExecContext ctx = new ExecContext(mem);
        assertEquals(BlockCode.FAULT, run(e, b.finish(0x1004), cpu, mem, ctx));
        assertEquals(0x1002L, cpu.pc);
        assertEquals(7L, ctx.faultAddress);
        assertEquals(SigCodes.SEGV_ACCERR, ctx.faultSiCode);
        assertEquals(1L, cpu.r1);
    }

    @Test
    void builderRejectsMisuse() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0);
        assertThrows(IllegalStateException.class, () -> b.movi(b.global(0), 1), "first op must be insn_start");
        b.insnStart(0);
        Val t32 = b.const32(1);
        Val t64 = b.const64(1);
        assertThrows(IllegalStateException.class, () -> b.add(t32, t64));
        assertThrows(IllegalStateException.class, () -> b.add(b.temp64(), t64));
        assertThrows(IllegalStateException.class, () -> b.load(Type.I32, t64, 8, false, false));
        assertThrows(IllegalStateException.class, () -> b.load(Type.I64, t64, 3, false, false));
        assertThrows(IllegalStateException.class, () -> b.load(Type.I64, t32, 4, false, false));
        assertThrows(IllegalStateException.class, () -> b.extract(t32, 30, 4, false));
        assertThrows(IllegalStateException.class, () -> b.bswap64(t32));
        assertThrows(IllegalStateException.class, () -> b.global(99));
        assertThrows(IllegalStateException.class, () -> b.finish(4));
        b.gotoDirect(4);
        assertThrows(IllegalStateException.class, () -> b.movi(t64, 2));
        IrBuilder other = new IrBuilder(TestCpu.LAYOUT, 0);
        other.insnStart(0);
        assertThrows(IllegalStateException.class, () -> other.mov(other.temp64(), t64));
        assertThrows(IllegalArgumentException.class, () -> HelperRef.of(TestHelpers.class, "nope", 0));
    }
}
