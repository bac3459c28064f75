package org.jtcg.fuzz;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.engine.EngineProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A fuzzing run: generates {@code count} cases from {@code seed}, runs each on every lane, compares
 * every lane with the first (the reference: kvm, native or qemu for an oracle), and for each
 * divergence (up to {@code maxReports}) minimises the case, finds the first diverging instruction
 * and writes a {@link Reproducer}. Lanes are opened once and reused.
 */
public final class FuzzRun implements AutoCloseable {
    /**
     * Run options.
     *
     * @param engines    lane names, at least two; the first is the reference
     * @param count      number of cases
     * @param seed       run seed
     * @param outDir     where reproducers go (created if missing), or null for none
     * @param maxReports divergences to minimise and write; further ones are only counted
     */
    public record Options(List<String> engines, long count, long seed, Path outDir, int maxReports) {
        public Options {
            engines = List.copyOf(engines);
            if (engines.size() < 2) {
                throw new IllegalArgumentException("need at least two engines to compare");
            }
            if (count < 0 || maxReports < 0) {
                throw new IllegalArgumentException("count >= 0, maxReports >= 0");
            }
        }
    }

    /** Progress after each case. */
    public record Progress(long done, long total, long divergences, long elapsedNanos) {}

    /**
     * One minimised divergence.
     *
     * @param index          case number
     * @param engineA        reference lane
     * @param engineB        other lane
     * @param original       the divergence of the full case
     * @param originalLength instructions in the full case (guards included)
     * @param minimised      the minimised case
     * @param program        its program
     * @param divergence     its divergence
     * @param culprit        index of the first instruction after which the lanes disagree (-1: before any)
     * @param reproducer     file written, or null
     */
    public record Finding(long index, String engineA, String engineB, Divergence original, int originalLength,
                          FuzzCase minimised, Program program, Divergence divergence, int culprit, Path reproducer) {
        /** The culprit's disassembly. */
        public String culpritText() {
            return culprit < 0 ? "(before the first instruction)" : program.disassemble(culprit);
        }

        /** Report lines. */
        public List<String> report() {
            List<String> out = new ArrayList<>();
            out.add(String.format("case %d (%s vs %s): %s", index, engineA, engineB, original.summary()));
            out.add(String.format("  minimised from %d to %d instructions; first diverging instruction: #%d at 0x%x: %s",
                    originalLength, program.size(), culprit, culprit < 0 ? program.base() : program.pcs()[culprit], culpritText()));
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
     * @param cases       cases run
     * @param divergences cases where some lane disagreed with the reference
     * @param findings    the minimised ones
     * @param engineNanos time per lane (setup, run and state read-back), in lane order
     * @param wallNanos   whole run, generation and minimisation included
     * @param earlyStops  cases the reference lane did not run to the terminator, by "signal N at MNEMONIC"
     */
    public record Summary(long cases, long divergences, List<Finding> findings, long[] engineNanos, long wallNanos,
                          Map<String, Long> earlyStops) {
        /** Cases per second of lane time for the pair (reference, lane i). */
        public double pairRate(int i) {
            double s = (engineNanos[0] + engineNanos[i]) / 1e9;
            return s == 0 ? 0 : cases / s;
        }
    }

    private final Options o;
    private final ArchFuzzer fuzzer;
    private final Comparison comparison;
    private final List<Lane> lanes = new ArrayList<>();

    /**
     * Opens the lanes.
     *
     * @param providers engine name to provider (null if unknown); the names {@link OracleLane#QEMU}
     *                  and {@link OracleLane#NATIVE} are the oracle lanes
     * @throws IllegalArgumentException for an unknown engine or one that cannot run here (one line)
     */
    public FuzzRun(Options options, ArchFuzzer fuzzer, Function<String, EngineProvider> providers) {
        this.o = options;
        this.fuzzer = fuzzer;
        this.comparison = new Comparison(fuzzer);
        try {
            for (String e : options.engines()) {
                lanes.add(openLane(e, fuzzer, providers));
            }
        } catch (RuntimeException ex) {
            close();
            throw ex;
        }
    }

    /** The lane called {@code name}: an oracle lane or an engine. */
    public static Lane openLane(String name, ArchFuzzer fuzzer, Function<String, EngineProvider> providers) {
        if (OracleLane.isOracle(name)) {
            return OracleLane.open(name, fuzzer);
        }
        EngineProvider p = providers.apply(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown engine '" + name + "'");
        }
        return new EngineLane(name, p, fuzzer);
    }

    /** Cases run together: an oracle lane starts one process per batch. */
    static final int BATCH = 16;

    /** Runs all cases. */
    public Summary run(Listener listener) {
        long t0 = System.nanoTime();
        long[] nanos = new long[lanes.size()];
        long divergences = 0;
        List<Finding> findings = new ArrayList<>();
        Map<String, Long> early = new TreeMap<>();
        for (long first = 0; first < o.count(); first += BATCH) {
            List<FuzzCase> cases = new ArrayList<>();
            for (long i = first; i < Math.min(o.count(), first + BATCH); i++) {
                cases.add(fuzzer.generate(o.seed(), i));
            }
            List<Program> programs = cases.stream().map(FuzzCase::program).toList();
            List<FuzzState> inits = cases.stream().map(FuzzCase::init).toList();
            List<List<Outcome>> out = new ArrayList<>();
            for (int e = 0; e < lanes.size(); e++) {
                long s = System.nanoTime();
                out.add(lanes.get(e).runAll(inits, programs));
                nanos[e] += System.nanoTime() - s;
            }
            for (int k = 0; k < cases.size(); k++) {
                FuzzCase c = cases.get(k);
                Program p = programs.get(k);
                Outcome ref = out.get(0).get(k);
                if (!ref.completed(p, fuzzer.layout())) {
                    early.merge(earlyStop(p, ref), 1L, Long::sum);
                }
                boolean diverged = false;
                for (int e = 1; e < lanes.size(); e++) {
                    Divergence d = comparison.compare(p, ref, out.get(e).get(k));
                    if (d == null) {
                        continue;
                    }
                    diverged = true;
                    if (findings.size() < o.maxReports()) {
                        Finding f = investigate(c, d, lanes.get(0), lanes.get(e));
                        findings.add(f);
                        listener.finding(f);
                    } else {
                        listener.unreported(c.index(), lanes.get(0).name(), lanes.get(e).name(), d);
                    }
                }
                if (diverged) {
                    divergences++;
                }
                listener.progress(new Progress(c.index() + 1, o.count(), divergences, System.nanoTime() - t0));
            }
        }
        return new Summary(o.count(), divergences, findings, nanos, System.nanoTime() - t0, early);
    }

    private static String earlyStop(Program p, Outcome o) {
        if (o.error() != null) {
            return "engine failure";
        }
        int i = p.indexOf(o.pc());
        String what = i >= 0 && i < p.size() ? p.mnemonics().get(i)
                : o.pc() == Outcome.UNKNOWN_PC ? "an unknown instruction" : String.format("pc 0x%x", o.pc());
        return (o.exit().kind() == EngineExit.Kind.SIGNAL ? "signal " + o.exit().signal()
                : o.exit().kind().name().toLowerCase(Locale.ROOT)) + " at " + what;
    }

    /** Minimises a diverging case, locates the first diverging instruction, writes the reproducer. */
    private Finding investigate(FuzzCase c, Divergence original, Lane a, Lane b) {
        Minimizer m = new Minimizer(k -> check(k, a, b) != null);
        FuzzCase small = m.minimise(c);
        Divergence d = check(small, a, b);
        if (d == null) { // flaky: keep the original case
            small = c;
            d = original;
        }
        Program p = small.program();
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
                new Reproducer(fuzzer.target().arch(), List.of(a.name(), b.name()), o.seed(), c.index(), c.init(), p, notes)
                        .write(file, fuzzer);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write reproducer in " + o.outDir() + ": " + e.getMessage(), e);
            }
        }
        return new Finding(c.index(), a.name(), b.name(), original, c.instructionCount(), small, p, d, culprit, file);
    }

    private Divergence check(FuzzCase c, Lane a, Lane b) {
        Program p = c.program();
        return comparison.compare(p, a.run(c.init(), p), b.run(c.init(), p));
    }

    /** Runs a reproducer on the first two lanes: null if they now agree. */
    public Divergence replay(Reproducer r) {
        return comparison.compare(r.program(), lanes.get(0).run(r.init(), r.program()), lanes.get(1).run(r.init(), r.program()));
    }

    public List<String> engineNames() {
        return lanes.stream().map(Lane::name).toList();
    }

    @Override
    public void close() {
        for (Lane l : lanes) {
            l.close();
        }
    }
}
