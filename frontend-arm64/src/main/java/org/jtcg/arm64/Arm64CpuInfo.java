package org.jtcg.arm64;

import java.util.List;

/**
 * {@code /proc/cpuinfo} for the advertised arm64 CPU: a Cortex-A57 (MIDR 0x411fd070, as qemu's cortex-a57: ARM
 * implementer 0x41, variant 1, part 0xd07, revision 0) whose {@code Features} line names exactly the
 * AT_HWCAP bits the guest gets ({@link Arm64LinuxAbi#HWCAP}), in the layout of arch/arm64/kernel/cpuinfo.c
 * (BogoMIPS left out: it describes a timer jtcg does not model).
 */
final class Arm64CpuInfo {
    private Arm64CpuInfo() {
    }

    /** Linux's names of the HWCAP bits, by bit number (arch/arm64/kernel/cpuinfo.c, hwcap_str). */
    static final List<String> HWCAP_NAMES = List.of("fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32",
            "atomics", "fphp", "asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4",
            "asimddp", "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb", "paca", "pacg");

    static final int IMPLEMENTER = 0x41, ARCHITECTURE = 8, VARIANT = 0x1, PART = 0xd07, REVISION = 0;

    static String text(long hwcap, int cpus) {
        StringBuilder features = new StringBuilder();
        for (int bit = 0; bit < HWCAP_NAMES.size(); bit++) {
            if ((hwcap & (1L << bit)) != 0) features.append(' ').append(HWCAP_NAMES.get(bit));
        }
        StringBuilder b = new StringBuilder();
        for (int cpu = 0; cpu < cpus; cpu++) {
            b.append("processor\t: ").append(cpu).append('\n')
                    .append("Features\t:").append(features).append('\n')
                    .append(String.format("CPU implementer\t: 0x%02x%n", IMPLEMENTER))
                    .append("CPU architecture: ").append(ARCHITECTURE).append('\n')
                    .append(String.format("CPU variant\t: 0x%x%n", VARIANT))
                    .append(String.format("CPU part\t: 0x%03x%n", PART))
                    .append("CPU revision\t: ").append(REVISION).append("\n\n");
        }
        return b.toString();
    }
}
