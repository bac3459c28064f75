package org.jtcg.x86.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging over the items of a diverging case: remove chunks (halves, quarters, ... single
 * items) while the case still diverges, keeping only candidates in which no instruction reads a
 * flag left undefined before it. Then finds the first instruction after which the state differs,
 * by running growing prefixes.
 */
public final class Minimizer {
    private final MaskTable masks;
    private final Predicate<FuzzCase> diverges;
    private int tests;

    /** @param diverges runs both engines on a case and says whether they disagree */
    public Minimizer(MaskTable masks, Predicate<FuzzCase> diverges) {
        this.masks = masks;
        this.diverges = diverges;
    }

    /** Engine-pair runs done so far. */
    public int tests() {
        return tests;
    }

    /** The smallest diverging case reachable by removing items of {@code c} (which must diverge). */
    public FuzzCase minimise(FuzzCase c) {
        List<List<FuzzInsn>> cur = c.items();
        if (test(c, List.of())) {
            return c.withItems(List.of());
        }
        int n = 2;
        while (cur.size() >= 2) {
            int chunk = (cur.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < cur.size(); start += chunk) {
                List<List<FuzzInsn>> candidate = new ArrayList<>(cur.subList(0, start));
                candidate.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
                if (test(c, candidate)) {
                    cur = candidate;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= cur.size()) {
                    break;
                }
                n = Math.min(cur.size(), 2 * n);
            }
        }
        return c.withItems(cur);
    }

    /**
     * The index of the first instruction after which the engines disagree: the shortest diverging
     * prefix (one instruction per item) ends with it. Returns {@code c.instructions().size() - 1}
     * if only the whole case diverges, -1 for an empty case.
     */
    public int firstDivergingInstruction(FuzzCase c) {
        List<FuzzInsn> insns = c.instructions();
        for (int k = 1; k < insns.size(); k++) {
            List<List<FuzzInsn>> prefix = new ArrayList<>();
            for (FuzzInsn i : insns.subList(0, k)) {
                prefix.add(List.of(i));
            }
            if (test(c, prefix)) {
                return k - 1;
            }
        }
        return insns.size() - 1;
    }

    private boolean test(FuzzCase c, List<List<FuzzInsn>> items) {
        FuzzCase candidate = c.withItems(items);
        if (!FlagTracker.valid(masks, candidate.instructions())) {
            return false;
        }
        tests++;
        return diverges.test(candidate);
    }
}
