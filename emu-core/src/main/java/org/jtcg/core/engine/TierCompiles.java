package org.jtcg.core.engine;

/**
 * The compiles that move hot code up a tier for a {@link BlockEngine}: a cold block's tier-up to the engine's
 * compiler, and regions (a hot block's loop or hot paths as one unit). With background compilation each is a
 * job for the {@link CompileQueue}'s compiler thread, planned on the guest thread (which owns the chain links a
 * plan is read from) and installed through the {@link BlockCache}, which refuses code whose blocks were dropped
 * meanwhile; without it, the guest thread that finds the work due does it at once.
 *
 * <p>A block's tier-up and region states are its {@link TranslatedBlock#nextTierUp} and
 * {@link TranslatedBlock#nextRegionTry} counts: {@link TranslatedBlock#NEVER} while a job is queued, so a block
 * is queued at most once (two guest threads racing on one block may queue it twice; the second install is then
 * refused and counted as dropped), set again by the job when it is done.
 */
final class TierCompiles {
    /**
     * Region limits: blocks and guest instructions per region (more rarely fits one compilable method);
     * {@code -Djtcg.regionMaxBlocks}, {@code -Djtcg.regionMaxInsns} for measurements. 8 blocks rather than 16 since
     * round 8: C1 compiles less (overlapping regions each hold fewer shared blocks) and smaller methods run faster
     * under it; lzwork −7 to −11 % (x86-64, arm64, short and --long), s390x strwork −11 %, s390x lzwork +6 %
     * (docs/performance.md "Round 8").
     */
    static final int REGION_MAX_BLOCKS = Integer.getInteger("jtcg.regionMaxBlocks", 8),
            REGION_MAX_INSNS = Integer.getInteger("jtcg.regionMaxInsns", 256);
    /** Whether a hot block on no loop gets its hot successor paths compiled as a region ({@code -Djtcg.pathRegions}). */
    static final boolean PATH_REGIONS = Boolean.parseBoolean(System.getProperty("jtcg.pathRegions", "true"));
    /** The smallest instruction budget a too-large region is retried with. */
    static final int REGION_MIN_INSNS = 8;
    /** Failed attempts at a head after which it is not tried again. */
    static final int REGION_MAX_TRIES = 4;

    /**
     * Runs a block may make in its current tier while its job waits in the queue; then the guest thread takes
     * the job back and compiles it itself ({@code -Djtcg.compileStealAfter=N}, 0 = never). This bounds what a
     * lagging compiler thread (a loaded host, a burst of jobs) costs: a block that turns out very hot is not
     * left interpreted for long.
     */
    static final int STEAL_AFTER = Integer.getInteger("jtcg.compileStealAfter", 1000);

    /**
     * Whether a block due for both a tier-up and a region try gets only the region ({@code -Djtcg.regionFirst},
     * default true; docs/performance.md "Round 7 — real programs"). With the default thresholds both fall due
     * at the same run, and a block that heads a region (or is one of its members) is never dispatched on its
     * own once the region is installed: its tier-up class was defined, queued and often compiled by C1 for
     * nothing. Such a block tiers up only if it keeps running on its own for another tier-up threshold.
     */
    static final boolean REGION_FIRST = Boolean.parseBoolean(System.getProperty("jtcg.regionFirst", "true"));

    /** A region job waiting in the queue (kept by its head, so the guest can take it back). */
    record QueuedRegion(Runnable job, Region.Plan plan, int retry) {}

    private final BlockCompiler compiler;
    private final int regionThreshold;
    /** Runs after which a cold block tiers up (0: no cold tier). */
    private final int tierUpThreshold;
    /** Whether the engine forms regions at all. */
    private final boolean regions;
    /** The background compiler, or null when the guest threads compile. */
    final CompileQueue queue;

    TierCompiles(String engineName, BlockCompiler compiler, int tierUpThreshold, int regionThreshold, boolean regions,
                 boolean background) {
        this.compiler = compiler;
        this.tierUpThreshold = tierUpThreshold;
        this.regionThreshold = regionThreshold;
        this.regions = regions;
        this.queue = background ? new CompileQueue(engineName, CompileQueue.DEFAULT_CAPACITY) : null;
    }

    /**
     * Whether cold block {@code tb}, due for its tier-up, defers it to a region ({@link #REGION_FIRST}): when it
     * heads a region (queued, or installed and stepped through) its tier-up moves one threshold later; when its
     * region try is due at this same run, the tier-up waits one run, until the try has decided (a block on no
     * loop and no hot path then tiers up as before).
     */
    boolean tierUpYieldsToRegion(TranslatedBlock tb) {
        if (!REGION_FIRST || !regions || !tb.cold || tb.nextTierUp == TranslatedBlock.RETRANSLATE
                || tb.queuedTierUp != null) {  // a tier-up already queued goes on as before (take-back included)
            return false;
        }
        if (tb.regionEntry != null || tb.queuedRegion != null) {
            tb.nextTierUp = later(tb.execCount, tierUpThreshold);
            return true;
        }
        if (tb.execCount >= tb.nextRegionTry && tb.ir != null) {
            tb.nextTierUp = later(tb.execCount, 1);
            return true;
        }
        return false;
    }

    /** {@code count + by} without overflow ({@link TranslatedBlock#NEVER} at the top). */
    private static int later(int count, int by) {
        return count >= TranslatedBlock.NEVER - by ? TranslatedBlock.NEVER : count + by;
    }

    /**
     * A cold block has run its tier-up count: its interpreter form is replaced with the engine compiler's, by
     * the background compiler (the block runs on cold meanwhile) or here. False when the block is too large
     * for that compiler: the caller translates it again smaller.
     */
    boolean tierUp(TranslatedBlock tb, BlockCache bc, EngineStats stats) {
        if (tb.nextTierUp == TranslatedBlock.RETRANSLATE || tb.tooLargeToTierUp) {
            return false; // the background compiler found it too large
        }
        tb.nextTierUp = TranslatedBlock.NEVER;
        if (!tb.cold) {
            return true; // the background compiler installed it
        }
        if (queue != null) {
            Runnable waiting = tb.queuedTierUp;
            if (waiting == null) {
                Runnable job = () -> tierUpInBackground(tb, bc);
                if (queue.offer(job, false)) {
                    stats.compileQueued++;
                    tb.queuedTierUp = job;
                    tb.nextTierUp = stealCount(tb.execCount);
                } else {
                    stats.compileQueueFull++;
                    tb.nextTierUp = retryCount(tb.execCount);
                }
                return true;
            }
            if (!queue.remove(waiting)) {
                tb.nextTierUp = stealCount(tb.execCount); // being compiled: look again later
                return true;
            }
            tb.queuedTierUp = null; // still waiting after STEAL_AFTER runs: compile it here
            stats.compileStolen++;
        }
        long t0 = CompileClock.now();
        try {
            bc.tierUp(tb, compiler.compile(tb.hotIr()));
            stats.tierUps++;
            return true;
        } catch (BlockTooLargeException e) {
            return false;
        } finally {
            stats.compileCpuNanos += CompileClock.now() - t0;
        }
    }

    /** The compiler thread's half of a tier-up: compile, install unless the block was dropped meanwhile. */
    private void tierUpInBackground(TranslatedBlock tb, BlockCache bc) {
        try {
            compileTierUpInBackground(tb, bc);
        } finally {
            tb.queuedTierUp = null; // done: the block may be queued again (after a drop it never is)
        }
    }

    private void compileTierUpInBackground(TranslatedBlock tb, BlockCache bc) {
        EngineStats cs = queue.compilerStats;
        if (!tb.valid) {
            cs.compileDropped++;
            return;
        }
        BlockCode code;
        long t0 = CompileClock.now();
        try {
            code = compiler.compile(tb.hotIr());
        } catch (BlockTooLargeException e) {
            tb.tooLargeToTierUp = true; // the guest thread translates it again smaller at its next run
            tb.nextTierUp = TranslatedBlock.RETRANSLATE;
            return;
        } finally {
            cs.compileCpuNanos += CompileClock.now() - t0;
        }
        if (bc.tierUp(tb, code)) {
            cs.tierUps++;
            cs.compileInstalled++;
        } else {
            cs.compileDropped++;
        }
    }

    /** The run count at which the guest takes back a job still waiting in the queue. */
    private static int stealCount(int count) {
        return STEAL_AFTER <= 0 || count >= TranslatedBlock.NEVER - STEAL_AFTER ? TranslatedBlock.NEVER : count + STEAL_AFTER;
    }

    /** The run count at which something refused now is tried again (twice the current one, without overflow). */
    private static int retryCount(int count) {
        return count >= TranslatedBlock.NEVER / 2 ? TranslatedBlock.NEVER : Math.max(1, count) * 2;
    }

    /**
     * Compiles the loop through hot block {@code head} as a region (by the background compiler, or here).
     * Chain links exist only for paths already taken, so a failed attempt (no cycle yet) is retried at twice
     * the count, a few times. A loop too large for one compilable method is retried with fewer instructions:
     * the selection keeps the innermost cycles through head and drops the enclosing ones. When even the
     * innermost cycle does not fit, head is not tried again.
     */
    void formRegion(TranslatedBlock head, BlockCache bc, EngineStats stats) {
        QueuedRegion waiting = head.queuedRegion;
        if (waiting != null) {
            if (!queue.remove(waiting.job())) {
                head.nextRegionTry = stealCount(head.execCount); // being compiled: look again later
                return;
            }
            head.queuedRegion = null; // still waiting after STEAL_AFTER runs of its head: compile it here
            stats.compileStolen++;
            head.nextRegionTry = waiting.retry();
            if (waiting.plan().valid()) {
                compileRegionHere(head, waiting.plan(), bc, stats);
            }
            return;
        }
        int retry = head.execCount >= regionThreshold << REGION_MAX_TRIES ? TranslatedBlock.NEVER : retryCount(head.execCount);
        head.nextRegionTry = retry;
        Region.Plan plan = regionPlan(head, head.regionMaxInsns, bc);
        if (plan == null) {
            if (head.regionMaxInsns < REGION_MAX_INSNS) {
                head.nextRegionTry = TranslatedBlock.NEVER; // an earlier, larger try did not fit; nothing smaller is left
            }
            return;
        }
        if (queue != null) {
            Runnable job = () -> regionInBackground(head, plan, retry, bc);
            if (queue.offer(job, true)) {
                stats.compileQueued++;
                head.queuedRegion = new QueuedRegion(job, plan, retry);
                head.nextRegionTry = stealCount(head.execCount); // until the job is done
                postponeMembers(head, plan);
            } else {
                stats.compileQueueFull++;
            }
            return;
        }
        compileRegionHere(head, plan, bc, stats);
    }

    /**
     * While head's region waits, its other members keep running as blocks and would reach their own region
     * thresholds (a synchronous compile puts them inside the region at once): each would become the head of
     * one more region of the same loop, ~2.7x the region classes on a shell loop, each also compiled by
     * HotSpot. Their own tries move one threshold later, by which time the region normally runs them.
     */
    private void postponeMembers(TranslatedBlock head, Region.Plan plan) {
        for (TranslatedBlock m : plan.members()) {
            if (m != head && m.queuedRegion == null) {
                int later = m.execCount >= TranslatedBlock.NEVER - regionThreshold ? TranslatedBlock.NEVER : m.execCount + regionThreshold;
                m.nextRegionTry = Math.max(m.nextRegionTry, later);
                if (REGION_FIRST && m.cold && m.queuedTierUp == null && m.nextTierUp != TranslatedBlock.RETRANSLATE) {
                    // the region will run it: its own class would be compiled for nothing (see REGION_FIRST)
                    m.nextTierUp = Math.max(m.nextTierUp, later(m.execCount, tierUpThreshold));
                }
            }
        }
    }

    /** Compiles and installs a region on the calling guest thread, smaller and smaller while it is too large. */
    private void compileRegionHere(TranslatedBlock head, Region.Plan plan, BlockCache bc, EngineStats stats) {
        for (Region.Plan p = plan; ; ) {
            long t0 = CompileClock.now();
            try {
                Region r = Region.compile(compiler, p);
                if (r != null && bc.install(r)) {
                    stats.regionsCompiled++;
                }
                return;
            } catch (BlockTooLargeException e) {
                stats.regionsTooLarge++;
                int smaller = smallerRegion(head, p);
                head.regionMaxInsns = smaller;
                p = smaller < REGION_MIN_INSNS ? null : regionPlan(head, smaller, bc);
                if (p == null) {
                    head.nextRegionTry = TranslatedBlock.NEVER;
                    return;
                }
            } finally {
                stats.compileCpuNanos += CompileClock.now() - t0;
            }
        }
    }

    /**
     * The compiler thread's half of a region: compile the plan the guest thread made, install it unless a
     * member was dropped meanwhile. Too large: the head's next dispatch plans a smaller one (planning reads
     * chain links, which belong to the guest threads).
     */
    private void regionInBackground(TranslatedBlock head, Region.Plan plan, int retry, BlockCache bc) {
        try {
            compileRegionInBackground(head, plan, retry, bc);
        } finally {
            head.queuedRegion = null; // done: the head may plan a region again
        }
    }

    private void compileRegionInBackground(TranslatedBlock head, Region.Plan plan, int retry, BlockCache bc) {
        EngineStats cs = queue.compilerStats;
        if (!plan.valid()) {
            cs.compileDropped++;
            head.nextRegionTry = retry;
            return;
        }
        Region r;
        long t0 = CompileClock.now();
        try {
            r = Region.compile(compiler, plan);
        } catch (BlockTooLargeException e) {
            cs.regionsTooLarge++;
            int smaller = smallerRegion(head, plan);
            if (smaller < REGION_MIN_INSNS) {
                head.nextRegionTry = TranslatedBlock.NEVER;
            } else {
                head.regionMaxInsns = smaller;
                head.nextRegionTry = 0; // plan again at its next run
            }
            return;
        } finally {
            cs.compileCpuNanos += CompileClock.now() - t0;
        }
        if (r != null && bc.install(r)) {
            cs.regionsCompiled++;
            cs.compileInstalled++;
        } else {
            cs.compileDropped++;
        }
        head.nextRegionTry = retry;
    }

    /**
     * Region {@code region}'s result {@code r} has been returned {@link RegionGrowth#growAt} times: when it is a
     * hot exit to a known block, the region is compiled again with the blocks beyond it ({@link RegionGrowth}),
     * by the background compiler or here; the grown region replaces the old one at the head when installed. A
     * grown region that does not fit one compilable method is dropped, and the head grows no more.
     */
    void growRegion(Region region, int r, BlockCache bc, EngineStats stats) {
        TranslatedBlock head = region.head;
        if (!region.valid || head.region != region || head.queuedRegion != null || head.growBlocked
                || !RegionGrowth.isHot(region, r)) {
            return;
        }
        java.util.List<TranslatedBlock> members = RegionGrowth.grownMembers(region, r, RegionGrowth.MAX_BLOCKS,
                Math.min(REGION_MAX_INSNS, head.regionMaxInsns));
        if (members == null) {
            return;
        }
        Region.Plan plan = Region.plan(members, bc);
        int retry = head.nextRegionTry;
        if (queue != null) {
            Runnable job = () -> growInBackground(head, plan, bc);
            if (queue.offer(job, true)) {
                stats.compileQueued++;
                head.queuedRegion = new QueuedRegion(job, plan, retry);
                postponeMembers(head, plan);
            } else {
                stats.compileQueueFull++;
            }
            return;
        }
        long t0 = CompileClock.now();
        try {
            Region grown = Region.compile(compiler, plan);
            if (grown != null && bc.install(grown)) {
                stats.regionsGrown++;
            }
        } catch (BlockTooLargeException e) {
            stats.regionsTooLarge++;
            head.growBlocked = true;
        } finally {
            stats.compileCpuNanos += CompileClock.now() - t0;
        }
    }

    /** The compiler thread's half of {@link #growRegion}. */
    private void growInBackground(TranslatedBlock head, Region.Plan plan, BlockCache bc) {
        EngineStats cs = queue.compilerStats;
        try {
            if (!plan.valid()) {
                cs.compileDropped++;
                return;
            }
            long t0 = CompileClock.now();
            Region grown;
            try {
                grown = Region.compile(compiler, plan);
            } catch (BlockTooLargeException e) {
                cs.regionsTooLarge++;
                head.growBlocked = true;
                return;
            } finally {
                cs.compileCpuNanos += CompileClock.now() - t0;
            }
            if (grown != null && bc.install(grown)) {
                cs.regionsGrown++;
                cs.compileInstalled++;
            } else {
                cs.compileDropped++;
            }
        } finally {
            head.queuedRegion = null;
        }
    }

    /** The instruction budget of the next try after {@code plan} did not fit (smaller than the plan itself). */
    private static int smallerRegion(TranslatedBlock head, Region.Plan plan) {
        return Math.min(head.regionMaxInsns, plan.insns()) / 2;
    }

    /** The region to try for head within {@code maxInsns} guest instructions, or null when there is none. */
    private static Region.Plan regionPlan(TranslatedBlock head, int maxInsns, BlockCache bc) {
        java.util.List<TranslatedBlock> loop = Region.loopAround(head, REGION_MAX_BLOCKS, maxInsns);
        if (loop.isEmpty() && PATH_REGIONS) {
            loop = Region.pathsFrom(head, REGION_MAX_BLOCKS, maxInsns);
        }
        if (loop.isEmpty() || loop.stream().anyMatch(b -> b.onSmcPage)) {
            return null; // blocks on pages with self-modifying code stay out of regions
        }
        return Region.plan(loop, bc);
    }

    /** Adds the compiler thread's counters to {@code s}. */
    void addStats(EngineStats s) {
        if (queue != null) {
            s.add(queue.compilerStats);
        }
    }

    /** Waits for every queued job and rethrows a job's failure (see {@link CompileQueue#awaitIdle}). */
    void awaitBackgroundCompiles() {
        if (queue != null) {
            queue.awaitIdle();
            queue.rethrowFailure();
        }
    }

    /** Rethrows on the calling guest thread what a background job threw. */
    void rethrowFailure() {
        if (queue != null) {
            queue.rethrowFailure();
        }
    }

    /** No more compiles: queued jobs are dropped (one in flight finds its blocks dropped and installs nothing). */
    void close() {
        if (queue != null) {
            queue.close();
        }
    }
}
