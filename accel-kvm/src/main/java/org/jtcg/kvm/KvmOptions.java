package org.jtcg.kvm;

import org.jtcg.kvm.x86.SyscallMode;

/**
 * How a {@link KvmEngine} synchronises registers.
 *
 * @param useSyncArea  move REGS/SREGS/EVENTS through kvm_run's sync area (KVM_CAP_SYNC_REGS) instead of ioctls
 * @param fullSync     fetch every register set after every exit and put every set before every entry
 *                     (the unoptimised baseline, for measurements)
 * @param verifySync   after every exit, fetch the whole state with ioctls and compare it with the lazily
 *                     synced copy; a difference throws {@link SyncMismatchException} (the CLI's --verify-sync)
 * @param dirtyLogging log the guest pages KVM writes (KVM_MEM_LOG_DIRTY_PAGES) so a handoff to a TCG engine
 *                     can invalidate translated code on them
 * @param syscallMode  how guest SYSCALLs reach the host ({@link SyscallMode#forHost()} picks the one that works here)
 */
public record KvmOptions(boolean useSyncArea, boolean fullSync, boolean verifySync, boolean dirtyLogging,
                         SyscallMode syscallMode) {
    /** Sync area, lazy dirty-tracked sync, no verification, dirty logging on, syscall mode for this host. */
    public static KvmOptions defaults() {
        return new KvmOptions(true, false, Boolean.getBoolean("jtcg.kvm.verifySync"), true, SyscallMode.forHost());
    }

    public KvmOptions withVerifySync(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, on, dirtyLogging, syscallMode);
    }

    public KvmOptions withFullSync(boolean on) {
        return new KvmOptions(useSyncArea, on, verifySync, dirtyLogging, syscallMode);
    }

    public KvmOptions withSyncArea(boolean on) {
        return new KvmOptions(on, fullSync, verifySync, dirtyLogging, syscallMode);
    }

    public KvmOptions withDirtyLogging(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, on, syscallMode);
    }

    public KvmOptions withSyscallMode(SyscallMode mode) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, dirtyLogging, mode);
    }
}
