package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.MethodHandles;
import java.util.List;

/** Test CPU: a syscall-number register, six argument registers (a0 also the result) and sp. */
public final class TestCpu extends CpuState {
    public long nr, a0, a1, a2, a3, a4, a5, sp;

    private static final CpuLayout LAYOUT = CpuLayout.of(MethodHandles.lookup(), TestCpu.class, List.of(
            CpuLayout.spec("nr", 1), CpuLayout.spec("a0", 2), CpuLayout.spec("a1", 3), CpuLayout.spec("a2", 4),
            CpuLayout.spec("a3", 5), CpuLayout.spec("a4", 6), CpuLayout.spec("a5", 7), CpuLayout.spec("sp", 8)));

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }

    long arg(int i) {
        return switch (i) {
            case 0 -> a0; case 1 -> a1; case 2 -> a2; case 3 -> a3; case 4 -> a4; case 5 -> a5;
            default -> throw new IllegalArgumentException("arg " + i);
        };
    }

    /** Loads a syscall into the registers. */
    void set(long number, long... args) {
        nr = number;
        long[] a = new long[6];
        System.arraycopy(args, 0, a, 0, args.length);
        a0 = a[0]; a1 = a[1]; a2 = a[2]; a3 = a[3]; a4 = a[4]; a5 = a[5];
    }
}
