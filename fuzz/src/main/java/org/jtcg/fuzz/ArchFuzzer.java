package org.jtcg.fuzz;

import org.jtcg.cpreg.RegisterList;

import java.util.List;

/**
 * One run's per-architecture fuzzer (made by {@link FuzzTarget#open}): generates cases, turns code
 * read back from a reproducer into a {@link Program}, says which register bits are undefined where
 * a sequence stopped, and writes/reads the architecture's initial-state lines of a reproducer.
 * The meaning of a {@link Program}'s per-instruction undefined-state bits is the architecture's
 * (x86-64: arithmetic RFLAGS bits).
 */
public interface ArchFuzzer {
    FuzzTarget target();

    /** Where code and scratch data live and how sequences end. */
    FuzzLayout layout();

    /** Case {@code index} of seed {@code seed}; depends on nothing else (table and length aside). */
    FuzzCase generate(long seed, long index);

    /** A program from raw code (reproducers): disassembles each instruction. */
    Program program(byte[] code, long[] pcs, int[] undefinedAfter);

    /** Text of a set of undefined-state bits ("-" for none), and back. */
    String formatUndefined(int bits);

    int parseUndefined(String text);

    /**
     * Bits of register {@code id} that carry no defined value after the first {@code executed}
     * instructions of {@code p} ran, or null if every bit is defined.
     */
    long[] ignoredBits(Program p, int executed, long id);

    /** An extra note on two differing values of {@code id} (e.g. which flags), or "" for none. */
    default String explain(long id, long[] a, long[] b) {
        return "";
    }

    /** The reproducer lines for a state's registers (scratch lines are written by the caller). */
    List<String> formatRegisters(FuzzState state);

    /** True if {@code keyword} starts a register line this fuzzer reads. */
    boolean readsLine(String keyword);

    /**
     * The state from a reproducer's register lines (each split at white space) and scratch bytes.
     *
     * @throws IllegalArgumentException for a malformed line (the caller adds the line number)
     */
    FuzzState parseState(List<String[]> registerLines, byte[] scratch);

    /** The registers of {@code state} an engine starts from (pc included). */
    default RegisterList registers(FuzzState state) {
        return state.registers();
    }

    /** Lines for the user about the selection, e.g. forms left out for a qemu lane (none by default). */
    default List<String> notes() {
        return List.of();
    }

    /** Code around a sequence for the qemu-user / native oracle lanes, or null if this arch has none. */
    default OracleCode oracleCode() {
        return null;
    }
}
