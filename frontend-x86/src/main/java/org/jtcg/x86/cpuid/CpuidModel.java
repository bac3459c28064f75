package org.jtcg.x86.cpuid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The CPUID answers of jtcg's x86-64 guest CPU for one {@link CpuLevel}: one table shared by the TCG
 * engines ({@code SystemHelpers.cpuid}) and KVM ({@code KVM_SET_CPUID2}, {@link #entries()}), so a
 * guest's start-up choices stay valid across engine handoffs. Feature bits are exactly the
 * level's {@link X86Extension}s plus the implemented extras that belong to no level.
 *
 * <p>The vendor is "GenuineIntel": glibc's cpu_features reads the feature leaves only for vendors it
 * knows (an unknown vendor leaves the SYSCALL bit of leaf 0x8000_0001 unread, and libc.so.6 then
 * refuses to start with "CPU ISA level is lower than required"). The Intel path of glibc's cache probe
 * uses leaves 2 and 4 ({@link CpuCaches}). Family/model/stepping are those of a real generation that
 * introduced the level; the brand string says it is jtcg's model.
 *
 * <p>The model a run uses is JVM-wide ({@link #active()}, chosen with {@link #select}): jtcg runs one
 * guest process per JVM, and every engine and the auxv (AT_HWCAP) must agree on it.
 */
public final class CpuidModel {
    public static final String VENDOR = "GenuineIntel";
    /** The first 16 bytes of every level's brand string (leaf 0x8000_0002): how the KVM probe recognises the model. */
    public static final String BRAND_PREFIX = "jtcg virtual CPU";
    public static final int MAX_BASIC_LEAF = 0xd;
    public static final int MAX_EXTENDED_LEAF = 0x8000_0008;
    /** XSAVE state components (leaf 0xD): x87 and SSE live in the 512-byte legacy area, AVX's YMM upper halves after the 64-byte header. */
    private static final int XSAVE_LEGACY_AND_HEADER = 576, AVX_STATE_SIZE = 256;

    /** One CPUID answer. */
    public record Answer(int eax, int ebx, int ecx, int edx) {}

    /**
     * One row of the KVM table.
     *
     * @param indexed true for leaves whose answer depends on the subleaf (KVM_CPUID_FLAG_SIGNIFCANT_INDEX)
     */
    public record Entry(int leaf, int subleaf, boolean indexed, Answer answer) {}

    private static final Answer ZERO = new Answer(0, 0, 0, 0);
    private static volatile CpuidModel active;

    private final CpuLevel level;
    private final Set<X86Extension> advertised;

    private CpuidModel(CpuLevel level) {
        this.level = level;
        Set<X86Extension> s = EnumSet.noneOf(X86Extension.class);
        s.addAll(level.required());
        for (X86Extension e : X86Extension.values()) {
            if (e.implemented && CpuLevel.of(e) == null) {
                s.add(e);
            }
        }
        this.advertised = s;
    }

    private CpuidModel(CpuLevel level, Set<X86Extension> advertised) {
        this.level = level;
        this.advertised = advertised;
    }

    /**
     * This model with some extensions withheld (same level, vendor, brand; leaf 0xD follows what is left):
     * what an accelerator offers when its host cannot give the guest everything the level has (KVM without
     * AVX state). The caller says which dependants go too; nothing is inferred here.
     */
    public CpuidModel without(Set<X86Extension> withheld) {
        Set<X86Extension> s = EnumSet.copyOf(advertised);
        s.removeAll(withheld);
        return new CpuidModel(level, s);
    }

    /** XCR0 an OS enables for this model: the state components leaf 0xD lists (0 while XSAVE is not advertised). */
    public long xcr0() {
        return query(0xd, 0).eax() & 0xffff_ffffL;
    }

    /** The model of {@code level} (not checked for {@link CpuLevel#selectable()}: tests describe unavailable levels too). */
    public static CpuidModel forLevel(CpuLevel level) {
        return new CpuidModel(level);
    }

    /** The model this JVM's guest sees: the one {@link #select}ed, else the highest selectable level. */
    public static CpuidModel active() {
        CpuidModel m = active;
        if (m == null) {
            synchronized (CpuidModel.class) {
                if (active == null) {
                    active = new CpuidModel(CpuLevel.highestSelectable());
                }
                m = active;
            }
        }
        return m;
    }

    /** Makes {@code level} the active model; refuses a level whose instructions are not all implemented. */
    public static void select(CpuLevel level) {
        if (!level.selectable()) {
            throw new IllegalArgumentException(level.levelName + " is missing " + level.missing());
        }
        active = new CpuidModel(level);
    }

    public CpuLevel level() {
        return level;
    }

    /** The extensions whose bits this model sets. */
    public Set<X86Extension> advertised() {
        return EnumSet.copyOf(advertised);
    }

    public boolean has(X86Extension e) {
        return advertised.contains(e);
    }

    /** What CPUID returns for (leaf, subleaf). Unlisted leaves read as zero, like hardware's reserved leaves. */
    public Answer query(int leaf, int subleaf) {
        switch (leaf) {
            case 0: {
                int[] v = words(VENDOR);
                return new Answer(MAX_BASIC_LEAF, v[0], v[2], v[1]);
            }
            case 1: {
                int eax = ((level.family > 0xf ? level.family - 0xf : 0) << 20) | ((level.model >> 4) << 16)
                        | (Math.min(level.family, 0xf) << 8) | ((level.model & 0xf) << 4) | level.stepping;
                // EBX: CLFLUSH line size in 8-byte units, one logical processor, APIC id 0.
                int ebx = ((CpuCaches.LINE / 8) << 8) | (1 << 16);
                return new Answer(eax, ebx, bits(X86Extension.Field.LEAF1_ECX), bits(X86Extension.Field.LEAF1_EDX));
            }
            case 2:
                return CpuCaches.leaf2();
            case 4:
                return CpuCaches.leaf4(subleaf);
            case 7:
                return subleaf == 0 ? new Answer(0, bits(X86Extension.Field.LEAF7_EBX), 0, 0) : ZERO;
            case 0xb:
                return topology(subleaf);
            case 0xd:
                return xsaveLayout(subleaf);
            case 0x8000_0000:
                return new Answer(MAX_EXTENDED_LEAF, 0, 0, 0);
            case 0x8000_0001:
                return new Answer(0, 0, bits(X86Extension.Field.EXT1_ECX), bits(X86Extension.Field.EXT1_EDX));
            case 0x8000_0002, 0x8000_0003, 0x8000_0004: {
                int[] w = words(brand());
                int i = (leaf - 0x8000_0002) * 4;
                return new Answer(w[i], w[i + 1], w[i + 2], w[i + 3]);
            }
            case 0x8000_0006:
                return CpuCaches.ext6();
            case 0x8000_0008:
                return new Answer((48 << 8) | 39, 0, 0, 0); // 48-bit virtual, 39-bit physical addresses
            default:
                return ZERO; // leaves 3, 5, 6, 0x8000_0005 (reserved on Intel), 0x8000_0007 and everything above the maxima
        }
    }

    /** The brand string (at most 47 characters + NUL), e.g. "jtcg virtual CPU x86-64-v2 (Nehalem class)". */
    public String brand() {
        return BRAND_PREFIX + " " + level.levelName + " (" + level.generation + " class)";
    }

    /** AT_HWCAP on x86-64: leaf 1 EDX, as Linux reports it. */
    public long hwcap() {
        return bits(X86Extension.Field.LEAF1_EDX) & 0xffff_ffffL;
    }

    /** AT_HWCAP2 on x86-64: bit 0 ring-3 MWAIT, bit 1 FSGSBASE; jtcg offers neither (wrfsbase & co. are not translated). */
    public long hwcap2() {
        return 0;
    }

    /** Every (leaf, subleaf) that carries information, for KVM_SET_CPUID2. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (int leaf = 0; leaf <= MAX_BASIC_LEAF; leaf++) {
            int subleaves = switch (leaf) {
                case 4 -> CpuCaches.leaf4Count();
                case 0xb -> 3;
                case 0xd -> 3;
                case 7 -> 1;
                default -> 0;
            };
            if (subleaves == 0) {
                out.add(new Entry(leaf, 0, false, query(leaf, 0)));
            }
            for (int s = 0; s < subleaves; s++) {
                out.add(new Entry(leaf, s, true, query(leaf, s)));
            }
        }
        for (int leaf = 0x8000_0000; leaf <= MAX_EXTENDED_LEAF; leaf++) {
            out.add(new Entry(leaf, 0, false, query(leaf, 0)));
        }
        return out;
    }

    /** The feature bits of one register: every advertised extension that lives there. */
    private int bits(X86Extension.Field field) {
        int v = 0;
        for (X86Extension e : advertised) {
            if (e.field == field) {
                v |= e.mask();
            }
        }
        return v;
    }

    /** Leaf 0xB (extended topology): one thread per core, one core per package, x2APIC id 0. */
    private static Answer topology(int subleaf) {
        return switch (subleaf) {
            case 0 -> new Answer(0, 1, (1 << 8), 0);      // SMT level: shift 0, 1 logical processor
            case 1 -> new Answer(0, 1, (2 << 8) | 1, 0);  // core level
            default -> new Answer(0, 0, subleaf & 0xff, 0); // invalid level ends the list
        };
    }

    /** Leaf 0xD: the XSAVE layout of the advertised state components; all zero while XSAVE is not advertised. */
    private Answer xsaveLayout(int subleaf) {
        if (!has(X86Extension.XSAVE)) {
            return ZERO;
        }
        boolean avx = has(X86Extension.AVX);
        int size = XSAVE_LEGACY_AND_HEADER + (avx ? AVX_STATE_SIZE : 0);
        return switch (subleaf) {
            case 0 -> new Answer(avx ? 0b111 : 0b11, size, size, 0); // XCR0 bits: x87, SSE, AVX
            case 2 -> avx ? new Answer(AVX_STATE_SIZE, XSAVE_LEGACY_AND_HEADER, 0, 0) : ZERO;
            default -> ZERO; // subleaf 1: no XSAVEOPT/XSAVEC/XSAVES
        };
    }

    /** A string as consecutive little-endian 32-bit words (zero padded to 48 bytes for the brand). */
    private static int[] words(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        int[] w = new int[12];
        for (int i = 0; i < b.length && i < 47; i++) {
            w[i / 4] |= (b[i] & 0xff) << (8 * (i % 4));
        }
        return w;
    }
}
