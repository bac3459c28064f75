package org.jtcg.s390x;

import java.util.List;

/**
 * {@code /proc/cpuinfo} for the advertised s390x CPU, in the layout of arch/s390/kernel/processor.c: the
 * summary ({@code features} naming exactly the AT_HWCAP bits, {@code facilities} exactly the STFLE bits of
 * {@link S390xFacilities}) and one {@code processor N:} line per CPU. The machine type is a z196 (2817), the
 * first machine with every facility jtcg advertises (45: distinct operands, high word...). BogoMIPS and the
 * cache lines are left out: they describe nothing jtcg models.
 */
final class S390xCpuInfo {
    private S390xCpuInfo() {
    }

    /** Linux's names of the HWCAP bits, by bit number (hwcap_str). */
    static final List<String> HWCAP_NAMES = List.of("esan3", "zarch", "stfle", "msa", "ldisp", "eimm", "dfp", "edat",
            "etf3eh", "highgprs", "te", "vx", "vxd", "vxe", "gs", "vxe2", "vxp", "sort", "dflt", "vxp2", "nnpa",
            "pcimio", "sie");

    static final int MACHINE = 0x2817;

    static String text(long hwcap, int[] facilities, int cpus) {
        StringBuilder b = new StringBuilder();
        b.append("vendor_id       : IBM/S390\n")
                .append("# processors    : ").append(cpus).append('\n')
                .append("max thread id   : 0\n")
                .append("features\t: ");
        for (int bit = 0; bit < HWCAP_NAMES.size(); bit++) {
            if ((hwcap & (1L << bit)) != 0) b.append(HWCAP_NAMES.get(bit)).append(' ');
        }
        b.append("\nfacilities      :");
        for (int f : facilities) b.append(' ').append(f);
        b.append('\n');
        for (int cpu = 0; cpu < cpus; cpu++) {
            b.append(String.format("processor %d: version = 00,  identification = %06X,  machine = %04X%n", cpu, cpu, MACHINE));
        }
        b.append('\n');
        for (int cpu = 0; cpu < cpus; cpu++) {
            b.append("cpu number      : ").append(cpu).append("\n\n");
        }
        return b.toString();
    }
}
