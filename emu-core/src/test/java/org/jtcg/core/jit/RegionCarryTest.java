package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.Val;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flags carried across a region's back edge (the arm64 sieve loop shape: store, add, compare,
 * branch back): skipped on the hot path, yet exact when the loop leaves and when the store faults.
 */
class RegionCarryTest {
    private static final long MEM = 0x1000;

    /** 0x100: st8 r5 -> [r3 + r0]; 0x104: r0 += r1; 0x108: "flags" r6, r7, r2 of r0 - r4; loop while r0 <= r4. */
    private static IrBlock sieveLoop() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        b.store(b.global(5), b.add(b.global(3), b.global(0)), 1, false);
        b.insnStart(0x104);
        b.add(b.global(0), b.global(0), b.global(1));
        b.insnStart(0x108);
        Val d = b.sub(b.global(0), b.global(4));
        b.shr(b.global(6), d, b.const64(63));
        b.setcond(Cond.EQ, b.global(7), d, b.const64(0));
        b.setcond(Cond.LTU, b.global(2), b.global(0), b.global(4));
        Label again = b.newLabel();
        b.brcond(Cond.LE, b.global(0), b.global(4), again);
        b.gotoDirect(0x10c);
        b.setLabel(again);
        b.gotoDirect(0x100);
        return b.finish(0x10c);
    }

    @Test
    void theLoopCarriesItsFlags() {
        IrBlock blk = Passes.optimize(sieveLoop());
        FaultRecovery plan = new FaultRecovery(List.of(blk), new int[][]{{-1, 0}});
        assertTrue(plan.anyCarry(), "the back edge should carry r2, r6, r7");
        assertTrue(plan.carry().carries(0, 1));
        assertEquals(3, plan.carry().tailWrites(0).length);
        // a single block (no region jump) carries nothing and skips nothing at its tail
        FaultRecovery single = new FaultRecovery(List.of(blk));
        assertTrue(!single.anyCarry() && single.skippedCount() == 0);
    }

    @Test
    void leavingAndFaultingGiveTheInterpretersState() {
        for (boolean opt : new boolean[]{false, true}) {
            IrBlock blk = opt ? Passes.optimize(sieveLoop()) : sieveLoop();
            BlockCode once = new InterpCompiler().compile(blk);
            BlockCode region = new JitCompiler().compileRegion(List.of(blk), new int[][]{{-1, 0}});
            // r4 = limit: 0x200 leaves normally; 0x2000 runs the store past the memory's end
            for (long limit : new long[]{0x200, 0x2000, 7}) {
                TestCpu a = start(limit), c = start(limit);
                FlatMemory ma = new FlatMemory(0, (int) MEM), mc = new FlatMemory(0, (int) MEM);
                ExecContext ca = new ExecContext(ma), cc = new ExecContext(mc);
                int r;
                do {
                    r = once.exec(a, ca);
                } while (r == 1);
                int rr = region.exec(c, cc);
                String what = "opt=" + opt + " limit=" + limit;
                assertEquals(r, rr, what);
                assertArrayEquals(a.regs(), c.regs(), what);
                assertEquals(a.pc, c.pc, what);
                if (r == BlockCode.FAULT) {
                    assertEquals(ca.faultAddress, cc.faultAddress, what);
                    assertEquals(0x100L, c.pc);
                }
            }
        }
    }

    private static TestCpu start(long limit) {
        TestCpu cpu = new TestCpu();
        cpu.r0 = 3;
        cpu.r1 = 3;
        cpu.r3 = 0x800;
        cpu.r4 = limit;
        cpu.r5 = 1;
        cpu.r2 = cpu.r6 = cpu.r7 = 0x5555; // stale values a missing recomputation would leave
        return cpu;
    }
}
