package org.jtcg.fuzz;

import org.jtcg.cpreg.RegisterDiff;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two {@link Outcome}s of one {@link Program}: lane failures, then the way they stopped
 * (signal and instruction), then every register both lanes report and the scratch block. Bits the
 * {@link ArchFuzzer} calls undefined where the lanes stopped are ignored.
 *
 * <p>An oracle process that died of a signal reports neither pc nor state: then only the signal is
 * compared, and the other lane must also have stopped inside the sequence (not at the terminator).
 * An oracle reports only the registers it dumps ({@link Outcome#partial()}); registers it lacks are
 * not compared.
 */
public final class Comparison {
    private static final int SHOWN_BYTES = 8;

    private final ArchFuzzer fuzzer;

    public Comparison(ArchFuzzer fuzzer) {
        this.fuzzer = fuzzer;
    }

    /** Null when the outcomes agree. */
    public Divergence compare(Program p, Outcome a, Outcome b) {
        if (a.error() != null || b.error() != null) {
            return new Divergence(Divergence.Kind.ENGINE_FAILURE, "A: " + a.describe(p) + "; B: " + b.describe(p), List.of(), List.of(), List.of());
        }
        boolean sameStop = a.exit().kind() == b.exit().kind() && a.exit().signal() == b.exit().signal();
        if (!a.stateKnown() || !b.stateKnown()) {
            FuzzLayout layout = fuzzer.layout();
            boolean eitherCompleted = a.completed(p, layout) || b.completed(p, layout);
            return sameStop && !eitherCompleted ? null : exitDivergence(p, a, b);
        }
        if (!sameStop || a.pc() != b.pc()) {
            return exitDivergence(p, a, b);
        }
        int stop = p.indexOf(a.pc());
        int executed = stop < 0 ? p.size() : stop;
        List<RegisterDiff> left = new ArrayList<>();
        for (RegisterDiff d : a.registers().diff(b.registers())) {
            if (d.a() == null || d.b() == null) {
                if (!(d.a() == null && a.partial() || d.b() == null && b.partial())) {
                    left.add(d);
                }
                continue;
            }
            long[] ignore = or(or(fuzzer.ignoredBits(p, executed, d.id()), a.unreliable().get(d.id())), b.unreliable().get(d.id()));
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
                    left, mem, details(left, mem));
        }
        return new Divergence(Divergence.Kind.MEMORY, differing + " scratch bytes differ " + where, left, mem, details(left, mem));
    }

    private static Divergence exitDivergence(Program p, Outcome a, Outcome b) {
        return new Divergence(Divergence.Kind.EXIT, "A stopped with " + a.describe(p) + ", B with " + b.describe(p), List.of(), List.of(),
                List.of());
    }

    private static long[] or(long[] x, long[] y) {
        if (x == null || y == null) {
            return x == null ? y : x;
        }
        long[] out = x.clone();
        for (int w = 0; w < out.length && w < y.length; w++) {
            out[w] |= y[w];
        }
        return out;
    }

    private static boolean equalOutside(long[] x, long[] y, long[] ignore) {
        for (int w = 0; w < x.length; w++) {
            if (((x[w] ^ y[w]) & ~ignore[w]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Report lines for differing registers and scratch offsets (A's value first). */
    private List<String> details(List<RegisterDiff> registers, List<Integer> scratch) {
        List<String> out = new ArrayList<>();
        for (RegisterDiff r : registers) {
            String extra = r.a() != null && r.b() != null ? fuzzer.explain(r.id(), r.a(), r.b()) : "";
            out.add(r.name() + ": " + Divergence.words(r.a()) + " != " + Divergence.words(r.b()) + (extra.isEmpty() ? "" : "  (" + extra + ")"));
        }
        for (int off : scratch) {
            out.add(String.format("scratch+0x%x (0x%x) differs", off, fuzzer.layout().scratch() + off));
        }
        return out;
    }
}
