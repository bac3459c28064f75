package org.jtcg.core.ir;

/** A branch target inside one block; placed with {@link IrBuilder#setLabel(Label)}. */
public record Label(int id) {
    @Override
    public String toString() {
        return "L" + id;
    }
}
