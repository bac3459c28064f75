package org.jtcg.core.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One pattern of a decode table: fixed and don't-care bits, the arguments it yields and its
 * attributes. A pattern shorter than the table width (s390x: 16 or 32 of 48 bits) is
 * left-aligned: its bits are the most significant ones and the rest are don't-care.
 * Immutable; {@link #id()} is its index in table order.
 */
public final class EncodingPattern {
    /** Attribute naming the CPU feature a pattern needs; without it the pattern is unallocated. */
    public static final String FEATURE = "feature";

    private final int id;
    private final String name;
    private final int line;
    private final int lengthBits;
    private final long mask;
    private final long value;
    private final int group;
    private final ArgumentBinding[] bindings;
    /** The bindings as parallel arrays for the decode loop: slot, field (null for a constant), constant. */
    private final int[] slots;
    private final BitField[] fields;
    private final long[] constants;
    private final Map<String, String> attributes;

    EncodingPattern(int id, String name, int line, int lengthBits, long mask, long value, int group,
                    List<ArgumentBinding> bindings, Map<String, String> attributes) {
        this.id = id;
        this.name = name;
        this.line = line;
        this.lengthBits = lengthBits;
        this.mask = mask;
        this.value = value;
        this.group = group;
        this.bindings = bindings.toArray(new ArgumentBinding[0]);
        this.slots = new int[this.bindings.length];
        this.fields = new BitField[this.bindings.length];
        this.constants = new long[this.bindings.length];
        for (int i = 0; i < this.bindings.length; i++) {
            slots[i] = this.bindings[i].slot();
            fields[i] = this.bindings[i].field();
            constants[i] = this.bindings[i].constant();
        }
        this.attributes = Map.copyOf(attributes);
    }

    /** Writes this pattern's arguments for {@code insn} into their slots; other slots are left as they were. */
    void fillArguments(long insn, long[] arguments) {
        for (int i = 0; i < slots.length; i++) {
            BitField field = fields[i];
            arguments[slots[i]] = field == null ? constants[i] : field.extract(insn);
        }
    }

    /** True if {@code insn} has this pattern's fixed bits. */
    public boolean matches(long insn) {
        return (insn & mask) == value;
    }

    /** Index in table order; the decoder returns it. */
    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The table line that defines this pattern. */
    public int line() {
        return line;
    }

    /** The instruction length in bits this pattern describes (the table width unless {@code lengths} allows shorter). */
    public int lengthBits() {
        return lengthBits;
    }

    /** Fixed bits, in LSB-0 numbering over the table width. */
    public long mask() {
        return mask;
    }

    /** Values of the fixed bits ({@code value & ~mask == 0}). */
    public long value() {
        return value;
    }

    /** Index of the {@code { }} group the pattern is in, or -1 outside groups. */
    public int group() {
        return group;
    }

    /** Names of the argument slots this pattern fills, in the order the table lists them. */
    public List<String> arguments() {
        List<String> names = new ArrayList<>(bindings.length);
        for (ArgumentBinding binding : bindings) {
            names.add(binding.argument());
        }
        return Collections.unmodifiableList(names);
    }

    /** The value of attribute {@code key} ({@code key:value} in the table), or null. */
    public String attribute(String key) {
        return attributes.get(key);
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    /** The feature this pattern needs, or null if it is always allocated. */
    public String feature() {
        return attributes.get(FEATURE);
    }

    @Override
    public String toString() {
        return name + " (line " + line + ")";
    }
}
