package org.jtcg.cpreg;

/**
 * Size field of a register id: log2 of the value size in bytes, in bits 52-55
 * ({@code KVM_REG_SIZE_U8} ... {@code KVM_REG_SIZE_U2048} in {@code linux/kvm.h}).
 */
public enum RegSize {
    U8, U16, U32, U64, U128, U256, U512, U1024, U2048;

    /** log2 of the byte size; also the value of the 4-bit size field. */
    public int log2Bytes() {
        return ordinal();
    }

    /** Value size in bytes (1 ... 256). */
    public int bytes() {
        return 1 << ordinal();
    }

    /** Value size in bits (8 ... 2048). */
    public int bits() {
        return bytes() * 8;
    }

    /**
     * Number of 64-bit words holding a value of this size: {@code max(1, bytes/8)}.
     * Registers narrower than 64 bits still take one whole word so that every value
     * in a register table stays 8-byte aligned.
     */
    public int words() {
        return Math.max(1, bytes() / 8);
    }

    /** Mask of the valid bits in the (only) word of a size up to 64 bits; all ones for larger sizes. */
    public long wordMask() {
        return bytes() >= 8 ? -1L : (1L << bits()) - 1;
    }

    /** The size field in place (bits 52-55 of an id), i.e. Linux's {@code KVM_REG_SIZE_Uxx}. */
    public long idBits() {
        return (long) ordinal() << RegId.SIZE_SHIFT;
    }

    /** Lower-case name used in generic register names, e.g. {@code "u128"}. */
    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The size with the given 4-bit field value, or {@code null} if it is beyond U2048. */
    public static RegSize fromField(int field) {
        RegSize[] all = values();
        return field >= 0 && field < all.length ? all[field] : null;
    }

    /** The size whose value is exactly {@code bytes} bytes, or {@code null}. */
    public static RegSize ofBytes(int bytes) {
        for (RegSize s : values()) {
            if (s.bytes() == bytes) {
                return s;
            }
        }
        return null;
    }
}
