package org.jtcg.x86.fuzz;

/**
 * Follows which arithmetic flags hold architecturally undefined values along a sequence. The
 * generator uses it never to emit an instruction that reads an undefined flag (its result would be
 * undefined too); the comparison ignores the flags still undefined where the engines stopped.
 */
public final class FlagTracker {
    private final MaskTable masks;
    private int undefined;

    public FlagTracker(MaskTable masks) {
        this.masks = masks;
    }

    /** A tracker in the same state. */
    public FlagTracker copy() {
        FlagTracker t = new FlagTracker(masks);
        t.undefined = undefined;
        return t;
    }

    /** Flags currently undefined ({@link FlagBits}). */
    public int undefined() {
        return undefined;
    }

    /** True if {@code insn} reads no undefined flag. */
    public boolean canRun(FuzzInsn insn) {
        return (insn.pattern().reads() & undefined) == 0;
    }

    /** Applies {@code insn}'s effect on the flags. */
    public void apply(FuzzInsn insn) {
        Pattern p = insn.pattern();
        int undef = masks.undefinedFlags(insn.mnemonic()) | p.undefined();
        int written = p.writes() | undef;
        if (written == 0) {
            return;
        }
        if (p.shift()) {
            long count = shiftCount(insn);
            if (count == 0) {
                return; // a masked count of 0 leaves the flags alone
            }
            if (count < 0) {
                // unknown count (CL): the flags are either untouched or written; only ever more undefined
                undefined |= undef;
                return;
            }
        }
        undefined = (undefined & ~written) | undef;
    }

    /** The masked count of a shift/rotate: from its immediate or the implicit 1; -1 when it is in CL. */
    static long shiftCount(FuzzInsn insn) {
        Pattern p = insn.pattern();
        long mask = insn.bits() == 64 ? 63 : 31;
        for (int i = 0; i < p.operands().size(); i++) {
            OperandForm.Kind k = p.operands().get(i).kind();
            if (k == OperandForm.Kind.ONE) {
                return 1;
            }
            if (k == OperandForm.Kind.CL) {
                return -1;
            }
            if (insn.args().get(i) instanceof Arg.Imm imm) {
                return imm.value() & mask;
            }
        }
        throw new IllegalStateException("shift pattern without a count: " + p);
    }

    /** Computes the undefined flags after the first {@code n} instructions of a list. */
    public static int undefinedAfter(MaskTable masks, java.util.List<FuzzInsn> insns, int n) {
        FlagTracker t = new FlagTracker(masks);
        for (int i = 0; i < n && i < insns.size(); i++) {
            t.apply(insns.get(i));
        }
        return t.undefined();
    }

    /** True if no instruction of the list reads a flag left undefined before it. */
    public static boolean valid(MaskTable masks, java.util.List<FuzzInsn> insns) {
        FlagTracker t = new FlagTracker(masks);
        for (FuzzInsn i : insns) {
            if (!t.canRun(i)) {
                return false;
            }
            t.apply(i);
        }
        return true;
    }
}
