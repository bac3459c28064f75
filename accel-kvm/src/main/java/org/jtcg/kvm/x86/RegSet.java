package org.jtcg.kvm.x86;

import org.jtcg.kvm.SyncLevel;
import org.jtcg.kvm.sys.KvmIoctls;

/**
 * The x86 register sets KVM moves as units (one ioctl pair each, or the kvm_run sync area), with
 * the lowest {@link SyncLevel} that writes each: RUNTIME = REGS|SREGS|FPU|MSRS_RUNTIME ⊂ RESET =
 * +EVENTS|DEBUGREGS ⊂ FULL = +MSRS_FULL. REGS, SREGS and EVENTS are shared through
 * {@code kvm_run.s.regs} when the engine uses KVM_CAP_SYNC_REGS; the others always take an ioctl.
 * The ordinal is the set number of the generic {@link org.jtcg.kvm.RegisterSetCache}.
 */
public enum RegSet {
    /** kvm_regs: GPRs, RIP, RFLAGS (canonical: also the CS/SS selectors of the user return frame). */
    REGS(KvmIoctls.SYNC_X86_REGS, SyncLevel.RUNTIME),
    /** kvm_sregs: segments incl. FS/GS base, CRs, EFER, descriptor tables. */
    SREGS(KvmIoctls.SYNC_X86_SREGS, SyncLevel.RUNTIME),
    /** kvm_fpu: x87, XMM, MXCSR. */
    FPU(0, SyncLevel.RUNTIME),
    /** MSRs that change at run time: SYSCALL MSRs, KERNEL_GS_BASE. */
    MSRS_RUNTIME(0, SyncLevel.RUNTIME),
    /** MSRs written only on a full put: the TSC. */
    MSRS_FULL(0, SyncLevel.FULL),
    /** kvm_vcpu_events: pending exceptions/interrupts/NMI, interrupt shadow. */
    EVENTS(KvmIoctls.SYNC_X86_EVENTS, SyncLevel.RESET),
    /** kvm_debugregs: DR0-3, DR6, DR7. */
    DEBUGREGS(0, SyncLevel.RESET);

    /** The kvm_valid_regs/kvm_dirty_regs bit, or 0 if the set is not in the sync area. */
    public final long syncBit;
    /** The lowest level whose put writes this set. */
    public final SyncLevel level;

    RegSet(long syncBit, SyncLevel level) {
        this.syncBit = syncBit;
        this.level = level;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public boolean inSyncArea() {
        return syncBit != 0;
    }

    public static int mask(RegSet... sets) {
        int m = 0;
        for (RegSet s : sets) {
            m |= s.bit();
        }
        return m;
    }

    public static final int ALL = (1 << values().length) - 1;
}
