package org.jtcg.cli;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineExit;

/** How far {@code jtcg diff} runs each engine between comparisons. */
enum StepMode {
    /** One translation block ({@link Engine#step}). */
    BLOCK,
    /** One guest instruction (one-instruction blocks for interp/jit, KVM single-step for kvm). */
    INSN,
    /** Until the next syscall, signal or halt ({@link Engine#run}). */
    SYSCALL;

    static StepMode parse(String s) {
        return switch (s) {
            case "block" -> BLOCK;
            case "insn" -> INSN;
            case "syscall" -> SYSCALL;
            default -> throw new IllegalArgumentException("unknown --step '" + s + "' (block, insn or syscall)");
        };
    }

    /** Null if the engine can step this way, else why not. */
    String unsupportedReason(Engine e) {
        if (this == INSN && !e.canStepInstruction()) {
            return "engine '" + e.name() + "' cannot execute single instructions";
        }
        if (this == BLOCK && !(e instanceof BlockEngine)) {
            // comparing after "one block" of a translating engine with "one step" of another would compare different points
            return "engine '" + e.name() + "' has no translation blocks; use --step insn or --step syscall";
        }
        return null;
    }

    EngineExit step(Engine e, CpuState cpu) {
        return switch (this) {
            case BLOCK -> e.step(cpu);
            case INSN -> e.stepInstruction(cpu);
            case SYSCALL -> e.run(cpu);
        };
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
