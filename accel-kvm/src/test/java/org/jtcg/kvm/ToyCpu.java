package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.cpreg.RegArch;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * A toy CPU for the register cache tests, no architecture behind it: PC (the inherited {@code pc}),
 * A and B (64-bit), V (128-bit, two fields) and CLOCK (64-bit).
 */
public final class ToyCpu extends CpuState {
    static final long PC = RegId.make(RegArch.X86, RegSize.U64, 0x7e0000);
    static final long A = RegId.make(RegArch.X86, RegSize.U64, 0x7e0001);
    static final long B = RegId.make(RegArch.X86, RegSize.U64, 0x7e0002);
    static final long V = RegId.make(RegArch.X86, RegSize.U128, 0x7e0003);
    static final long CLOCK = RegId.make(RegArch.X86, RegSize.U64, 0x7e0004);

    public long a, b, v0, v1, clock;

    private static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), ToyCpu.class, List.of(
            CpuLayout.spec("pc", PC), CpuLayout.spec("a", A), CpuLayout.spec("b", B),
            CpuLayout.spec("v0", V, 0), CpuLayout.spec("v1", V, 1), CpuLayout.spec("clock", CLOCK)));

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }
}
