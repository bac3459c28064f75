package org.jtcg.fuzz;

/**
 * Something that runs a sequence from an initial state and reports how it ended: an engine
 * ({@link EngineLane}) or an oracle process ({@link OracleLane}: qemu-user or the host CPU).
 */
public interface Lane extends AutoCloseable {
    String name();

    /** Runs {@code program} from {@code init}; failures become an outcome with {@link Outcome#error()}. */
    Outcome run(FuzzState init, Program program);

    @Override
    void close();
}
