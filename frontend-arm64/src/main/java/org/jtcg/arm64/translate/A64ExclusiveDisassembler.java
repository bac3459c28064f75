package org.jtcg.arm64.translate;

import static org.jtcg.arm64.translate.A64Disassembler.x;
import static org.jtcg.arm64.translate.A64Disassembler.xsp;
import static org.jtcg.arm64.translate.A64Table.*;

/**
 * The load/store exclusive and load-acquire/store-release words (ldxr, ldaxr, stxr, stlxr, their pair and
 * byte/halfword forms, ldar, stlr) in objdump's syntax: the base register alone in brackets.
 */
final class A64ExclusiveDisassembler {
    private A64ExclusiveDisassembler() {}

    /** Size field to the mnemonic suffix: byte, halfword, then word and doubleword without one. */
    private static final String[] SUFFIX = {"b", "h", "", ""};

    static String format(String name, long[] a) {
        int size = (int) a[SIZE];
        boolean wide = size == 3, ordered = a[O0] != 0;
        String rt = x(a[RD], wide), base = "[" + xsp(a[RN], true) + "]";
        return switch (name) {
            case "LDXR" -> (ordered ? "ldaxr" : "ldxr") + SUFFIX[size] + " " + rt + ", " + base;
            case "STXR" -> (ordered ? "stlxr" : "stxr") + SUFFIX[size] + " " + x(a[RM], false) + ", " + rt + ", " + base;
            case "LDXP" -> (ordered ? "ldaxp " : "ldxp ") + rt + ", " + x(a[RT2], wide) + ", " + base;
            case "STXP" -> (ordered ? "stlxp " : "stxp ") + x(a[RM], false) + ", " + rt + ", " + x(a[RT2], wide) + ", " + base;
            case "LDAR" -> "ldar" + SUFFIX[size] + " " + rt + ", " + base;
            case "STLR" -> "stlr" + SUFFIX[size] + " " + rt + ", " + base;
            default -> null;
        };
    }
}
