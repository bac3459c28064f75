package org.jtcg.kvm;

import org.jtcg.cpreg.RegId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A plug-in's register sets as data: which set holds each canonical id, each set's words, the
 * order of puts, and where the program counter lives. Sets are numbered by their position in the
 * list; the numbers are what {@link RegisterTransport} and {@link RegisterSetCache} exchange.
 */
public final class RegisterSetLayout {
    private final List<RegisterSetSpec> sets;
    private final int[] putOrder;
    private final long pcId;
    private final int pcSet;
    private final int pcWord;
    private final Map<Long, Integer> setById = new HashMap<>();
    private final long[][] ids;

    /**
     * @param sets     the sets (at most 31)
     * @param putOrder every set number once, in the order puts by ioctl must happen
     * @param pcId     the canonical id of the program counter ({@code CpuState.pc} wins over it at entry)
     * @throws IllegalArgumentException if an id is in two sets, the put order is not a permutation, or
     *                                  no set holds {@code pcId}
     */
    public RegisterSetLayout(List<RegisterSetSpec> sets, int[] putOrder, long pcId) {
        if (sets.size() > 31) {
            throw new IllegalArgumentException("at most 31 register sets, got " + sets.size());
        }
        this.sets = List.copyOf(sets);
        this.ids = new long[sets.size()][];
        for (int s = 0; s < sets.size(); s++) {
            ids[s] = sets.get(s).ids();
            for (long id : ids[s]) {
                if (setById.put(id, s) != null) {
                    throw new IllegalArgumentException("register id 0x" + Long.toHexString(id) + " is in two sets");
                }
            }
        }
        boolean[] seen = new boolean[sets.size()];
        for (int s : putOrder) {
            if (s < 0 || s >= seen.length || seen[s]) {
                throw new IllegalArgumentException("put order must name every set once");
            }
            seen[s] = true;
        }
        if (putOrder.length != sets.size()) {
            throw new IllegalArgumentException("put order must name every set once");
        }
        this.putOrder = putOrder.clone();
        this.pcId = pcId;
        Integer ps = setById.get(pcId);
        if (ps == null) {
            throw new IllegalArgumentException("no register set holds the program counter");
        }
        this.pcSet = ps;
        this.pcWord = wordOffset(ps, pcId);
    }

    public int size() { return sets.size(); }
    public RegisterSetSpec spec(int set) { return sets.get(set); }
    public String name(int set) { return sets.get(set).name(); }
    /** The set's ids (shared array: do not modify). */
    long[] idsOf(int set) { return ids[set]; }
    public int[] putOrder() { return putOrder.clone(); }
    public long pcId() { return pcId; }
    public int pcSet() { return pcSet; }
    /** Index of the program counter's word in its set's canonical words. */
    public int pcWord() { return pcWord; }

    /** The set holding {@code id}, or -1 when the engine does not model it. */
    public int setOf(long id) {
        Integer s = setById.get(id);
        return s == null ? -1 : s;
    }

    /** Bit {@code 1 << set} for every set written by a put of {@code level}. */
    public int levelMask(SyncLevel level) {
        int m = 0;
        for (int s = 0; s < sets.size(); s++) {
            if (sets.get(s).level().includedIn(level)) {
                m |= 1 << s;
            }
        }
        return m;
    }

    /** Bits of every set. */
    public int allMask() {
        return (1 << sets.size()) - 1;
    }

    /** Number of canonical words of a set. */
    public int wordCount(int set) {
        int n = 0;
        for (long id : ids[set]) {
            n += RegId.words(id);
        }
        return n;
    }

    private int wordOffset(int set, long id) {
        int k = 0;
        for (long x : ids[set]) {
            if (x == id) {
                return k;
            }
            k += RegId.words(x);
        }
        throw new IllegalArgumentException("id not in set");
    }
}
