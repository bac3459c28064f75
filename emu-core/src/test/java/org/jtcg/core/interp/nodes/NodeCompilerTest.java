package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodHandles;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What is particular to the cold tier's nodes (the engine-equivalence property test and the engine tests run
 * as engine "nodes" cover the rest): globals held in the frame, a layout whose global is the PC itself,
 * constant temps that cost no node, the PC of a fault after a branch between instructions, and the VarHandle
 * fallback for state classes a generated accessor cannot reach. Each case also runs under the reference
 * interpreter and must agree with it.
 */
class NodeCompilerTest {
    static final long BASE = 0x10000;

    /** A CPU state whose layout holds the PC as global 2, as x86's does. */
    public static final class PcCpu extends CpuState {
        public long r0, r1;
        static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), PcCpu.class, List.of(
                CpuLayout.spec("r0", 0x7200_0000_0000_0000L), CpuLayout.spec("r1", 0x7200_0000_0000_0001L),
                CpuLayout.spec("pc", 0x7200_0000_0000_0002L)));

        @Override
        public CpuLayout layout() {
            return LAYOUT;
        }
    }

    /** The same registers in a class the generated accessor cannot see (not public). */
    static final class HiddenCpu extends CpuState {
        public long r0, r1;
        static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), HiddenCpu.class, List.of(
                CpuLayout.spec("r0", 0x7300_0000_0000_0000L), CpuLayout.spec("r1", 0x7300_0000_0000_0001L)));

        @Override
        public CpuLayout layout() {
            return LAYOUT;
        }
    }

    private final FlatMemory mem = new FlatMemory(BASE, 0x1000);

    private int run(BlockCode code, CpuState cpu, ExecContext ctx) {
        return code.exec(cpu, ctx);
    }

    @Test
    void anExitPcWinsOverAPcGlobalTheBlockWrote() {
        IrBuilder b = new IrBuilder(PcCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        b.movi(b.global(2), 0x5555);                       // the block writes the pc global ...
        b.add(b.global(0), b.global(0), b.const64(3));
        b.gotoDirect(0x200);                               // ... and then leaves to 0x200
        IrBlock block = b.finish(0x104);
        for (BlockCode code : new BlockCode[] {new InterpCompiler().compile(block), new NodeCompiler().compile(block)}) {
            PcCpu cpu = new PcCpu();
            cpu.r0 = 4;
            assertEquals(0, run(code, cpu, new ExecContext(mem)));
            assertEquals(0x200L, cpu.pc, code.getClass().getSimpleName());
            assertEquals(7L, cpu.r0);
        }
    }

    @Test
    void aFaultLeavesTheGlobalsWrittenBeforeItAndThePcOfItsInstruction() {
        IrBuilder b = new IrBuilder(PcCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        b.add(b.global(0), b.global(0), b.const64(1));
        b.insnStart(0x104);
        b.load(b.global(1), b.const64(BASE + 0x2000), 8, false, false);   // unmapped
        b.movi(b.global(0), 99);
        b.gotoDirect(0x200);
        IrBlock block = b.finish(0x108);
        for (BlockCode code : new BlockCode[] {new InterpCompiler().compile(block), new NodeCompiler().compile(block)}) {
            PcCpu cpu = new PcCpu();
            cpu.r0 = 10;
            cpu.r1 = 20;
            ExecContext ctx = new ExecContext(mem);
            assertEquals(BlockCode.FAULT, run(code, cpu, ctx));
            assertEquals(0x104L, cpu.pc);
            assertEquals(11L, cpu.r0, "written before the fault");
            assertEquals(20L, cpu.r1, "the faulting load's destination is untouched");
            assertEquals(BASE + 0x2000, ctx.faultAddress);
        }
    }

    @Test
    void constantTempsCostNoNode() {
        IrBuilder b = new IrBuilder(PcCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        b.add(b.global(0), b.global(0), b.const64(8));
        b.insnStart(0x104);
        b.sub(b.global(1), b.global(1), b.const64(1));
        b.gotoDirect(0x200);
        NodeBlock code = NodeBuilder.build(b.finish(0x108));
        assertEquals(3, code.nodeCount(), "add, sub, exit: no node for the two constants or the INSN_STARTs");
        PcCpu cpu = new PcCpu();
        assertEquals(0, code.exec(cpu, new ExecContext(mem)));
        assertEquals(8L, cpu.r0);
        assertEquals(-1L, cpu.r1);
    }

    @Test
    void aFaultAfterABranchFromAnotherInstructionReportsTheLastInstructionRun() {
        // insn 0x100 branches over insn 0x104's start into its body, where the load faults: the interpreter
        // reports 0x100 (the last INSN_START it ran), so must the nodes
        IrBuilder b = new IrBuilder(PcCpu.LAYOUT, 0x100);
        Label body = b.newLabel();
        b.insnStart(0x100);
        b.brcond(Cond.EQ, b.global(0), b.global(0), body);
        b.insnStart(0x104);
        b.movi(b.global(1), 5);
        b.setLabel(body);
        b.load(b.global(1), b.const64(BASE + 0x2000), 8, false, false);
        b.gotoDirect(0x200);
        IrBlock block = b.finish(0x108);
        for (BlockCode code : new BlockCode[] {new InterpCompiler().compile(block), new NodeCompiler().compile(block)}) {
            PcCpu cpu = new PcCpu();
            assertEquals(BlockCode.FAULT, run(code, cpu, new ExecContext(mem)));
            assertEquals(0x100L, cpu.pc, code.getClass().getSimpleName());
            assertEquals(0L, cpu.r1);
        }
    }

    @Test
    void aStateClassTheGeneratedAccessorCannotSeeUsesTheVarHandles() {
        assertTrue(GlobalAccess.of(HiddenCpu.LAYOUT) instanceof GlobalAccess.ByHandles);
        assertTrue(!(GlobalAccess.of(PcCpu.LAYOUT) instanceof GlobalAccess.ByHandles), "public class: generated");
        IrBuilder b = new IrBuilder(HiddenCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Val sum = b.add(b.global(0), b.global(1));
        b.mov(b.global(1), sum);
        b.gotoIndirect(b.global(0));
        NodeBlock code = NodeBuilder.build(b.finish(0x104));
        HiddenCpu cpu = new HiddenCpu();
        cpu.r0 = 0x300;
        cpu.r1 = 2;
        assertEquals(0, code.exec(cpu, new ExecContext(mem)));
        assertEquals(0x302L, cpu.r1);
        assertEquals(0x300L, cpu.pc);
    }
}
