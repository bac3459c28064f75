package org.jtcg.kvm.x86;

import org.jtcg.kvm.sys.KvmIoctls;

/**
 * The x86 register sets KVM moves as units (one ioctl pair each, or the kvm_run sync area).
 * REGS, SREGS and EVENTS are shared through {@code kvm_run.s.regs} when the engine uses
 * KVM_CAP_SYNC_REGS; the others always take an ioctl.
 */
public enum RegSet {
    /** kvm_regs: GPRs, RIP, RFLAGS (canonical: also the CS/SS selectors of the user return frame). */
    REGS(KvmIoctls.SYNC_X86_REGS),
    /** kvm_sregs: segments incl. FS/GS base, CRs, EFER, descriptor tables. */
    SREGS(KvmIoctls.SYNC_X86_SREGS),
    /** kvm_fpu: x87, XMM, MXCSR. */
    FPU(0),
    /** MSRs that change at run time: SYSCALL MSRs, KERNEL_GS_BASE. */
    MSRS_RUNTIME(0),
    /** MSRs written only on a full put: the TSC. */
    MSRS_FULL(0),
    /** kvm_vcpu_events: pending exceptions/interrupts/NMI, interrupt shadow. */
    EVENTS(KvmIoctls.SYNC_X86_EVENTS),
    /** kvm_debugregs: DR0-3, DR6, DR7. */
    DEBUGREGS(0);

    /** The kvm_valid_regs/kvm_dirty_regs bit, or 0 if the set is not in the sync area. */
    public final long syncBit;

    RegSet(long syncBit) {
        this.syncBit = syncBit;
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

    /** Sync levels as cumulative masks: RUNTIME ⊂ RESET ⊂ FULL (QEMU's KVM_PUT_*_STATE). */
    public enum Level {
        /** What changes while the guest runs. */
        RUNTIME(mask(REGS, SREGS, FPU, MSRS_RUNTIME)),
        /** Plus what a CPU reset defines. */
        RESET(mask(REGS, SREGS, FPU, MSRS_RUNTIME, EVENTS, DEBUGREGS)),
        /** Plus what only a complete state load may write (TSC). */
        FULL(mask(REGS, SREGS, FPU, MSRS_RUNTIME, EVENTS, DEBUGREGS, MSRS_FULL));

        public final int mask;

        Level(int mask) {
            this.mask = mask;
        }
    }

    public static final int ALL = Level.FULL.mask;
}
