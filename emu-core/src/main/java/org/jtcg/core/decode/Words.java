package org.jtcg.core.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line of a data table (decode files, syscall tables, opcode tables) into its whitespace-separated
 * words. What {@code String.split("\\s+")} does on a stripped line, without a regular expression: split with a
 * pattern compiles it anew on every call, and these tables are parsed at every start, in HotSpot's bytecode
 * interpreter before anything is compiled (a hello spent ~10-25 ms per table there).
 */
public final class Words {
    private Words() {}

    /** The words of {@code s}, in order; none for a blank string. */
    public static String[] of(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(s.substring(start, i));
            }
        }
        return out.toArray(new String[0]);
    }
}
