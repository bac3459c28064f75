package org.jtcg.cli.toy;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU state of the test-only "toy64" arch: eight 64-bit registers (r7 is the stack pointer) and
 * the pc, all with canonical ids (x86 raw ids 0x7e0000-0x7e0008) so snapshots and diffs see them.
 */
public final class ToyCpu extends CpuState {
    public long r0, r1, r2, r3, r4, r5, r6, r7;

    /** Canonical id of the pc. */
    public static final long PC = reg(8);

    static final CpuLayout LAYOUT;

    /** Canonical id of rN (N = 8: the pc). */
    public static long reg(int n) {
        return RegId.make(RegArch.X86, RegSize.U64, 0x7e0000 + n);
    }

    static {
        List<CpuLayout.Spec> specs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            specs.add(CpuLayout.spec("r" + i, reg(i)));
        }
        specs.add(CpuLayout.spec("pc", PC));
        LAYOUT = CpuLayout.of(MethodHandles.lookup(), ToyCpu.class, specs);
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }
}
