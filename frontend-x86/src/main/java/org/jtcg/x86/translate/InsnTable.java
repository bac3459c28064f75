package org.jtcg.x86.translate;

import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.Mnemonic;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Which translator family handles which decoded {@link Mnemonic}: the one place that says what is
 * implemented. Adding a family (e.g. the SSE float or x87 libraries) is one {@code register} call
 * here with a class whose entries emit a helper call.
 */
final class InsnTable {
    /** Emits IR for one decoded instruction ({@link Ctx#insn}). */
    @FunctionalInterface
    interface Emitter {
        void emit(Ctx c);
    }

    private static final Map<Mnemonic, Emitter> TABLE = build();
    /** VEX-encoded forms of the vector instructions (AVX/AVX2), mostly mapped onto TABLE's 128-bit emitters. */
    private static final Map<Mnemonic, Emitter> VEX = AvxOps.build(TABLE::get);

    private static Map<Mnemonic, Emitter> build() {
        Map<Mnemonic, Emitter> m = new EnumMap<>(Mnemonic.class);
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
        Sse3Ops.register(m);
        Ssse3Ops.register(m);
        Sse41Ops.register(m);
        Sse42Ops.register(m);
        X87Ops.register(m);
        XsaveOps.register(m);
        // issue 15 leftovers: the SSE approximations and maskmovdqu
        SseApproxOps.register(m);
        MaskMovDquOps.register(m);
        // x86-64-v3 part 2 (issue 15): VEX-only, not AVX lane ops
        BmiOps.register(m);
        FmaOps.register(m);
        F16cOps.register(m);
        return m;
    }

    static Emitter get(Mnemonic op) {
        return TABLE.get(op);
    }

    /**
     * The emitter for a decoded instruction: a VEX-encoded one takes its VEX emitter, or, for
     * instructions that exist only VEX-encoded and are not AVX lane ops (BMI, FMA... registered in
     * the main table by their families), the main one. Legacy encodings never see a VEX emitter.
     */
    static Emitter get(DecodedInsn insn) {
        if (insn.isVex()) {
            Emitter e = VEX.get(insn.op());
            return e != null ? e : TABLE.get(insn.op());
        }
        return TABLE.get(insn.op());
    }

    /** Ops with a VEX translation of their own (for tests). */
    static Set<Mnemonic> supportedVex() {
        return Collections.unmodifiableSet(VEX.keySet());
    }

    /** Ops with a translation (for docs and tests). */
    static Set<Mnemonic> supported() {
        return Collections.unmodifiableSet(TABLE.keySet());
    }
}
