package org.jtcg.core.jit;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Passes;
import org.jtcg.core.ir.Val;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jtcg.core.jit.MemoryAndHelperTest.BASE;
import static org.jtcg.core.jit.MemoryAndHelperTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flag-like global writes that only a fault could observe are skipped by the jit and recomputed by
 * its fault handler: the plan, and the exact state at a fault against the interpreter.
 */
class FaultRecoveryTest {
    private static final long BAD = BASE + 0x3000; // just past the mapped memory

    /**
     * Insn 1 sets "flags" r4 = r0 - r1 (via a temp), r5 = (r0 - r1 == 0), r6 = an overflow-like
     * chain of temps and r7 = r1 ^ (r0 - r1); insn 2 loads r2 from [r3] (may fault); the last insn
     * overwrites the flags. With clobber, r1 (an operand of r7's write and of r6's chain) is
     * overwritten and r3 loaded again before that.
     */
    private static IrBlock flagsThenLoad(boolean clobberThenLoadAgain) {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x1000);
        b.insnStart(0x1000);
        Val diff = b.sub(b.global(0), b.global(1));
        b.mov(b.global(4), diff);
        b.setcond(Cond.EQ, b.global(5), diff, b.const64(0));
        Val ov = b.and(b.xor(b.global(0), diff), b.xor(b.global(1), b.global(0)));
        b.shr(b.global(6), ov, b.const64(63));
        b.xor(b.global(7), b.global(1), diff);
        b.insnStart(0x1004);
        b.load(b.global(2), b.global(3), 8, false, false);
        if (clobberThenLoadAgain) {
            b.insnStart(0x1008);
            b.movi(b.global(1), 7);
            b.insnStart(0x100c);
            b.load(b.global(3), b.global(3), 8, false, false);
        }
        b.insnStart(0x1010);
        b.movi(b.global(4), 1);
        b.movi(b.global(5), 2);
        b.movi(b.global(6), 3);
        b.movi(b.global(7), 4);
        b.gotoDirect(0x2000);
        return b.finish(0x1014);
    }

    @Test
    void flagWritesBeforeAnAccessAreSkippedWithTheirFeedingTemps() {
        IrBlock blk = Passes.optimize(flagsThenLoad(false));
        FaultRecovery plan = new FaultRecovery(List.of(blk));
        assertTrue(plan.any());
        assertEquals(1, plan.count());
        // the three flag writes and the xor/and/xor chain feeding r6 (diff stays: r4 and r5 read it... and are skipped too)
        assertTrue(plan.skippedCount() >= 3, "skipped " + plan.skippedCount());
        int load = indexOfLoad(blk, 0);
        assertEquals(1, plan.recoveryId(0, load));
        assertTrue(plan.opsOf(1).size() >= 4, "recomputed at the load: " + plan.opsOf(1));
    }

    @Test
    void anOperandChangedBeforeTheAccessKeepsTheWrite() {
        IrBlock blk = Passes.optimize(flagsThenLoad(true));
        FaultRecovery plan = new FaultRecovery(List.of(blk));
        // r7's write reads r1, which is overwritten before the second load: it stays; r6's write is
        // skipped (its chain's r1 ^ r0 is then computed in the normal path, before r1 changes)
        boolean sawR7 = false;
        for (int i = 0; i < blk.ops().size(); i++) {
            var op = blk.ops().get(i);
            if (op.dst != null && op.dst.isGlobal() && op.opc != org.jtcg.core.ir.Opcode.CONST) {
                if (op.dst.index() == 7) {
                    sawR7 = true;
                    assertFalse(plan.skipped(0, i), "r7's write must stay: its operand r1 changes before the second load");
                } else if (op.dst.index() == 6) {
                    assertTrue(plan.skipped(0, i), "r6's write: " + op);
                } else if (op.dst.index() == 1) {
                    assertFalse(plan.skipped(0, i));
                }
            }
            if (op.opc == org.jtcg.core.ir.Opcode.XOR && op.dst.isTemp() && op.args[0].isGlobal() && op.args[0].index() == 1) {
                assertFalse(plan.skipped(0, i), "r1 ^ r0 must be computed before r1 changes");
            }
        }
        assertTrue(sawR7);
    }

    @Test
    void stateAtAFaultEqualsTheInterpreters() {
        for (boolean clobber : new boolean[]{false, true}) {
            for (boolean opt : new boolean[]{false, true}) {
                for (long addr : new long[]{BASE + 0x100, BAD - 4, BAD}) {
                    IrBlock blk = opt ? Passes.optimize(flagsThenLoad(clobber)) : flagsThenLoad(clobber);
                    TestCpu ref = runOn("interp", blk, addr);
                    TestCpu jit = runOn("jit", blk, addr);
                    String what = "clobber=" + clobber + " opt=" + opt + " addr=" + Long.toHexString(addr);
                    assertEquals(ref.pc, jit.pc, what);
                    for (int r = 0; r < 8; r++) {
                        assertEquals(ref.regs()[r], jit.regs()[r], what + " r" + r);
                    }
                }
            }
        }
        // and the recovered values are the computed flags, not the stale ones
        TestCpu c = runOn("jit", Passes.optimize(flagsThenLoad(false)), BAD);
        assertEquals(0x1004L, c.pc);
        assertEquals(0x50L - 0x30L, c.r4);
        assertEquals(0L, c.r5);
        assertEquals(0x30L ^ 0x20L, c.r7);
    }

    private static TestCpu runOn(String engine, IrBlock blk, long addr) {
        FlatMemory mem = new FlatMemory(BASE, 0x3000);
        TestCpu cpu = new TestCpu();
        cpu.r0 = 0x50;
        cpu.r1 = 0x30;
        cpu.r3 = addr;
        cpu.r4 = cpu.r5 = cpu.r6 = cpu.r7 = -1; // stale flag values a missing recovery would leave
        int res = run(engine, blk, cpu, mem, new ExecContext(mem));
        assertEquals(addr >= BAD - 7 ? BlockCode.FAULT : 0, res, engine + " exit");
        return cpu;
    }

    private static int indexOfLoad(IrBlock blk, int nth) {
        int k = 0;
        for (int i = 0; i < blk.ops().size(); i++) {
            if (blk.ops().get(i).opc == org.jtcg.core.ir.Opcode.LOAD && k++ == nth) {
                return i;
            }
        }
        throw new AssertionError("no load " + nth);
    }
}
