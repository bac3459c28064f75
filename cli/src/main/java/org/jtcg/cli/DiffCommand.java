package org.jtcg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code jtcg diff}: run a guest under two engines in lockstep and report the first divergence. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Run a guest under two engines in lockstep, compare registers after every step (and memory at "
                + "syscalls), and report the first divergence with a reproducer snapshot.",
                "Syscalls with effects outside the guest (files, stdio, time, ids, random) run once, in A; B gets A's "
                        + "results and memory writes (docs/diff.md lists them). The guest's stdout/stderr are A's.",
                "Exit status: 0 if both runs agree to the end (same exit status), 1 at a divergence, 2 for usage errors, "
                        + "126/127 if the ELF or snapshot cannot be used or does not exist."})
final class DiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engines", required = true, paramLabel = "A,B", description = "The two engines, e.g. interp,jit.")
    String engines;

    @Option(names = "--step", paramLabel = "MODE", defaultValue = "block",
            description = "Comparison granularity: block (one translation block), insn (one instruction; block engines only) "
                    + "or syscall (run to the next syscall). Default: ${DEFAULT-VALUE}.")
    String step;

    @Option(names = "--masks", paramLabel = "FILE",
            description = "Extra register-mask table ('register ignore-bits when reason' lines, see docs/diff.md), "
                    + "added to the arch's built-in table.")
    String masksFile;

    @Option(names = "--reproducer", paramLabel = "FILE", defaultValue = "jtcg-divergence.snap",
            description = "Where to write the snapshot of the state before the diverging step (default: ${DEFAULT-VALUE}).")
    String reproducer;

    @Option(names = "--progress-every", paramLabel = "N", defaultValue = "0",
            description = "Print a progress line on stderr every N steps (default: every 5 seconds on long runs).")
    long progressEvery;

    @CommandLine.Mixin
    GuestTarget target = new GuestTarget();

    @Override
    public Integer call() {
        String[] e = engines.split(",", -1);
        if (e.length != 2 || e[0].isBlank() || e[1].isBlank()) {
            throw usage("--engines takes two engines, e.g. interp,jit");
        }
        StepMode mode;
        try {
            mode = StepMode.parse(step);
        } catch (IllegalArgumentException ex) {
            throw usage(ex.getMessage());
        }
        target.check(spec.commandLine());
        if (progressEvery < 0) {
            throw usage("--progress-every must not be negative");
        }
        List<String> maskLines = null;
        if (masksFile != null) {
            try {
                maskLines = Files.readAllLines(Path.of(masksFile), StandardCharsets.UTF_8);
            } catch (NoSuchFileException ex) {
                throw new CliError(ExitCodes.NOT_FOUND, masksFile + ": no such file");
            } catch (IOException ex) {
                throw new CliError(ExitCodes.NOT_EXECUTABLE, masksFile + ": cannot read: " + ex.getMessage());
            }
        }
        LockstepDiff.Options o = new LockstepDiff.Options(e[0].trim(), e[1].trim(), mode, target.elf, List.copyOf(target.args), target.resume,
                maskLines, masksFile, Path.of(reproducer), progressEvery);
        int status = new LockstepDiff(o, System.err).run();
        System.out.flush();
        return status;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
