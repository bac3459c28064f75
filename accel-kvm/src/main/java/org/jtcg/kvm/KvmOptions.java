package org.jtcg.kvm;

/**
 * How a {@link KvmEngine} synchronises registers and tracks memory (architecture-independent; a
 * plug-in's own settings live in its {@link KvmTarget} instance).
 *
 * @param useSyncArea  move the sets the plug-in shares through kvm_run's sync area (KVM_CAP_SYNC_REGS)
 *                     there instead of by ioctl
 * @param fullSync     fetch every register set after every exit and put every set before every entry
 *                     (the unoptimised baseline, for measurements)
 * @param verifySync   after every exit, fetch the whole state with ioctls and compare it with the lazily
 *                     synced copy; a difference throws {@link SyncMismatchException} (the CLI's --verify-sync)
 * @param dirtyLogging log the guest pages KVM writes (KVM_MEM_LOG_DIRTY_PAGES) so a handoff to a TCG engine
 *                     can invalidate translated code on them
 */
public record KvmOptions(boolean useSyncArea, boolean fullSync, boolean verifySync, boolean dirtyLogging) {
    /**
     * Sync area, lazy dirty-tracked sync, no verification, dirty logging on. System properties
     * {@code jtcg.kvm.fullSync} and {@code jtcg.kvm.verifySync} (e.g. through {@code JTCG_JAVA_OPTS}) turn on
     * the full-sync baseline and the verification mode.
     */
    public static KvmOptions defaults() {
        return new KvmOptions(true, Boolean.getBoolean("jtcg.kvm.fullSync"), Boolean.getBoolean("jtcg.kvm.verifySync"), true);
    }

    public KvmOptions withVerifySync(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, on, dirtyLogging);
    }

    public KvmOptions withFullSync(boolean on) {
        return new KvmOptions(useSyncArea, on, verifySync, dirtyLogging);
    }

    public KvmOptions withSyncArea(boolean on) {
        return new KvmOptions(on, fullSync, verifySync, dirtyLogging);
    }

    public KvmOptions withDirtyLogging(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, on);
    }
}
