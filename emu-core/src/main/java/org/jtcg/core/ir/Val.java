package org.jtcg.core.ir;

/**
 * An IR operand: a temp local to one block, or a global (a hot register of the CPU state,
 * identified by its {@link org.jtcg.core.cpu.CpuField} index). Globals are always I64.
 * Created only by {@link IrBuilder}; identity is (kind, index).
 */
public final class Val {
    public enum Kind { TEMP, GLOBAL }

    private final Kind kind;
    private final Type type;
    private final int index;
    private final String name;

    Val(Kind kind, Type type, int index, String name) {
        this.kind = kind;
        this.type = type;
        this.index = index;
        this.name = name;
    }

    public Kind kind() { return kind; }
    public Type type() { return type; }
    /** Temp number within the block, or the CpuField index for a global. */
    public int index() { return index; }
    public boolean isGlobal() { return kind == Kind.GLOBAL; }
    public boolean isTemp() { return kind == Kind.TEMP; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Val v && v.kind == kind && v.index == index;
    }

    @Override
    public int hashCode() {
        return kind == Kind.TEMP ? index : ~index;
    }

    @Override
    public String toString() {
        return name;
    }
}
