package org.jtcg.core.engine;

import org.jtcg.core.cpu.CpuState;

/** Executes guest code for one CPU until something the user-mode loop must handle. */
public interface Engine extends AutoCloseable {
    String name();

    /** Runs from {@code cpu.pc} until a syscall, a guest signal or a halt. */
    EngineExit run(CpuState cpu);

    /** Runs exactly one translation block (or one instruction when single-stepping) and returns STEP_DONE unless something else happened first. */
    EngineExit step(CpuState cpu);

    /** True when {@link #stepInstruction} is supported. */
    default boolean canStepInstruction() {
        return false;
    }

    /** Runs exactly one guest instruction and returns STEP_DONE unless something else happened first (diff --step insn). */
    default EngineExit stepInstruction(CpuState cpu) {
        throw new UnsupportedOperationException("engine '" + name() + "' cannot execute single instructions");
    }

    /** Drops translated code for guest range [va, va+len) (called after external writes, e.g. another engine ran). */
    void invalidate(long va, long len);

    /**
     * Called when the user-mode loop switches from this engine to {@code next} (a handoff):
     * leave the canonical {@link CpuState} complete and authoritative, and tell {@code next}
     * (through {@link #invalidate}) about guest code this engine may have changed behind the
     * memory's write tracking. TCG engines keep their state in the CpuState already: nothing to do.
     */
    default void leave(CpuState cpu, Engine next) {
    }

    /**
     * True when one instance may run several CPU states, each on its own JVM thread, at the same time (the
     * guest threads of a process then share it and its translated code); false for engines bound to one CPU.
     */
    default boolean runsManyCpus() {
        return false;
    }

    /**
     * The calling JVM thread will not run this engine again (its guest thread ended): per-thread state
     * (TLB-bound contexts, jump caches) may be dropped. Engines shared by parallel threads implement it.
     */
    default void threadEnded() {
    }

    /** Counters for {@code --stats} (name → number), in a stable order. */
    default java.util.Map<String, Object> statsMap() {
        return java.util.Map.of();
    }

    @Override
    default void close() {}
}
