package org.jtcg.core.ir;

/**
 * The facts {@link Passes#foldAndPropagate} tracks inside a straight-line stretch (constants, copies,
 * conditions), kept so that forgetting is O(1): every value has a version that each write bumps, every
 * fact records the versions of the values it mentions and the stretch it was learnt in, and a fact whose
 * versions or stretch no longer match is simply not there. Before, forgetting scanned every fact at every
 * write, which made the pass quadratic in the length of a stretch (a 128-instruction block has a few
 * thousand ops).
 *
 * <p>Slots: temp i is slot i, global g is slot temps + g. A helper that writes globals bumps one epoch that
 * is part of every global's version.
 */
final class FactTable {
    private final int temps;
    private final int[] version;
    private int globalEpoch;
    /** The current straight-line stretch; labels and terminal ops start a new one (facts start at 1). */
    private int stretch = 1;

    private final long[] constValue;
    private final long[] constVersion;
    private final int[] constStretch;

    private final Val[] copySource;
    private final long[] copyVersion, copySourceVersion;
    private final int[] copyStretch;

    private final Op[] condition;
    private final long[] conditionVersion, conditionArg0Version, conditionArg1Version;
    private final int[] conditionStretch;

    FactTable(IrBlock block) {
        int globals = block.layout().fields().size();
        for (Op op : block.ops()) { // a global beyond the layout would be a builder bug; do not crash on it here
            if (op.dst != null && op.dst.isGlobal()) {
                globals = Math.max(globals, op.dst.index() + 1);
            }
            for (Val v : op.args) {
                if (v.isGlobal()) {
                    globals = Math.max(globals, v.index() + 1);
                }
            }
        }
        temps = block.tempTypes().size();
        int slots = temps + globals;
        version = new int[slots];
        constValue = new long[slots];
        constVersion = new long[slots];
        constStretch = new int[slots];
        copySource = new Val[slots];
        copyVersion = new long[slots];
        copySourceVersion = new long[slots];
        copyStretch = new int[slots];
        condition = new Op[slots];
        conditionVersion = new long[slots];
        conditionArg0Version = new long[slots];
        conditionArg1Version = new long[slots];
        conditionStretch = new int[slots];
    }

    private int slot(Val v) {
        return v.isTemp() ? v.index() : temps + v.index();
    }

    /** The value's current version: equal versions mean no write in between. */
    long versionOf(Val v) {
        int s = slot(v);
        return v.isTemp() ? version[s] : ((long) globalEpoch << 32) | (version[s] & 0xffffffffL);
    }

    /** Forgets everything (a label or the end of a straight-line stretch). */
    void newStretch() {
        stretch++;
    }

    int stretch() {
        return stretch;
    }

    /** {@code v} was written: every fact about or through it is gone. */
    void written(Val v) {
        version[slot(v)]++;
    }

    /** A helper wrote globals: every fact mentioning a global is gone. */
    void allGlobalsWritten() {
        globalEpoch++;
    }

    Long constant(Val v) {
        int s = slot(v);
        return constStretch[s] == stretch && constVersion[s] == versionOf(v) ? constValue[s] : null;
    }

    void setConstant(Val v, long value) {
        int s = slot(v);
        constValue[s] = value;
        constVersion[s] = versionOf(v);
        constStretch[s] = stretch;
    }

    /** The value {@code v} is a copy of, or null. */
    Val copyOf(Val v) {
        int s = slot(v);
        if (copyStretch[s] != stretch || copyVersion[s] != versionOf(v)) {
            return null;
        }
        Val src = copySource[s];
        return copySourceVersion[s] == versionOf(src) ? src : null;
    }

    void setCopy(Val v, Val src) {
        int s = slot(v);
        copySource[s] = src;
        copyVersion[s] = versionOf(v);
        copySourceVersion[s] = versionOf(src);
        copyStretch[s] = stretch;
    }

    /** The SETCOND whose 0/1 result {@code v} holds (neither v nor the compared values written since), or null. */
    Op condition(Val v) {
        int s = slot(v);
        if (conditionStretch[s] != stretch || conditionVersion[s] != versionOf(v)) {
            return null;
        }
        Op set = condition[s];
        return conditionArg0Version[s] == versionOf(set.args[0]) && conditionArg1Version[s] == versionOf(set.args[1])
                ? set : null;
    }

    void setCondition(Val v, Op set) {
        int s = slot(v);
        condition[s] = set;
        conditionVersion[s] = versionOf(v);
        conditionArg0Version[s] = versionOf(set.args[0]);
        conditionArg1Version[s] = versionOf(set.args[1]);
        conditionStretch[s] = stretch;
    }
}
