package org.jtcg.core.engine;

import org.jtcg.core.ir.Opcode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hot guest loop compiled as one unit: the blocks of a cycle through a head block, with the
 * direct jumps between them turned into jumps inside the unit (see
 * {@link BlockCompiler#compileRegion}); an indirect exit whose last target is in the set becomes a
 * compare with that block's pc and a jump inside the unit when equal (return-address prediction
 * for loops that call functions). For the JIT this makes a tight guest loop a JVM loop that
 * HotSpot compiles (with on-stack replacement) and optimises across guest blocks, with guest
 * registers in locals for the whole loop instead of being stored and reloaded at each block.
 *
 * <p>Only {@link BlockEngine#run} enters regions (single-stepping runs plain blocks). A region maps
 * each of its results back to the member block and exit that produced it, so the dispatcher
 * chains and looks up exactly as after that block. Invalidating any member drops the region.
 */
final class Region {
    final TranslatedBlock head;
    final TranslatedBlock[] members;
    final BlockCode code;
    /** Region result r was exit {@code exitIndex[r]} of member {@code exitBlock[r]}. */
    final TranslatedBlock[] exitBlock;
    final int[] exitIndex;
    /**
     * Region-exit profile: times result r was returned (counted by the dispatcher, per region; racy increments
     * from parallel guest threads only lose counts). Read by diagnostics ({@code -Djtcg.hotBlocks}).
     */
    final int[] exitCounts;
    /** Times the dispatcher entered the region at a member other than its head (racy counts, diagnostics). */
    int memberEntryCount;
    /**
     * Region-to-region links: per result, the region entry the guest took next the last time (set by the
     * dispatcher when the exit's successor was a region entry). The dispatcher takes it directly when it is still
     * the entry installed at its block and that block's pc is the guest's pc, skipping the exit's chain and
     * lookup; an invalidated or replaced target fails the check and is relearned. Racy writes from parallel guest
     * threads store some entry, each checked the same way.
     */
    final Entry[] linkedNext;
    /** Per member: the way into this region at that member ({@link TranslatedBlock#regionEntry}). */
    final Entry[] entries;
    /** Per member: whether the region can be entered there ({@link Plan#entries}). */
    private final boolean[] enterable;
    boolean valid = true;


    /**
     * One way into a region: at member {@code member} (0 = the head). Immutable, so the dispatcher reads a
     * block's entry with one unlocked load and never sees a region paired with another region's member index.
     */
    static final class Entry {
        final Region region;
        final TranslatedBlock block;
        final int member;

        Entry(Region region, TranslatedBlock block, int member) {
            this.region = region;
            this.block = block;
            this.member = member;
        }
    }

    /** Whether indirect exits (returns) may jump inside a region to their last target ({@code -Djtcg.predictIndirect}). */
    static final boolean PREDICT_INDIRECT = Boolean.parseBoolean(System.getProperty("jtcg.predictIndirect", "true"));

    private Region(TranslatedBlock[] members, BlockCode code, boolean[] enterable) {
        this.enterable = enterable;
        this.head = members[0];
        this.members = members;
        this.code = code;
        int n = 0;
        for (TranslatedBlock m : members) {
            n += m.exitKind.length;
        }
        exitBlock = new TranslatedBlock[n];
        exitIndex = new int[n];
        exitCounts = new int[n];
        linkedNext = new Entry[n];
        entries = new Entry[members.length];
        for (int m = 0; m < members.length; m++) {
            entries[m] = new Entry(this, members[m], m);
        }
        int r = 0;
        for (TranslatedBlock m : members) {
            for (int e = 0; e < m.exitKind.length; e++, r++) {
                exitBlock[r] = m;
                exitIndex[r] = e;
            }
        }
    }

    /** Times the region returned (the sum of its exit profile). */
    long entries() {
        long n = 0;
        for (int c : exitCounts) {
            n += c;
        }
        return n;
    }

    /** Whether the dispatcher learns and follows {@link #linkedNext} ({@code -Djtcg.regionLinks}, default true). */
    static final boolean LINKS = Boolean.parseBoolean(System.getProperty("jtcg.regionLinks", "true"));

    /** Blocks explored around a head when looking for its loops (more than a region may hold). */
    static final int EXPLORE_LIMIT = 64;

    /**
     * The blocks of the loops through {@code head}, found by following resolved chain links, at
     * most {@code maxBlocks} blocks and {@code maxInsns} guest instructions. Blocks on the shortest
     * cycles through head are taken first (a block's rank is its distance from head plus its
     * distance back to head), so an inner loop is kept whole and an enclosing loop is added only
     * while it fits. Head comes first; every member is reachable from head and gets back to head
     * inside the set. Empty when head is not on such a cycle.
     */
    static List<TranslatedBlock> loopAround(TranslatedBlock head, int maxBlocks, int maxInsns) {
        Reach r = breadthFirst(head, EXPLORE_LIMIT, Integer.MAX_VALUE);
        List<TranslatedBlock> seen = r.blocks;
        Map<TranslatedBlock, Integer> index = r.index;
        List<Integer> from = r.depth;
        int n = seen.size();
        // distance back to head (Bellman-Ford style relaxation over the small explored set)
        int[] back = new int[n];
        java.util.Arrays.fill(back, Integer.MAX_VALUE);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                TranslatedBlock tb = seen.get(i);
                for (int e = 0; e < tb.chain.length; e++) {
                    Integer s = index.get(linked(tb, e));
                    if (s == null) {
                        continue;
                    }
                    int d = s == 0 ? 1 : back[s] == Integer.MAX_VALUE ? Integer.MAX_VALUE : back[s] + 1;
                    if (d < back[i]) {
                        back[i] = d;
                        changed = true;
                    }
                }
            }
        }
        if (back[0] == Integer.MAX_VALUE) {
            return List.of();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            long ra = back[a] == Integer.MAX_VALUE ? Long.MAX_VALUE : (long) from.get(a) + back[a];
            long rb = back[b] == Integer.MAX_VALUE ? Long.MAX_VALUE : (long) from.get(b) + back[b];
            return ra != rb ? Long.compare(ra, rb) : Integer.compare(a, b);
        });
        boolean[] chosen = new boolean[n];
        chosen[0] = true;
        int count = 1, insns = head.insnCount;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (i == 0 || back[i] == Integer.MAX_VALUE) {
                continue;
            }
            TranslatedBlock tb = seen.get(i);
            if (count < maxBlocks && insns + tb.insnCount <= maxInsns) {
                chosen[i] = true;
                count++;
                insns += tb.insnCount;
            }
        }
        // keep the chosen blocks that are reachable from head and get back to head inside the set
        boolean[] reaches = closure(seen, index, chosen, true);
        boolean[] reached = closure(seen, index, chosen, false);
        List<TranslatedBlock> loop = new ArrayList<>();
        if (reaches[0]) {
            for (int i = 0; i < n; i++) {
                if (chosen[i] && reaches[i] && reached[i]) {
                    loop.add(seen.get(i));
                }
            }
        }
        return loop;
    }

    /**
     * The hot paths leaving {@code head} when it is on no loop (straight-line code run often, such
     * as a function body called from many places): head and the blocks reachable from it over
     * linked exits, breadth first, at most {@code maxBlocks} blocks and {@code maxInsns} guest
     * instructions. Compiled as a region, its internal jumps replace dispatcher round trips.
     * Empty when head has no linked successor.
     */
    static List<TranslatedBlock> pathsFrom(TranslatedBlock head, int maxBlocks, int maxInsns) {
        List<TranslatedBlock> seen = breadthFirst(head, maxBlocks, maxInsns).blocks;
        return seen.size() > 1 ? seen : List.of();
    }

    /** Blocks reached from head over linked exits, in breadth-first order, with their index and depth. */
    private record Reach(List<TranslatedBlock> blocks, Map<TranslatedBlock, Integer> index, List<Integer> depth) {}

    /** Breadth first from head over linked exits, at most maxBlocks blocks and maxInsns guest instructions. */
    private static Reach breadthFirst(TranslatedBlock head, int maxBlocks, int maxInsns) {
        List<TranslatedBlock> seen = new ArrayList<>();
        Map<TranslatedBlock, Integer> index = new IdentityHashMap<>();
        List<Integer> depth = new ArrayList<>();
        seen.add(head);
        index.put(head, 0);
        depth.add(0);
        long insns = head.insnCount;
        for (int i = 0; i < seen.size(); i++) {
            TranslatedBlock tb = seen.get(i);
            for (int e = 0; e < tb.chain.length; e++) {
                TranslatedBlock s = linked(tb, e);
                if (s != null && !index.containsKey(s) && seen.size() < maxBlocks && insns + s.insnCount <= maxInsns) {
                    index.put(s, seen.size());
                    seen.add(s);
                    depth.add(depth.get(i) + 1);
                    insns += s.insnCount;
                }
            }
        }
        return new Reach(seen, index, depth);
    }

    /**
     * Among the chosen blocks: with {@code toHead}, those from which head is reachable inside the
     * set (head itself only if it is on a cycle); otherwise those reachable from head.
     */
    private static boolean[] closure(List<TranslatedBlock> seen, Map<TranslatedBlock, Integer> index,
                                     boolean[] chosen, boolean toHead) {
        int n = seen.size();
        boolean[] mark = new boolean[n];
        if (!toHead) {
            mark[0] = true;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < n; i++) {
                if (!chosen[i] || (toHead && mark[i]) || (!toHead && !mark[i])) {
                    continue;
                }
                TranslatedBlock tb = seen.get(i);
                for (int e = 0; e < tb.chain.length; e++) {
                    Integer s = index.get(linked(tb, e));
                    if (s == null || !chosen[s]) {
                        continue;
                    }
                    if (toHead && (s == 0 || mark[s])) {
                        mark[i] = true;
                        changed = true;
                        break;
                    }
                    if (!toHead && !mark[s]) {
                        mark[s] = true;
                        changed = true;
                    }
                }
            }
        }
        return mark;
    }

    /**
     * The valid, region-capable successor of exit e: the block chained at a direct exit, or the
     * block an indirect exit went to last time (typically a return to the caller of a function the
     * loop calls); null otherwise.
     */
    static TranslatedBlock linked(TranslatedBlock tb, int e) {
        TranslatedBlock s = switch (tb.exitKind[e]) {
            case GOTO_DIRECT -> tb.chain[e];
            case GOTO_INDIRECT -> PREDICT_INDIRECT ? tb.lastIndirect[e] : null;
            default -> null;
        };
        return s != null && s.valid && s.ir != null ? s : null;
    }

    /**
     * What a region compile needs, taken from the member blocks on the thread that chose them: the members
     * (head first), their IR and the internal jump targets read from their chain links now. A compiler thread
     * then builds the region without reading chain links, which the dispatcher changes under the cache lock;
     * a link that goes away later means its block was dropped, and the install refuses the region.
     */
    record Plan(List<TranslatedBlock> members, List<org.jtcg.core.ir.IrBlock> irs, int[][] targets, boolean[] entries) {
        int insns() {
            int n = 0;
            for (TranslatedBlock tb : members) {
                n += tb.insnCount;
            }
            return n;
        }

        /** Whether every member is still valid (else compiling the plan is wasted work). */
        boolean valid() {
            for (TranslatedBlock tb : members) {
                if (!tb.valid) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The plan of a region of {@code loop}'s blocks (head first): each member's linked direct exits into the set
     * become internal jumps; the entries are the head and the members {@link RegionEntries#choose} picks (links
     * read from {@code bc}).
     */
    static Plan plan(List<TranslatedBlock> loop, BlockCache bc) {
        Map<TranslatedBlock, Integer> index = new IdentityHashMap<>();
        Map<Long, Integer> memberAt = new HashMap<>();
        for (int i = 0; i < loop.size(); i++) {
            index.put(loop.get(i), i);
            memberAt.putIfAbsent(loop.get(i).pc, i);
        }
        List<org.jtcg.core.ir.IrBlock> irs = new ArrayList<>(loop.size());
        int[][] targets = new int[loop.size()][];
        for (int i = 0; i < loop.size(); i++) {
            TranslatedBlock tb = loop.get(i);
            irs.add(tb.hotIr());
            targets[i] = new int[tb.chain.length];
            for (int e = 0; e < tb.chain.length; e++) {
                Integer t = index.get(linked(tb, e));
                if (t == null && tb.exitKind[e] == Opcode.GOTO_DIRECT) {
                    // A direct exit not taken before the region formed (so not chained) whose target is a
                    // member: the block a lookup would find there, so jump to it inside the region (e.g. a
                    // sieve's "prime too large for the inner loop" edge back to the outer loop's head,
                    // first taken after the region formed, would otherwise leave and re-enter it every time).
                    t = memberAt.get(tb.exitPc[e]);
                }
                targets[i][e] = t == null ? -1 : t;
            }
        }
        return new Plan(List.copyOf(loop), irs, targets, RegionEntries.choose(loop, index, targets, bc));
    }


    /**
     * Compiles a plan (on any thread) into a region, or returns null when the compiler does not build regions.
     *
     * @throws BlockTooLargeException if the region does not fit one unit
     */
    static Region compile(BlockCompiler compiler, Plan plan) {
        boolean multi = compiler.buildsMultiEntryRegions() && RegionEntries.anyMemberEntry(plan.entries());
        BlockCode code = multi ? compiler.compileRegion(plan.irs(), plan.targets(), plan.entries())
                : compiler.compileRegion(plan.irs(), plan.targets());
        if (code == null) {
            return null;
        }
        boolean[] enterable = multi ? plan.entries() : new boolean[plan.members().size()];
        enterable[0] = true;
        return new Region(plan.members().toArray(new TranslatedBlock[0]), code, enterable);  // installed by BlockCache.install
    }

    /**
     * Makes this installed region the way in at its members (under the cache lock): always at its head; at
     * another member only when that member has no entry yet (the first region that holds a block keeps it, so
     * the links learned into it stay valid and no region is compiled again for a block that already runs in one).
     */
    void installEntries() {
        for (int m = 0; m < members.length; m++) {
            TranslatedBlock tb = members[m];
            if (m == 0) {
                tb.regionEntry = entries[0];
            } else if (enterable[m] && tb.regionEntry == null) {
                tb.regionEntry = entries[m];
            }
        }
    }

    /** Drops the region (a member was invalidated, or a grown region replaced it): it is never entered again. */
    void invalidate() {
        if (!valid) {
            return;
        }
        valid = false;
        if (head.region == this) {
            head.region = null;
        }
        for (TranslatedBlock m : members) {
            m.inRegions.remove(this);
        }
        for (TranslatedBlock m : members) {
            if (m.regionEntry != null && m.regionEntry.region == this) {
                m.regionEntry = m.valid ? anotherEntry(m) : null; // a valid member may still run in another region
            }
        }
    }

    /** The entry at {@code tb} of a valid region it is also a member of (its own headed region first), or null. */
    private static Entry anotherEntry(TranslatedBlock tb) {
        if (tb.region != null && tb.region.valid) {
            return tb.region.entries[0];
        }
        for (Region r : tb.inRegions) {
            if (r.valid) {
                for (Entry e : r.entries) {
                    if (e.block == tb && r.enterable[e.member]) {
                        return e;
                    }
                }
            }
        }
        return null;
    }
}
