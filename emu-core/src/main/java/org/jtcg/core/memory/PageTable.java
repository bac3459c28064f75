package org.jtcg.core.memory;

/**
 * Guest page table: virtual page number (va >>> 12, up to 52 bits) to a {@link PageEntry}.
 *
 * <p>A four-level radix tree of primitive arrays: three directory levels of 14 index bits and
 * leaves of 1024 entries (4 MiB of address space each). A lookup is four array loads and no
 * allocation, and the most recently used leaf is cached for runs of neighbouring lookups.
 * Only populated parts of the 64-bit space cost memory, so sparse layouts (x86-64's 47-bit user
 * space, arm64's 48 bits, s390x's up to 64) all fit the same structure.
 *
 * <p>Every directory and leaf counts the mapped pages below it. Empty subtrees are removed;
 * the counts let the range searches skip wholly empty and wholly full subtrees, which makes
 * finding a free gap for mmap cheap even in a large, mostly mapped space.
 */
public final class PageTable {
    static final int LEAF_BITS = 10;
    static final int DIR_BITS = 14;
    static final int LEAF_SIZE = 1 << LEAF_BITS;
    private static final int DIR_MASK = (1 << DIR_BITS) - 1;
    private static final int LEAF_MASK = LEAF_SIZE - 1;
    /** Page numbers are below 2^52: 64-bit addresses with 4 KiB pages. */
    public static final long VPN_LIMIT = 1L << 52;
    /** Index shift at depth 0, 1, 2 (the directories); depth 3 is the leaf. */
    private static final int[] SHIFT = {LEAF_BITS + 2 * DIR_BITS, LEAF_BITS + DIR_BITS, LEAF_BITS};
    /** Pages covered by a node at depth 0..3. */
    private static final long[] SPAN = {VPN_LIMIT, 1L << SHIFT[0], 1L << SHIFT[1], LEAF_SIZE};

    private static final class Dir {
        final Dir[] dirs;
        final Leaf[] leaves;
        long count;

        Dir(boolean lastLevel) {
            dirs = lastLevel ? null : new Dir[1 << DIR_BITS];
            leaves = lastLevel ? new Leaf[1 << DIR_BITS] : null;
        }
    }

    private static final class Leaf {
        final long[] entries = new long[LEAF_SIZE];
        /** vpn >>> LEAF_BITS of the pages this leaf holds (final, so the cache below is one racy-safe reference). */
        final long key;
        int count;

        Leaf(long key) {
            this.key = key;
        }
    }

    private final Dir root = new Dir(false);
    /**
     * The most recently used leaf. One reference holding its own key: a reader on another thread (guest
     * threads look pages up in parallel, see PagedMemory) can never pair one leaf with another's key.
     */
    private Leaf cachedLeaf;

    /** The entry for a page, or {@link PageEntry#UNMAPPED}. */
    public long get(long vpn) {
        Leaf leaf = leaf(vpn);
        return leaf == null ? PageEntry.UNMAPPED : leaf.entries[(int) vpn & LEAF_MASK];
    }

    private Leaf leaf(long vpn) {
        long key = vpn >>> LEAF_BITS;
        Leaf cached = cachedLeaf;
        if (cached != null && cached.key == key) {
            return cached;
        }
        checkVpn(vpn);
        Dir d1 = root.dirs[(int) (vpn >>> SHIFT[0]) & DIR_MASK];
        if (d1 == null) {
            return null;
        }
        Dir d2 = d1.dirs[(int) (vpn >>> SHIFT[1]) & DIR_MASK];
        if (d2 == null) {
            return null;
        }
        Leaf leaf = d2.leaves[(int) (vpn >>> SHIFT[2]) & DIR_MASK];
        if (leaf != null) {
            cachedLeaf = leaf;
        }
        return leaf;
    }

    private static void checkVpn(long vpn) {
        if (vpn < 0 || vpn >= VPN_LIMIT) {
            throw new IllegalArgumentException("page number out of range: 0x" + Long.toHexString(vpn));
        }
    }

    /** Sets (entry != 0) or clears (entry == 0) the entry for a page. */
    public void set(long vpn, long entry) {
        checkVpn(vpn);
        int i1 = (int) (vpn >>> SHIFT[0]) & DIR_MASK;
        int i2 = (int) (vpn >>> SHIFT[1]) & DIR_MASK;
        int i3 = (int) (vpn >>> SHIFT[2]) & DIR_MASK;
        int i4 = (int) vpn & LEAF_MASK;
        Dir d1 = root.dirs[i1];
        Dir d2 = d1 == null ? null : d1.dirs[i2];
        Leaf leaf = d2 == null ? null : d2.leaves[i3];
        if (leaf == null) {
            if (entry == PageEntry.UNMAPPED) {
                return;
            }
            if (d1 == null) {
                d1 = root.dirs[i1] = new Dir(false);
            }
            if (d2 == null) {
                d2 = d1.dirs[i2] = new Dir(true);
            }
            leaf = d2.leaves[i3] = new Leaf(vpn >>> LEAF_BITS);
        }
        long old = leaf.entries[i4];
        leaf.entries[i4] = entry;
        int delta = (old == 0 ? 0 : -1) + (entry == 0 ? 0 : 1);
        if (delta == 0) {
            return;
        }
        root.count += delta;
        d1.count += delta;
        d2.count += delta;
        leaf.count += delta;
        if (leaf.count == 0) {
            d2.leaves[i3] = null;
            if (leaf == cachedLeaf) {
                cachedLeaf = null;
            }
            if (d2.count == 0) {
                d1.dirs[i2] = null;
                if (d1.count == 0) {
                    root.dirs[i1] = null;
                }
            }
        }
    }

    /** Number of mapped pages. */
    public long mappedPages() {
        return root.count;
    }

    /** Lowest mapped page in [from, limit), or -1. */
    public long firstMapped(long from, long limit) {
        return forward(root, 0, 0, from, limit, true);
    }

    /** Lowest unmapped page in [from, limit), or -1. */
    public long firstUnmapped(long from, long limit) {
        return forward(root, 0, 0, from, limit, false);
    }

    /** Highest mapped page in [lo, hi), or -1. */
    public long lastMapped(long lo, long hi) {
        return backward(root, 0, 0, lo, hi, true);
    }

    /** Highest unmapped page in [lo, hi), or -1. */
    public long lastUnmapped(long lo, long hi) {
        return backward(root, 0, 0, lo, hi, false);
    }

    /** True if no page in [from, from + n) is mapped. */
    public boolean isFree(long from, long n) {
        return firstMapped(from, from + n) < 0;
    }

    /** True if every page in [from, from + n) is mapped. */
    public boolean isFullyMapped(long from, long n) {
        return firstUnmapped(from, from + n) < 0;
    }

    /** Whether a child subtree can be skipped because it cannot contain what we look for. */
    private static boolean skip(long count, long span, boolean wantMapped) {
        return wantMapped ? count == 0 : count == span;
    }

    private long forward(Dir dir, int depth, long base, long from, long limit, boolean want) {
        long lo = Math.max(from, base);
        long hi = Math.min(limit, base + SPAN[depth]);
        if (lo >= hi) {
            return -1;
        }
        int shift = SHIFT[depth];
        long childSpan = SPAN[depth + 1];
        int first = (int) ((lo - base) >>> shift);
        int last = (int) ((hi - 1 - base) >>> shift);
        for (int i = first; i <= last; i++) {
            long childBase = base + ((long) i << shift);
            long r;
            if (dir.dirs != null) {
                Dir c = dir.dirs[i];
                if (c == null || skip(c.count, childSpan, want)) {
                    if (c == null && !want) {
                        return Math.max(lo, childBase);
                    }
                    continue;
                }
                r = forward(c, depth + 1, childBase, from, limit, want);
            } else {
                Leaf c = dir.leaves[i];
                if (c == null || skip(c.count, childSpan, want)) {
                    if (c == null && !want) {
                        return Math.max(lo, childBase);
                    }
                    continue;
                }
                r = forwardInLeaf(c, childBase, lo, hi, want);
            }
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private static long forwardInLeaf(Leaf leaf, long base, long lo, long hi, boolean want) {
        int from = (int) (Math.max(lo, base) - base);
        int to = (int) (Math.min(hi, base + LEAF_SIZE) - base);
        for (int i = from; i < to; i++) {
            if ((leaf.entries[i] != 0) == want) {
                return base + i;
            }
        }
        return -1;
    }

    private long backward(Dir dir, int depth, long base, long from, long limit, boolean want) {
        long lo = Math.max(from, base);
        long hi = Math.min(limit, base + SPAN[depth]);
        if (lo >= hi) {
            return -1;
        }
        int shift = SHIFT[depth];
        long childSpan = SPAN[depth + 1];
        int first = (int) ((lo - base) >>> shift);
        int last = (int) ((hi - 1 - base) >>> shift);
        for (int i = last; i >= first; i--) {
            long childBase = base + ((long) i << shift);
            long r;
            if (dir.dirs != null) {
                Dir c = dir.dirs[i];
                if (c == null || skip(c.count, childSpan, want)) {
                    if (c == null && !want) {
                        return Math.min(hi, childBase + childSpan) - 1;
                    }
                    continue;
                }
                r = backward(c, depth + 1, childBase, from, limit, want);
            } else {
                Leaf c = dir.leaves[i];
                if (c == null || skip(c.count, childSpan, want)) {
                    if (c == null && !want) {
                        return Math.min(hi, childBase + childSpan) - 1;
                    }
                    continue;
                }
                r = backwardInLeaf(c, childBase, lo, hi, want);
            }
            if (r >= 0) {
                return r;
            }
        }
        return -1;
    }

    private static long backwardInLeaf(Leaf leaf, long base, long lo, long hi, boolean want) {
        int from = (int) (Math.max(lo, base) - base);
        int to = (int) (Math.min(hi, base + LEAF_SIZE) - base);
        for (int i = to - 1; i >= from; i--) {
            if ((leaf.entries[i] != 0) == want) {
                return base + i;
            }
        }
        return -1;
    }
}
