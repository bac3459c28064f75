package org.jtcg.kvm.arm64;

import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.kvm.RegisterSetLayout;
import org.jtcg.kvm.RegisterSetSpec;
import org.jtcg.kvm.SyncLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The arm64 register sets as data. arm64 KVM has no struct-wide register ioctls or sync area for the
 * CPU registers: every register moves with KVM_GET/SET_ONE_REG, so a "set" is just a group of ids the
 * cache fetches and puts together, with the {@link SyncLevel} that writes it:
 * <ul>
 * <li>CORE (RUNTIME): x0-x30, sp (SP_EL0), pc, pstate — core ids at {@code struct kvm_regs} offsets.</li>
 * <li>FPSIMD (RUNTIME): v0-v31 (U128), fpsr, fpcr (U32) — also core ids.</li>
 * <li>TLS (RUNTIME): tpidr_el0, tpidrro_el0 (system register ids).</li>
 * <li>EL1 (RESET): no canonical ids; the EL1 state the engine owns (vectors, translation regime), written
 *     from the vCPU glue's image.</li>
 * <li>TIMER (FULL): Linux's timer_cnt, timer_cval, timer_ctl ids (the frozen CNT/CVAL swap: the ids are
 *     taken from {@link Arm64Registers}, never rebuilt from the architectural encodings).</li>
 * </ul>
 */
public final class Arm64RegisterSets {
    private Arm64RegisterSets() {}

    public static final int CORE = 0, FPSIMD = 1, TLS = 2, EL1 = 3, TIMER = 4;

    /** CORE ids: x0-x30, sp, pc, pstate. */
    public static final long[] CORE_IDS = LongStream.concat(
            LongStream.range(0, 31).map(i -> Arm64Registers.x((int) i)),
            LongStream.of(Arm64Registers.SP, Arm64Registers.PC, Arm64Registers.PSTATE)).toArray();
    /** Index of pc and pstate in {@link #CORE_IDS}. */
    public static final int CORE_PC = 32, CORE_PSTATE = 33;
    /** FPSIMD ids: v0-v31, fpsr, fpcr. */
    public static final long[] FPSIMD_IDS = LongStream.concat(
            LongStream.range(0, 32).map(i -> Arm64Registers.v((int) i)),
            LongStream.of(Arm64Registers.FPSR, Arm64Registers.FPCR)).toArray();
    public static final long[] TLS_IDS = {Arm64Registers.TPIDR_EL0, Arm64Registers.TPIDRRO_EL0};
    public static final long[] TIMER_IDS = {Arm64Registers.TIMER_CNT, Arm64Registers.TIMER_CVAL, Arm64Registers.TIMER_CTL};

    /** Put order: EL1 first (it gives PSTATE's EL0 its translation regime), then the user registers, the timer last. */
    private static final int[] PUT_ORDER = {EL1, CORE, FPSIMD, TLS, TIMER};

    /**
     * The layout for the generic cache: CORE and FPSIMD must be complete in a CPU state (Arm64Cpu has them);
     * TLS is verified but optional (Arm64Cpu has no tpidrro_el0: it reads as 0, what Linux gives a task);
     * TIMER is FULL-only and unverified (the count advances between two reads).
     */
    public static RegisterSetLayout layout() {
        List<RegisterSetSpec> specs = new ArrayList<>();
        specs.add(new RegisterSetSpec("CORE", CORE_IDS, SyncLevel.RUNTIME, true, true));
        specs.add(new RegisterSetSpec("FPSIMD", FPSIMD_IDS, SyncLevel.RUNTIME, true, true));
        specs.add(new RegisterSetSpec("TLS", TLS_IDS, SyncLevel.RUNTIME, false, true));
        specs.add(new RegisterSetSpec("EL1", new long[0], SyncLevel.RESET, false, false));
        specs.add(new RegisterSetSpec("TIMER", TIMER_IDS, SyncLevel.FULL, false, false));
        return new RegisterSetLayout(specs, PUT_ORDER, Arm64Registers.PC);
    }

    /**
     * The ONE_REG ids an arm64 host's KVM_GET_REG_LIST gives that make up a user-mode (EL0) task's state,
     * grouped as KVM lists them: core registers by kvm_regs offset, the virtual timer (ctl, cnt, cval), then
     * system registers by encoding. This is what a jtcg arm64 snapshot maps onto. KVM's full list also has the EL1 core registers (sp_el1,
     * elr_el1, spsr[5]), the EL1 system registers, the read-only ID registers and the firmware registers,
     * which belong to the engine's EL1 image or stay at KVM's reset values (docs/kvm.md).
     */
    public static long[] userModeRegList() {
        long[] timer = {Arm64Registers.TIMER_CTL, Arm64Registers.TIMER_CNT, Arm64Registers.TIMER_CVAL};
        long[] sysregs = LongStream.of(TLS_IDS).sorted().toArray();
        return LongStream.concat(LongStream.concat(LongStream.of(CORE_IDS), LongStream.of(FPSIMD_IDS)),
                LongStream.concat(LongStream.of(timer), LongStream.of(sysregs))).toArray();
    }

    /**
     * The ids of {@code required} an arm64 host's KVM_GET_REG_LIST ({@code hostList}) lacks, in {@code required}'s
     * order: a host whose KVM does not offer one of the registers the plug-in moves cannot run it.
     */
    public static List<Long> missingFrom(long[] hostList, long[] required) {
        java.util.Set<Long> host = new java.util.HashSet<>();
        for (long id : hostList) {
            host.add(id);
        }
        List<Long> out = new ArrayList<>();
        for (long id : required) {
            if (!host.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }
}
