package org.jtcg.cli;

import org.jtcg.cpreg.RegisterMaskTable;
import org.jtcg.fuzz.ArchFuzzer;
import org.jtcg.fuzz.Divergence;
import org.jtcg.fuzz.FuzzRun;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.OracleLane;
import org.jtcg.fuzz.Reproducer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jtcg fuzz}: random instruction sequences of one architecture (its {@link FuzzTarget}) under
 * several engines or oracle lanes, compared (docs/fuzz.md).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, modelTransformer = FuzzGroupsHelp.class,
        description = {"Run random instruction sequences (risu-style) under several engines and compare the final registers "
                + "and scratch memory; every divergence is minimised and written as a reproducer.",
                "The first engine is the reference; use kvm or native there to test against the host CPU, qemu for qemu-user "
                        + "as the oracle (a tiny static ELF per sequence under qemu-ARCH-static).",
                "Exit status: 0 if the engines agree on every sequence, 1 if any diverged, 2 for usage errors or an engine "
                        + "that cannot run here, 126/127 for a --replay file that cannot be used / does not exist."})
final class FuzzCommand implements java.util.concurrent.Callable<Integer> {
    private static final long PROGRESS_NANOS = 250_000_000L;
    private static final long PROGRESS_NANOS_NO_TTY = 10_000_000_000L;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "x86_64", description = "Guest architecture with a fuzz target (" + FuzzGroupsHelp.ARCHES + "). Default: ${DEFAULT-VALUE}.")
    String arch;

    @Option(names = "--engines", paramLabel = "A,B[,C...]", description = "Engines to compare, reference first, e.g. kvm,jit, interp,jit or qemu,jit; the lanes qemu and native run "
            + "each sequence as a process under qemu-user or on the host CPU.")
    String engines;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000", description = "Number of sequences. Default: ${DEFAULT-VALUE}.")
    long count;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: random, printed in the summary). Sequence i of seed S is always the same.")
    Long seed;

    @Option(names = "--length", paramLabel = "L", defaultValue = "20", description = "Instructions per sequence (division guards not counted). Default: ${DEFAULT-VALUE}.")
    int length;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".", description = "Directory for reproducer files. Default: the current directory.")
    String out;

    @Option(names = "--groups", paramLabel = "G,...", description = "Instruction groups to draw from " + FuzzGroupsHelp.GROUPS + ".")
    String groups;

    @Option(names = "--exclude", paramLabel = "MNEMONIC,...", description = "Mnemonics (x86_64) or pattern-row names (aarch64, s390x; NAME* for a prefix) never to generate.")
    String exclude;

    @Option(names = "--max-reports", paramLabel = "N", defaultValue = "10", description = "Divergences to minimise and write (later ones are only counted). Default: ${DEFAULT-VALUE}.")
    int maxReports;

    @Option(names = "--masks", paramLabel = "FILE", description = "Extra register-mask table (docs/diff.md format), added to the architecture's built-in one.")
    String masksFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Run a reproducer again (engines from the file unless --engines is given).")
    String replay;

    @Override
    public Integer call() {
        FuzzTarget target = FuzzTarget.forArch(arch);
        if (target == null) {
            throw usage("--arch " + arch + ": no fuzz target for this architecture (available: "
                    + String.join(", ", FuzzTarget.available()) + ")");
        }
        List<String> maskLines = maskLines();
        if (replay != null) {
            return replay(maskLines);
        }
        if (engines == null) {
            throw usage("Missing required option: '--engines=A,B'");
        }
        List<String> names = engineList();
        if (count < 0 || length < 1 || length > 500 || maxReports < 0) {
            throw usage("--count must be >= 0, --length 1..500, --max-reports >= 0");
        }
        List<String> groupList = groups == null ? null : Arrays.stream(groups.split(",")).map(String::trim).toList();
        List<String> excluded = exclude == null ? List.of() : Arrays.stream(exclude.split(",")).map(String::trim).toList();
        ArchFuzzer fuzzer;
        try {
            fuzzer = target.open(new FuzzTarget.Selection(groupList, excluded, length, maskLines, String.valueOf(masksFile),
                    names.contains(OracleLane.QEMU)));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        long s = seed != null ? seed : new SecureRandom().nextLong() & Long.MAX_VALUE;
        PrintStream err = System.err;
        fuzzer.notes().forEach(n -> err.println("jtcg fuzz: " + n));
        FuzzRun.Options o = new FuzzRun.Options(names, count, s, Path.of(out), maxReports);
        try (FuzzRun run = open(o, fuzzer)) {
            Progress progress = new Progress(err, names);
            FuzzRun.Summary sum = run.run(progress);
            progress.finish();
            printSummary(err, sum, names, s);
            err.flush();
            return sum.divergences() == 0 ? 0 : 1;
        }
    }

    private List<String> engineList() {
        List<String> names = Arrays.stream(engines.split(",", -1)).map(String::trim).toList();
        if (names.size() < 2 || names.stream().anyMatch(String::isEmpty)) {
            throw usage("--engines takes two or more engines, e.g. kvm,jit");
        }
        checkEngines(names);
        return names;
    }

    /** Unknown names: one line, status 2 (the oracle lanes are not engine providers). */
    private static void checkEngines(List<String> names) {
        names.stream().filter(n -> !OracleLane.isOracle(n)).forEach(GuestSession::providerByName);
    }

    private FuzzRun open(FuzzRun.Options o, ArchFuzzer fuzzer) {
        try {
            return new FuzzRun(o, fuzzer, GuestSession::providerByName);
        } catch (IllegalArgumentException e) { // an engine that cannot run here, no frontend
            throw new CliError(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** The {@code --masks} file's lines, checked (none without the option). */
    private List<String> maskLines() {
        if (masksFile == null) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(Path.of(masksFile), StandardCharsets.UTF_8);
            RegisterMaskTable.parse(lines, masksFile);
            return lines;
        } catch (NoSuchFileException e) {
            throw new CliError(ExitCodes.NOT_FOUND, masksFile + ": no such file");
        } catch (IOException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, masksFile + ": cannot read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, e.getMessage());
        }
    }

    private int replay(List<String> maskLines) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(replay), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliError(ExitCodes.NOT_FOUND, replay + ": no such file");
        } catch (IOException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, replay + ": cannot read: " + e.getMessage());
        }
        String fileArch = Reproducer.archOf(lines, arch);
        FuzzTarget target = FuzzTarget.forArch(fileArch);
        if (target == null) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, replay + ": arch " + fileArch + " has no fuzz target (available: "
                    + String.join(", ", FuzzTarget.available()) + ")");
        }
        ArchFuzzer fuzzer = target.open(new FuzzTarget.Selection(null, List.of(), 1, maskLines, String.valueOf(masksFile), false));
        Reproducer r;
        try {
            r = Reproducer.parse(lines, fuzzer);
        } catch (IllegalArgumentException e) {
            throw new CliError(ExitCodes.NOT_EXECUTABLE, replay + ": " + e.getMessage());
        }
        List<String> names = engines != null ? engineList() : r.engines();
        if (names.size() < 2) {
            throw usage(replay + " names no engines: give --engines A,B");
        }
        checkEngines(names);
        FuzzRun.Options o = new FuzzRun.Options(names.subList(0, 2), 0, r.seed(), null, 0);
        PrintStream err = System.err;
        try (FuzzRun run = open(o, fuzzer)) {
            Divergence d = run.replay(r);
            if (d == null) {
                err.printf("jtcg fuzz: %s and %s agree on %s (%d instructions)%n", names.get(0), names.get(1), replay, r.program().size());
                return 0;
            }
            err.printf("jtcg fuzz: %s vs %s on %s: %s%n", names.get(0), names.get(1), replay, d.summary());
            for (int i = 0; i < r.program().size(); i++) {
                err.printf("    %2d 0x%x: %s%n", i, r.program().pcs()[i], r.program().disassemble(i));
            }
            d.details().forEach(x -> err.println("    " + x));
            return 1;
        }
    }

    private static void printSummary(PrintStream err, FuzzRun.Summary s, List<String> names, long seed) {
        err.printf(Locale.ROOT, "jtcg fuzz: %d sequences, seed %d: %s; %.1f s%n", s.cases(), seed,
                s.divergences() == 0 ? "no divergences" : s.divergences() + " diverged", s.wallNanos() / 1e9);
        for (int i = 1; i < names.size(); i++) {
            err.printf(Locale.ROOT, "  %s vs %s: %.0f sequences/s (engine time %.2f s + %.2f s)%n", names.get(0), names.get(i),
                    s.pairRate(i), s.engineNanos()[0] / 1e9, s.engineNanos()[i] / 1e9);
        }
        if (!s.earlyStops().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Long> e : s.earlyStops().entrySet()) {
                b.append(b.length() == 0 ? "" : ", ").append(e.getValue()).append(" x ").append(e.getKey());
            }
            err.println("  stopped before the end on " + names.get(0) + ": " + b);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Progress line (rewritten in place on a terminal) and the findings as they come. */
    private static final class Progress implements FuzzRun.Listener {
        private final PrintStream err;
        private final List<String> names;
        private final boolean tty = System.console() != null;
        private long next = System.nanoTime() + PROGRESS_NANOS;
        private boolean lineOpen;

        Progress(PrintStream err, List<String> names) {
            this.err = err;
            this.names = names;
        }

        @Override
        public void progress(FuzzRun.Progress p) {
            long now = System.nanoTime();
            if (now < next && p.done() != p.total()) {
                return;
            }
            next = now + (tty ? PROGRESS_NANOS : PROGRESS_NANOS_NO_TTY);
            String text = String.format(Locale.ROOT, "jtcg fuzz: %d/%d sequences, %d diverged, %.0f/s", p.done(), p.total(),
                    p.divergences(), p.done() / Math.max(1e-9, p.elapsedNanos() / 1e9));
            if (tty) {
                err.print("\r" + text + "   ");
                lineOpen = true;
            } else if (p.done() != p.total()) {
                err.println(text);
            }
            err.flush();
        }

        @Override
        public void finding(FuzzRun.Finding f) {
            finish();
            f.report().forEach(err::println);
        }

        @Override
        public void unreported(long index, String a, String b, Divergence d) {
            finish();
            err.printf("case %d (%s vs %s): %s (not minimised: --max-reports reached)%n", index, a, b, d.summary());
        }

        void finish() {
            if (lineOpen) {
                err.println();
                lineOpen = false;
            }
        }
    }
}
