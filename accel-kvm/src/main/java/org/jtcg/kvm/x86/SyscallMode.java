package org.jtcg.kvm.x86;

/**
 * How a guest SYSCALL reaches the host.
 *
 * <ul>
 * <li>{@link #STUB}: SYSCALL enters the ring-0 stub at LSTAR, which exits with {@code OUT}; the
 *     guest resumes in the stub, which returns with SYSRETQ. What hardware KVM (VMX/SVM) runs.</li>
 * <li>{@link #LSTAR_FAULT}: for hosts whose KVM is PVM (module kvm_pvm: software virtualization
 *     running all guest code at hardware CPL 3). PVM applies SYSCALL's register effects
 *     (RCX = next RIP, R11 = RFLAGS, RIP = LSTAR, RFLAGS masked) but, for a guest that does not
 *     speak the PVM ABI, does not switch to the supervisor CS; the fetch at LSTAR — a
 *     supervisor-only page — then raises #PF in user mode. The #PF stub exits, and the host
 *     recognises "instruction fetch fault at exactly LSTAR" as the SYSCALL. The guest resumes
 *     with KVM_SET_REGS/SREGS (through the sync area) instead of SYSRETQ.</li>
 * </ul>
 */
public enum SyscallMode {
    STUB, LSTAR_FAULT;

    /** LSTAR_FAULT when the host's KVM is PVM (module kvm_pvm loaded), STUB otherwise. */
    public static SyscallMode forHost() {
        return java.nio.file.Files.isDirectory(java.nio.file.Path.of("/sys/module/kvm_pvm")) ? LSTAR_FAULT : STUB;
    }
}
