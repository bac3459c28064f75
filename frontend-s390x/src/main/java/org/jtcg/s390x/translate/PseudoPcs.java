package org.jtcg.s390x.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Odd pseudo PCs handed out for code that is not at a real instruction address (real s390x instruction
 * addresses are even): entry k of a registry runs at {@code base + 2k}. Equal keys share one PC; shared by
 * all CPUs; only grows. Used by {@link ExecuteTargets} (EXECUTE's modified instructions) and
 * {@link OverflowCheckedBlocks} (overflow-checked block copies), each with its own odd base.
 */
final class PseudoPcs<K> {
    private final long base;
    private final ConcurrentHashMap<K, Long> ids = new ConcurrentHashMap<>();
    private final List<K> entries = new ArrayList<>();

    PseudoPcs(long base) {
        this.base = base;
    }

    /** The pseudo PC of key (registering it the first time). */
    long pcOf(K key) {
        Long id = ids.get(key);
        if (id == null) {
            synchronized (entries) {
                id = ids.get(key);
                if (id == null) {
                    id = base + 2L * entries.size();
                    entries.add(key);
                    ids.put(key, id);
                }
            }
        }
        return id;
    }

    /** The key of a pseudo PC at or above the base, or null (an odd PC not handed out). */
    K lookup(long pc) {
        long k = (pc - base) >>> 1;
        synchronized (entries) {
            return k < entries.size() ? entries.get((int) k) : null;
        }
    }
}
