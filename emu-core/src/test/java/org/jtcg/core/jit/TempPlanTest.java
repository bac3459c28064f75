package org.jtcg.core.jit;

import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definite assignment, constant temps and pool slots of {@link TempPlan}. */
class TempPlanTest {
    @Test
    void tempWrittenOnOnePathOnlyIsZeroedAtEntry() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Val t = b.temp64();
        Label skip = b.newLabel();
        b.brcond(Cond.EQ, b.global(0), b.const64(0), skip);
        b.add(t, b.global(2), b.const64(7));
        b.setLabel(skip);
        b.add(b.global(4), b.global(4), t);
        b.exitSyscall(0x104);
        TempPlan plan = new TempPlan(b.finish(0x104));
        assertTrue(plan.zeroAtEntry.get(t.index()), "read after a merge where one path did not write it");
        assertFalse(plan.isConstant(t.index()));
    }

    @Test
    void tempWrittenOnEveryPathIsNotZeroed() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Val t = b.temp64();
        Label other = b.newLabel(), join = b.newLabel();
        b.brcond(Cond.EQ, b.global(0), b.const64(0), other);
        b.add(t, b.global(2), b.const64(7));
        b.br(join);
        b.setLabel(other);
        b.add(t, b.global(3), b.const64(9));
        b.setLabel(join);
        b.add(b.global(4), b.global(4), t);
        b.exitSyscall(0x104);
        TempPlan plan = new TempPlan(b.finish(0x104));
        assertTrue(plan.zeroAtEntry.isEmpty(), plan.zeroAtEntry.toString());
    }

    @Test
    void loopEnteredPastItsWriteReadsUnwritten() {
        // t = g2; goto L2; L1: u = g2 + 1; L2: g4 += u; if (g0 != 0) goto L1  -- the first L2 reads u unwritten
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Val t = b.temp64();
        b.mov(t, b.global(2));
        Val u = b.temp64();
        Label l1 = b.newLabel(), l2 = b.newLabel();
        b.br(l2);
        b.setLabel(l1);
        b.add(u, b.global(2), b.const64(1));
        b.setLabel(l2);
        b.add(b.global(4), b.global(4), u);
        b.add(b.global(5), b.global(5), t);
        b.brcond(Cond.NE, b.global(0), b.const64(0), l1);
        b.exitSyscall(0x104);
        TempPlan plan = new TempPlan(b.finish(0x104));
        assertTrue(plan.zeroAtEntry.get(u.index()));
        assertFalse(plan.zeroAtEntry.get(t.index()));
    }

    @Test
    void singleConstantDefinitionNeedsNoLocalAndOthersSharePools() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        b.insnStart(0x100);
        Val c = b.const64(0x1234);
        Val s = b.temp64();
        b.add(s, b.global(1), c);
        Val n = b.temp32();
        b.trunc(n, s);
        b.mov(b.global(2), s);
        b.exitSyscall(0x104);
        IrBlock block = b.finish(0x104);
        TempPlan plan = new TempPlan(block);
        assertTrue(plan.isConstant(c.index()));
        assertEquals(0x1234L, plan.constant[c.index()]);
        assertFalse(plan.isConstant(s.index()));
        assertEquals(1, plan.longSlots, "only s needs a long local");
        assertEquals(1, plan.intSlots);
        assertEquals(0, plan.slot[s.index()]);
        assertEquals(0, plan.slot[n.index()]);
    }
}
