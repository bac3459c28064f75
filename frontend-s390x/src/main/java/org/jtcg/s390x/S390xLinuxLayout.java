package org.jtcg.s390x;

import org.jtcg.core.linux.AddressSpaceLayout;
import org.jtcg.core.linux.OpenFlags;
import org.jtcg.core.linux.StatLayout;
import org.jtcg.core.linux.StatfsLayout;
import org.jtcg.core.linux.SyscallTable;

/**
 * The data half of the s390x Linux user-mode ABI: what the s390x {@code LinuxAbi} returns for the
 * layouts, byte order and syscall numbers. The register half (syscall number in r1 for svc 0,
 * arguments r2-r7, result r2) comes with the s390x CPU state; these facts do not depend on it.
 */
public final class S390xLinuxLayout {
    private S390xLinuxLayout() {}

    /** Linux 6.1 s390x syscall numbers (arch/s390 syscall.tbl, 64-bit). */
    public static final SyscallTable SYSCALLS = SyscallTable.load(S390xLinuxLayout.class, "syscalls.tsv");

    /** Big-endian data. */
    public static final boolean BIG_ENDIAN = true;

    /**
     * s390x grows its page-table levels on demand, so user space reaches TASK_SIZE_MAX = -PAGE_SIZE
     * (arch/s390/include/asm/processor.h); the stack still ends at 4 TiB (STACK_TOP is _REGION2_SIZE,
     * less the vDSO pages newer kernels put above the stack; jtcg maps no vDSO) and ELF_ET_DYN_BASE is
     * (STACK_TOP / 3 * 2) rounded down to 4 GiB (0x2aa00000000, asm/elf.h); mmap base and interpreter
     * hint by Linux's top-down rule (s390's own mmap_base uses the same 128 MiB minimum gap).
     */
    public static final AddressSpaceLayout ADDRESS_SPACE =
            AddressSpaceLayout.linuxTopDown(-0x1000L, 1L << 42, 0x2aa_0000_0000L);

    /** s390x has its own {@code struct stat} and {@code struct statfs} (32-bit f_type, f_bsize...). */
    public static final StatLayout STAT = StatLayout.S390X;
    public static final StatfsLayout STATFS = StatfsLayout.S390X;

    /** s390x uses the asm-generic open(2) flags. */
    public static final OpenFlags OPEN_FLAGS = OpenFlags.GENERIC;

    /** {@code uname -m}. */
    public static final String MACHINE = "s390x";
}
