package org.jtcg.core.decode;

import java.util.List;

/**
 * Checks across the patterns of a parsed table: two patterns that some encoding matches must be
 * in the same group (elsewhere table order would silently decide), and inside a group no pattern
 * may be hidden completely by an earlier one (it could never match). Quadratic in the number of
 * patterns, which is fine at start-up for a few thousand.
 */
final class TableChecks {
    private final DecodeTable table;

    TableChecks(DecodeTable table) {
        this.table = table;
    }

    void run() {
        List<EncodingPattern> patterns = table.patterns();
        for (int later = 1; later < patterns.size(); later++) {
            EncodingPattern b = patterns.get(later);
            for (int earlier = 0; earlier < later; earlier++) {
                EncodingPattern a = patterns.get(earlier);
                if (!overlap(a, b)) {
                    continue;
                }
                if (a.group() < 0 || a.group() != b.group()) {
                    throw new DecodeTableException(table.name(), b.line(), "pattern " + b.name() + " overlaps pattern "
                            + a.name() + " (line " + a.line() + ") outside a group, e.g. " + hex(a.value() | b.value())
                            + "; put both in one { } group or make them disjoint");
                }
                if (covers(a, b) && a.feature() == null) {
                    throw new DecodeTableException(table.name(), b.line(), "pattern " + b.name() + " can never match: "
                            + a.name() + " (line " + a.line() + ") earlier in the group matches every encoding it does");
                }
            }
        }
    }

    /** Some encoding has the fixed bits of both. */
    static boolean overlap(EncodingPattern a, EncodingPattern b) {
        return ((a.value() ^ b.value()) & a.mask() & b.mask()) == 0;
    }

    /** Every encoding {@code b} matches, {@code a} matches too. */
    private static boolean covers(EncodingPattern a, EncodingPattern b) {
        return (a.mask() & ~b.mask()) == 0 && ((a.value() ^ b.value()) & a.mask()) == 0;
    }

    private String hex(long encoding) {
        int digits = (table.width() + 3) / 4;
        String text = Long.toHexString(encoding);
        return "0x" + "0".repeat(Math.max(0, digits - text.length())) + text;
    }
}
