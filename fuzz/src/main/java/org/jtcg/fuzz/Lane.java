package org.jtcg.fuzz;

/**
 * Something that runs a sequence from an initial state and reports how it ended: an engine
 * ({@link EngineLane}) or an oracle process ({@link OracleLane}: qemu-user or the host CPU).
 */
public interface Lane extends AutoCloseable {
    String name();

    /** Runs {@code program} from {@code init}; failures become an outcome with {@link Outcome#error()}. */
    Outcome run(FuzzState init, Program program);

    /** Runs several sequences (the same as one {@link #run} each; an oracle lane starts one process for them). */
    default java.util.List<Outcome> runAll(java.util.List<FuzzState> inits, java.util.List<Program> programs) {
        java.util.List<Outcome> out = new java.util.ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            out.add(run(inits.get(i), programs.get(i)));
        }
        return out;
    }

    @Override
    void close();
}
