package org.jtcg.core.engine;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test CPU: eight hot registers r0..r7 (globals 0..7), plus a lazy "flags" register folded on exit,
 * and a file of four 128-bit vector registers for the IR's vector ops.
 */
public final class TestCpu extends CpuState {
    public static final int VECTOR_REGISTERS = 4;
    public long r0, r1, r2, r3, r4, r5, r6, r7;
    public final long[] vectors = new long[2 * VECTOR_REGISTERS];
    /** Not architectural until folded: foldLazyState copies it into folded (to check engines fold). */
    public long lazy;
    public long folded;
    public int folds;

    public static final CpuLayout LAYOUT;

    static {
        List<CpuLayout.Spec> specs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            specs.add(CpuLayout.spec("r" + i, 0x7000_0000_0000_0000L | i));
        }
        specs.add(CpuLayout.spec("lazy", 0));
        LAYOUT = CpuLayout.of(MethodHandles.lookup(), TestCpu.class, specs, VECTOR_REGISTERS);
    }

    @Override
    public CpuLayout layout() {
        return LAYOUT;
    }

    @Override
    public long[] vectorFile() {
        return vectors;
    }

    @Override
    public void foldLazyState() {
        folded = lazy;
        folds++;
    }

    public long[] regs() {
        return new long[]{r0, r1, r2, r3, r4, r5, r6, r7, lazy, pc};
    }

    public void setRegs(long[] v) {
        r0 = v[0]; r1 = v[1]; r2 = v[2]; r3 = v[3]; r4 = v[4]; r5 = v[5]; r6 = v[6]; r7 = v[7];
        lazy = v[8];
    }

    @Override
    public String toString() {
        return Arrays.toString(regs());
    }
}
