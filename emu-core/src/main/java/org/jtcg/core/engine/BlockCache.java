package org.jtcg.core.engine;

import org.jtcg.core.memory.GuestMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Translated blocks of one engine: a map keyed by guest PC, a small direct-mapped jump cache per thread
 * in front of it, chain links between blocks, and a page index for invalidation.
 *
 * <p>Each block's guest pages are marked with {@link GuestMemory#markCode}; when a store hits such a
 * page the memory calls {@link #invalidatePage}, which drops every block on it and unlinks every chain
 * into or out of it.
 *
 * <p>Thread-safe for the parallel guest threads sharing the engine. Lookups take no lock: the map is
 * concurrent, jump caches are per thread and a hit counts only while the block is {@link
 * TranslatedBlock#valid} (a drop cannot reach other threads' jump caches). Every change (adding a block,
 * chaining, installing a tier-up or a region, invalidating) happens under this cache's lock, after any
 * compilation, which runs unlocked: two threads may translate the same pc, and the later {@link #add}
 * replaces the earlier block. A dropped block stays runnable for a thread that already holds it, until
 * that thread's next lookup or chain step; the memory's code-write listener runs before a store lands, so
 * the writing thread itself never runs stale code. Lock order: this lock, then the memory's.
 */
public final class BlockCache {
    static final int JUMP_CACHE_BITS = 12;
    private static final int JC_MASK = (1 << JUMP_CACHE_BITS) - 1;

    private final GuestMemory memory;
    private final EngineStats stats;
    private final Map<Long, TranslatedBlock> byPc = new ConcurrentHashMap<>();
    /** Where regions planned for this cache may be entered besides their heads (tests change it before running). */
    RegionEntries.MemberEntry memberEntry = RegionEntries.MEMBER_ENTRY;
    /** Guarded by this. */
    private final Map<Long, List<TranslatedBlock>> byPage = new HashMap<>();

    BlockCache(GuestMemory memory, EngineStats stats) {
        this.memory = memory;
        this.stats = stats;
    }

    private static int jcIndex(long pc) {
        return (int) (pc ^ (pc >>> JUMP_CACHE_BITS)) & JC_MASK;
    }

    /** The valid block at pc, or null: the calling thread's jump cache first, then the map. */
    TranslatedBlock find(long pc, TranslatedBlock[] jumpCache, EngineStats counts) {
        int i = jcIndex(pc);
        TranslatedBlock tb = jumpCache[i];
        if (tb != null && tb.pc == pc && tb.valid) {
            counts.jumpCacheHits++;
            return tb;
        }
        counts.mapLookups++;
        tb = byPc.get(pc);
        if (tb != null) {
            jumpCache[i] = tb;
        }
        return tb;
    }

    /** Adds a freshly translated block (replacing one another thread added for the same pc) and marks its pages as code. */
    synchronized void add(TranslatedBlock tb, TranslatedBlock[] jumpCache) {
        add(tb);
        jumpCache[jcIndex(tb.pc)] = tb;
    }

    private void add(TranslatedBlock tb) {
        TranslatedBlock old = byPc.put(tb.pc, tb);
        if (old != null) {
            drop(old);
        }
        long last = (tb.endPc - 1) & GuestMemory.PAGE_MASK;
        for (long page = tb.pc & GuestMemory.PAGE_MASK; ; page += GuestMemory.PAGE_SIZE) {
            byPage.computeIfAbsent(page, k -> new ArrayList<>()).add(tb);
            memory.markCode(page);
            if (page == last) {
                break;
            }
        }
    }

    /** Chains direct exit {@code exit} of {@code from} to {@code to} (both still valid). */
    synchronized void link(TranslatedBlock from, int exit, TranslatedBlock to) {
        if (from.valid && to.valid && from.chain[exit] == null) {
            from.chain[exit] = to;
            to.incoming.add(new TranslatedBlock.Link(from, exit));
        }
    }

    /**
     * Installs a tier-up: the block's code becomes {@code code} unless it was dropped or tiered up meanwhile
     * (false then). Called by the guest thread or the background compiler thread ({@link CompileQueue}).
     */
    synchronized boolean tierUp(TranslatedBlock tb, BlockCode code) {
        if (tb.valid && tb.cold) {
            tb.code = code;
            tb.cold = false;
            return true;
        }
        return false;
    }

    /** Installs a region compiled from valid blocks; false (not installed) when a member was dropped meanwhile. */
    synchronized boolean install(Region r) {
        for (TranslatedBlock m : r.members) {
            if (!m.valid) {
                return false;
            }
        }
        for (TranslatedBlock m : r.members) {
            m.inRegions.add(r);
        }
        Region replaced = r.head.region;
        r.head.region = r;
        r.installEntries();
        if (replaced != null && replaced != r) {
            replaced.invalidate(); // a grown region (RegionGrowth) replaces the head's old one
        }
        return true;
    }

    /** Whether a chain link into {@code tb} comes from a block not in {@code inside} (region entries, {@link RegionEntries#choose}). */
    synchronized boolean linkedFromOutside(TranslatedBlock tb, java.util.Set<TranslatedBlock> inside) {
        for (TranslatedBlock.Link l : tb.incoming) {
            if (!inside.contains(l.from())) {
                return true;
            }
        }
        return false;
    }

    /** Drops every block on the page holding va; true when there was any. */
    public synchronized boolean invalidatePage(long va) {
        List<TranslatedBlock> list = byPage.remove(va & GuestMemory.PAGE_MASK);
        if (list == null) {
            return false;
        }
        for (TranslatedBlock tb : list) {
            if (tb.valid) {
                drop(tb);
                byPc.remove(tb.pc, tb);
            }
        }
        return true;
    }

    /** Drops every block on pages overlapping [va, va+len); true when there was any. */
    public synchronized boolean invalidate(long va, long len) {
        if (len <= 0) {
            return false;
        }
        boolean any = false;
        long first = va & GuestMemory.PAGE_MASK;
        long last = (va + len - 1) & GuestMemory.PAGE_MASK;
        long pages = ((last - first) >>> GuestMemory.PAGE_SHIFT) + 1;
        if (Long.compareUnsigned(pages, byPage.size()) > 0) {
            for (Long page : new ArrayList<>(byPage.keySet())) {
                if (Long.compareUnsigned(page, first) >= 0 && Long.compareUnsigned(page, last) <= 0) {
                    any |= invalidatePage(page);
                }
            }
        } else {
            for (long p = first; ; p += GuestMemory.PAGE_SIZE) {
                any |= invalidatePage(p);
                if (p == last) {
                    break;
                }
            }
        }
        return any;
    }

    /** Drops everything. */
    public synchronized void clear() {
        for (TranslatedBlock tb : new ArrayList<>(byPc.values())) {
            drop(tb);
        }
        byPc.clear();
        byPage.clear();
    }

    private void drop(TranslatedBlock tb) {
        tb.valid = false;
        for (Region r : new ArrayList<>(tb.inRegions)) {
            r.invalidate();
        }
        stats.invalidatedBlocks++;
        for (TranslatedBlock.Link l : tb.incoming) {
            if (l.from().chain[l.exit()] == tb) {
                l.from().chain[l.exit()] = null;
            }
        }
        tb.incoming.clear();
        for (int e = 0; e < tb.chain.length; e++) {
            TranslatedBlock succ = tb.chain[e];
            if (succ != null) {
                final int exit = e;
                succ.incoming.removeIf(l -> l.from() == tb && l.exit() == exit);
                tb.chain[e] = null;
            }
        }
    }

    /** Every cached block (for diagnostics; a copy). */
    synchronized java.util.Collection<TranslatedBlock> blocks() {
        return new ArrayList<>(byPc.values());
    }

    /** Number of valid blocks. */
    public int size() {
        return byPc.size();
    }
}
