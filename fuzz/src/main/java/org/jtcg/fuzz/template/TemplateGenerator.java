package org.jtcg.fuzz.template;

import org.jtcg.fuzz.FuzzState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random {@link TemplateCase}s from a {@link TemplateTable}, deterministically: case {@code i} of seed
 * {@code s} depends only on {@code (s, i)}, the table and the length. Each item is one row chosen
 * uniformly; each of its letters gets a value from the row's constraint intersected with the
 * architecture's default for the letter, or random field bits (biased toward 0, 1, all ones and
 * the sign bit) when neither restricts it.
 */
public final class TemplateGenerator {
    private static final int MAX_TRIES = 1000;

    private final TemplateTable table;
    private final TemplateArch arch;
    private final int length;

    public TemplateGenerator(TemplateTable table, TemplateArch arch, int length) {
        if (table.rows().isEmpty()) {
            throw new IllegalArgumentException("no instruction forms to generate from");
        }
        if (length < 1) {
            throw new IllegalArgumentException("sequence length must be at least 1");
        }
        this.table = table;
        this.arch = arch;
        this.length = length;
    }

    /** Case {@code index} of run {@code seed}. */
    public TemplateCase generate(long seed, long index) {
        SplittableRandom r = new SplittableRandom(mix(seed, index));
        FuzzState init = arch.randomState(r);
        List<List<TemplateCase.Insn>> items = new ArrayList<>();
        for (int n = 0; n < length; n++) {
            InsnTemplate row = table.rows().get(r.nextInt(table.rows().size()));
            items.add(instantiate(row, r));
        }
        return new TemplateCase(seed, index, init, items, arch);
    }

    /** The row's instructions with values for its letters. */
    List<TemplateCase.Insn> instantiate(InsnTemplate row, SplittableRandom r) {
        Map<Character, Integer> values = new HashMap<>();
        for (int tries = 0; ; tries++) {
            for (var e : row.letters().entrySet()) {
                int[] choices = choices(row, e.getKey(), arch);
                values.put(e.getKey(), choices == null ? bits(r, e.getValue()) : choices[r.nextInt(choices.length)]);
            }
            if (distinct(row.distinct(), values)) {
                break;
            }
            if (tries == MAX_TRIES) {
                throw new IllegalStateException("row " + row.name() + ": no distinct values for " + row.distinct());
            }
        }
        List<TemplateCase.Insn> out = new ArrayList<>();
        for (InsnTemplate.Word w : row.words()) {
            out.add(new TemplateCase.Insn(w.encode(values), w.width(), row.name()));
        }
        return out;
    }

    private static boolean distinct(String letters, Map<Character, Integer> values) {
        for (int i = 0; i < letters.length(); i++) {
            for (int j = i + 1; j < letters.length(); j++) {
                if (values.get(letters.charAt(i)).equals(values.get(letters.charAt(j)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The values letter {@code l} of {@code row} may take (row constraint and arch default), or null for any bits. */
    static int[] choices(InsnTemplate row, char l, TemplateArch arch) {
        int[] own = row.constraints().get(l), def = arch.allowed(l);
        if (own == null || def == null) {
            return own != null ? own : def;
        }
        return Arrays.stream(own).filter(v -> Arrays.stream(def).anyMatch(d -> d == v)).toArray();
    }

    /** Random bits of a field, often a boundary value. */
    private static int bits(SplittableRandom r, int width) {
        int mask = (int) ((1L << width) - 1);
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> mask;
            case 2 -> 1;
            case 3 -> 1 << (width - 1);
            case 4 -> mask >>> 1;
            default -> r.nextInt() & mask;
        };
    }

    /** SplitMix of seed and index: the case's own random stream. */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xC2B2AE3D27D4EB4FL + 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
