/* Prints the sizes and field offsets of the KVM UAPI structs jtcg's binding describes, and the
 * ioctl numbers, as read from the host's <linux/kvm.h>. Output lines:
 *   struct <name> <sizeof>
 *   field <struct>.<field> <offset> <size>
 *   ioctl <name> <number in decimal>
 * KvmStructsTest compiles this at test time and compares every line with the Java tables. */
#include <stddef.h>
#include <stdio.h>
#include <linux/kvm.h>

#define S(t) printf("struct %s %zu\n", #t, sizeof(struct t))
#define F(t, f) printf("field %s.%s %zu %zu\n", #t, #f, offsetof(struct t, f), sizeof(((struct t *)0)->f))
/* flexible array member: offset only, size 0 */
#define FX(t, f) printf("field %s.%s %zu 0\n", #t, #f, offsetof(struct t, f))
#define I(n) printf("ioctl %s %lu\n", #n, (unsigned long)(n))

int main(void) {
    S(kvm_regs); F(kvm_regs, rax); F(kvm_regs, rbx); F(kvm_regs, rcx); F(kvm_regs, rdx); F(kvm_regs, rsi);
    F(kvm_regs, rdi); F(kvm_regs, rsp); F(kvm_regs, rbp); F(kvm_regs, r8); F(kvm_regs, r15); F(kvm_regs, rip);
    F(kvm_regs, rflags);
    S(kvm_segment); F(kvm_segment, base); F(kvm_segment, limit); F(kvm_segment, selector); F(kvm_segment, type);
    F(kvm_segment, present); F(kvm_segment, dpl); F(kvm_segment, db); F(kvm_segment, s); F(kvm_segment, l);
    F(kvm_segment, g); F(kvm_segment, avl); F(kvm_segment, unusable);
    S(kvm_dtable); F(kvm_dtable, base); F(kvm_dtable, limit);
    S(kvm_sregs); F(kvm_sregs, cs); F(kvm_sregs, ds); F(kvm_sregs, es); F(kvm_sregs, fs); F(kvm_sregs, gs);
    F(kvm_sregs, ss); F(kvm_sregs, tr); F(kvm_sregs, ldt); F(kvm_sregs, gdt); F(kvm_sregs, idt);
    F(kvm_sregs, cr0); F(kvm_sregs, cr2); F(kvm_sregs, cr3); F(kvm_sregs, cr4); F(kvm_sregs, cr8);
    F(kvm_sregs, efer); F(kvm_sregs, apic_base); F(kvm_sregs, interrupt_bitmap);
    S(kvm_fpu); F(kvm_fpu, fpr); F(kvm_fpu, fcw); F(kvm_fpu, fsw); F(kvm_fpu, ftwx); F(kvm_fpu, last_opcode);
    F(kvm_fpu, last_ip); F(kvm_fpu, last_dp); F(kvm_fpu, xmm); F(kvm_fpu, mxcsr);
    S(kvm_xsave); F(kvm_xsave, region);
    S(kvm_msrs); F(kvm_msrs, nmsrs); FX(kvm_msrs, entries);
    S(kvm_msr_entry); F(kvm_msr_entry, index); F(kvm_msr_entry, data);
    S(kvm_vcpu_events); F(kvm_vcpu_events, exception); F(kvm_vcpu_events, interrupt); F(kvm_vcpu_events, nmi);
    F(kvm_vcpu_events, sipi_vector); F(kvm_vcpu_events, flags); F(kvm_vcpu_events, smi);
    F(kvm_vcpu_events, exception_has_payload); F(kvm_vcpu_events, exception_payload);
    S(kvm_debugregs); F(kvm_debugregs, db); F(kvm_debugregs, dr6); F(kvm_debugregs, dr7); F(kvm_debugregs, flags);
    S(kvm_run); F(kvm_run, request_interrupt_window); F(kvm_run, immediate_exit); F(kvm_run, exit_reason);
    F(kvm_run, ready_for_interrupt_injection); F(kvm_run, if_flag); F(kvm_run, flags); F(kvm_run, cr8);
    F(kvm_run, apic_base); F(kvm_run, io.direction); F(kvm_run, io.size); F(kvm_run, io.port); F(kvm_run, io.count);
    F(kvm_run, io.data_offset); F(kvm_run, debug.arch.exception); F(kvm_run, debug.arch.pc);
    F(kvm_run, debug.arch.dr6); F(kvm_run, debug.arch.dr7); F(kvm_run, fail_entry.hardware_entry_failure_reason);
    F(kvm_run, internal.suberror); F(kvm_run, internal.ndata); F(kvm_run, internal.data);
    F(kvm_run, mmio.phys_addr); F(kvm_run, kvm_valid_regs); F(kvm_run, kvm_dirty_regs); F(kvm_run, s.regs.regs);
    F(kvm_run, s.regs.sregs); F(kvm_run, s.regs.events); F(kvm_run, s);
    S(kvm_userspace_memory_region); F(kvm_userspace_memory_region, slot); F(kvm_userspace_memory_region, flags);
    F(kvm_userspace_memory_region, guest_phys_addr); F(kvm_userspace_memory_region, memory_size);
    F(kvm_userspace_memory_region, userspace_addr);
    S(kvm_cpuid2); F(kvm_cpuid2, nent); FX(kvm_cpuid2, entries);
    S(kvm_cpuid_entry2); F(kvm_cpuid_entry2, function); F(kvm_cpuid_entry2, index); F(kvm_cpuid_entry2, flags);
    F(kvm_cpuid_entry2, eax); F(kvm_cpuid_entry2, ebx); F(kvm_cpuid_entry2, ecx); F(kvm_cpuid_entry2, edx);
    S(kvm_guest_debug); F(kvm_guest_debug, control); F(kvm_guest_debug, arch.debugreg);
    S(kvm_dirty_log); F(kvm_dirty_log, slot); F(kvm_dirty_log, dirty_bitmap);
    S(kvm_one_reg); F(kvm_one_reg, id); F(kvm_one_reg, addr);
    S(kvm_xcr); F(kvm_xcr, xcr); F(kvm_xcr, reserved); F(kvm_xcr, value);
    S(kvm_xcrs); F(kvm_xcrs, nr_xcrs); F(kvm_xcrs, flags); F(kvm_xcrs, xcrs); F(kvm_xcrs, padding);

    I(KVM_GET_API_VERSION); I(KVM_CREATE_VM); I(KVM_CHECK_EXTENSION); I(KVM_GET_VCPU_MMAP_SIZE);
    I(KVM_CREATE_VCPU); I(KVM_SET_USER_MEMORY_REGION); I(KVM_GET_DIRTY_LOG); I(KVM_RUN);
    I(KVM_GET_REGS); I(KVM_SET_REGS); I(KVM_GET_SREGS); I(KVM_SET_SREGS); I(KVM_GET_FPU); I(KVM_SET_FPU); I(KVM_GET_XSAVE); I(KVM_SET_XSAVE);
    I(KVM_GET_MSRS); I(KVM_SET_MSRS); I(KVM_GET_VCPU_EVENTS); I(KVM_SET_VCPU_EVENTS);
    I(KVM_GET_DEBUGREGS); I(KVM_SET_DEBUGREGS); I(KVM_SET_CPUID2); I(KVM_SET_GUEST_DEBUG);
    I(KVM_GET_ONE_REG); I(KVM_SET_ONE_REG); I(KVM_SET_TSS_ADDR);
    I(KVM_GET_SUPPORTED_CPUID); I(KVM_GET_XCRS); I(KVM_SET_XCRS);
    return 0;
}
