package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;

/**
 * The per-arch Linux user-mode ABI a frontend implements (returned by
 * {@link org.jtcg.core.arch.GuestArch#linuxAbi()}). Everything the shared ELF loader, initial
 * stack builder and syscall layer need to know about one arch is here, as data where possible:
 * the syscall number table, which registers carry the number, the six arguments and the result,
 * process-start registers, auxv values, guest struct layouts (stat, statfs) and byte order, and the
 * address-space layout ({@link AddressSpaceLayout}).
 *
 * <p>Syscall numbers are mapped to kernel syscall <em>names</em> through {@link #syscalls()},
 * normally loaded from the frontend's {@code syscalls.tsv} resource with
 * {@link SyscallTable#load(Class, String)}; the shared layer dispatches on the name.
 */
public interface LinuxAbi {
    /** Returned by {@link #archSyscall} when the arch does not handle a syscall itself. */
    long NOT_HANDLED = Long.MIN_VALUE;

    /** Syscall number to kernel syscall name, for this arch. */
    SyscallTable syscalls();

    /** The syscall number of the syscall the CPU just stopped at. */
    long syscallNumber(CpuState cpu);

    /** Syscall argument {@code index} (0..5) as the raw 64-bit register value. */
    long syscallArg(CpuState cpu, int index);

    /** Stores the syscall's return value (a result or a negative errno) where the guest expects it. */
    void setSyscallResult(CpuState cpu, long result);

    /**
     * Sets up registers at process start: PC, stack pointer, and whatever else the arch's ELF ABI
     * fixes at entry (e.g. x86-64 rdx = 0, the rtld_fini pointer). {@code cpu} is a fresh CPU in
     * its reset state.
     */
    void initRegisters(CpuState cpu, long entryPc, long stackPointer);

    /**
     * The arch's data byte order (s390x: true): guest structs, the initial stack and auxv, and the
     * ELF data encoding a program must have. This is the one place the byte order is declared.
     */
    boolean bigEndian();

    /** {@code uname -m}: "x86_64", "aarch64", "s390x". */
    String unameMachine();

    /** The AT_PLATFORM string, or null to omit AT_PLATFORM. */
    String platform();

    /** AT_HWCAP: the CPU features the translator implements (arch-specific bits). */
    default long hwcap() { return 0; }

    /** AT_HWCAP2. */
    default long hwcap2() { return 0; }

    /** Layout of {@code struct stat} as fstat/newfstatat/stat/lstat write it on this arch. */
    StatLayout statLayout();

    /**
     * Layout of {@code struct statfs} as statfs/fstatfs write it: asm-generic's 64-bit words unless
     * the arch has its own (s390x).
     */
    default StatfsLayout statfsLayout() { return StatfsLayout.GENERIC_64; }

    /**
     * The size of {@code struct epoll_event} ({u32 events; u64 data}, data in the last 8 bytes): 16 with the
     * natural alignment; x86-64's UAPI header packs it to 12.
     */
    default int epollEventSize() { return 16; }

    /**
     * The text of {@code /proc/cpuinfo} for {@code cpus} processors, describing the CPU this frontend advertises
     * (the same model, features and HWCAP the guest sees elsewhere), in the arch's Linux format; null to show
     * the host's file.
     */
    default String cpuinfo(int cpus) { return null; }

    /** Values of the open(2) flags that differ between arches (arm64 moves four of them). */
    default OpenFlags openFlags() { return OpenFlags.GENERIC; }

    /**
     * Hook for arch-specific syscalls (e.g. x86-64 arch_prctl) or arch-specific variants of shared
     * ones. Called before the shared layer; return {@link #NOT_HANDLED} to let the shared layer
     * handle {@code name}, otherwise the result (value or negative errno).
     *
     * @param name    kernel syscall name from {@link #syscalls()} (never null here)
     * @param args    the six raw argument registers
     * @param cpu     the calling CPU (arch_prctl sets the FS base in it)
     * @param process the guest process (memory, fds, ...)
     */
    default long archSyscall(String name, long[] args, CpuState cpu, LinuxProcess process) {
        return NOT_HANDLED;
    }

    /**
     * Where the process's pieces go: TASK_SIZE, initial stack, mmap base, ET_DYN and interpreter load
     * hints; also the guest memory shape ({@link AddressSpaceLayout#memoryConfig()}). Every frontend
     * states its own.
     */
    AddressSpaceLayout addressSpace();

    /**
     * The arch's rt_sigframe layout and handler-entry registers, or null when this arch cannot run
     * guest signal handlers yet (a signal with a handler then takes its default action, saying so).
     */
    default SignalFrameLayout signalFrame() { return null; }

    /**
     * The si_addr this arch's kernel reports for a fault of signal {@code signo} at {@code address}
     * (s390x: a SIGSEGV carries only the page address, from the translation-exception identification).
     */
    default long faultAddress(int signo, long address) { return address; }

    /**
     * Rewinds {@code cpu} so that it executes syscall {@code nr} with {@code args} again (SA_RESTART after a
     * handler): the PC back to the syscall instruction and the registers the result overwrote restored.
     * Returns false when the arch cannot (the syscall then fails with EINTR).
     */
    default boolean restartSyscall(CpuState cpu, long nr, long[] args) { return false; }

    // ---- threads (clone) ----

    /** Where clone's arguments are on this arch. */
    default CloneArgOrder cloneArgOrder() { return CloneArgOrder.FLAGS_STACK_PTID_CTID_TLS; }

    /**
     * Sets the registers of a new thread's CPU (a copy of its creator's) for clone: the stack pointer
     * (when {@code stack} is not 0) and the thread pointer (when {@code setTls}: CLONE_SETTLS). Returns
     * false when the arch cannot create threads (clone then fails with ENOSYS).
     */
    default boolean setThreadStart(CpuState cpu, long stack, boolean setTls, long tls) { return false; }
}
