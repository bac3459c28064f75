package org.jtcg.fuzz.template;

import org.jtcg.cpreg.RegisterList;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.fuzz.FuzzState;

import java.util.ArrayList;
import java.util.List;

/**
 * An initial state as a plain register list and scratch bytes. Its reproducer lines are
 * {@code reg NAME VALUE} with the canonical register name ({@code arm64.x3}, {@code s390.fpc}) and
 * value ({@code 0x...}, 128-bit registers as two 16-digit words joined by {@code _}), so any architecture can use it.
 *
 * @param registers the registers an engine starts from (pc included)
 * @param scratch   the scratch block
 */
public record RegisterState(RegisterList registers, byte[] scratch) implements FuzzState {
    /** The keyword of the lines {@link #lines()} writes. */
    public static final String KEYWORD = "reg";

    public RegisterState {
        scratch = scratch.clone();
    }

    @Override
    public byte[] scratch() {
        return scratch.clone();
    }

    /** Words of register {@code id}, or zeros of the right width if the state lacks it. */
    public long[] get(long id) {
        long[] w = registers.get(id);
        return w != null ? w : new long[org.jtcg.cpreg.RegId.size(id).words()];
    }

    /** The low word of {@code id} (0 if absent). */
    public long value(long id) {
        return get(id)[0];
    }

    /** Reproducer lines, one per register. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < registers.size(); i++) {
            out.add(KEYWORD + " " + RegisterNames.name(registers.id(i)) + " " + format(registers.words(i)));
        }
        return out;
    }

    /** {@code 0x1f}, or 64-bit words most significant first joined by {@code _}, as {@link RegisterList#parseWords} reads. */
    static String format(long[] words) {
        if (words.length == 1) {
            return "0x" + Long.toHexString(words[0]);
        }
        StringBuilder sb = new StringBuilder("0x");
        for (int w = words.length - 1; w >= 0; w--) {
            sb.append(String.format("%016x", words[w])).append(w > 0 ? "_" : "");
        }
        return sb.toString();
    }

    /**
     * The state from {@link #lines()}-style lines (split at white space).
     *
     * @throws IllegalArgumentException for a malformed line
     */
    public static RegisterState parse(List<String[]> lines, byte[] scratch) {
        RegisterList.Builder b = RegisterList.builder();
        for (String[] f : lines) {
            if (f.length != 3 || !f[0].equals(KEYWORD)) {
                throw new IllegalArgumentException("'" + String.join(" ", f) + "': expected 'reg NAME VALUE'");
            }
            long id = RegisterNames.parse(f[1]);
            b.put(id, RegisterList.parseWords(f[2], id));
        }
        return new RegisterState(b.build(), scratch);
    }
}
