package org.jtcg.s390x.translate;

/** Emits the IR of one decoded instruction; {@code a} holds the table's argument slots. */
@FunctionalInterface
interface Handler {
    void emit(Emit e, long[] a);
}
