package org.jtcg.cpreg;

/**
 * Static helpers for 64-bit register ids in the Linux KVM ONE_REG encoding.
 *
 * <pre>
 *  63      56 55   52 51                                            0
 * +----------+-------+-----------------------------------------------+
 * |   arch   | size  |            arch-specific bits                 |
 * +----------+-------+-----------------------------------------------+
 * </pre>
 *
 * arch is {@link RegArch#code()}, size is log2 of the value's byte size ({@link RegSize}).
 * Ids are plain {@code long}s so they can be stored in primitive arrays and compared cheaply;
 * they are ordered as unsigned 64-bit numbers, like Linux's {@code __u64}.
 */
public final class RegId {
    /** Bit position of the arch field ({@code KVM_REG_ARCH_MASK = 0xff00000000000000}). */
    public static final int ARCH_SHIFT = 56;
    /** Bit position of the size field ({@code KVM_REG_SIZE_SHIFT = 52}). */
    public static final int SIZE_SHIFT = 52;
    /** Mask of the arch-specific low bits (0-51). */
    public static final long LOW_MASK = (1L << SIZE_SHIFT) - 1;

    private RegId() {
    }

    /**
     * Builds an id.
     *
     * @throws IllegalArgumentException if {@code low} does not fit in bits 0-51
     */
    public static long make(RegArch arch, RegSize size, long low) {
        if ((low & ~LOW_MASK) != 0) {
            throw new IllegalArgumentException(String.format(
                    "register id low bits 0x%x do not fit in 52 bits", low));
        }
        return arch.idBits() | size.idBits() | low;
    }

    /** The raw 8-bit arch field. */
    public static int archCode(long id) {
        return (int) (id >>> ARCH_SHIFT);
    }

    /** The raw 4-bit size field. */
    public static int sizeField(long id) {
        return (int) (id >>> SIZE_SHIFT) & 0xf;
    }

    /**
     * The arch of a valid id.
     *
     * @throws IllegalArgumentException if the arch field is not a known arch
     */
    public static RegArch arch(long id) {
        RegArch a = RegArch.fromCode(archCode(id));
        if (a == null) {
            throw new IllegalArgumentException(String.format(
                    "register id 0x%016x has unknown arch code 0x%02x (known: x86 0x20, s390 0x50, arm64 0x60)",
                    id, archCode(id)));
        }
        return a;
    }

    /**
     * The size of a valid id.
     *
     * @throws IllegalArgumentException if the size field is beyond U2048
     */
    public static RegSize size(long id) {
        RegSize s = RegSize.fromField(sizeField(id));
        if (s == null) {
            throw new IllegalArgumentException(String.format(
                    "register id 0x%016x has unsupported size field %d (largest is %d = U2048)",
                    id, sizeField(id), RegSize.U2048.log2Bytes()));
        }
        return s;
    }

    /** Value size in bytes. */
    public static int sizeBytes(long id) {
        return size(id).bytes();
    }

    /** Number of 64-bit words holding the value ({@code max(1, bytes/8)}). */
    public static int words(long id) {
        return size(id).words();
    }

    /** The arch-specific bits 0-51. */
    public static long low(long id) {
        return id & LOW_MASK;
    }

    /** True if both the arch and the size field are known. */
    public static boolean isValid(long id) {
        return RegArch.fromCode(archCode(id)) != null && RegSize.fromField(sizeField(id)) != null;
    }

    /**
     * Checks that the arch and size fields are known and returns the id unchanged.
     *
     * @throws IllegalArgumentException naming the bad field otherwise
     */
    public static long validate(long id) {
        arch(id);
        size(id);
        return id;
    }

    /** Id as a fixed-width hex string, {@code 0x6030000000100000}. */
    public static String hex(long id) {
        return String.format("0x%016x", id);
    }
}
