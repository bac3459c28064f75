package org.jtcg.arm64;

import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.linux.SyscallTable;

/**
 * The data half of the arm64 Linux user-mode ABI: what the arm64 {@code LinuxAbi} returns for the
 * layouts, byte order and syscall numbers. The register half (syscall number in x8, arguments
 * x0-x5, result x0) comes with the arm64 CPU state; these facts do not depend on it.
 */
public final class Arm64LinuxLayout {
    private Arm64LinuxLayout() {}

    /** Linux 6.1 arm64 syscall numbers (asm-generic/unistd.h). */
    public static final SyscallTable SYSCALLS = SyscallTable.load(Arm64LinuxLayout.class, "syscalls.tsv");

    /** Little-endian data (the arm64 Linux ABI; big-endian aarch64_be is not supported). */
    public static final boolean BIG_ENDIAN = false;

    /**
     * 48-bit virtual addresses with 4 KiB pages (VA_BITS = 48): TASK_SIZE = 1 << 48 and the stack
     * ends there (arm64's STACK_TOP is TASK_SIZE); ELF_ET_DYN_BASE = 2 * TASK_SIZE / 3, page-aligned
     * (0xaaaaaaaaa000); mmap base and interpreter hint by Linux's top-down rule.
     */
    public static final AddressSpaceLayout ADDRESS_SPACE =
            AddressSpaceLayout.linuxTopDown(1L << 48, 1L << 48, 0xaaaa_aaaa_a000L);

    /** arm64 uses asm-generic's {@code struct stat} and {@code struct statfs}. */
    public static final StatLayout STAT = StatLayout.GENERIC_64;
    public static final StatfsLayout STATFS = StatfsLayout.GENERIC_64;

    /** arm64 moves O_DIRECTORY, O_NOFOLLOW, O_DIRECT and O_LARGEFILE (arch/arm64 uapi fcntl.h). */
    public static final OpenFlags OPEN_FLAGS = OpenFlags.ARM64;

    /** {@code uname -m}. */
    public static final String MACHINE = "aarch64";
}
