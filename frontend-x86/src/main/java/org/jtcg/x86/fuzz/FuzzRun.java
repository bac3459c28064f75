package org.jtcg.x86.fuzz;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.core.engine.EngineProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A fuzzing run: generates {@code count} cases from {@code seed}, runs each on every engine, compares
 * every engine with the first (the reference: use kvm there for the host-CPU oracle), and for each
 * divergence (up to {@code maxReports}) minimises the case, finds the first diverging instruction
 * and writes a {@link Reproducer}. Engines are created once ({@link EngineLane}) and reused.
 */
public final class FuzzRun implements AutoCloseable {
    /** x86-64's ELF machine number. */
    public static final int EM_X86_64 = 62;

    /**
     * Run options.
     *
     * @param engines    engine names, at least two; the first is the reference
     * @param count      number of cases
     * @param seed       run seed
     * @param length     generated instructions per case
     * @param table      instruction forms
     * @param outDir     where reproducers go (created if missing), or null for none
     * @param maxReports divergences to minimise and write; further ones are only counted
     */
    public record Options(List<String> engines, long count, long seed, int length, PatternTable table, Path outDir,
                          int maxReports) {
        public Options {
            engines = List.copyOf(engines);
            if (engines.size() < 2) {
                throw new IllegalArgumentException("need at least two engines to compare");
            }
            if (count < 0 || length < 1 || maxReports < 0) {
                throw new IllegalArgumentException("count >= 0, length >= 1, maxReports >= 0");
            }
        }
    }

    /** Progress after each case. */
    public record Progress(long done, long total, long divergences, long elapsedNanos) {}

    /**
     * One minimised divergence.
     *
     * @param index       case number
     * @param engineA     reference engine
     * @param engineB     other engine
     * @param original    the divergence of the full case
     * @param originalLength instructions in the full case (guards included)
     * @param minimised   the minimised case
     * @param program     its program
     * @param divergence  its divergence
     * @param culprit     index of the first instruction after which the engines disagree (-1: before any)
     * @param reproducer  file written, or null
     */
    public record Finding(long index, String engineA, String engineB, Divergence original, int originalLength,
                          FuzzCase minimised, Program program, Divergence divergence, int culprit, Path reproducer) {
        /** The culprit's disassembly, or "(initial state)". */
        public String culpritText() {
            return culprit < 0 ? "(before the first instruction)" : program.disassemble(culprit);
        }

        /** Report lines. */
        public List<String> report() {
            List<String> out = new ArrayList<>();
            out.add(String.format("case %d (%s vs %s): %s", index, engineA, engineB, original.summary()));
            out.add(String.format("  minimised from %d to %d instructions; first diverging instruction: #%d at 0x%x: %s",
                    originalLength, program.size(), culprit, culprit < 0 ? FuzzLayout.CODE : program.pcs()[culprit], culpritText()));
            for (int i = 0; i < program.size(); i++) {
                out.add(String.format("    %s%2d 0x%x: %s", i == culprit ? ">" : " ", i, program.pcs()[i], program.disassemble(i)));
            }
            out.add("  " + divergence.summary());
            for (String d : divergence.details()) {
                out.add("    " + d);
            }
            if (reproducer != null) {
                out.add("  reproducer: " + reproducer + "   replay: jtcg fuzz --replay " + reproducer);
            }
            return out;
        }
    }

    /** What the caller sees as the run goes. */
    public interface Listener {
        default void progress(Progress p) {}

        default void finding(Finding f) {}

        /** A divergence beyond {@code maxReports}: counted, not minimised. */
        default void unreported(long index, String engineA, String engineB, Divergence d) {}
    }

    /**
     * Totals.
     *
     * @param cases        cases run
     * @param divergences  cases where some engine disagreed with the reference
     * @param findings     the minimised ones
     * @param engineNanos  time per engine (setup, run and state read-back), in engine order
     * @param wallNanos    whole run, generation and minimisation included
     * @param earlyStops   cases the reference engine did not run to the terminator, by "signal N at MNEMONIC"
     */
    public record Summary(long cases, long divergences, List<Finding> findings, long[] engineNanos, long wallNanos,
                          java.util.Map<String, Long> earlyStops) {
        /** Cases per second of engine time for the pair (reference, engine i). */
        public double pairRate(int i) {
            double s = (engineNanos[0] + engineNanos[i]) / 1e9;
            return s == 0 ? 0 : cases / s;
        }
    }

    private final Options o;
    private final MaskTable masks;
    private final Comparison comparison;
    private final List<EngineLane> lanes = new ArrayList<>();

    /**
     * Creates the engines.
     *
     * @param providers engine name to provider (null if unknown)
     * @throws IllegalArgumentException for an unknown engine or one that cannot run here (one line), or no x86_64 frontend
     */
    public FuzzRun(Options options, MaskTable masks, Function<String, EngineProvider> providers) {
        this.o = options;
        this.masks = masks;
        this.comparison = new Comparison(masks);
        GuestArch arch = GuestArch.forElfMachine(EM_X86_64);
        if (arch == null) {
            throw new IllegalArgumentException("no x86_64 frontend on the class path");
        }
        try {
            for (String e : options.engines()) {
                EngineProvider p = providers.apply(e);
                if (p == null) {
                    throw new IllegalArgumentException("unknown engine '" + e + "'");
                }
                lanes.add(new EngineLane(e, p, arch));
            }
        } catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** Runs all cases. */
    public Summary run(Listener listener) {
        SequenceGenerator gen = new SequenceGenerator(o.table(), masks, o.length());
        long t0 = System.nanoTime();
        long[] nanos = new long[lanes.size()];
        long divergences = 0;
        List<Finding> findings = new ArrayList<>();
        java.util.Map<String, Long> early = new java.util.TreeMap<>();
        for (long i = 0; i < o.count(); i++) {
            FuzzCase c = gen.generate(o.seed(), i);
            Program p = Program.of(c, masks);
            Outcome[] out = new Outcome[lanes.size()];
            for (int e = 0; e < lanes.size(); e++) {
                long s = System.nanoTime();
                out[e] = lanes.get(e).run(c.init(), p);
                nanos[e] += System.nanoTime() - s;
            }
            if (!out[0].completed(p)) {
                early.merge(earlyStop(p, out[0]), 1L, Long::sum);
            }
            boolean diverged = false;
            for (int e = 1; e < lanes.size(); e++) {
                Divergence d = comparison.compare(p, out[0], out[e]);
                if (d == null) {
                    continue;
                }
                diverged = true;
                if (findings.size() < o.maxReports()) {
                    Finding f = investigate(c, d, lanes.get(0), lanes.get(e));
                    findings.add(f);
                    listener.finding(f);
                } else {
                    listener.unreported(i, lanes.get(0).name(), lanes.get(e).name(), d);
                }
            }
            if (diverged) {
                divergences++;
            }
            listener.progress(new Progress(i + 1, o.count(), divergences, System.nanoTime() - t0));
        }
        return new Summary(o.count(), divergences, findings, nanos, System.nanoTime() - t0, early);
    }

    private static String earlyStop(Program p, Outcome o) {
        if (o.error() != null) {
            return "engine failure";
        }
        int i = p.indexOf(o.pc());
        String what = i >= 0 && i < p.size() ? p.decode(i).mnemonic().toLowerCase(java.util.Locale.ROOT) : String.format("pc 0x%x", o.pc());
        return (o.exit().kind() == org.jtcg.core.engine.EngineExit.Kind.SIGNAL ? "signal " + o.exit().signal()
                : o.exit().kind().name().toLowerCase(java.util.Locale.ROOT)) + " at " + what;
    }

    /** Minimises a diverging case, locates the first diverging instruction, writes the reproducer. */
    private Finding investigate(FuzzCase c, Divergence original, EngineLane a, EngineLane b) {
        Minimizer m = new Minimizer(masks, k -> check(k, a, b) != null);
        FuzzCase small = m.minimise(c);
        Program p = Program.of(small, masks);
        Divergence d = check(small, a, b);
        if (d == null) { // flaky: keep the original case
            small = c;
            p = Program.of(c, masks);
            d = original;
        }
        int culprit = m.firstDivergingInstruction(small);
        Path file = null;
        if (o.outDir() != null) {
            try {
                Files.createDirectories(o.outDir());
                file = o.outDir().resolve(Reproducer.fileName(o.seed(), c.index(), a.name(), b.name()));
                List<String> notes = new ArrayList<>();
                notes.add("divergence: " + d.summary());
                d.details().forEach(x -> notes.add("  " + x));
                notes.add(String.format("first diverging instruction: #%d", culprit));
                new Reproducer(List.of(a.name(), b.name()), o.seed(), c.index(), c.init(), p, notes).write(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write reproducer in " + o.outDir() + ": " + e.getMessage(), e);
            }
        }
        return new Finding(c.index(), a.name(), b.name(), original, c.instructions().size(), small, p, d, culprit, file);
    }

    private Divergence check(FuzzCase c, EngineLane a, EngineLane b) {
        Program p = Program.of(c, masks);
        return comparison.compare(p, a.run(c.init(), p), b.run(c.init(), p));
    }

    /** Runs a reproducer on the first two engines: null if they now agree. */
    public Divergence replay(Reproducer r) {
        return comparison.compare(r.program(), lanes.get(0).run(r.init(), r.program()), lanes.get(1).run(r.init(), r.program()));
    }

    public List<String> engineNames() {
        return lanes.stream().map(EngineLane::name).toList();
    }

    @Override
    public void close() {
        for (EngineLane l : lanes) {
            l.close();
        }
    }
}
