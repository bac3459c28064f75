package org.jtcg.core.linux;

import java.util.EnumMap;
import java.util.Map;

/**
 * Layout of an arch's {@code struct stat} (what fstat/newfstatat/stat/lstat write), as data:
 * for each field its byte offset and size, plus the struct's total size. Values are from the
 * Linux UAPI headers ({@code asm/stat.h}); padding not listed is written as zero.
 *
 * @param name   for messages
 * @param fields offset and size of each field
 * @param size   total struct size in bytes
 */
public record StatLayout(String name, Map<Field, Slot> fields, int size) {
    /** The fields the syscall layer fills. */
    public enum Field { DEV, INO, MODE, NLINK, UID, GID, RDEV, SIZE, BLKSIZE, BLOCKS,
        ATIME, ATIME_NSEC, MTIME, MTIME_NSEC, CTIME, CTIME_NSEC }

    /** Byte offset and size (4 or 8) of one field. */
    public record Slot(int offset, int size) {}

    public StatLayout {
        fields = Map.copyOf(fields);
        for (Field f : Field.values()) {
            Slot s = fields.get(f);
            if (s == null || (s.size() != 4 && s.size() != 8) || s.offset() < 0 || s.offset() + s.size() > size) {
                throw new IllegalArgumentException("stat layout " + name + ": bad or missing slot for " + f);
            }
        }
    }

    /** Builds a layout from (field, offset, size) triples in {@link Field} order. */
    private static StatLayout of(String name, int size, int... offsetSize) {
        Map<Field, Slot> m = new EnumMap<>(Field.class);
        Field[] all = Field.values();
        if (offsetSize.length != all.length * 2) {
            throw new IllegalArgumentException("stat layout " + name + ": need offset,size for every field");
        }
        for (int i = 0; i < all.length; i++) {
            m.put(all[i], new Slot(offsetSize[2 * i], offsetSize[2 * i + 1]));
        }
        return new StatLayout(name, m, size);
    }

    // Field order in the tables below: DEV INO MODE NLINK UID GID RDEV SIZE BLKSIZE BLOCKS
    //                                  ATIME ATIME_NSEC MTIME MTIME_NSEC CTIME CTIME_NSEC

    /** x86-64 {@code struct stat} (arch/x86/include/uapi/asm/stat.h): nlink before mode, 144 bytes. */
    public static final StatLayout X86_64 = of("x86_64", 144,
            0, 8, 8, 8, 24, 4, 16, 8, 28, 4, 32, 4, 40, 8, 48, 8, 56, 8, 64, 8,
            72, 8, 80, 8, 88, 8, 96, 8, 104, 8, 112, 8);

    /** asm-generic {@code struct stat} for 64-bit (arm64): 32-bit mode/nlink/blksize, 128 bytes. */
    public static final StatLayout GENERIC_64 = of("asm-generic", 128,
            0, 8, 8, 8, 16, 4, 20, 4, 24, 4, 28, 4, 32, 8, 48, 8, 56, 4, 64, 8,
            72, 8, 80, 8, 88, 8, 96, 8, 104, 8, 112, 8);

    /** s390x {@code struct stat} (arch/s390/include/uapi/asm/stat.h, __s390x__): times before blksize/blocks, 144 bytes. */
    public static final StatLayout S390X = of("s390x", 144,
            0, 8, 8, 8, 24, 4, 16, 8, 28, 4, 32, 4, 40, 8, 48, 8, 104, 8, 112, 8,
            56, 8, 64, 8, 72, 8, 80, 8, 88, 8, 96, 8);

    public Slot slot(Field f) {
        return fields.get(f);
    }
}
