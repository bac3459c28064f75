package org.jtcg.kvm;

/**
 * One register set a plug-in moves between KVM and the canonical state as a unit (one ioctl pair,
 * or one part of {@code kvm_run}'s sync area).
 *
 * @param name     for statistics and messages (e.g. "REGS")
 * @param ids      the canonical register ids of the set, in the order of its canonical words (a set
 *                 may have none: state the engine owns, such as pending events)
 * @param level    the lowest {@link SyncLevel} whose put writes the set
 * @param required every id must exist in a CPU state the engine attaches to
 * @param verified {@code --verify-sync} compares the set after every exit
 */
public record RegisterSetSpec(String name, long[] ids, SyncLevel level, boolean required, boolean verified) {
    public RegisterSetSpec {
        ids = ids.clone();
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }
}
