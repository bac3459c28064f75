package org.jtcg.core.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Larger compilation units from the region-exit profile (issue 14, docs/performance.md "Round 8 — region
 * transitions"). A region formed at its head's threshold holds at most {@link TierCompiles#REGION_MAX_BLOCKS}
 * blocks, so a loop body of many small blocks (busybox bzip2's sort loop: ~50 blocks of ~5 instructions) ends up
 * as a ring of overlapping regions, each leaving through the dispatcher into the next: every such exit writes
 * back the dirty guest registers, goes through the dispatcher and reloads them in the next region. The
 * dispatcher counts each region's results ({@link Region#exitCounts}); when one exit carries a large share of
 * the region's runs and leads to another block, the region is compiled again with the blocks beyond that exit
 * added (the target region's members, or the target's own loop or hot paths), so that edge becomes a jump
 * inside one JVM method. The grown region replaces the old one at the same head.
 *
 * <p>{@code -Djtcg.regionGrowth=false} turns it off (A/B measurements); {@code -Djtcg.regionGrowMaxBlocks} bounds
 * a grown region's blocks (its guest instructions stay within {@link TierCompiles#REGION_MAX_INSNS}).
 */
final class RegionGrowth {
    static final int MAX_BLOCKS = Integer.getInteger("jtcg.regionGrowMaxBlocks", 32);
    /** An exit is hot when it carries at least 1/SHARE of the region's results. */
    static final int SHARE = 4;

    private RegionGrowth() {}

    /**
     * The run count of one exit at which the dispatcher considers growing the region: half the region
     * threshold, so it comes before the exit's target would have run often enough on its own to head a region
     * of its own (which would overlap this one).
     */
    static int growAt(int regionThreshold) {
        boolean enabled = Boolean.getBoolean("jtcg.regionGrowth"); // read per engine, so tests can turn it on
        return enabled && regionThreshold > 0 ? Math.max(1, regionThreshold / 2) : 0;
    }

    /** Whether result {@code r} of {@code region} carries enough of its runs to grow the region over it. */
    static boolean isHot(Region region, int r) {
        return (long) region.exitCounts[r] * SHARE >= region.entries();
    }

    /**
     * The members of {@code region} grown over result {@code r}: the old members (head first), then the blocks
     * beyond the exit within {@code maxBlocks} blocks and {@code maxInsns} guest instructions; null when the exit
     * has no known successor or nothing fits.
     */
    static List<TranslatedBlock> grownMembers(Region region, int r, int maxBlocks, int maxInsns) {
        TranslatedBlock target = Region.linked(region.exitBlock[r], region.exitIndex[r]);
        if (target == null) {
            return null;
        }
        Set<TranslatedBlock> members = Collections.newSetFromMap(new IdentityHashMap<>());
        List<TranslatedBlock> grown = new ArrayList<>(List.of(region.members));
        members.addAll(grown);
        int insns = 0;
        for (TranslatedBlock m : grown) {
            insns += m.insnCount;
        }
        int added = 0;
        for (TranslatedBlock b : beyond(target, maxInsns)) {
            if (grown.size() >= maxBlocks) {
                break;
            }
            if (!members.contains(b) && insns + b.insnCount <= maxInsns && !b.onSmcPage) {
                members.add(b);
                grown.add(b);
                insns += b.insnCount;
                added++;
            }
        }
        return added == 0 ? null : grown;
    }

    /** The blocks worth adding after an exit to {@code target}, most important first. */
    private static List<TranslatedBlock> beyond(TranslatedBlock target, int maxInsns) {
        Region its = target.region;
        if (its != null && its.valid) {
            return List.of(its.members);
        }
        List<TranslatedBlock> loop = Region.loopAround(target, TierCompiles.REGION_MAX_BLOCKS, maxInsns);
        if (loop.isEmpty()) {
            loop = Region.pathsFrom(target, TierCompiles.REGION_MAX_BLOCKS, maxInsns);
        }
        return loop.isEmpty() ? List.of(target) : loop;
    }
}
