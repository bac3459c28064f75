package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies a block's globals between the hot-register fields of one {@link CpuLayout} and the block's frame,
 * with plain GETFIELD/PUTFIELD behind a switch over the field index inside one loop ({@link GlobalAccessClass}
 * generates one subclass per layout): one call per block run instead of a VarHandle call per access, which C1
 * (the launcher's compiler) does not inline when the handle is not a constant, and which was most of the
 * reference interpreter's cost.
 */
abstract class GlobalAccess {
    private static final Map<CpuLayout, GlobalAccess> BY_LAYOUT = new ConcurrentHashMap<>();

    /** The accessor of a layout: generated once per layout, the VarHandle fallback when that is impossible. */
    static GlobalAccess of(CpuLayout layout) {
        return BY_LAYOUT.computeIfAbsent(layout, GlobalAccessClass::generateOrFallBack);
    }

    /** {@code f[base + k] = field fields[k]} for every k. */
    abstract void load(CpuState cpu, long[] f, int base, int[] fields);

    /** {@code field fields[k] = f[base + k]} for every k in {@code ks}. */
    abstract void store(CpuState cpu, long[] f, int base, int[] fields, int[] ks);

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
            for (int k = 0; k < fields.length; k++) {
                f[base + k] = (long) handles[fields[k]].get(cpu);
            }
        }

        @Override
        void store(CpuState cpu, long[] f, int base, int[] fields, int[] ks) {
            for (int k : ks) {
                handles[fields[k]].set(cpu, f[base + k]);
            }
        }
    }
}
