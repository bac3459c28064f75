package org.jtcg.kvm;

/**
 * How much of the register state a put writes, as cumulative levels: RUNTIME ⊂ RESET ⊂ FULL
 * (QEMU's KVM_PUT_RUNTIME_STATE / RESET_STATE / FULL_STATE). Each register set names the lowest
 * level that writes it ({@link RegisterSetSpec#level()}).
 */
public enum SyncLevel {
    /** What changes while the guest runs (GPRs, PC, FP/vector registers...). */
    RUNTIME,
    /** Plus what a CPU reset defines (pending events, debug registers...). */
    RESET,
    /** Plus what only a complete state load may write (e.g. the time-stamp counter). */
    FULL;

    /** True when a put of {@code level} writes the sets of this level. */
    public boolean includedIn(SyncLevel level) {
        return ordinal() <= level.ordinal();
    }
}
