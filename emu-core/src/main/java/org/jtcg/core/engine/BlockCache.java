package org.jtcg.core.engine;

import org.jtcg.core.memory.GuestMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translated blocks of one engine: a map keyed by guest PC, a small direct-mapped jump cache in
 * front of it, chain links between blocks, and a page index for invalidation.
 *
 * <p>Each block's guest pages are marked with {@link GuestMemory#markCode}; when a store hits such a
 * page the memory calls {@link #invalidatePage}, which drops every block on it, clears it from the
 * jump cache and unlinks every chain into or out of it. Not thread-safe: one engine, one CPU thread.
 */
public final class BlockCache {
    static final int JUMP_CACHE_BITS = 12;
    private static final int JC_MASK = (1 << JUMP_CACHE_BITS) - 1;

    private final GuestMemory memory;
    private final EngineStats stats;
    private final Map<Long, TranslatedBlock> byPc = new HashMap<>();
    private final Map<Long, List<TranslatedBlock>> byPage = new HashMap<>();
    private final TranslatedBlock[] jumpCache = new TranslatedBlock[1 << JUMP_CACHE_BITS];

    BlockCache(GuestMemory memory, EngineStats stats) {
        this.memory = memory;
        this.stats = stats;
    }

    private static int jcIndex(long pc) {
        return (int) (pc ^ (pc >>> JUMP_CACHE_BITS)) & JC_MASK;
    }

    /** The valid block at pc, or null: jump cache first, then the map. */
    TranslatedBlock find(long pc) {
        int i = jcIndex(pc);
        TranslatedBlock tb = jumpCache[i];
        if (tb != null && tb.pc == pc) {
            stats.jumpCacheHits++;
            return tb;
        }
        stats.mapLookups++;
        tb = byPc.get(pc);
        if (tb != null) {
            jumpCache[i] = tb;
        }
        return tb;
    }

    /** Adds a freshly translated block and marks its pages as code. */
    void add(TranslatedBlock tb) {
        TranslatedBlock old = byPc.put(tb.pc, tb);
        if (old != null) {
            drop(old);
        }
        jumpCache[jcIndex(tb.pc)] = tb;
        long last = (tb.endPc - 1) & GuestMemory.PAGE_MASK;
        for (long page = tb.pc & GuestMemory.PAGE_MASK; ; page += GuestMemory.PAGE_SIZE) {
            byPage.computeIfAbsent(page, k -> new ArrayList<>()).add(tb);
            memory.markCode(page);
            if (page == last) {
                break;
            }
        }
    }

    /** Chains direct exit {@code exit} of {@code from} to {@code to}. */
    static void link(TranslatedBlock from, int exit, TranslatedBlock to) {
        if (from.valid && to.valid && from.chain[exit] == null) {
            from.chain[exit] = to;
            to.incoming.add(new TranslatedBlock.Link(from, exit));
        }
    }

    /** Drops every block on the page holding va. */
    public void invalidatePage(long va) {
        List<TranslatedBlock> list = byPage.remove(va & GuestMemory.PAGE_MASK);
        if (list == null) {
            return;
        }
        for (TranslatedBlock tb : list) {
            if (tb.valid) {
                drop(tb);
                if (byPc.get(tb.pc) == tb) {
                    byPc.remove(tb.pc);
                }
            }
        }
    }

    /** Drops every block on pages overlapping [va, va+len). */
    public void invalidate(long va, long len) {
        if (len <= 0) {
            return;
        }
        long first = va & GuestMemory.PAGE_MASK;
        long last = (va + len - 1) & GuestMemory.PAGE_MASK;
        long pages = ((last - first) >>> GuestMemory.PAGE_SHIFT) + 1;
        if (Long.compareUnsigned(pages, byPage.size()) > 0) {
            for (Long page : new ArrayList<>(byPage.keySet())) {
                if (Long.compareUnsigned(page, first) >= 0 && Long.compareUnsigned(page, last) <= 0) {
                    invalidatePage(page);
                }
            }
        } else {
            for (long p = first; ; p += GuestMemory.PAGE_SIZE) {
                invalidatePage(p);
                if (p == last) {
                    break;
                }
            }
        }
    }

    /** Drops everything. */
    public void clear() {
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
        int i = jcIndex(tb.pc);
        if (jumpCache[i] == tb) {
            jumpCache[i] = null;
        }
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

    /** Every cached block (for diagnostics). */
    java.util.Collection<TranslatedBlock> blocks() {
        return byPc.values();
    }

    /** Number of valid blocks. */
    public int size() {
        return byPc.size();
    }
}
