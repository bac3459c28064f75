package org.jtcg.cli;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockEngine;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.engine.EngineExit;

/** How far {@code jtcg diff} runs each engine between comparisons. */
enum StepMode {
    /** One translation block ({@link Engine#step}). */
    BLOCK,
    /** One guest instruction (a one-instruction block; engines built on {@link BlockEngine}). */
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
        if (this == INSN && !(e instanceof BlockEngine)) {
            return "engine '" + e.name() + "' cannot execute single instructions (--step insn needs a block engine such as interp or jit)";
        }
        return null;
    }

    EngineExit step(Engine e, CpuState cpu) {
        return switch (this) {
            case BLOCK -> e.step(cpu);
            case INSN -> ((BlockEngine) e).stepInstruction(cpu);
            case SYSCALL -> e.run(cpu);
        };
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
