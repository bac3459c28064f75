package org.jtcg.cli;

import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Register bits {@code jtcg diff} ignores, e.g. flags an architecture leaves undefined. A table
 * is text, one entry per line ({@code #} starts a comment):
 * <pre>
 * # register    ignore-bits   when            reason
 * x86.rflags    0x10          and,or,xor      AF is undefined after logical instructions
 * </pre>
 * {@code ignore-bits} is a value in {@link RegisterText} syntax (words joined by {@code _} for wide
 * registers); {@code when} is {@code *} (always) or a comma-separated list of mnemonics (the first
 * word of the arch's disassembly, case-insensitive): the entry then applies only to a step that
 * executed one of them. The reason is required. Tables come from the class path
 * ({@code META-INF/jtcg/diff-masks/<arch name>.masks}, shipped by frontends) and from
 * {@code --masks FILE}; entries add up.
 */
final class RegisterMasks {
    /** One entry. {@code mnemonics} empty means always. */
    record Entry(long id, long[] ignore, Set<String> mnemonics, String reason, String source) {}

    private final List<Entry> entries;

    private RegisterMasks(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static RegisterMasks none() {
        return new RegisterMasks(List.of());
    }

    List<Entry> entries() {
        return entries;
    }

    /** The arch's tables on the class path plus an optional user file. */
    static RegisterMasks load(String archName, List<String> userLines, String userSource) {
        List<Entry> all = new ArrayList<>();
        String res = "META-INF/jtcg/diff-masks/" + archName + ".masks";
        try {
            ClassLoader cl = RegisterMasks.class.getClassLoader();
            Enumeration<URL> urls = cl.getResources(res);
            for (URL u : Collections.list(urls)) {
                try (InputStream in = u.openStream()) {
                    all.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), u.toString()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + res + ": " + e.getMessage(), e);
        }
        if (userLines != null) {
            all.addAll(parse(userLines, userSource));
        }
        return new RegisterMasks(all);
    }

    /**
     * Parses a table.
     *
     * @throws IllegalArgumentException naming source and line for a bad entry
     */
    static List<Entry> parse(List<String> lines, String source) {
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            String[] f = text.split("\\s+", 4);
            String where = source + ":" + (i + 1) + ": ";
            if (f.length < 4) {
                throw new IllegalArgumentException(where + "expected 'register ignore-bits when reason'");
            }
            try {
                long id = RegisterNames.parse(f[0]);
                long[] ignore = RegisterText.parseValue(f[1], id);
                Set<String> mn = f[2].equals("*") ? Set.of() : Set.of(f[2].toLowerCase(Locale.ROOT).split(","));
                out.add(new Entry(id, ignore, mn, f[3], source + ":" + (i + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The bits of register {@code id} to ignore for a step, OR-ed over matching entries; null if
     * none. {@code stepMnemonics} is only asked when a mnemonic-scoped entry names this register.
     */
    long[] ignoredBits(long id, Supplier<Set<String>> stepMnemonics) {
        long[] m = null;
        for (Entry e : entries) {
            if (e.id() != id) {
                continue;
            }
            if (!e.mnemonics().isEmpty() && Collections.disjoint(e.mnemonics(), stepMnemonics.get())) {
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
