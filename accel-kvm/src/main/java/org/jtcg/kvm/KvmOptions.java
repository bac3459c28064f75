package org.jtcg.kvm;

import org.jtcg.kvm.x86.FpuTransport;
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
 * @param shadowPaging the host KVM shadows guest page tables (PVM; hardware KVM without EPT/NPT): after the
 *                     host clears or replaces a present page-table entry, KVM's shadow pages must be dropped
 *                     ({@link #hostShadowsPageTables()} detects it)
 * @param fpuTransport how the x87/SSE state moves; null = {@link FpuTransport#XSAVE} where KVM has
 *                     KVM_CAP_XSAVE, else {@link FpuTransport#FPU}
 */
public record KvmOptions(boolean useSyncArea, boolean fullSync, boolean verifySync, boolean dirtyLogging,
                         SyscallMode syscallMode, boolean shadowPaging, FpuTransport fpuTransport) {
    /**
     * Sync area, lazy dirty-tracked sync, no verification, dirty logging on, syscall mode and paging for this
     * host. System properties {@code jtcg.kvm.fullSync} and {@code jtcg.kvm.verifySync} (e.g. through
     * {@code JTCG_JAVA_OPTS}) turn on the full-sync baseline and the verification mode.
     */
    public static KvmOptions defaults() {
        return new KvmOptions(true, Boolean.getBoolean("jtcg.kvm.fullSync"), Boolean.getBoolean("jtcg.kvm.verifySync"), true,
                SyscallMode.forHost(),
                hostShadowsPageTables(), null);
    }

    /**
     * True unless the host's KVM module says it uses two-dimensional paging: PVM always shadows; kvm_intel
     * without EPT and kvm_amd without NPT do too. Unknown answers count as shadowing (dropping shadow pages
     * is only slower, never wrong).
     */
    public static boolean hostShadowsPageTables() {
        if (SyscallMode.forHost() == SyscallMode.LSTAR_FAULT) {
            return true;
        }
        for (String param : new String[] {"/sys/module/kvm_intel/parameters/ept", "/sys/module/kvm_amd/parameters/npt"}) {
            try {
                String v = java.nio.file.Files.readString(java.nio.file.Path.of(param)).trim();
                return !(v.equals("Y") || v.equals("1"));
            } catch (java.io.IOException | RuntimeException e) {
                // not this vendor's module: try the other
            }
        }
        return true;
    }

    public KvmOptions withShadowPaging(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, dirtyLogging, syscallMode, on, fpuTransport);
    }

    public KvmOptions withVerifySync(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, on, dirtyLogging, syscallMode, shadowPaging, fpuTransport);
    }

    public KvmOptions withFullSync(boolean on) {
        return new KvmOptions(useSyncArea, on, verifySync, dirtyLogging, syscallMode, shadowPaging, fpuTransport);
    }

    public KvmOptions withSyncArea(boolean on) {
        return new KvmOptions(on, fullSync, verifySync, dirtyLogging, syscallMode, shadowPaging, fpuTransport);
    }

    public KvmOptions withDirtyLogging(boolean on) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, on, syscallMode, shadowPaging, fpuTransport);
    }

    public KvmOptions withSyscallMode(SyscallMode mode) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, dirtyLogging, mode, shadowPaging, fpuTransport);
    }

    public KvmOptions withFpuTransport(FpuTransport t) {
        return new KvmOptions(useSyncArea, fullSync, verifySync, dirtyLogging, syscallMode, shadowPaging, t);
    }
}
