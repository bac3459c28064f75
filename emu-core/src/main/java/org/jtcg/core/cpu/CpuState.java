package org.jtcg.core.cpu;

/**
 * Base of every arch's CPU state. Hot registers are {@code public long} fields of the
 * subclass, described by its {@link CpuLayout}; translated code accesses them directly.
 * Everything outside translated code goes through canonical-id accessors.
 */
public abstract class CpuState {
    /** Guest program counter of the next instruction to execute. */
    public long pc;

    /** The hot-register layout of this class (one shared instance per class). */
    public abstract CpuLayout layout();

    /** Reads a hot register by canonical id. */
    public long getReg(long id) {
        CpuField f = layout().byId(id);
        if (f == null) {
            throw new IllegalArgumentException(String.format("unknown register id 0x%016x", id));
        }
        return (long) f.handle().get(this);
    }

    /** Writes a hot register by canonical id. */
    public void setReg(long id, long value) {
        CpuField f = layout().byId(id);
        if (f == null) {
            throw new IllegalArgumentException(String.format("unknown register id 0x%016x", id));
        }
        f.handle().set(this, value);
    }

    /** Engine-internal lazy state (e.g. lazy flags) is folded into architectural registers. */
    public void foldLazyState() {
    }
}
