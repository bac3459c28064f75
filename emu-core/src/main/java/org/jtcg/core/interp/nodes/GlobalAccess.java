package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes the hot-register fields of one {@link CpuLayout} by field index, with plain
 * GETFIELD/PUTFIELD behind a switch ({@link GlobalAccessClass} generates one subclass per layout)
 * instead of the VarHandles the reference interpreter uses: a VarHandle held in a non-constant
 * place is not inlined by C1 (the launcher's compiler), and was most of that interpreter's cost.
 */
abstract class GlobalAccess {
    private static final Map<CpuLayout, GlobalAccess> BY_LAYOUT = new ConcurrentHashMap<>();

    /** The accessor of a layout: generated once per layout, the VarHandle fallback when that is impossible. */
    static GlobalAccess of(CpuLayout layout) {
        return BY_LAYOUT.computeIfAbsent(layout, GlobalAccessClass::generateOrFallBack);
    }

    abstract long get(CpuState cpu, int field);

    abstract void set(CpuState cpu, int field, long value);

    /** Through the layout's VarHandles: for state classes a generated class cannot reach. */
    static final class ByHandles extends GlobalAccess {
        private final java.lang.invoke.VarHandle[] handles;

        ByHandles(CpuLayout layout) {
            handles = new java.lang.invoke.VarHandle[layout.size()];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = layout.field(i).handle();
            }
        }

        @Override
        long get(CpuState cpu, int field) {
            return (long) handles[field].get(cpu);
        }

        @Override
        void set(CpuState cpu, int field, long value) {
            handles[field].set(cpu, value);
        }
    }
}
