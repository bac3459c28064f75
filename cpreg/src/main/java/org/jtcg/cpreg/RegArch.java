package org.jtcg.cpreg;

/**
 * Architecture field of a register id (bits 56-63 of a Linux KVM ONE_REG id).
 *
 * <p>The codes are Linux's {@code KVM_REG_X86}, {@code KVM_REG_S390} and {@code KVM_REG_ARM64}
 * shifted down by 56, so {@link #idBits()} is exactly the constant from {@code linux/kvm.h}.
 */
public enum RegArch {
    /** {@code KVM_REG_X86 = 0x2000000000000000}. */
    X86(0x20, "x86"),
    /** {@code KVM_REG_S390 = 0x5000000000000000}. */
    S390(0x50, "s390"),
    /** {@code KVM_REG_ARM64 = 0x6000000000000000}. */
    ARM64(0x60, "arm64");

    private final int code;
    private final String prefix;

    RegArch(int code, String prefix) {
        this.code = code;
        this.prefix = prefix;
    }

    /** The 8-bit arch code (the top byte of an id). */
    public int code() {
        return code;
    }

    /** The arch code in place, i.e. Linux's {@code KVM_REG_<ARCH>} constant. */
    public long idBits() {
        return (long) code << RegId.ARCH_SHIFT;
    }

    /** Name prefix used by {@link RegisterNames}, e.g. {@code "arm64"}. */
    public String prefix() {
        return prefix;
    }

    /** The arch with the given 8-bit code, or {@code null} if no arch has it. */
    public static RegArch fromCode(int code) {
        for (RegArch a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }

    /** The arch with the given name prefix ({@code x86}, {@code s390}, {@code arm64}), or {@code null}. */
    public static RegArch fromPrefix(String prefix) {
        for (RegArch a : values()) {
            if (a.prefix.equals(prefix)) {
                return a;
            }
        }
        return null;
    }
}
