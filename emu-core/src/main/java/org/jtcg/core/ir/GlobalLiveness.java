package org.jtcg.core.ir;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Backward liveness of globals over one block's control-flow graph (labels, forward and backward branches),
 * as {@link Passes#liveGlobalsAfter} defines it, in flat bit-word arrays: the set after op i is words
 * {@code [i * w, (i + 1) * w)}. Dead-code elimination runs it once or twice per block, so it allocates one
 * array for all ops instead of a set per op, and stores the sets only of the ops that write a global (the
 * only ones it asks about) unless told to keep all.
 */
final class GlobalLiveness {
    private final int words;
    private final long[] after;
    private final boolean[] stored;

    private GlobalLiveness(int words, int ops) {
        this.words = words;
        this.after = new long[words * ops];
        this.stored = new boolean[ops];
    }

    static GlobalLiveness compute(List<Op> ops, boolean everyOp) {
        int maxGlobal = -1;
        int maxLabel = -1;
        for (Op op : ops) {
            if (op.dst != null && op.dst.isGlobal()) {
                maxGlobal = Math.max(maxGlobal, op.dst.index());
            }
            for (Val v : op.args) {
                if (v.isGlobal()) {
                    maxGlobal = Math.max(maxGlobal, v.index());
                }
            }
            maxLabel = Math.max(maxLabel, op.label());
        }
        int w = (maxGlobal + 64) >>> 6;
        GlobalLiveness result = new GlobalLiveness(w, ops.size());
        long[] all = new long[w];
        boolean backward = false;
        boolean[] labelSeen = new boolean[maxLabel + 1];
        for (Op op : ops) {
            if (op.dst != null && op.dst.isGlobal()) {
                set(all, 0, op.dst.index());
            }
            for (Val v : op.args) {
                if (v.isGlobal()) {
                    set(all, 0, v.index());
                }
            }
            if (op.opc == Opcode.LABEL) {
                labelSeen[op.aux1] = true;
            } else if ((op.opc == Opcode.BR || op.opc == Opcode.BRCOND) && labelSeen[op.aux1]) {
                backward = true;
            }
        }
        long[] atLabel = new long[(maxLabel + 1) * w];
        long[] live = new long[w];
        // Without a backward branch, one backward sweep sees every label before the branches to it and is
        // final; with one, sweep until the label sets are stable.
        boolean changed = true;
        while (changed) {
            changed = false;
            System.arraycopy(all, 0, live, 0, w); // falling off the end cannot happen; be conservative
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op op = ops.get(i);
                switch (op.opc) {
                    case BR -> System.arraycopy(atLabel, op.aux1 * w, live, 0, w);
                    case BRCOND -> {
                        for (int k = 0; k < w; k++) {
                            live[k] |= atLabel[op.aux1 * w + k];
                        }
                    }
                    default -> {
                        if (op.opc.isTerminal()) {
                            System.arraycopy(all, 0, live, 0, w);
                        }
                    }
                }
                boolean writesGlobal = op.dst != null && op.dst.isGlobal();
                if (everyOp || writesGlobal) {
                    System.arraycopy(live, 0, result.after, i * w, w);
                    result.stored[i] = true;
                }
                if (writesGlobal) {
                    live[op.dst.index() >>> 6] &= ~(1L << op.dst.index());
                }
                for (Val v : op.args) {
                    if (v.isGlobal()) {
                        set(live, 0, v.index());
                    }
                }
                if (op.mayObserveGlobals()) {
                    for (int k = 0; k < w; k++) {
                        live[k] |= all[k];
                    }
                }
                if (op.opc == Opcode.LABEL && !Arrays.equals(live, 0, w, atLabel, op.aux1 * w, op.aux1 * w + w)) {
                    System.arraycopy(live, 0, atLabel, op.aux1 * w, w);
                    changed = backward;
                }
            }
        }
        return result;
    }

    private static void set(long[] bits, int base, int index) {
        bits[base + (index >>> 6)] |= 1L << index;
    }

    /** Whether global {@code g} may be read after op {@code i} before it is written (asked only of stored ops). */
    boolean liveAfter(int i, int g) {
        if (!stored[i]) {
            throw new IllegalStateException("liveness after op " + i + " was not kept");
        }
        int k = g >>> 6;
        return k < words && (after[i * words + k] & (1L << g)) != 0;
    }

    /** The set after op {@code i} (kept for every op only when computed with everyOp). */
    BitSet after(int i) {
        if (!stored[i]) {
            throw new IllegalStateException("liveness after op " + i + " was not kept");
        }
        return BitSet.valueOf(Arrays.copyOfRange(after, i * words, (i + 1) * words));
    }
}
