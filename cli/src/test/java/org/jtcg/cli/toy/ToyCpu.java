package org.jtcg.cli.toy;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/** CPU state of the test-only "toy64" arch: eight 64-bit registers; r7 is the stack pointer. */
public final class ToyCpu extends CpuState {
    public long r0, r1, r2, r3, r4, r5, r6, r7;

    static final CpuLayout LAYOUT;

    static {
        List<CpuLayout.Spec> specs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            specs.add(CpuLayout.spec("r" + i, RegId.make(RegArch.X86, RegSize.U64, 0x7e0000 + i)));
        }
        LAYOUT = CpuLayout.of(MethodHandles.lookup(), ToyCpu.class, specs);
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }
}
