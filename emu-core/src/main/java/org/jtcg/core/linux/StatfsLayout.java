package org.jtcg.core.linux;

import java.util.EnumMap;
import java.util.Map;

/**
 * Layout of an arch's {@code struct statfs} (what statfs/fstatfs write), as data like
 * {@link StatLayout}: each field's byte offset and size, and the struct's total size. f_fsid and
 * f_spare are not listed: they stay zero. Values are from the Linux UAPI headers
 * ({@code asm/statfs.h}).
 *
 * @param name   for messages
 * @param fields offset and size (4 or 8) of each field
 * @param size   total struct size in bytes
 */
public record StatfsLayout(String name, Map<Field, StatLayout.Slot> fields, int size) {
    /** The fields the syscall layer fills, in struct order. */
    public enum Field { TYPE, BSIZE, BLOCKS, BFREE, BAVAIL, FILES, FFREE, NAMELEN, FRSIZE, FLAGS }

    public StatfsLayout {
        fields = Map.copyOf(fields);
        for (Field f : Field.values()) {
            StatLayout.Slot s = fields.get(f);
            if (s == null || (s.size() != 4 && s.size() != 8) || s.offset() < 0 || s.offset() + s.size() > size) {
                throw new IllegalArgumentException("statfs layout " + name + ": bad or missing slot for " + f);
            }
        }
    }

    /** Builds a layout from (offset, size) pairs in {@link Field} order. */
    private static StatfsLayout of(String name, int size, int... offsetSize) {
        Field[] all = Field.values();
        if (offsetSize.length != all.length * 2) {
            throw new IllegalArgumentException("statfs layout " + name + ": need offset,size for every field");
        }
        Map<Field, StatLayout.Slot> m = new EnumMap<>(Field.class);
        for (int i = 0; i < all.length; i++) {
            m.put(all[i], new StatLayout.Slot(offsetSize[2 * i], offsetSize[2 * i + 1]));
        }
        return new StatfsLayout(name, m, size);
    }

    // Field order below: TYPE BSIZE BLOCKS BFREE BAVAIL FILES FFREE (f_fsid) NAMELEN FRSIZE FLAGS (f_spare[4])

    /**
     * asm-generic {@code struct statfs} on 64-bit arches (x86-64, arm64): every field is a
     * {@code __statfs_word} (64 bits), f_fsid at 56, 120 bytes.
     */
    public static final StatfsLayout GENERIC_64 = of("asm-generic", 120,
            0, 8, 8, 8, 16, 8, 24, 8, 32, 8, 40, 8, 48, 8, 64, 8, 72, 8, 80, 8);

    /**
     * s390x {@code struct statfs} (arch/s390/include/uapi/asm/statfs.h): f_type, f_bsize, f_namelen,
     * f_frsize, f_flags and f_spare are {@code unsigned int}, the counts {@code unsigned long};
     * f_fsid at 48, 88 bytes.
     */
    public static final StatfsLayout S390X = of("s390x", 88,
            0, 4, 4, 4, 8, 8, 16, 8, 24, 8, 32, 8, 40, 8, 56, 4, 60, 4, 64, 4);

    public StatLayout.Slot slot(Field f) {
        return fields.get(f);
    }
}
