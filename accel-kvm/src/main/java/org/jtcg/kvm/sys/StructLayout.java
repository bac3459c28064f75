package org.jtcg.kvm.sys;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The layout of one C struct of the KVM UAPI as data: field name to (offset, size), computed
 * with the x86-64 SysV rules (every field naturally aligned, the struct padded to its largest
 * alignment). Nested structs and unions contribute their fields with a dotted prefix
 * ({@code "cs.base"}, {@code "io.port"}), so every offset used by the binding is looked up by name
 * and checked against the kernel headers by a test.
 */
public final class StructLayout {
    /** One field: byte offset from the start of the struct and size in bytes (0 for a flexible array). */
    public record Field(int offset, int size) {}

    private final String name;
    private final int size;
    private final int align;
    private final Map<String, Field> fields;

    private StructLayout(String name, int size, int align, Map<String, Field> fields) {
        this.name = name;
        this.size = size;
        this.align = align;
        this.fields = Collections.unmodifiableMap(fields);
    }

    public String name() { return name; }
    /** sizeof(struct). */
    public int size() { return size; }
    public int align() { return align; }
    /** Every field, nested ones with dotted names, in declaration order. */
    public Map<String, Field> fields() { return fields; }

    /** Offset of a field; unknown names are a programming error. */
    public int offset(String field) {
        return field(field).offset();
    }

    public Field field(String field) {
        Field f = fields.get(field);
        if (f == null) {
            throw new IllegalArgumentException("struct " + name + " has no field '" + field + "'");
        }
        return f;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a layout field by field in C declaration order. */
    public static final class Builder {
        private final String name;
        private final Map<String, Field> fields = new LinkedHashMap<>();
        private int offset;
        private int align = 1;

        private Builder(String name) {
            this.name = name;
        }

        private Builder place(String field, int size, int fieldAlign) {
            offset = (offset + fieldAlign - 1) / fieldAlign * fieldAlign;
            if (fields.put(field, new Field(offset, size)) != null) {
                throw new IllegalArgumentException("duplicate field " + name + "." + field);
            }
            offset += size;
            align = Math.max(align, fieldAlign);
            return this;
        }

        public Builder u8(String f) { return place(f, 1, 1); }
        public Builder u16(String f) { return place(f, 2, 2); }
        public Builder u32(String f) { return place(f, 4, 4); }
        public Builder u64(String f) { return place(f, 8, 8); }

        /** An array of {@code count} elements of {@code elemSize} bytes, aligned to {@code elemAlign}. */
        public Builder array(String f, int count, int elemSize, int elemAlign) {
            return place(f, count * elemSize, elemAlign);
        }

        /** A flexible array member ({@code T f[]}): offset only. */
        public Builder flexible(String f, int elemAlign) {
            return place(f, 0, elemAlign);
        }

        /** An embedded struct; its fields appear as {@code f.<field>}. */
        public Builder struct(String f, StructLayout s) {
            place(f, s.size, s.align);
            int base = fields.get(f).offset();
            for (Map.Entry<String, Field> e : s.fields.entrySet()) {
                fields.put(f + "." + e.getKey(), new Field(base + e.getValue().offset(), e.getValue().size()));
            }
            return this;
        }

        /**
         * A union of the given member structs (each contributes {@code f.<member>.<field>} and
         * {@code f.<member>}; an empty {@code f} is an anonymous union whose members appear unprefixed), at least {@code minSize} bytes (the UAPI's {@code char padding[N]} arm).
         */
        public Builder union(String f, int minSize, Map<String, StructLayout> members) {
            int size = minSize;
            int ualign = 1;
            for (StructLayout m : members.values()) {
                size = Math.max(size, m.size);
                ualign = Math.max(ualign, m.align);
            }
            size = (size + ualign - 1) / ualign * ualign;
            String slot = f.isEmpty() ? "(union@" + fields.size() + ")" : f;
            place(slot, size, ualign);
            int base = fields.get(slot).offset();
            String prefix = f.isEmpty() ? "" : f + ".";
            for (Map.Entry<String, StructLayout> m : members.entrySet()) {
                fields.put(prefix + m.getKey(), new Field(base, m.getValue().size));
                for (Map.Entry<String, Field> e : m.getValue().fields.entrySet()) {
                    fields.put(prefix + m.getKey() + "." + e.getKey(),
                            new Field(base + e.getValue().offset(), e.getValue().size()));
                }
            }
            return this;
        }

        public StructLayout build() {
            int size = (offset + align - 1) / align * align;
            return new StructLayout(name, size, align, new LinkedHashMap<>(fields));
        }
    }
}
