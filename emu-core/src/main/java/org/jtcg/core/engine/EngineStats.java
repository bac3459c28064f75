package org.jtcg.core.engine;

/**
 * Counters of a {@link BlockEngine} (for --stats and tests). Plain fields: each thread running the engine counts
 * in its own instance ({@link EngineThreads}); {@link BlockEngine#stats()} sums them.
 */
public final class EngineStats {
    /** Blocks translated (including retranslations after invalidation). */
    public long translations;
    /** Lookups in the PC map (jump-cache misses). */
    public long mapLookups;
    /** Lookups answered by the jump cache. */
    public long jumpCacheHits;
    /** Direct exits followed through a chain link, without any lookup. */
    public long chainedJumps;
    /** Blocks executed. */
    public long blocksExecuted;
    /** Blocks dropped because their code was written or invalidated. */
    public long invalidatedBlocks;
    /** Blocks recompiled from the interpreter tier by the engine's compiler. */
    public long tierUps;
    /** Regions (hot loops of several blocks in one unit) compiled. */
    public long regionsCompiled;
    /** Regions compiled again with the blocks beyond a hot exit ({@link RegionGrowth}). */
    public long regionsGrown;
    /** Region compilations refused as too large for one compilable method (then retried smaller). */
    public long regionsTooLarge;
    /** Times a region was entered (its internal block-to-block jumps are not counted anywhere). */
    public long regionEntries;
    /** Region exits that entered the next region through a region-to-region link ({@link Region#linkedNext}). */
    public long regionLinkJumps;
    /** Region entries at a member other than the head ({@link RegionEntries#MEMBER_ENTRY}). */
    public long regionMemberEntries;
    /** Background compilation: tier-up and region jobs handed to the compiler thread ({@link CompileQueue}). */
    public long compileQueued;
    /** Background compilation: jobs whose code was installed. */
    public long compileInstalled;
    /** Background compilation: jobs dropped because a block they compile was invalidated meanwhile (or the engine closed). */
    public long compileDropped;
    /** Background compilation: jobs refused because the queue was full (retried later). */
    public long compileQueueFull;
    /** Background compilation: jobs the guest thread took back and compiled itself (still waiting after many runs). */
    public long compileStolen;
    /**
     * CPU time (ns) spent compiling tier-ups and regions, on whichever thread compiled them: with background
     * compilation the compiler thread's, otherwise time the guest threads spent blocked in compiles.
     */
    public long compileCpuNanos;

    /** Adds {@code o}'s counters to these. */
    void add(EngineStats o) {
        translations += o.translations;
        mapLookups += o.mapLookups;
        jumpCacheHits += o.jumpCacheHits;
        chainedJumps += o.chainedJumps;
        blocksExecuted += o.blocksExecuted;
        invalidatedBlocks += o.invalidatedBlocks;
        tierUps += o.tierUps;
        regionsCompiled += o.regionsCompiled;
        regionsTooLarge += o.regionsTooLarge;
        regionsGrown += o.regionsGrown;
        regionEntries += o.regionEntries;
        regionLinkJumps += o.regionLinkJumps;
        regionMemberEntries += o.regionMemberEntries;
        compileQueued += o.compileQueued;
        compileInstalled += o.compileInstalled;
        compileDropped += o.compileDropped;
        compileQueueFull += o.compileQueueFull;
        compileStolen += o.compileStolen;
        compileCpuNanos += o.compileCpuNanos;
    }

    /** The counters as an ordered map for the CLI's --stats JSON. */
    public java.util.Map<String, Object> asMap() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("translations", translations);
        m.put("map_lookups", mapLookups);
        m.put("jump_cache_hits", jumpCacheHits);
        m.put("chained_jumps", chainedJumps);
        m.put("blocks_executed", blocksExecuted);
        m.put("invalidated_blocks", invalidatedBlocks);
        m.put("tier_ups", tierUps);
        m.put("regions_compiled", regionsCompiled);
        m.put("regions_too_large", regionsTooLarge);
        m.put("regions_grown", regionsGrown);
        m.put("region_entries", regionEntries);
        m.put("region_link_jumps", regionLinkJumps);
        m.put("region_member_entries", regionMemberEntries);
        m.put("compile_queued", compileQueued);
        m.put("compile_installed", compileInstalled);
        m.put("compile_dropped", compileDropped);
        m.put("compile_queue_full", compileQueueFull);
        m.put("compile_stolen", compileStolen);
        m.put("compile_cpu_ms", compileCpuNanos / 1_000_000);
        return m;
    }

    @Override
    public String toString() {
        return "{\"translations\":" + translations + ",\"mapLookups\":" + mapLookups + ",\"jumpCacheHits\":" + jumpCacheHits
                + ",\"chainedJumps\":" + chainedJumps + ",\"blocksExecuted\":" + blocksExecuted
                + ",\"invalidatedBlocks\":" + invalidatedBlocks + ",\"tierUps\":" + tierUps + ",\"regionsCompiled\":" + regionsCompiled
                + ",\"regionsTooLarge\":" + regionsTooLarge + ",\"regionsGrown\":" + regionsGrown
                + ",\"regionEntries\":" + regionEntries + ",\"regionLinkJumps\":" + regionLinkJumps + ",\"compileQueued\":" + compileQueued
                + ",\"compileInstalled\":" + compileInstalled + ",\"compileDropped\":" + compileDropped
                + ",\"compileQueueFull\":" + compileQueueFull + ",\"compileStolen\":" + compileStolen + ",\"compileCpuNanos\":" + compileCpuNanos + "}";
    }
}
