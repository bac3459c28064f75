package org.jtcg.core.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The reference the decision tree must agree with: the first allocated pattern in table order that matches. */
final class LinearScan {
    private final long[] masks;
    private final long[] values;
    private final int[] ids;

    LinearScan(DecodeTable table, Set<String> features) {
        List<EncodingPattern> allocated = new ArrayList<>();
        for (EncodingPattern pattern : table.patterns()) {
            if (pattern.feature() == null || features.contains(pattern.feature())) {
                allocated.add(pattern);
            }
        }
        masks = new long[allocated.size()];
        values = new long[allocated.size()];
        ids = new int[allocated.size()];
        for (int i = 0; i < ids.length; i++) {
            masks[i] = allocated.get(i).mask();
            values[i] = allocated.get(i).value();
            ids[i] = allocated.get(i).id();
        }
    }

    int firstMatch(long insn) {
        for (int i = 0; i < ids.length; i++) {
            if ((insn & masks[i]) == values[i]) {
                return ids[i];
            }
        }
        return Decoder.UNALLOCATED;
    }
}
