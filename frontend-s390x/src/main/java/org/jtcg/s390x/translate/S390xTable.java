package org.jtcg.s390x.translate;

import org.jtcg.core.decode.DecodeTable;
import org.jtcg.core.decode.Decoder;

import java.util.Set;

/**
 * The s390x instruction table ({@code s390x.decode}) and its argument slots. The table is the one
 * list of what the translator implements; every row has a handler (checked when the translator's
 * handler map is built).
 */
public final class S390xTable {
    private S390xTable() {}

    public static final DecodeTable TABLE = DecodeTable.load(S390xTable.class, "/org/jtcg/s390x/s390x.decode");
    public static final Decoder DECODER = TABLE.decoder(Set.of());

    /** Argument slots (see the table header for their meaning). */
    public static final int R1 = TABLE.slot("r1"), R2 = TABLE.slot("r2"), R3 = TABLE.slot("r3"), M = TABLE.slot("m"),
            X = TABLE.slot("x"), B = TABLE.slot("b"), D = TABLE.slot("d"), I = TABLE.slot("i"), REL = TABLE.slot("rel"),
            L = TABLE.slot("l"), B1 = TABLE.slot("b1"), D1 = TABLE.slot("d1"), I3 = TABLE.slot("i3"),
            I4 = TABLE.slot("i4"), I5 = TABLE.slot("i5"), M4 = TABLE.slot("m4");

    /** Instruction length in bytes from the first halfword's top two bits. */
    public static int length(int firstHalfword) {
        return switch (firstHalfword >>> 14) {
            case 0 -> 2;
            case 3 -> 6;
            default -> 4;
        };
    }
}
