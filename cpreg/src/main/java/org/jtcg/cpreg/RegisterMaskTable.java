package org.jtcg.cpreg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Register bits that differential tools ({@code jtcg diff}, {@code jtcg fuzz}) ignore, e.g. flags
 * an architecture leaves undefined. A table is text, one entry per line ({@code #} starts a comment):
 * <pre>
 * # register    ignore-bits   when            reason
 * x86.rflags    0x10          and,or,xor      AF is undefined after logical instructions
 * </pre>
 * {@code ignore-bits} is a value as {@link RegisterList#parseWords} reads it; {@code when} is
 * {@code *} (always) or a comma-separated list of mnemonics (case-insensitive): the entry then
 * applies only where one of them executed. The reason is required. Tables come from the class
 * path ({@code META-INF/jtcg/diff-masks/<arch name>.masks}, shipped by frontends) and from user
 * files; entries add up.
 */
public final class RegisterMaskTable {
    /** One entry; {@code mnemonics} empty means always; {@code source} is "file:line". */
    public record Entry(long id, long[] ignore, Set<String> mnemonics, String reason, String source) {}

    private static final RegisterMaskTable NONE = new RegisterMaskTable(List.of());

    private final List<Entry> entries;

    private RegisterMaskTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static RegisterMaskTable none() {
        return NONE;
    }

    /** Class-path resource holding an arch's table. */
    public static String resource(String archName) {
        return "META-INF/jtcg/diff-masks/" + archName + ".masks";
    }

    /** Every copy of the arch's table on the class path (entries add up). */
    public static RegisterMaskTable load(String archName) {
        String res = resource(archName);
        List<Entry> all = new ArrayList<>();
        try {
            for (URL u : Collections.list(RegisterMaskTable.class.getClassLoader().getResources(res))) {
                try (InputStream in = u.openStream()) {
                    all.addAll(parseEntries(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), u.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + res + ": " + e.getMessage(), e);
        }
        return new RegisterMaskTable(all);
    }

    /**
     * A table from text lines.
     *
     * @throws IllegalArgumentException naming source and line for a bad entry
     */
    public static RegisterMaskTable parse(List<String> lines, String source) {
        return new RegisterMaskTable(parseEntries(lines, source));
    }

    /** This table's entries followed by another's. */
    public RegisterMaskTable plus(RegisterMaskTable other) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new RegisterMaskTable(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    private static List<Entry> parseEntries(List<String> lines, String source) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] f = text.split("\\s+", 4);
            String where = source + ":" + (i + 1);
            if (f.length < 4) {
                throw new IllegalArgumentException(where + ": expected 'register ignore-bits when reason'");
            }
            try {
                long id = RegisterNames.parse(f[0]);
                long[] ignore = RegisterList.parseWords(f[1], id);
                Set<String> mn = f[2].equals("*") ? Set.of() : Set.of(f[2].toLowerCase(Locale.ROOT).split(","));
                out.add(new Entry(id, ignore, mn, f[3], where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The bits of register {@code id} to ignore, OR-ed over the matching entries; null if none.
     * {@code executed} (the mnemonics that ran) is only asked when a mnemonic-scoped entry names
     * this register.
     */
    public long[] ignoredBits(long id, Supplier<? extends java.util.Collection<String>> executed) {
        long[] m = null;
        for (Entry e : entries) {
            if (e.id() != id) {
                continue;
            }
            if (!e.mnemonics().isEmpty() && Collections.disjoint(e.mnemonics(), executed.get())) {
                continue;
            }
            if (m == null) {
                m = new long[RegId.words(id)];
            }
            for (int w = 0; w < m.length; w++) {
                m[w] |= e.ignore()[w];
            }
        }
        return m;
    }
}
