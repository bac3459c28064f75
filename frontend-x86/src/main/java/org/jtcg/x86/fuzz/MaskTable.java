package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.X86Registers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The register-mask table {@code jtcg diff} uses ({@code META-INF/jtcg/diff-masks/x86_64.masks},
 * format in docs/diff.md), read for the fuzzer: per mnemonic, the RFLAGS bits an instruction leaves
 * undefined; entries for other registers are applied when the sequence contains the mnemonic (or always, for {@code *}).
 */
public final class MaskTable {
    /** One entry. {@code mnemonics} empty means always. */
    public record Entry(long id, long[] ignore, Set<String> mnemonics, String reason) {}

    /** Class-path location of the x86-64 table. */
    public static final String RESOURCE = "META-INF/jtcg/diff-masks/x86_64.masks";

    private final List<Entry> entries;

    private MaskTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The tables on the class path (all copies add up). */
    public static MaskTable load() {
        List<Entry> all = new ArrayList<>();
        try {
            for (URL u : Collections.list(MaskTable.class.getClassLoader().getResources(RESOURCE))) {
                try (InputStream in = u.openStream()) {
                    all.addAll(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), u.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new MaskTable(all);
    }

    /** A table from text lines (tests, {@code --masks}). */
    public static MaskTable of(List<String> lines, String source) {
        return new MaskTable(parse(lines, source));
    }

    /** This table plus another's entries. */
    public MaskTable plus(MaskTable other) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new MaskTable(all);
    }

    private static List<Entry> parse(List<String> lines, String source) {
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
                String[] parts = f[1].split("_");
                long[] words = new long[RegId.words(id)];
                if (parts.length > words.length) {
                    throw new IllegalArgumentException("value '" + f[1] + "' has more words than " + f[0]);
                }
                for (int w = 0; w < parts.length; w++) {
                    words[parts.length - 1 - w] = Long.parseUnsignedLong(parts[w].replaceFirst("^0[xX]", ""),
                            parts[w].matches("0[xX].*") ? 16 : 10);
                }
                Set<String> mn = f[2].equals("*") ? Set.of() : Set.of(f[2].toLowerCase(Locale.ROOT).split(","));
                out.add(new Entry(id, words, mn, f[3]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return out;
    }

    /** RFLAGS bits the table says {@code mnemonic} leaves undefined. */
    public int undefinedFlags(String mnemonic) {
        int m = 0;
        for (Entry e : entries) {
            if (e.id() == X86Registers.RFLAGS && e.mnemonics().contains(mnemonic)) {
                m |= (int) e.ignore()[0];
            }
        }
        return m;
    }

    /**
     * Bits of register {@code id} (other than RFLAGS, which the flag tracker handles) to ignore for a
     * sequence with these mnemonics; null if none.
     */
    public long[] ignoredBits(long id, Collection<String> mnemonics) {
        long[] m = null;
        for (Entry e : entries) {
            if (e.id() != id || id == X86Registers.RFLAGS) {
                continue;
            }
            if (!e.mnemonics().isEmpty() && Collections.disjoint(e.mnemonics(), mnemonics)) {
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
