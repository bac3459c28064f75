package org.jtcg.kvm;

import org.jtcg.cpreg.RegId;
import org.jtcg.kvm.sys.OneRegAccess;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ONE_REG over a map, standing in for a vCPU: unset registers read as 0; every set is logged in order. */
public final class MapOneRegs implements OneRegAccess {
    public final Map<Long, long[]> values = new HashMap<>();
    public final List<Long> sets = new ArrayList<>();
    public final List<Long> gets = new ArrayList<>();

    @Override
    public long[] get(long id) {
        gets.add(id);
        long[] v = values.get(id);
        return v != null ? v.clone() : new long[RegId.words(id)];
    }

    @Override
    public void set(long id, long[] words) {
        if (words.length != RegId.words(id)) {
            throw new IllegalArgumentException("wrong word count for " + RegId.hex(id));
        }
        sets.add(id);
        values.put(id, words.clone());
    }

    /** The single-word value of a register (0 if never set). */
    public long word(long id) {
        long[] v = values.get(id);
        return v == null ? 0 : v[0];
    }
}
