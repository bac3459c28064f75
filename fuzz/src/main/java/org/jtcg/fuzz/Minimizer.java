package org.jtcg.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Delta debugging over the items of a diverging case: remove chunks (halves, quarters, ... single
 * items) while the case still diverges, keeping only candidates the architecture calls runnable (no
 * instruction reads state left undefined before it). Then finds the first instruction after which
 * the state differs, by running growing prefixes.
 */
public final class Minimizer {
    private final Predicate<FuzzCase> diverges;
    private int tests;

    /** @param diverges runs both lanes on a case and says whether they disagree */
    public Minimizer(Predicate<FuzzCase> diverges) {
        this.diverges = diverges;
    }

    /** Lane-pair runs done so far. */
    public int tests() {
        return tests;
    }

    /** The smallest diverging case reachable by removing items of {@code c} (which must diverge). */
    public FuzzCase minimise(FuzzCase c) {
        List<Integer> cur = new ArrayList<>();
        for (int i = 0; i < c.itemCount(); i++) {
            cur.add(i);
        }
        if (test(c.keepItems(List.of()))) {
            return c.keepItems(List.of());
        }
        int n = 2;
        while (cur.size() >= 2) {
            int chunk = (cur.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < cur.size(); start += chunk) {
                List<Integer> candidate = new ArrayList<>(cur.subList(0, start));
                candidate.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
                if (test(c.keepItems(candidate))) {
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
        return c.keepItems(cur);
    }

    /**
     * The index of the first instruction after which the lanes disagree: the shortest diverging
     * prefix ends with it. Returns {@code c.instructionCount() - 1} if only the whole case diverges,
     * -1 for an empty case.
     */
    public int firstDivergingInstruction(FuzzCase c) {
        int n = c.instructionCount();
        for (int k = 1; k < n; k++) {
            if (test(c.prefix(k))) {
                return k - 1;
            }
        }
        return n - 1;
    }

    private boolean test(FuzzCase candidate) {
        if (!candidate.runnable()) {
            return false;
        }
        tests++;
        return diverges.test(candidate);
    }
}
