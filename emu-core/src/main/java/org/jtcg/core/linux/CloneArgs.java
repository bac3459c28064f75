package org.jtcg.core.linux;

/**
 * The arguments of one process-creating clone (clone, clone3, fork, vfork; the register order per arch is
 * {@link LinuxAbi#cloneArgOrder()}), and the clone flags (include/uapi/linux/sched.h, the same on every arch).
 */
public record CloneArgs(long flags, long stack, long parentTid, long childTid, long tls) {
    public static final long CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400,
            CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000,
            CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000, CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000,
            CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
            CLONE_DETACHED = 0x400000, CLONE_UNTRACED = 0x800000, CLONE_CHILD_SETTID = 0x1000000;

    /** Decodes the raw clone argument registers in the arch's order. */
    public static CloneArgs decode(long[] a, CloneArgOrder order) {
        CloneArgOrder.CloneCall c = order.decode(a);
        return new CloneArgs(c.flags(), c.stack(), c.parentTid(), c.childTid(), c.tls());
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
