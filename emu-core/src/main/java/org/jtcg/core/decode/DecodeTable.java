package org.jtcg.core.decode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed, checked decode table (syntax in docs/decode-tables.md): the instruction width, the
 * fields, the argument slots and the patterns in table order. Turn it into a {@link Decoder} with
 * {@link #decoder(Set)} once at start-up. Immutable and thread-safe.
 */
public final class DecodeTable {
    private final String name;
    private final int width;
    private final List<EncodingPattern> patterns;
    private final Map<String, EncodingPattern> patternsByName;
    private final Map<String, BitField> fields;
    private final List<String> slotNames;
    private final Map<String, Integer> slots;

    DecodeTable(String name, int width, List<EncodingPattern> patterns, Map<String, BitField> fields,
                List<String> slotNames) {
        this.name = name;
        this.width = width;
        this.patterns = List.copyOf(patterns);
        Map<String, EncodingPattern> byName = new LinkedHashMap<>();
        for (EncodingPattern pattern : patterns) {
            byName.put(pattern.name(), pattern);
        }
        this.patternsByName = Collections.unmodifiableMap(byName);
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.slotNames = List.copyOf(slotNames);
        Map<String, Integer> slotIndex = new LinkedHashMap<>();
        for (int i = 0; i < slotNames.size(); i++) {
            slotIndex.put(slotNames.get(i), i);
        }
        this.slots = Collections.unmodifiableMap(slotIndex);
    }

    /** Parses and checks {@code text}; {@code name} is used in error messages. */
    public static DecodeTable parse(String name, String text) {
        DecodeTable table = new DecodeTableParser(name).parse(text);
        new TableChecks(table).run();
        return table;
    }

    /** Loads the table resource {@code resource} relative to {@code anchor} (as {@link Class#getResourceAsStream}). */
    public static DecodeTable load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DecodeTableException(resource, 0, "decode table resource not found next to " + anchor.getName());
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DecodeTableException(resource, 0, "cannot read decode table: " + e.getMessage());
        }
    }

    /**
     * Compiles the decision tree for a CPU that has {@code enabledFeatures}. Patterns whose
     * {@code feature} is not enabled are left out, so their encodings are unallocated (or, in a
     * group, fall through to the next pattern). Call once and keep the decoder.
     */
    public Decoder decoder(Set<String> enabledFeatures) {
        List<EncodingPattern> allocated = new ArrayList<>();
        for (EncodingPattern pattern : patterns) {
            String feature = pattern.feature();
            if (feature == null || enabledFeatures.contains(feature)) {
                allocated.add(pattern);
            }
        }
        return new Decoder(this, allocated);
    }

    /** All feature names the table's patterns mention. */
    public Set<String> features() {
        Set<String> names = new TreeSet<>();
        for (EncodingPattern pattern : patterns) {
            if (pattern.feature() != null) {
                names.add(pattern.feature());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public String name() {
        return name;
    }

    /** The instruction width in bits; a decoded value holds the instruction in its low {@code width} bits. */
    public int width() {
        return width;
    }

    /** All patterns in table order; {@code patterns().get(id)} has that id. */
    public List<EncodingPattern> patterns() {
        return patterns;
    }

    /** The pattern called {@code patternName}; a clear error if the table has none. */
    public EncodingPattern pattern(String patternName) {
        EncodingPattern pattern = patternsByName.get(patternName);
        if (pattern == null) {
            throw new IllegalArgumentException(name + " has no pattern '" + patternName + "'");
        }
        return pattern;
    }

    /** The fields by name, in definition order. */
    public Map<String, BitField> fields() {
        return fields;
    }

    /** The slot index of argument {@code argument} in the {@code long[]} the decoder fills. */
    public int slot(String argument) {
        Integer slot = slots.get(argument);
        if (slot == null) {
            throw new IllegalArgumentException(name + " has no argument '" + argument + "' (arguments: " + slotNames + ")");
        }
        return slot;
    }

    /** Argument names by slot index. */
    public List<String> slotNames() {
        return slotNames;
    }

    /** A fresh argument array of the right size, to be reused for every decode by one caller. */
    public long[] newArgumentArray() {
        return new long[Math.max(1, slotNames.size())];
    }
}
