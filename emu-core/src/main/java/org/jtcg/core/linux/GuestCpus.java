package org.jtcg.core.linux;

import java.nio.charset.StandardCharsets;

/**
 * How many CPUs the guest is told it has, in one place, so that every way of asking agrees:
 * sched_getaffinity's mask, {@code /proc/cpuinfo}'s processor entries (text from {@link LinuxAbi#cpuinfo}),
 * and {@code /sys/devices/system/cpu/online}, {@code possible} and {@code present} (what glibc's
 * sysconf(_SC_NPROCESSORS_ONLN/_CONF) reads).
 */
final class GuestCpus {
    private GuestCpus() {
    }

    /** The CPUs the guest may run on: one (guest threads share one emulated CPU, see docs/linux-user.md). */
    static int count() {
        return 1;
    }

    /** sched_getaffinity's mask word: bits 0 .. count-1. */
    static long affinityMask() {
        int n = count();
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    /** The made-up contents of {@code path} when it is one of the CPU files above, else null (the host's file). */
    static byte[] file(LinuxAbi abi, String path) {
        String text = switch (path) {
            case "/proc/cpuinfo" -> abi.cpuinfo(count());
            case "/sys/devices/system/cpu/online", "/sys/devices/system/cpu/possible", "/sys/devices/system/cpu/present" ->
                    count() == 1 ? "0\n" : "0-" + (count() - 1) + "\n";
            default -> null;
        };
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
