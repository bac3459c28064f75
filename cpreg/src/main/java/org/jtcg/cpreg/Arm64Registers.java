package org.jtcg.cpreg;

import org.jtcg.cpreg.RegisterCatalogue.Origin;

/**
 * arm64 register ids. Every id here is Linux's ({@code arch/arm64/include/uapi/asm/kvm.h}):
 * core registers are {@code KVM_REG_ARM_CORE | offsetof(struct kvm_regs, field) / 4},
 * system registers use {@code ARM64_SYS_REG(op0, op1, crn, crm, op2)}, SVE registers use
 * {@code KVM_REG_ARM64_SVE_*}. jtcg defines no project ids for arm64.
 */
public final class Arm64Registers {
    /** Bits 16-27 hold the "coprocessor" group ({@code KVM_REG_ARM_COPROC_SHIFT}). */
    public static final int COPROC_SHIFT = 16;
    /** {@code KVM_REG_ARM_COPROC_MASK}. */
    public static final long COPROC_MASK = 0x0FFF_0000L;
    /** {@code KVM_REG_ARM_CORE}: struct kvm_regs, indexed in 32-bit units. */
    public static final long CORE = 0x0010L << COPROC_SHIFT;
    /** {@code KVM_REG_ARM64_SYSREG}. */
    public static final long SYSREG = 0x0013L << COPROC_SHIFT;
    /** {@code KVM_REG_ARM_FW}: firmware pseudo-registers. */
    public static final long FW = 0x0014L << COPROC_SHIFT;
    /** {@code KVM_REG_ARM64_SVE}. */
    public static final long SVE = 0x0015L << COPROC_SHIFT;

    // Byte offsets in struct kvm_regs (arm64). user_pt_regs is regs[31], sp, pc, pstate; then sp_el1,
    // elr_el1, spsr[5]; then struct user_fpsimd_state, whose __uint128_t vregs force 16-byte alignment:
    // 328 rounds up to 336. Checked against Linux's published ids (v0 = ...0054, fpsr = ...00d4).
    private static final int OFF_REGS = 0;
    private static final int OFF_SP = 248;
    private static final int OFF_PC = 256;
    private static final int OFF_PSTATE = 264;
    private static final int OFF_SP_EL1 = 272;
    private static final int OFF_ELR_EL1 = 280;
    private static final int OFF_SPSR = 288;
    private static final int OFF_VREGS = 336;
    private static final int OFF_FPSR = OFF_VREGS + 32 * 16;
    private static final int OFF_FPCR = OFF_FPSR + 4;

    /** Number of banked SPSRs in struct kvm_regs ({@code KVM_NR_SPSR}). */
    public static final int NR_SPSR = 5;
    /** Names of spsr[0..4]: KVM_SPSR_EL1, _ABT, _UND, _IRQ, _FIQ. */
    private static final String[] SPSR_NAMES = {"spsr_el1", "spsr_abt", "spsr_und", "spsr_irq", "spsr_fiq"};

    public static final long SP = core(RegSize.U64, OFF_SP);
    public static final long PC = core(RegSize.U64, OFF_PC);
    public static final long PSTATE = core(RegSize.U64, OFF_PSTATE);
    public static final long SP_EL1 = core(RegSize.U64, OFF_SP_EL1);
    public static final long ELR_EL1 = core(RegSize.U64, OFF_ELR_EL1);
    public static final long FPSR = core(RegSize.U32, OFF_FPSR);
    public static final long FPCR = core(RegSize.U32, OFF_FPCR);

    /** {@code KVM_REG_ARM_PSCI_VERSION = KVM_REG_ARM_FW_REG(0)}. */
    public static final long PSCI_VERSION = RegId.make(RegArch.ARM64, RegSize.U64, FW);

    /** {@code KVM_REG_ARM64_SVE_VLS}: bitmap of supported vector lengths. */
    public static final long SVE_VLS = RegId.make(RegArch.ARM64, RegSize.U512, SVE | 0xffff);
    private static final long SVE_PREG_BASE = 0x400;
    private static final long SVE_FFR_BASE = 0x600;
    /** {@code KVM_ARM64_SVE_MAX_SLICES}. */
    public static final int SVE_MAX_SLICES = 32;

    /**
     * System registers as data: name, op0, op1, CRn, CRm, op2. The EL0-visible and user-mode
     * relevant ones, the ID registers a user-mode guest can read via MRS emulation, and the EL1
     * registers KVM saves. The virtual timer entries use Linux's ids, whose CNT and CVAL
     * encodings are swapped relative to the architecture (a frozen UAPI mistake), hence the
     * names timer_cnt / timer_cval instead of cntvct_el0 / cntv_cval_el0 (kept as aliases).
     */
    private static final Object[][] SYSREGS = {
        {"midr_el1", 3, 0, 0, 0, 0},
        {"mpidr_el1", 3, 0, 0, 0, 5},
        {"revidr_el1", 3, 0, 0, 0, 6},
        {"id_aa64pfr0_el1", 3, 0, 0, 4, 0},
        {"id_aa64pfr1_el1", 3, 0, 0, 4, 1},
        {"id_aa64zfr0_el1", 3, 0, 0, 4, 4},
        {"id_aa64smfr0_el1", 3, 0, 0, 4, 5},
        {"id_aa64dfr0_el1", 3, 0, 0, 5, 0},
        {"id_aa64dfr1_el1", 3, 0, 0, 5, 1},
        {"id_aa64afr0_el1", 3, 0, 0, 5, 4},
        {"id_aa64afr1_el1", 3, 0, 0, 5, 5},
        {"id_aa64isar0_el1", 3, 0, 0, 6, 0},
        {"id_aa64isar1_el1", 3, 0, 0, 6, 1},
        {"id_aa64isar2_el1", 3, 0, 0, 6, 2},
        {"id_aa64mmfr0_el1", 3, 0, 0, 7, 0},
        {"id_aa64mmfr1_el1", 3, 0, 0, 7, 1},
        {"id_aa64mmfr2_el1", 3, 0, 0, 7, 2},
        {"id_aa64mmfr3_el1", 3, 0, 0, 7, 3},
        {"mdscr_el1", 2, 0, 0, 2, 2},
        {"sctlr_el1", 3, 0, 1, 0, 0},
        {"actlr_el1", 3, 0, 1, 0, 1},
        {"cpacr_el1", 3, 0, 1, 0, 2},
        {"ttbr0_el1", 3, 0, 2, 0, 0},
        {"ttbr1_el1", 3, 0, 2, 0, 1},
        {"tcr_el1", 3, 0, 2, 0, 2},
        {"afsr0_el1", 3, 0, 5, 1, 0},
        {"afsr1_el1", 3, 0, 5, 1, 1},
        {"esr_el1", 3, 0, 5, 2, 0},
        {"far_el1", 3, 0, 6, 0, 0},
        {"par_el1", 3, 0, 7, 4, 0},
        {"mair_el1", 3, 0, 10, 2, 0},
        {"amair_el1", 3, 0, 10, 3, 0},
        {"vbar_el1", 3, 0, 12, 0, 0},
        {"contextidr_el1", 3, 0, 13, 0, 1},
        {"tpidr_el1", 3, 0, 13, 0, 4},
        {"cntkctl_el1", 3, 0, 14, 1, 0},
        {"clidr_el1", 3, 1, 0, 0, 1},
        {"aidr_el1", 3, 1, 0, 0, 7},
        {"csselr_el1", 3, 2, 0, 0, 0},
        {"ctr_el0", 3, 3, 0, 0, 1},
        {"dczid_el0", 3, 3, 0, 0, 7},
        {"tpidr_el0", 3, 3, 13, 0, 2},
        {"tpidrro_el0", 3, 3, 13, 0, 3},
        {"tpidr2_el0", 3, 3, 13, 0, 5},
        {"cntfrq_el0", 3, 3, 14, 0, 0},
        {"timer_cval", 3, 3, 14, 0, 2},   // KVM_REG_ARM_TIMER_CVAL (architecturally CNTVCT's encoding)
        {"timer_ctl", 3, 3, 14, 3, 1},    // KVM_REG_ARM_TIMER_CTL = CNTV_CTL_EL0
        {"timer_cnt", 3, 3, 14, 3, 2},    // KVM_REG_ARM_TIMER_CNT (architecturally CNTV_CVAL's encoding)
    };

    public static final long TPIDR_EL0 = sysreg(3, 3, 13, 0, 2);
    public static final long TPIDRRO_EL0 = sysreg(3, 3, 13, 0, 3);
    public static final long MIDR_EL1 = sysreg(3, 0, 0, 0, 0);
    public static final long CTR_EL0 = sysreg(3, 3, 0, 0, 1);
    public static final long DCZID_EL0 = sysreg(3, 3, 0, 0, 7);
    public static final long CNTFRQ_EL0 = sysreg(3, 3, 14, 0, 0);
    /** {@code KVM_REG_ARM_TIMER_CTL}. */
    public static final long TIMER_CTL = sysreg(3, 3, 14, 3, 1);
    /** {@code KVM_REG_ARM_TIMER_CNT}: the virtual count (CNTVCT_EL0's value) despite its encoding. */
    public static final long TIMER_CNT = sysreg(3, 3, 14, 3, 2);
    /** {@code KVM_REG_ARM_TIMER_CVAL}: the virtual compare value despite its encoding. */
    public static final long TIMER_CVAL = sysreg(3, 3, 14, 0, 2);

    static final RegisterCatalogue CATALOGUE = buildCatalogue();

    private Arm64Registers() {
    }

    /** Core register at a byte offset in struct kvm_regs ({@code KVM_REG_ARM_CORE_REG}). */
    public static long core(RegSize size, int byteOffset) {
        if (byteOffset % 4 != 0 || byteOffset < 0 || byteOffset > 0xffff * 4) {
            throw new IllegalArgumentException("bad kvm_regs offset " + byteOffset);
        }
        return RegId.make(RegArch.ARM64, size, CORE | (byteOffset / 4));
    }

    /** General register x0..x30. */
    public static long x(int n) {
        checkIndex("x", n, 31);
        return core(RegSize.U64, OFF_REGS + 8 * n);
    }

    /** spsr[i] of struct kvm_regs (0 = SPSR_EL1, 1 = abt, 2 = und, 3 = irq, 4 = fiq). */
    public static long spsr(int i) {
        checkIndex("spsr", i, NR_SPSR);
        return core(RegSize.U64, OFF_SPSR + 8 * i);
    }

    /** FP/SIMD register v0..v31 (U128). */
    public static long v(int n) {
        checkIndex("v", n, 32);
        return core(RegSize.U128, OFF_VREGS + 16 * n);
    }

    /** {@code ARM64_SYS_REG(op0, op1, crn, crm, op2)}. */
    public static long sysreg(int op0, int op1, int crn, int crm, int op2) {
        if ((op0 & ~3) != 0 || (op1 & ~7) != 0 || (crn & ~15) != 0 || (crm & ~15) != 0 || (op2 & ~7) != 0) {
            throw new IllegalArgumentException(String.format(
                    "sysreg(%d,%d,%d,%d,%d) out of range: op0 0-3, op1 0-7, crn 0-15, crm 0-15, op2 0-7",
                    op0, op1, crn, crm, op2));
        }
        return RegId.make(RegArch.ARM64, RegSize.U64,
                SYSREG | (long) op0 << 14 | (long) op1 << 11 | (long) crn << 7 | (long) crm << 3 | op2);
    }

    /** True if {@code id} is exactly an {@code ARM64_SYS_REG(...)} id (U64, sysreg group, no stray bits). */
    public static boolean isSysreg(long id) {
        return (id & ~0xffffL) == (RegArch.ARM64.idBits() | RegSize.U64.idBits() | SYSREG);
    }

    /** The {op0, op1, crn, crm, op2} fields of a sysreg id. */
    public static int[] sysregFields(long id) {
        if (!isSysreg(id)) {
            throw new IllegalArgumentException(RegId.hex(id) + " is not an arm64 sysreg id");
        }
        int low = (int) (id & 0xffff);
        return new int[] {low >>> 14 & 3, low >>> 11 & 7, low >>> 7 & 15, low >>> 3 & 15, low & 7};
    }

    /** {@code KVM_REG_ARM64_SVE_ZREG(n, slice)} (U2048). */
    public static long sveZ(int n, int slice) {
        checkIndex("z", n, 32);
        checkIndex("slice", slice, SVE_MAX_SLICES);
        return RegId.make(RegArch.ARM64, RegSize.U2048, SVE | (long) n << 5 | slice);
    }

    /** {@code KVM_REG_ARM64_SVE_PREG(n, slice)} (U256). */
    public static long sveP(int n, int slice) {
        checkIndex("p", n, 16);
        checkIndex("slice", slice, SVE_MAX_SLICES);
        return RegId.make(RegArch.ARM64, RegSize.U256, SVE | SVE_PREG_BASE | (long) n << 5 | slice);
    }

    /** {@code KVM_REG_ARM64_SVE_FFR(slice)} (U256). */
    public static long sveFfr(int slice) {
        checkIndex("slice", slice, SVE_MAX_SLICES);
        return RegId.make(RegArch.ARM64, RegSize.U256, SVE | SVE_FFR_BASE | slice);
    }

    private static void checkIndex(String what, int n, int limit) {
        if (n < 0 || n >= limit) {
            throw new IllegalArgumentException(what + " index " + n + " out of range 0.." + (limit - 1));
        }
    }

    private static RegisterCatalogue buildCatalogue() {
        RegisterCatalogue.Builder b = new RegisterCatalogue.Builder(RegArch.ARM64);
        for (int i = 0; i < 31; i++) {
            b.add("x" + i, x(i), Origin.LINUX);
        }
        b.add("sp", SP, Origin.LINUX);
        b.add("pc", PC, Origin.LINUX);
        b.add("pstate", PSTATE, Origin.LINUX);
        b.add("sp_el1", SP_EL1, Origin.LINUX);
        b.add("elr_el1", ELR_EL1, Origin.LINUX);
        for (int i = 0; i < NR_SPSR; i++) {
            b.add(SPSR_NAMES[i], spsr(i), Origin.LINUX);
        }
        for (int i = 0; i < 32; i++) {
            b.add("v" + i, v(i), Origin.LINUX);
        }
        b.add("fpsr", FPSR, Origin.LINUX);
        b.add("fpcr", FPCR, Origin.LINUX);
        for (Object[] r : SYSREGS) {
            b.add((String) r[0], sysreg((int) r[1], (int) r[2], (int) r[3], (int) r[4], (int) r[5]), Origin.LINUX);
        }
        b.alias("cntv_cval_el0", "timer_cval");
        b.alias("cntv_ctl_el0", "timer_ctl");
        b.alias("cntvct_el0", "timer_cnt");
        b.alias("fp", "x29");
        b.alias("lr", "x30");
        b.add("psci_version", PSCI_VERSION, Origin.LINUX);
        // SVE: slice 0 covers vector lengths up to 2048 bits, i.e. every architecturally possible VL.
        for (int i = 0; i < 32; i++) {
            b.add("z" + i, sveZ(i, 0), Origin.LINUX);
        }
        for (int i = 0; i < 16; i++) {
            b.add("p" + i, sveP(i, 0), Origin.LINUX);
        }
        b.add("ffr", sveFfr(0), Origin.LINUX);
        b.add("sve_vls", SVE_VLS, Origin.LINUX);
        return b.build();
    }
}
