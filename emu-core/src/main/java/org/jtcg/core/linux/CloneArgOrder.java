package org.jtcg.core.linux;

/**
 * Where the clone syscall's five arguments are on an arch (the kernel's CONFIG_CLONE_BACKWARDS
 * variants): flags, new stack, parent_tid, child_tid, tls in argument registers 0-4, in some order.
 */
public enum CloneArgOrder {
    /** x86-64: clone(flags, stack, parent_tid, child_tid, tls). */
    FLAGS_STACK_PTID_CTID_TLS(0, 1, 2, 3, 4),
    /** CLONE_BACKWARDS (arm64): clone(flags, stack, parent_tid, tls, child_tid). */
    BACKWARDS(0, 1, 2, 4, 3),
    /** CLONE_BACKWARDS2 (s390x): clone(stack, flags, parent_tid, child_tid, tls). */
    BACKWARDS2(1, 0, 2, 3, 4);

    private final int flags, stack, parentTid, childTid, tls;

    CloneArgOrder(int flags, int stack, int parentTid, int childTid, int tls) {
        this.flags = flags;
        this.stack = stack;
        this.parentTid = parentTid;
        this.childTid = childTid;
        this.tls = tls;
    }

    /** The arguments of one clone call. */
    public record CloneCall(long flags, long stack, long parentTid, long childTid, long tls) {}

    public CloneCall decode(long[] args) {
        return new CloneCall(args[flags], args[stack], args[parentTid], args[childTid], args[tls]);
    }
}
