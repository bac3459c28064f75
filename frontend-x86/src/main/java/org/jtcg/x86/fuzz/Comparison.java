package org.jtcg.x86.fuzz;

import org.jtcg.cpreg.RegisterDiff;
import org.jtcg.cpreg.X86Registers;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two {@link Outcome}s of one {@link Program}: engine failures, then the way they stopped
 * (signal and instruction), then every canonical register and the scratch block. RFLAGS bits that
 * are architecturally undefined where the engines stopped (per the mask table and the pattern
 * rows, tracked along the sequence) are ignored, and so are bits other mask-table entries name for
 * instructions the sequence ran.
 */
public final class Comparison {
    private static final int SHOWN_BYTES = 8;

    private final MaskTable masks;

    public Comparison(MaskTable masks) {
        this.masks = masks;
    }

    /** Null when the outcomes agree. */
    public Divergence compare(Program p, Outcome a, Outcome b) {
        if (a.error() != null || b.error() != null) {
            return new Divergence(Divergence.Kind.ENGINE_FAILURE, "A: " + a.describe(p) + "; B: " + b.describe(p), List.of(), List.of());
        }
        if (a.exit().kind() != b.exit().kind() || a.exit().signal() != b.exit().signal() || a.pc() != b.pc()) {
            return new Divergence(Divergence.Kind.EXIT, "A stopped with " + a.describe(p) + ", B with " + b.describe(p),
                    List.of(), List.of());
        }
        int stop = p.indexOf(a.pc());
        int executed = stop < 0 ? p.size() : stop;
        long undefinedFlags = p.undefinedBefore(executed);
        List<String> mnemonics = p.mnemonics(executed);
        List<RegisterDiff> left = new ArrayList<>();
        for (RegisterDiff d : a.registers().diff(b.registers())) {
            if (d.a() == null || d.b() == null) {
                left.add(d);
                continue;
            }
            long[] ignore = d.id() == X86Registers.RFLAGS ? new long[] {undefinedFlags} : masks.ignoredBits(d.id(), mnemonics);
            if (ignore == null || !equalOutside(d.a(), d.b(), ignore)) {
                left.add(d);
            }
        }
        List<Integer> mem = new ArrayList<>();
        byte[] sa = a.scratch(), sb = b.scratch();
        int differing = 0;
        for (int i = 0; i < sa.length; i++) {
            if (sa[i] != sb[i]) {
                differing++;
                if (mem.size() < SHOWN_BYTES) {
                    mem.add(i);
                }
            }
        }
        if (left.isEmpty() && mem.isEmpty()) {
            return null;
        }
        String where = "after " + (stop == p.size() ? "the whole sequence" : a.describe(p));
        if (!left.isEmpty()) {
            return new Divergence(Divergence.Kind.REGISTERS, "registers differ " + where + ": " + String.join(", ",
                    left.stream().map(RegisterDiff::name).toList()) + (differing == 0 ? "" : "; " + differing + " scratch bytes differ"),
                    left, mem);
        }
        return new Divergence(Divergence.Kind.MEMORY, differing + " scratch bytes differ " + where, left, mem);
    }

    private static boolean equalOutside(long[] x, long[] y, long[] ignore) {
        for (int w = 0; w < x.length; w++) {
            if (((x[w] ^ y[w]) & ~ignore[w]) != 0) {
                return false;
            }
        }
        return true;
    }
}
