package org.jtcg.x86.cpuid;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.jtcg.x86.cpuid.X86Extension.*;

/**
 * The x86-64 psABI micro-architecture levels jtcg's {@code --cpu} offers, each with the extensions
 * it adds to the level below and the Intel CPU generation whose family/model/stepping CPUID reports
 * (a real part that introduced the level, so run-time dispatchers that look at the model see a
 * plausible one). A level is selectable only when every extension up to it is
 * {@link X86Extension#implemented implemented}.
 */
public enum CpuLevel {
    /** Family 15 model 4 stepping 1: Xeon "Nocona", the first Intel x86-64 part. */
    V1("x86-64-v1", 0xf, 0x04, 1, "Nocona", EnumSet.of(FPU, CX8, CMOV, MMX, FXSR, SSE, SSE2, SYSCALL, LM)),
    /** Family 6 model 0x1a stepping 5: Core i7 "Nehalem" (SSE4.2, POPCNT). */
    V2("x86-64-v2", 0x6, 0x1a, 5, "Nehalem", EnumSet.of(CX16, LAHF_SAHF, POPCNT, SSE3, SSSE3, SSE4_1, SSE4_2)),
    /** Family 6 model 0x3c stepping 3: Core "Haswell" (AVX2, BMI, FMA). */
    V3("x86-64-v3", 0x6, 0x3c, 3, "Haswell", EnumSet.of(AVX, AVX2, BMI1, BMI2, F16C, FMA, LZCNT, MOVBE, XSAVE, OSXSAVE));

    /** The name {@code --cpu} takes (as gcc's -march and the psABI spell it). */
    public final String levelName;
    public final int family, model, stepping;
    /** The generation's code name, for the brand string and docs. */
    public final String generation;
    private final Set<X86Extension> added;

    CpuLevel(String levelName, int family, int model, int stepping, String generation, Set<X86Extension> added) {
        this.levelName = levelName;
        this.family = family;
        this.model = model;
        this.stepping = stepping;
        this.generation = generation;
        this.added = added;
    }

    /** The extensions this level adds to the one below. */
    public Set<X86Extension> added() {
        return EnumSet.copyOf(added);
    }

    /** Every extension a CPU of this level has (this level's and all below). */
    public Set<X86Extension> required() {
        Set<X86Extension> all = EnumSet.noneOf(X86Extension.class);
        for (CpuLevel l : values()) {
            if (l.ordinal() <= ordinal()) {
                all.addAll(l.added);
            }
        }
        return all;
    }

    /** Required extensions the engines do not implement yet (empty: the level is selectable). */
    public List<X86Extension> missing() {
        List<X86Extension> out = new ArrayList<>();
        for (X86Extension e : required()) {
            if (!e.implemented) {
                out.add(e);
            }
        }
        return out;
    }

    public boolean selectable() {
        return missing().isEmpty();
    }

    /** The level an extension belongs to, or null for the extras that belong to none (TSC, RDTSCP...). */
    public static CpuLevel of(X86Extension e) {
        for (CpuLevel l : values()) {
            if (l.added.contains(e)) {
                return l;
            }
        }
        return null;
    }

    /** The default: the highest level whose extensions are all implemented. */
    public static CpuLevel highestSelectable() {
        CpuLevel best = null;
        for (CpuLevel l : values()) {
            if (!l.selectable()) {
                break;
            }
            best = l;
        }
        if (best == null) {
            throw new IllegalStateException("no x86-64 level is fully implemented: " + V1.missing());
        }
        return best;
    }

    /**
     * The level named {@code name} ({@code x86-64-v2}, also {@code v2}); throws IllegalArgumentException
     * with a user-facing message for unknown names and for levels whose instructions are not all
     * implemented (naming what is missing).
     */
    public static CpuLevel select(String name) {
        String n = name.trim().toLowerCase(java.util.Locale.ROOT);
        for (CpuLevel l : values()) {
            if (l.levelName.equals(n) || l.levelName.equals("x86-64-" + n)) {
                List<X86Extension> missing = l.missing();
                if (!missing.isEmpty()) {
                    List<String> names = new ArrayList<>();
                    missing.forEach(e -> names.add(e.displayName()));
                    throw new IllegalArgumentException("CPU level " + l.levelName + " is not available: jtcg does not "
                            + "implement all instructions of " + String.join(", ", names) + " yet (highest available: "
                            + highestSelectable().levelName + ")");
                }
                return l;
            }
        }
        List<String> known = new ArrayList<>();
        for (CpuLevel l : values()) {
            known.add(l.levelName);
        }
        throw new IllegalArgumentException("unknown x86-64 CPU level '" + name + "' (known: " + String.join(", ", known) + ")");
    }
}
