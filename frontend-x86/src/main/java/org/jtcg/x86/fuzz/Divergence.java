package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegisterDiff;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.X86Registers;

import java.util.ArrayList;
import java.util.List;

/**
 * Two engines ended a sequence differently.
 *
 * @param kind      what differed
 * @param summary   one line
 * @param registers differing registers after masking (A's and B's values)
 * @param scratch   differing scratch offsets (at most a few, for the report)
 */
public record Divergence(Kind kind, String summary, List<RegisterDiff> registers, List<Integer> scratch) {
    /** What differed, most severe first. */
    public enum Kind { ENGINE_FAILURE, EXIT, REGISTERS, MEMORY }

    public Divergence {
        registers = List.copyOf(registers);
        scratch = List.copyOf(scratch);
    }

    /** Names of the differing registers, e.g. [rax, rflags]. */
    public List<String> registerNames() {
        return registers.stream().map(d -> RegisterNames.name(d.id())).toList();
    }

    /** Report lines (A's value first). */
    public List<String> details() {
        List<String> out = new ArrayList<>();
        for (RegisterDiff d : registers) {
            String extra = "";
            if (d.id() == X86Registers.RFLAGS && d.a() != null && d.b() != null) {
                extra = "  (arithmetic flags differing: " + FlagBits.format((d.a()[0] ^ d.b()[0]) & FlagBits.ALL) + ")";
            }
            out.add(RegisterNames.name(d.id()) + ": " + words(d.a()) + " != " + words(d.b()) + extra);
        }
        for (int off : scratch) {
            out.add(String.format("scratch+0x%x (0x%x) differs", off, FuzzLayout.SCRATCH + off));
        }
        return out;
    }

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
