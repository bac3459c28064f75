package org.jtcg.arm64.translate;

/** Translates one decoded A64 instruction (its pattern's arguments in {@code a}) into IR. */
@FunctionalInterface
interface A64Handler {
    void emit(A64Ctx c, long[] a);
}
