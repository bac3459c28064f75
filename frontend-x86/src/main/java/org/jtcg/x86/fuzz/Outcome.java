package org.jtcg.x86.fuzz;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.cpreg.RegisterList;

/**
 * How one engine ended a sequence.
 *
 * @param exit      the engine's exit (null if it threw)
 * @param pc        cpu.pc at the exit
 * @param registers every canonical register at the exit
 * @param scratch   the scratch block at the exit
 * @param error     the exception text when the engine failed, else null
 * @param nanos     time spent in the engine (setup excluded)
 */
public record Outcome(EngineExit exit, long pc, RegisterList registers, byte[] scratch, String error, long nanos) {
    /** "signal 4 at instruction 3" style text. */
    public String describe(Program p) {
        if (error != null) {
            return "engine failure: " + error;
        }
        int i = p.indexOf(pc);
        String where = i == p.size() ? "the terminator" : i >= 0 ? "instruction " + i : String.format("pc 0x%x", pc);
        return switch (exit.kind()) {
            case SIGNAL -> "signal " + exit.signal() + " (si_code " + exit.siCode() + ") at " + where
                    + (exit.detail() == null ? "" : " [" + exit.detail() + "]");
            default -> exit.kind().name().toLowerCase(java.util.Locale.ROOT) + " at " + where;
        };
    }

    /** True if the sequence ran to the ud2 terminator. */
    public boolean completed(Program p) {
        return error == null && exit.kind() == EngineExit.Kind.SIGNAL && exit.signal() == FuzzLayout.SIGILL && pc == p.end();
    }
}
