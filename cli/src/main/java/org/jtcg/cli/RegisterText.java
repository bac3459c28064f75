package org.jtcg.cli;

import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegSize;
import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterNames;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The text form of register lists shared by {@code jtcg regs show/export/import} and
 * {@code jtcg diff}: one {@code name = value} per line, names as {@link RegisterNames} prints
 * them, values in hex; registers wider than 64 bits as 64-bit words, most significant first,
 * joined by {@code _} ({@code 0x0000000000004567_0000000000000123}; on input each {@code _}-separated
 * part is one word, so {@code 0x1_2} is word 1 = 1, word 0 = 2). Blank lines and
 * {@code #} comments are ignored on input.
 */
final class RegisterText {
    private RegisterText() {
    }

    /** The value of a register in this form. */
    static String value(long[] words) {
        if (words.length == 1) {
            return "0x" + Long.toHexString(words[0]);
        }
        StringBuilder sb = new StringBuilder("0x");
        for (int w = words.length - 1; w >= 0; w--) {
            sb.append(String.format("%016x", words[w]));
            if (w > 0) {
                sb.append('_');
            }
        }
        return sb.toString();
    }

    /** {@code name = value} lines of a list, in id order. */
    static List<String> lines(RegisterList regs) {
        List<String> out = new ArrayList<>(regs.size());
        for (int i = 0; i < regs.size(); i++) {
            out.add(RegisterNames.name(regs.id(i)) + " = " + value(regs.words(i)));
        }
        return out;
    }

    /**
     * Parses {@code name = value} lines.
     *
     * @throws IllegalArgumentException with "line N: ..." for the first bad line
     */
    static RegisterList parse(List<String> lines) {
        RegisterList.Builder b = RegisterList.builder();
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'name = value', got '" + text + "'");
            }
            try {
                long id = RegisterNames.parse(text.substring(0, eq));
                if (seen.contains(id)) {
                    throw new IllegalArgumentException(RegisterNames.name(id) + " is given twice");
                }
                seen.add(id);
                b.put(id, RegisterList.parseWords(text.substring(eq + 1).trim(), id));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return b.build();
    }
}
