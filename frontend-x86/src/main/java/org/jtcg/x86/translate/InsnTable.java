package org.jtcg.x86.translate;

import org.jtcg.x86.decoder.Op;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Which translator family handles which decoded {@link Op}: the one place that says what is
 * implemented. Adding a family (e.g. the SSE float or x87 libraries) is one {@code register} call
 * here with a class whose entries emit a helper call.
 */
final class InsnTable {
    /** Emits IR for one decoded instruction ({@link Ctx#insn}). */
    @FunctionalInterface
    interface Emitter {
        void emit(Ctx c);
    }

    private static final Map<Op, Emitter> TABLE = build();

    private static Map<Op, Emitter> build() {
        Map<Op, Emitter> m = new EnumMap<>(Op.class);
        AluOps.register(m);
        MoveOps.register(m);
        StackOps.register(m);
        BranchOps.register(m);
        MulDivOps.register(m);
        ShiftOps.register(m);
        BitOps.register(m);
        StringOps.register(m);
        AtomicOps.register(m);
        SystemOps.register(m);
        SseMoveOps.register(m);
        SseIntOps.register(m);
        SseFloatOps.register(m);
        X87Ops.register(m);
        return m;
    }

    static Emitter get(Op op) {
        return TABLE.get(op);
    }

    /** Ops with a translation (for docs and tests). */
    static Set<Op> supported() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }
}
