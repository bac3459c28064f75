package org.jtcg.x86.cpuid;

import java.nio.charset.StandardCharsets;

/**
 * The CPUID answers of jtcg's x86-64 guest CPU: exactly what the TCG translator implements
 * (x86-64-v1 baseline: SSE2, no SSE3+/AVX/XSAVE), so glibc's IFUNC resolvers pick code every
 * engine can run. The KVM engine installs the same table with KVM_SET_CPUID2, which keeps a
 * guest's choices valid across engine handoffs.
 *
 * <p>The vendor string is deliberately neither Intel's nor AMD's: glibc then skips the
 * vendor-specific cache-geometry probes (leaves 2, 4, 0x8000001D) that this model does not
 * describe, and uses its defaults.
 */
public final class CpuidModel {
    private CpuidModel() {}

    public static final String VENDOR = "JtcgJtcgJtcg";
    public static final int MAX_BASIC_LEAF = 0x7;
    public static final int MAX_EXTENDED_LEAF = 0x80000008;

    // Leaf 1 EDX feature bits (Intel SDM vol. 2A, CPUID, table 3-11).
    public static final int EDX_FPU = 1 << 0, EDX_TSC = 1 << 4, EDX_MSR = 1 << 5, EDX_CX8 = 1 << 8,
            EDX_CMOV = 1 << 15, EDX_CLFSH = 1 << 19, EDX_MMX = 1 << 23, EDX_FXSR = 1 << 24,
            EDX_SSE = 1 << 25, EDX_SSE2 = 1 << 26;
    // Leaf 1 ECX feature bits.
    public static final int ECX_CX16 = 1 << 13, ECX_POPCNT = 1 << 23, ECX_HYPERVISOR = 1 << 31;
    // Leaf 0x80000001 bits.
    public static final int EXT_ECX_LAHF_LM = 1 << 0, EXT_ECX_ABM = 1 << 5;
    public static final int EXT_EDX_SYSCALL = 1 << 11, EXT_EDX_NX = 1 << 20, EXT_EDX_LM = 1 << 29;

    /** Family 6, model 0x0f, stepping 1: a generic 64-bit part. */
    public static final int LEAF1_EAX = (6 << 8) | (0xf << 4) | 1;
    /** CLFLUSH line size 8 (x 8 = 64 bytes), one logical processor. */
    public static final int LEAF1_EBX = (8 << 8) | (1 << 16);
    public static final int LEAF1_ECX = ECX_CX16 | ECX_POPCNT | ECX_HYPERVISOR;
    public static final int LEAF1_EDX = EDX_FPU | EDX_TSC | EDX_MSR | EDX_CX8 | EDX_CMOV | EDX_CLFSH | EDX_MMX
            | EDX_FXSR | EDX_SSE | EDX_SSE2;

    /** One CPUID answer. */
    public record Answer(int eax, int ebx, int ecx, int edx) {}

    private static final Answer ZERO = new Answer(0, 0, 0, 0);

    /** What CPUID returns for (leaf, subleaf). Unlisted leaves above the maxima read as zero, like hardware's reserved leaves. */
    public static Answer query(int leaf, int subleaf) {
        switch (leaf) {
            case 0: {
                int[] v = vendorWords();
                return new Answer(MAX_BASIC_LEAF, v[0], v[2], v[1]);
            }
            case 1:
                return new Answer(LEAF1_EAX, LEAF1_EBX, LEAF1_ECX, LEAF1_EDX);
            case 0x80000000: {
                int[] v = vendorWords();
                return new Answer(MAX_EXTENDED_LEAF, v[0], v[2], v[1]);
            }
            case 0x80000001:
                return new Answer(0, 0, EXT_ECX_LAHF_LM | EXT_ECX_ABM, EXT_EDX_SYSCALL | EXT_EDX_NX | EXT_EDX_LM);
            case 0x80000008:
                return new Answer((48 << 8) | 39, 0, 0, 0); // 48-bit virtual, 39-bit physical addresses
            default:
                return ZERO; // includes leaf 7 (no extended features) and the reserved leaves
        }
    }

    /** The vendor string as the three registers EBX, EDX, ECX carry it. */
    private static int[] vendorWords() {
        byte[] b = VENDOR.getBytes(StandardCharsets.US_ASCII);
        int[] w = new int[3];
        for (int i = 0; i < 12; i++) {
            w[i / 4] |= (b[i] & 0xff) << (8 * (i % 4));
        }
        return w;
    }

    /** Leaves that carry information (for KVM_SET_CPUID2), each with subleaf 0. */
    public static int[] definedLeaves() {
        return new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0x80000000, 0x80000001, 0x80000002, 0x80000003, 0x80000004,
            0x80000005, 0x80000006, 0x80000007, 0x80000008};
    }
}
