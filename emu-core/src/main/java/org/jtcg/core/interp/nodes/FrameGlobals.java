package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;

/**
 * The globals one block uses, held in its frame while it runs (field g of the layout in slot {@code base + g}):
 * loaded from the CPU state at entry, stored back when the block leaves by an exit or a fault and around
 * helper calls that read or write CPU fields. Between those points the frame is the only copy that changed,
 * so the CPU state a fault, exit or helper observes is exactly what the reference interpreter (which writes
 * the fields directly) leaves there: a global the block has not written yet still holds the loaded value.
 *
 * <p>For the same reason storing a field the block did not write is harmless (it writes back the value it
 * loaded, or reloaded after a helper), which lets a block whose fields are dense, the common case, load and
 * store every field below its highest one in straight-line code ({@link GlobalAccess#loadBelow}) instead of
 * looping over its list.
 */
final class FrameGlobals {
    /** A straight-line field costs about a quarter of a listed one (no indirect jump per field). */
    private static final int DENSE_FACTOR = 4;

    private final GlobalAccess access;
    private final int base;
    private final int[] read, written;
    /** Fields below these counts are loaded / stored in straight-line code, or -1: use the list. */
    private final int loadBelow, storeBelow;

    /**
     * @param used    the fields the block reads or writes (every one is loaded: a store must find its value)
     * @param written the fields the block writes
     */
    FrameGlobals(GlobalAccess access, int base, int[] used, int[] written) {
        this.access = access;
        this.base = base;
        this.read = used;
        this.written = written;
        this.loadBelow = denseBelow(used);
        // storing below n needs every field below n loaded: the used fields include the written ones, so
        // a dense load covers a dense store's range; after a listed load, store the list
        this.storeBelow = loadBelow < 0 ? -1 : denseBelow(written);
    }

    private static int denseBelow(int[] fields) {
        int n = 0;
        for (int g : fields) {
            n = Math.max(n, g + 1);
        }
        return n <= DENSE_FACTOR * fields.length ? n : -1;
    }

    /** Frame slot of layout field g. */
    int slot(int g) {
        return base + g;
    }

    void load(long[] f, CpuState cpu) {
        if (loadBelow >= 0) {
            access.loadBelow(cpu, f, base, loadBelow);
        } else {
            access.load(cpu, f, base, read);
        }
    }

    void store(long[] f, CpuState cpu) {
        if (storeBelow >= 0) {
            access.storeBelow(cpu, f, base, storeBelow);
        } else {
            access.store(cpu, f, base, written);
        }
    }
}
