package org.jtcg.fuzz;

import org.jtcg.cpreg.RegisterDiff;
import org.jtcg.cpreg.RegisterNames;

import java.util.List;

/**
 * Two lanes ended a sequence differently.
 *
 * @param kind      what differed
 * @param summary   one line
 * @param registers differing registers after masking (A's and B's values)
 * @param scratch   differing scratch offsets (at most a few, for the report)
 * @param details   report lines: each register's two values, each scratch offset
 */
public record Divergence(Kind kind, String summary, List<RegisterDiff> registers, List<Integer> scratch, List<String> details) {
    /** What differed, most severe first. */
    public enum Kind { ENGINE_FAILURE, EXIT, REGISTERS, MEMORY }

    public Divergence {
        registers = List.copyOf(registers);
        scratch = List.copyOf(scratch);
        details = List.copyOf(details);
    }

    /** Names of the differing registers, e.g. [x86.rax, x86.rflags]. */
    public List<String> registerNames() {
        return registers.stream().map(d -> RegisterNames.name(d.id())).toList();
    }

    /** A register value in hex, most significant word first ("<absent>" for null). */
    static String words(long[] w) {
        if (w == null) {
            return "<absent>";
        }
        StringBuilder b = new StringBuilder("0x");
        for (int i = w.length - 1; i >= 0; i--) {
            b.append(i == w.length - 1 ? Long.toHexString(w[i]) : String.format("_%016x", w[i]));
        }
        return b.toString();
    }
}
