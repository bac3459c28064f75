package org.jtcg.kvm;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.EngineExit;
import org.jtcg.kvm.sys.Kvm;
import org.jtcg.kvm.sys.KvmVcpu;
import org.jtcg.kvm.sys.KvmVm;

import java.util.Map;

/**
 * A {@link KvmTarget}'s half of one {@link KvmEngine}: VM and vCPU set-up, the register transport,
 * pre-run/post-run, exit classification and single-step, for one architecture.
 *
 * <p><b>Order of calls.</b>
 * <ol>
 * <li>{@link #vmCreated} once, right after KVM_CREATE_VM and before the engine registers the guest
 *     RAM: memory slot 0 is the target's (a private region, if it needs one); RAM chunk <i>i</i> of the
 *     guest memory becomes slot 1+<i>i</i>.</li>
 * <li>{@link #vcpuCreated} once, after KVM_CREATE_VCPU: set the vCPU up (CPUID, ...), create the
 *     {@link RegisterTransport} and return the {@link RegisterSetCache} over it. Registers are not
 *     loaded yet: the engine attaches the cache to a CpuState at the first run (a FULL put).</li>
 * <li>Per {@code Engine.run}: {@link #beforeFreeRun}; per {@code Engine.step}: {@link #beforeStep}, and
 *     after each stop {@link #stepIncomplete}.</li>
 * <li>Per KVM_RUN: {@link #canStepNow} (when stepping), {@link #beforeEntry}, the cache's puts
 *     ({@link RegisterTransport} contract), KVM_SET_GUEST_DEBUG when stepping, KVM_RUN, the cache's
 *     {@code afterRun} (nothing cached), {@link #classifyExit} (for reasons the engine does not handle
 *     itself: it handles KVM_EXIT_INTR, SHUTDOWN, FAIL_ENTRY, INTERNAL_ERROR and MMIO), the cache's
 *     {@code exitClassified}, then the {@code --verify-sync} comparison if on.</li>
 * <li>{@link #closed} once, when the engine closes (listeners the target installed must go quiet).</li>
 * </ol>
 *
 * <p><b>What a plug-in may assume.</b> One vCPU, one thread. The CpuState seen by
 * {@link #classifyExit} and the step hooks is the attached one, reached through the cache (reads
 * fetch lazily, writes mark dirty). The engine counts exits by kind from what {@link #classifyExit}
 * returns. Failures of the engine's own machinery are {@link KvmEngineException}s with one line
 * ({@link KvmEngineException#at}); guest faults are {@code EngineExit.signal}s.
 */
public interface TargetVcpu {
    /** The VM exists; no RAM slots yet. */
    void vmCreated(Kvm kvm, KvmVm vm);

    /** The vCPU exists: set it up and return the register cache over this target's transport. */
    RegisterSetCache vcpuCreated(Kvm kvm, KvmVcpu vcpu, KvmOptions options);

    /** A free run starts (no single-step). */
    void beforeFreeRun();

    /**
     * A single step of one guest instruction starts at {@code cpu.pc}. Returns the exit if the target
     * completed the instruction itself without running the vCPU (e.g. an emulated instruction), else
     * null.
     */
    EngineExit beforeStep(CpuState cpu);

    /** True when a stepped stop did not finish the instruction (e.g. one iteration of a REP string op). */
    boolean stepIncomplete(EngineExit exit, CpuState cpu);

    /** False while single-stepping must pause (the vCPU is inside engine code on its way to an exit). */
    boolean canStepNow();

    /** Before the register puts of each KVM_RUN (e.g. drop stale shadow page tables). */
    void beforeEntry();

    /**
     * Interprets an exit; null means "nothing for the caller, run again". {@code stepping}: the run
     * single-stepped. Throws {@link KvmEngineException} for exits the target cannot explain.
     */
    EngineExit classifyExit(int reason, boolean stepping);

    /** Where the vCPU is, for failure messages (e.g. "vCPU rip 0x..., rsp 0x..."). */
    String position();

    /** Adds the target's counters to {@code --stats}. */
    void addStats(Map<String, Object> stats);

    /** The engine closed. */
    void closed();
}
