package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;

/**
 * The globals one block uses, held in its frame while it runs: loaded from the CPU state at entry,
 * stored back (the written ones) when it leaves by an exit or a fault and around helper calls that
 * read or write CPU fields. Between those points the frame is the only copy that changed, so the CPU
 * state a fault, exit or helper observes is exactly what the reference interpreter (which writes the
 * fields directly) leaves there: a global the block has not written yet still holds the loaded value.
 */
final class FrameGlobals {
    private final GlobalAccess access;
    /** Layout field index of frame slot {@code base + k}. */
    private final int[] field;
    private final int base;
    /** The k (frame slot base + k) of the globals some op of the block writes. */
    private final int[] written;

    FrameGlobals(GlobalAccess access, int[] field, int base, int[] written) {
        this.access = access;
        this.field = field;
        this.base = base;
        this.written = written;
    }

    /** Frame slot of the block's k-th global. */
    int slot(int k) {
        return base + k;
    }

    void load(long[] f, CpuState cpu) {
        access.load(cpu, f, base, field);
    }

    void store(long[] f, CpuState cpu) {
        access.store(cpu, f, base, field, written);
    }
}
