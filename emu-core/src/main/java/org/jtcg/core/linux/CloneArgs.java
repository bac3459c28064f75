package org.jtcg.core.linux;

/**
 * The arguments of the clone syscall, whose register order differs between arches (a per-arch fact,
 * given by {@link LinuxAbi#cloneArgOrder()}), and the clone flags (include/uapi/linux/sched.h, the same
 * on every arch).
 */
public record CloneArgs(long flags, long stack, long parentTid, long childTid, long tls) {
    public static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400,
            CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000,
            CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000,
            CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
            CLONE_DETACHED = 0x400000, CLONE_UNTRACED = 0x800000, CLONE_CHILD_SETTID = 0x1000000;

    /** Where each argument sits among the six syscall argument registers. */
    public enum Order {
        /** x86-64 (and the generic kernel's CONFIG_CLONE_BACKWARDS-free order): flags, stack, ptid, ctid, tls. */
        FLAGS_STACK_PTID_CTID_TLS,
        /** arm64 (CONFIG_CLONE_BACKWARDS): flags, stack, ptid, tls, ctid. */
        FLAGS_STACK_PTID_TLS_CTID,
        /** s390x (CONFIG_CLONE_BACKWARDS2): stack, flags, ptid, ctid, tls. */
        STACK_FLAGS_PTID_CTID_TLS
    }

    /** Decodes the raw clone argument registers in {@code order}. */
    public static CloneArgs decode(long[] a, Order order) {
        return switch (order) {
            case FLAGS_STACK_PTID_CTID_TLS -> new CloneArgs(a[0], a[1], a[2], a[3], a[4]);
            case FLAGS_STACK_PTID_TLS_CTID -> new CloneArgs(a[0], a[1], a[2], a[4], a[3]);
            case STACK_FLAGS_PTID_CTID_TLS -> new CloneArgs(a[1], a[0], a[2], a[3], a[4]);
        };
    }

    /** fork(): a plain copy of the process that reports its end with SIGCHLD. */
    public static CloneArgs fork() {
        return new CloneArgs(org.jtcg.core.signal.Signals.SIGCHLD, 0, 0, 0, 0);
    }

    /** vfork(): the parent waits until the child execs or ends. */
    public static CloneArgs vfork() {
        return new CloneArgs(CLONE_VM | CLONE_VFORK | org.jtcg.core.signal.Signals.SIGCHLD, 0, 0, 0, 0);
    }

    public boolean has(long flag) {
        return (flags & flag) != 0;
    }

    /** The signal the child sends its parent when it ends (0: none). */
    public int exitSignal() {
        return (int) (flags & CSIGNAL);
    }
}
