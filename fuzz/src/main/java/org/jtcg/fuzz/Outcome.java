package org.jtcg.fuzz;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.cpreg.RegisterList;

/**
 * How one lane ended a sequence.
 *
 * @param exit      the exit (null if the lane failed)
 * @param pc        pc at the exit, or {@link #UNKNOWN_PC} when an oracle process died of a signal
 *                  somewhere inside the sequence (its state is then unknown too)
 * @param registers the registers at the exit
 * @param partial   true if {@code registers} holds only the registers an oracle dumps (an engine
 *                  lane captures every canonical register)
 * @param scratch   the scratch block at the exit (null when unknown)
 * @param error     what went wrong when the lane failed, else null
 * @param nanos     time spent running (setup excluded)
 * @param unreliable register bits this lane is known to get wrong (register id to bit mask), not compared;
 *                  empty for engines (see {@link OracleCode#qemuUnreliableBits()})
 */
public record Outcome(EngineExit exit, long pc, RegisterList registers, boolean partial, byte[] scratch, String error, long nanos,
                      java.util.Map<Long, long[]> unreliable) {
    /** pc of an oracle that died of a signal inside the sequence. */
    public static final long UNKNOWN_PC = -1;

    /** A lane failure. */
    public static Outcome failed(String error, long nanos) {
        return new Outcome(null, UNKNOWN_PC, RegisterList.empty(), true, null, error, nanos, java.util.Map.of());
    }

    /** True if pc (and so the state) is known. */
    public boolean stateKnown() {
        return error == null && pc != UNKNOWN_PC;
    }

    /** "signal 4 at instruction 3" style text. */
    public String describe(Program p) {
        if (error != null) {
            return "engine failure: " + error;
        }
        String where;
        if (pc == UNKNOWN_PC) {
            where = "an instruction of the sequence (the oracle reports no pc)";
        } else {
            int i = p.indexOf(pc);
            where = i == p.size() ? "the terminator" : i >= 0 ? "instruction " + i : String.format("pc 0x%x", pc);
        }
        return switch (exit.kind()) {
            case SIGNAL -> "signal " + exit.signal() + (pc == UNKNOWN_PC ? "" : " (si_code " + exit.siCode() + ")") + " at " + where
                    + (exit.detail() == null ? "" : " [" + exit.detail() + "]");
            default -> exit.kind().name().toLowerCase(java.util.Locale.ROOT) + " at " + where;
        };
    }

    /** True if the sequence ran to the terminator. */
    public boolean completed(Program p, FuzzLayout layout) {
        return error == null && exit.kind() == EngineExit.Kind.SIGNAL && exit.signal() == layout.terminatorSignal() && pc == p.end();
    }
}
