package org.jtcg.core.ir;

/** Width of an IR value. Globals are always {@link #I64}. */
public enum Type {
    I32(32), I64(64);

    public final int bits;

    Type(int bits) {
        this.bits = bits;
    }

    /** Normalises a value held in a {@code long} to this width (I32 values are kept sign-extended). */
    public long norm(long v) {
        return this == I32 ? (int) v : v;
    }

    public String toString() {
        return this == I32 ? "i32" : "i64";
    }
}
