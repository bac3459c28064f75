package org.jtcg.x86.cpuid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code /proc/cpuinfo} for the advertised x86 CPU ({@link CpuidModel}): vendor, family, model, stepping and
 * brand of the selected level, and a {@code flags} line with exactly the advertised CPUID feature bits, under
 * the names Linux prints (arch/x86/include/asm/cpufeatures.h) in Linux's order (its capability words: leaf 1
 * EDX, leaf 0x80000001 EDX, leaf 1 ECX, leaf 0x80000001 ECX, leaf 7 EBX; by bit within a word). Linux's
 * synthetic flags (constant_tsc, cpuid...) are left out: they describe no instruction.
 */
public final class X86CpuInfo {
    private X86CpuInfo() {
    }

    /** Linux's word order for the fields that carry feature bits. */
    private static final List<X86Extension.Field> WORD_ORDER = List.of(X86Extension.Field.LEAF1_EDX,
            X86Extension.Field.EXT1_EDX, X86Extension.Field.LEAF1_ECX, X86Extension.Field.EXT1_ECX,
            X86Extension.Field.LEAF7_EBX);

    /** Where Linux's flag name differs from the extension's lower-case name. */
    private static final Map<X86Extension, String> LINUX_NAMES = Map.of(
            X86Extension.SSE3, "pni", X86Extension.LAHF_SAHF, "lahf_lm", X86Extension.LZCNT, "abm",
            X86Extension.PRFCHW, "3dnowprefetch", X86Extension.CLFSH, "clflush");

    /** Bits Linux keeps out of the flags line (cpufeatures.h names them ""): OSXSAVE is the OS's state, not the CPU's. */
    private static final java.util.Set<X86Extension> HIDDEN = java.util.EnumSet.of(X86Extension.OSXSAVE);

    /** The flag names of {@code model}'s advertised extensions, in Linux's order. */
    public static List<String> flags(CpuidModel model) {
        List<X86Extension> on = new ArrayList<>(model.advertised());
        on.removeAll(HIDDEN);
        on.sort(Comparator.comparingInt((X86Extension e) -> WORD_ORDER.indexOf(e.field)).thenComparingInt(e -> e.bit));
        List<String> names = new ArrayList<>();
        for (X86Extension e : on) names.add(LINUX_NAMES.getOrDefault(e, e.name().toLowerCase(java.util.Locale.ROOT)));
        return names;
    }

    /** The whole file: one entry per CPU, as arch/x86/kernel/cpu/proc.c lays it out (the fields jtcg can state). */
    public static String text(CpuidModel model, int cpus) {
        CpuLevel l = model.level();
        String flags = String.join(" ", flags(model));
        StringBuilder b = new StringBuilder();
        for (int cpu = 0; cpu < cpus; cpu++) {
            b.append("processor\t: ").append(cpu).append('\n')
                    .append("vendor_id\t: ").append(CpuidModel.VENDOR).append('\n')
                    .append("cpu family\t: ").append(l.family).append('\n')
                    .append("model\t\t: ").append(l.model).append('\n')
                    .append("model name\t: ").append(model.brand()).append('\n')
                    .append("stepping\t: ").append(l.stepping).append('\n')
                    .append("physical id\t: 0\n")
                    .append("siblings\t: ").append(cpus).append('\n')
                    .append("core id\t\t: ").append(cpu).append('\n')
                    .append("cpu cores\t: ").append(cpus).append('\n')
                    .append("apicid\t\t: ").append(cpu).append('\n')
                    .append("initial apicid\t: ").append(cpu).append('\n')
                    .append("fpu\t\t: yes\n")
                    .append("fpu_exception\t: yes\n")
                    .append("cpuid level\t: ").append(CpuidModel.MAX_BASIC_LEAF).append('\n')
                    .append("wp\t\t: yes\n")
                    .append("flags\t\t: ").append(flags).append('\n')
                    .append("clflush size\t: ").append(CpuCaches.LINE).append('\n')
                    .append("cache_alignment\t: ").append(CpuCaches.LINE).append('\n')
                    .append("address sizes\t: 39 bits physical, 48 bits virtual\n")   // leaf 0x80000008
                    .append("power management:\n\n");
        }
        return b.toString();
    }
}
