package org.jtcg.kvm.arm64;

import org.jtcg.cpreg.Arm64Registers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The EL1 register values a user-mode (EL0) guest needs under arm64 KVM, which play the part of the guest
 * kernel's set-up: MMU on with two 48-bit regimes — TTBR0 over the guest's own page tables (the whole lower
 * half stays the user's, as under Linux) and TTBR1 over the engine's EL1 region in the upper half (vectors,
 * stack) — FP/SIMD not trapped, EL0 access to CTR/DCZID/cache maintenance as Linux grants it. Values from the
 * Arm ARM (SCTLR_EL1, TCR_EL1, MAIR_EL1, CPACR_EL1 field layouts). The engine owns these registers; they are
 * the EL1 register set (RESET level) of {@link Arm64RegisterSets}.
 *
 * <p>Unexecuted: no arm64 KVM host was available. The page tables TTBR0/TTBR1 point at and the vector stubs at
 * VBAR are not built yet (docs/kvm.md, "arm64 and s390x plug-ins").
 *
 * @param vbar           vector base (upper-half virtual address)
 * @param ttbr0          physical address of the user page tables
 * @param ttbr1          physical address of the EL1 region's page tables
 * @param kernelStackTop SP_EL1 (upper-half virtual address)
 */
public record Arm64El1Image(long vbar, long ttbr0, long ttbr1, long kernelStackTop) {
    /** SCTLR_EL1: M (MMU), C, I, SA0, UCT, DZE, nTWI, nTWE, UCI, plus the RES1 bits 11, 20, 22, 23, 28, 29. */
    public static final long SCTLR = 1L | 1L << 2 | 1L << 4 | 1L << 12 | 1L << 14 | 1L << 15 | 1L << 16 | 1L << 18
            | 1L << 26 | 0x30d0_0800L;
    /**
     * TCR_EL1: T0SZ = T1SZ = 16 (48-bit halves), walks write-back cacheable and inner shareable in both
     * halves, TG0 4 KiB (0b00), TG1 4 KiB (0b10), IPS 40 bits.
     */
    public static final long TCR = 16L | 1L << 8 | 1L << 10 | 3L << 12
            | 16L << 16 | 1L << 24 | 1L << 26 | 3L << 28 | 2L << 30 | 2L << 32;
    /** MAIR_EL1: attribute 0 = normal memory, write-back non-transient, read/write-allocate. */
    public static final long MAIR = 0xffL;
    /** CPACR_EL1.FPEN = 0b11: FP/SIMD at EL0 and EL1 does not trap. */
    public static final long CPACR = 3L << 20;

    /** The values by ONE_REG id, in the order they are put. */
    public Map<Long, Long> values() {
        Map<Long, Long> m = new LinkedHashMap<>();
        m.put(Arm64Registers.sysreg(3, 0, 1, 0, 2), CPACR);      // cpacr_el1
        m.put(Arm64Registers.sysreg(3, 0, 10, 2, 0), MAIR);      // mair_el1
        m.put(Arm64Registers.sysreg(3, 0, 2, 0, 2), TCR);        // tcr_el1
        m.put(Arm64Registers.sysreg(3, 0, 2, 0, 0), ttbr0);      // ttbr0_el1
        m.put(Arm64Registers.sysreg(3, 0, 2, 0, 1), ttbr1);      // ttbr1_el1
        m.put(Arm64Registers.sysreg(3, 0, 12, 0, 0), vbar);      // vbar_el1
        m.put(Arm64Registers.SP_EL1, kernelStackTop);
        m.put(Arm64Registers.sysreg(3, 0, 1, 0, 0), SCTLR);      // sctlr_el1, last: turns the MMU on
        return m;
    }
}
