/* Prints what the arm64 KVM plug-in takes from the UAPI, as read from the arm64 cross headers
 * (<asm/kvm.h>, <asm/ptrace.h>, <linux/kvm.h>). Built with aarch64-linux-gnu-gcc -static and run under
 * qemu-aarch64-static by Arm64UapiProbeTest, which compares every line with the Java tables. Lines:
 *   struct <name> <sizeof>
 *   field <struct>.<member> <offset> <size>
 *   const <macro> <value, unsigned decimal>
 *   id <jtcg register name> <ONE_REG id, unsigned decimal>
 * The ids are built here from the header macros alone (KVM_REG_ARM_CORE_REG(offsetof), ARM64_SYS_REG,
 * KVM_REG_ARM_TIMER_*), never from jtcg's encodings. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <linux/kvm.h>
#include <asm/ptrace.h>

#define S(t) printf("struct %s %zu\n", #t, sizeof(struct t))
#define F(t, f) printf("field %s.%s %zu %zu\n", #t, #f, offsetof(struct t, f), sizeof(((struct t *)0)->f))
#define FX(t, f) printf("field %s.%s %zu 0\n", #t, #f, offsetof(struct t, f))
#define C(n) printf("const %s %llu\n", #n, (unsigned long long)(n))
#define CN(name, v) printf("const %s %llu\n", name, (unsigned long long)(v))
#define ID(name, v) printf("id %s %llu\n", name, (unsigned long long)(v))
#define CORE(size, f) (KVM_REG_ARM64 | (size) | KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(f))
#define SYS(name, op0, op1, crn, crm, op2) ID(name, ARM64_SYS_REG(op0, op1, crn, crm, op2))

int main(void) {
    char name[64];
    S(user_pt_regs); F(user_pt_regs, regs); F(user_pt_regs, sp); F(user_pt_regs, pc); F(user_pt_regs, pstate);
    S(user_fpsimd_state); F(user_fpsimd_state, vregs); F(user_fpsimd_state, fpsr); F(user_fpsimd_state, fpcr);
    F(user_fpsimd_state, __reserved);
    S(kvm_regs); F(kvm_regs, regs); F(kvm_regs, regs.regs); F(kvm_regs, regs.sp); F(kvm_regs, regs.pc);
    F(kvm_regs, regs.pstate); F(kvm_regs, sp_el1); F(kvm_regs, elr_el1); F(kvm_regs, spsr); F(kvm_regs, fp_regs);
    F(kvm_regs, fp_regs.vregs); F(kvm_regs, fp_regs.fpsr); F(kvm_regs, fp_regs.fpcr);
    S(kvm_vcpu_init); F(kvm_vcpu_init, target); F(kvm_vcpu_init, features);
    S(kvm_reg_list); F(kvm_reg_list, n); FX(kvm_reg_list, reg);
    S(kvm_one_reg); F(kvm_one_reg, id); F(kvm_one_reg, addr);
    S(kvm_run); F(kvm_run, exit_reason); F(kvm_run, immediate_exit); F(kvm_run, mmio.phys_addr); F(kvm_run, mmio.data);
    F(kvm_run, mmio.len); F(kvm_run, mmio.is_write); F(kvm_run, hypercall.nr); F(kvm_run, hypercall.args);
    F(kvm_run, hypercall.ret); F(kvm_run, system_event.type); F(kvm_run, system_event.ndata);
    F(kvm_run, arm_nisv.esr_iss); F(kvm_run, arm_nisv.fault_ipa); F(kvm_run, kvm_valid_regs);
    F(kvm_run, kvm_dirty_regs); F(kvm_run, s.regs.device_irq_level);

    C(E2BIG); C(KVM_ARM_VCPU_INIT); C(KVM_ARM_PREFERRED_TARGET); C(KVM_GET_REG_LIST); C(KVM_GET_ONE_REG); C(KVM_SET_ONE_REG);
    C(KVM_RUN); C(KVM_ARM_VCPU_PSCI_0_2); C(KVM_CAP_ONE_REG); C(KVM_CAP_ARM_PSCI_0_2); C(KVM_EXIT_HYPERCALL);
    C(KVM_EXIT_MMIO); C(KVM_EXIT_SYSTEM_EVENT); C(KVM_EXIT_ARM_NISV);
    CN("PSR_MODE_EL0t", PSR_MODE_EL0t); CN("PSR_MODE_EL1h", PSR_MODE_EL1h);
    CN("PSR_DAIF", PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT);

    /* core registers: struct kvm_regs offsets / 4 */
    for (int i = 0; i < 31; i++) {
        snprintf(name, sizeof name, "arm64.x%d", i);
        ID(name, CORE(KVM_REG_SIZE_U64, regs.regs[i]));
    }
    ID("arm64.sp", CORE(KVM_REG_SIZE_U64, regs.sp));
    ID("arm64.pc", CORE(KVM_REG_SIZE_U64, regs.pc));
    ID("arm64.pstate", CORE(KVM_REG_SIZE_U64, regs.pstate));
    ID("arm64.sp_el1", CORE(KVM_REG_SIZE_U64, sp_el1));
    ID("arm64.elr_el1", CORE(KVM_REG_SIZE_U64, elr_el1));
    ID("arm64.spsr_el1", CORE(KVM_REG_SIZE_U64, spsr[KVM_SPSR_EL1]));
    for (int i = 0; i < 32; i++) {
        snprintf(name, sizeof name, "arm64.v%d", i);
        ID(name, CORE(KVM_REG_SIZE_U128, fp_regs.vregs[i]));
    }
    ID("arm64.fpsr", CORE(KVM_REG_SIZE_U32, fp_regs.fpsr));
    ID("arm64.fpcr", CORE(KVM_REG_SIZE_U32, fp_regs.fpcr));

    /* system registers, by op0, op1, CRn, CRm, op2 (Arm ARM encodings) */
    SYS("arm64.tpidr_el0", 3, 3, 13, 0, 2);
    SYS("arm64.tpidrro_el0", 3, 3, 13, 0, 3);
    SYS("arm64.tpidr_el1", 3, 0, 13, 0, 4);
    SYS("arm64.esr_el1", 3, 0, 5, 2, 0);
    SYS("arm64.far_el1", 3, 0, 6, 0, 0);
    SYS("arm64.sctlr_el1", 3, 0, 1, 0, 0);
    SYS("arm64.cpacr_el1", 3, 0, 1, 0, 2);
    SYS("arm64.ttbr0_el1", 3, 0, 2, 0, 0);
    SYS("arm64.ttbr1_el1", 3, 0, 2, 0, 1);
    SYS("arm64.tcr_el1", 3, 0, 2, 0, 2);
    SYS("arm64.mair_el1", 3, 0, 10, 2, 0);
    SYS("arm64.vbar_el1", 3, 0, 12, 0, 0);
    /* the virtual timer: Linux's frozen ids, CNT and CVAL swapped against the architecture */
    ID("arm64.timer_ctl", KVM_REG_ARM_TIMER_CTL);
    ID("arm64.timer_cnt", KVM_REG_ARM_TIMER_CNT);
    ID("arm64.timer_cval", KVM_REG_ARM_TIMER_CVAL);
    return 0;
}
