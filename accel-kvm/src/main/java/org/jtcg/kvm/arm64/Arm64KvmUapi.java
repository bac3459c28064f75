package org.jtcg.kvm.arm64;

import org.jtcg.kvm.sys.Ioctl;
import org.jtcg.kvm.sys.KvmIoctls;
import org.jtcg.kvm.sys.StructLayout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arm64 KVM UAPI facts the plug-in uses, as data: struct layouts ({@code arch/arm64/include/uapi/asm/kvm.h},
 * {@code asm/ptrace.h}), the arm64-only ioctl numbers and the constants. aarch64 is LP64 with natural
 * alignment, so {@link StructLayout}'s rules hold; {@code __uint128_t} is 16-byte aligned. Every entry
 * is compared with the cross headers by {@code Arm64UapiProbeTest} (a C probe built with
 * aarch64-linux-gnu-gcc and run under qemu-aarch64-static).
 */
public final class Arm64KvmUapi {
    private Arm64KvmUapi() {}

    /** struct user_pt_regs: x0-x30, sp (= SP_EL0 in kvm_regs), pc, pstate. */
    public static final StructLayout USER_PT_REGS = StructLayout.builder("user_pt_regs")
            .array("regs", 31, 8, 8).u64("sp").u64("pc").u64("pstate").build();

    /** struct user_fpsimd_state: V0-V31 (16-byte aligned), FPSR, FPCR. */
    public static final StructLayout USER_FPSIMD_STATE = StructLayout.builder("user_fpsimd_state")
            .array("vregs", 32, 16, 16).u32("fpsr").u32("fpcr").array("__reserved", 2, 4, 4).build();

    /** struct kvm_regs (arm64): the "core" registers, addressed by ONE_REG as offset / 4. */
    public static final StructLayout KVM_REGS = StructLayout.builder("kvm_regs")
            .struct("regs", USER_PT_REGS).u64("sp_el1").u64("elr_el1").array("spsr", 5, 8, 8)
            .struct("fp_regs", USER_FPSIMD_STATE).build();

    /** struct kvm_vcpu_init: target and feature bitmap, for KVM_ARM_PREFERRED_TARGET / KVM_ARM_VCPU_INIT. */
    public static final StructLayout KVM_VCPU_INIT = StructLayout.builder("kvm_vcpu_init")
            .u32("target").array("features", 7, 4, 4).build();

    /** struct kvm_reg_list: n, then n ids (KVM_GET_REG_LIST). */
    public static final StructLayout KVM_REG_LIST = StructLayout.builder("kvm_reg_list")
            .u64("n").flexible("reg", 8).build();

    /** struct kvm_one_reg. */
    public static final StructLayout KVM_ONE_REG = StructLayout.builder("kvm_one_reg").u64("id").u64("addr").build();

    /**
     * struct kvm_run on arm64 with the exits the plug-in reads (no arm64 fields before the exit union; the sync
     * area holds only {@code device_irq_level}: arm64 shares no CPU registers through kvm_run).
     */
    public static final StructLayout KVM_RUN = StructLayout.builder("kvm_run")
            .u8("request_interrupt_window").u8("immediate_exit").array("padding1", 6, 1, 1)
            .u32("exit_reason").u8("ready_for_interrupt_injection").u8("if_flag").u16("flags")
            .u64("cr8").u64("apic_base")
            .union("", 256, exits())
            .u64("kvm_valid_regs").u64("kvm_dirty_regs")
            .union("s", 2048, Map.of("regs", StructLayout.builder("kvm_sync_regs").u64("device_irq_level").build()))
            .build();

    private static Map<String, StructLayout> exits() {
        Map<String, StructLayout> m = new LinkedHashMap<>();
        m.put("mmio", StructLayout.builder("mmio").u64("phys_addr").array("data", 8, 1, 1).u32("len").u8("is_write").build());
        m.put("hypercall", StructLayout.builder("hypercall").u64("nr").array("args", 6, 8, 8).u64("ret").build());
        m.put("system_event", StructLayout.builder("system_event").u32("type").u32("ndata").build());
        m.put("arm_nisv", StructLayout.builder("arm_nisv").u64("esr_iss").u64("fault_ipa").build());
        return m;
    }

    public static final long ARM_VCPU_INIT = Ioctl.iow(KvmIoctls.KVMIO, 0xae, KVM_VCPU_INIT.size());
    public static final long ARM_PREFERRED_TARGET = Ioctl.ior(KvmIoctls.KVMIO, 0xaf, KVM_VCPU_INIT.size());
    public static final long GET_REG_LIST = Ioctl.iowr(KvmIoctls.KVMIO, 0xb0, KVM_REG_LIST.size());
    public static final long GET_ONE_REG = Ioctl.iow(KvmIoctls.KVMIO, 0xab, KVM_ONE_REG.size());
    public static final long SET_ONE_REG = Ioctl.iow(KvmIoctls.KVMIO, 0xac, KVM_ONE_REG.size());

    /** errno of KVM_GET_REG_LIST when {@code n} is too small (it then stores the count needed). */
    public static final int E2BIG = 7;
    /** kvm_vcpu_init.features bit: PSCI 0.2 ({@code KVM_ARM_VCPU_PSCI_0_2}). */
    public static final int VCPU_PSCI_0_2 = 2;
    /** {@code KVM_CAP_ONE_REG}, {@code KVM_CAP_ARM_PSCI_0_2}. */
    public static final int CAP_ONE_REG = 70, CAP_ARM_PSCI_0_2 = 102;
    /** Exit reasons the arm64 glue classifies. */
    public static final int EXIT_HYPERCALL = 3, EXIT_MMIO = 6, EXIT_SYSTEM_EVENT = 24, EXIT_ARM_NISV = 28;
    /** PSTATE mode field value of EL0 with SP_EL0 ({@code PSR_MODE_EL0t}) and of EL1h. */
    public static final long PSR_MODE_EL0T = 0x0, PSR_MODE_EL1H = 0x5;
    /** PSTATE.{D,A,I,F} ({@code PSR_D_BIT ... PSR_F_BIT}): all masked while the EL1 stubs run. */
    public static final long PSR_DAIF = 0x3c0;

    /** Every layout, by C struct name. */
    public static Map<String, StructLayout> structs() {
        Map<String, StructLayout> m = new LinkedHashMap<>();
        for (StructLayout s : new StructLayout[] {USER_PT_REGS, USER_FPSIMD_STATE, KVM_REGS, KVM_VCPU_INIT, KVM_REG_LIST,
            KVM_ONE_REG, KVM_RUN}) {
            m.put(s.name(), s);
        }
        return m;
    }

    /** Every ioctl number and constant, by C macro name. */
    public static Map<String, Long> constants() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("KVM_ARM_VCPU_INIT", ARM_VCPU_INIT);
        m.put("KVM_ARM_PREFERRED_TARGET", ARM_PREFERRED_TARGET);
        m.put("KVM_GET_REG_LIST", GET_REG_LIST);
        m.put("KVM_GET_ONE_REG", GET_ONE_REG);
        m.put("KVM_SET_ONE_REG", SET_ONE_REG);
        m.put("KVM_RUN", KvmIoctls.RUN);
        m.put("E2BIG", (long) E2BIG);
        m.put("KVM_ARM_VCPU_PSCI_0_2", (long) VCPU_PSCI_0_2);
        m.put("KVM_CAP_ONE_REG", (long) CAP_ONE_REG);
        m.put("KVM_CAP_ARM_PSCI_0_2", (long) CAP_ARM_PSCI_0_2);
        m.put("KVM_EXIT_HYPERCALL", (long) EXIT_HYPERCALL);
        m.put("KVM_EXIT_MMIO", (long) EXIT_MMIO);
        m.put("KVM_EXIT_SYSTEM_EVENT", (long) EXIT_SYSTEM_EVENT);
        m.put("KVM_EXIT_ARM_NISV", (long) EXIT_ARM_NISV);
        m.put("PSR_MODE_EL0t", PSR_MODE_EL0T);
        m.put("PSR_MODE_EL1h", PSR_MODE_EL1H);
        m.put("PSR_DAIF", PSR_DAIF);
        return m;
    }
}
