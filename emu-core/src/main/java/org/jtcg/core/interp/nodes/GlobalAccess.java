package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies globals between the hot-register fields of one {@link CpuLayout} and a block's frame, where field g
 * lives in slot {@code base + g}. The subclass {@link GlobalAccessClass} generates per layout does it with plain
 * GETFIELD/PUTFIELD: one call per block run instead of a VarHandle call per access, which C1 (the launcher's
 * compiler) does not inline when the handle is not a constant, and which was most of the reference
 * interpreter's cost. Two forms: a list of fields (a loop over a tableswitch), and every field below n
 * (straight-line code entered at field n - 1: no branch per field, cheaper when the block's fields are dense).
 */
abstract class GlobalAccess {
    private static final Map<CpuLayout, GlobalAccess> BY_LAYOUT = new ConcurrentHashMap<>();

    /** The accessor of a layout: generated once per layout, the VarHandle fallback when that is impossible. */
    static GlobalAccess of(CpuLayout layout) {
        return BY_LAYOUT.computeIfAbsent(layout, GlobalAccessClass::generateOrFallBack);
    }

    /** {@code f[base + g] = field g} for every g in {@code fields}. */
    abstract void load(CpuState cpu, long[] f, int base, int[] fields);

    /** {@code field g = f[base + g]} for every g in {@code fields}. */
    abstract void store(CpuState cpu, long[] f, int base, int[] fields);

    /** {@code f[base + g] = field g} for every g below n. */
    abstract void loadBelow(CpuState cpu, long[] f, int base, int n);

    /** {@code field g = f[base + g]} for every g below n. */
    abstract void storeBelow(CpuState cpu, long[] f, int base, int n);

    /** Through the layout's VarHandles: for state classes a generated class cannot reach. */
    static final class ByHandles extends GlobalAccess {
        private final VarHandle[] handles;

        ByHandles(CpuLayout layout) {
            handles = new VarHandle[layout.size()];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = layout.field(i).handle();
            }
        }

        @Override
        void load(CpuState cpu, long[] f, int base, int[] fields) {
            for (int g : fields) {
                f[base + g] = (long) handles[g].get(cpu);
            }
        }

        @Override
        void store(CpuState cpu, long[] f, int base, int[] fields) {
            for (int g : fields) {
                handles[g].set(cpu, f[base + g]);
            }
        }

        @Override
        void loadBelow(CpuState cpu, long[] f, int base, int n) {
            for (int g = 0; g < n; g++) {
                f[base + g] = (long) handles[g].get(cpu);
            }
        }

        @Override
        void storeBelow(CpuState cpu, long[] f, int base, int n) {
            for (int g = 0; g < n; g++) {
                handles[g].set(cpu, f[base + g]);
            }
        }
    }
}
