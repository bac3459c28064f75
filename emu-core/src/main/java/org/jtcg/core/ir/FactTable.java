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
 * is part of every global's version. Versions are only compared for equality, so they need no reset
 * between blocks.
 */
final class FactTable {
    private int temps;
    private int[] version = new int[0];
    private int globalEpoch;
    /**
     * The current straight-line stretch; labels and terminal ops start a new one. Stretch numbers keep
     * growing across the blocks a table is reused for, so a fact left from an earlier block is never current.
     */
    private int stretch = 1;

    private long[] constValue, constVersion;
    private int[] constStretch;

    private Val[] copySource;
    private long[] copyVersion, copySourceVersion;
    private int[] copyStretch;

    private Op[] condition;
    private long[] conditionVersion, conditionArg0Version, conditionArg1Version;
    private int[] conditionStretch;

    /** One table per thread, reused from block to block (the arrays are the pass's main allocation). */
    private static final ThreadLocal<FactTable> PER_THREAD = ThreadLocal.withInitial(FactTable::new);

    private FactTable() {}

    /** This thread's table, emptied and sized for {@code block}. */
    static FactTable forBlock(IrBlock block) {
        FactTable t = PER_THREAD.get();
        if (t.stretch > Integer.MAX_VALUE - (1 << 20)) { // stretch numbers about to wrap: start afresh
            t = new FactTable();
            PER_THREAD.set(t);
        }
        t.reset(block);
        return t;
    }

    private void reset(IrBlock block) {
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
        if (slots > version.length) {
            int n = Math.max(slots, 2 * version.length);
            version = new int[n];
            constValue = new long[n];
            constVersion = new long[n];
            constStretch = new int[n];
            copySource = new Val[n];
            copyVersion = new long[n];
            copySourceVersion = new long[n];
            copyStretch = new int[n];
            condition = new Op[n];
            conditionVersion = new long[n];
            conditionArg0Version = new long[n];
            conditionArg1Version = new long[n];
            conditionStretch = new int[n];
        }
        newStretch();
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
