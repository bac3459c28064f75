package org.jtcg.core.engine;

import java.util.List;
import java.util.Map;

/**
 * Where a {@link Region} may be entered besides its head (issue 14; docs/performance.md "Round 9 — multi-entry
 * regions"). A block that is an entry of an installed region is run by entering the region there
 * ({@link TranslatedBlock#regionEntry}), so it never heads a second region holding mostly the same blocks; but
 * every entry is one more way into the method for HotSpot, and a badly chosen one makes the region's code slower
 * under C1 or runs only a block or two per entry. This class holds the rules, from the plan's internal jumps.
 */
final class RegionEntries {
    private RegionEntries() {
    }

    /**
     * Where a region may be entered besides its head ({@code -Djtcg.regionMemberEntry=off|observed|all}, default
     * all: 18-29 % fewer regions compiled, busybox sh loop -14 % CPU, gzip -4 %, strwork -3 %, lzwork even;
     * docs/performance.md "Round 9 — multi-entry regions"). The method then starts with a switch on
     * {@link ExecContext#regionEntry}, and a block that is an entry of an installed region is run by entering the
     * region there, so it never heads a second region that holds mostly the same blocks.
     */
    enum MemberEntry {
        /** Head only (the region method has no switch). */
        OFF,
        /**
         * The {@link RegionEntries#enterable} members the guest was seen to come into from outside the region
         * ({@link RegionEntries#entryWorthIt}).
         */
        OBSERVED,
        /**
         * The default: every {@link RegionEntries#enterable} member of a hot path; a member of a loop through the
         * head only when observed as for {@link #OBSERVED}. A loop member entered from inside only gains nothing, and making
         * every loop member an entry cost lzwork +12..16 % CPU (its loop members run better in regions of their own).
         */
        ALL;

        static MemberEntry fromProperty() {
            String v = System.getProperty("jtcg.regionMemberEntry", "all");
            return switch (v) {
                case "off", "false" -> OFF;
                case "observed", "true" -> OBSERVED;
                case "all" -> ALL;
                default -> {
                    System.err.println("jtcg: ignoring -Djtcg.regionMemberEntry=" + v + " (expected off, observed or all)");
                    yield ALL;
                }
            };
        }
    }

    static final MemberEntry MEMBER_ENTRY = MemberEntry.fromProperty();

    /**
     * The entries of a region of {@code loop}'s blocks (head first; {@code index}: member positions) with internal
     * jumps {@code targets}: the head, and by {@code bc}'s mode the {@link #enterable} members, a loop's only when
     * the guest came into them from outside.
     */
    static boolean[] choose(List<TranslatedBlock> loop, Map<TranslatedBlock, Integer> index, int[][] targets,
                            BlockCache bc) {
        boolean[] entries = enterable(targets);
        entries[0] = true;
        boolean[] onLoop = onCycleThroughHead(targets);
        for (int i = 1; i < loop.size(); i++) {
            boolean always = bc.memberEntry == MemberEntry.ALL && !onLoop[i];
            entries[i] = entries[i] && (always || bc.memberEntry != MemberEntry.OFF && entryWorthIt(loop.get(i), index, bc));
        }
        return entries;
    }

    static boolean anyMemberEntry(boolean[] entries) {
        for (int m = 1; m < entries.length; m++) {
            if (entries[m]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the guest has come into member {@code tb} from outside the region's blocks: over a chain link from a
     * block that is no member (a loop entered at its middle, another region's exit landing here) or by an
     * indirect jump (a return from a function the region does not hold). Only such members become entries:
     * every entry is a join of all the method's locals for HotSpot, which makes the loop slower under C1
     * (docs/performance.md "Round 9 — multi-entry regions").
     */
    private static boolean entryWorthIt(TranslatedBlock tb, Map<TranslatedBlock, Integer> members, BlockCache bc) {
        return tb.enteredIndirectly || bc.linkedFromOutside(tb, members.keySet());
    }

    /** Per member: whether it is on a cycle of internal jumps through the head. */
    static boolean[] onCycleThroughHead(int[][] targets) {
        boolean[][] reach = closure(targets);
        boolean[] on = new boolean[targets.length];
        for (int m = 0; m < on.length; m++) {
            on[m] = reach[0][m] && reach[m][0];
        }
        return on;
    }

    /** reach[i][j]: block j can be reached from block i over one or more internal jumps. */
    private static boolean[][] closure(int[][] targets) {
        int n = targets.length;
        boolean[][] reach = new boolean[n][n];
        for (int m = 0; m < n; m++) {
            for (int t : targets[m]) {
                if (t >= 0) {
                    reach[m][t] = true;
                }
            }
        }
        for (int k = 0; k < n; k++) { // transitive closure (n is at most a few dozen)
            for (int i = 0; i < n; i++) {
                if (reach[i][k]) {
                    for (int j = 0; j < n; j++) {
                        reach[i][j] |= reach[k][j];
                    }
                }
            }
        }
        return reach;
    }

    /**
     * Per member: whether the region may be entered there without making a loop of it irreducible: members on a
     * cycle of internal jumps through the head (the method's entry switch sits at the head, RegionMethod) and
     * members on no cycle (a hot path's blocks, {@link Region#pathsFrom}) from which at least half the region's blocks
     * can be reached. A member of an inner loop the head is not on would be a second way into that loop, which C1
     * then does not treat as a loop (lzwork +30 % CPU when such members were entries); a member near a path's far
     * end would run a block or two per entry where a region of its own runs a whole path (lzwork +9 %). Both keep
     * running on their own and may head a region of their own.
     */
    static boolean[] enterable(int[][] targets) {
        int n = targets.length;
        boolean[][] reach = closure(targets);
        boolean[] on = new boolean[n];
        for (int m = 0; m < n; m++) {
            int ahead = 0;
            for (int j = 0; j < n; j++) {
                ahead += reach[m][j] ? 1 : 0;
            }
            on[m] = reach[0][m] && reach[m][0] || !reach[m][m] && 2 * ahead >= n;
        }
        return on;
    }
}
