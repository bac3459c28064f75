package org.jtcg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code jtcg run}: run a Linux guest binary. */
@Command(name = "run", description = "Run a Linux guest binary (static or static-PIE ELF64).",
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
    static final Set<String> TRACE_FLAGS = Set.of("in_asm", "op", "exec");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "jit",
            description = "Engine to start with: interp, jit or kvm (default: ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--handoff", paramLabel = "ENGINE@N[,ENGINE@N...]",
            description = "Switch engine after the Nth syscall, e.g. kvm@20,jit@40.")
    String handoff;

    @Option(names = "--strace", description = "Print each syscall on stderr like strace.")
    boolean strace;

    @Option(names = "--stats", description = "Print one JSON object with run statistics on stderr at exit.")
    boolean stats;

    @Option(names = "--verify-sync", description = "KVM only: compare lazily synced registers with a full fetch after every exit.")
    boolean verifySync;

    @Option(names = "--snapshot-at", paramLabel = "N", description = "Write a snapshot after the Nth syscall (with --snapshot-out).")
    Long snapshotAt;

    @Option(names = "--snapshot-out", paramLabel = "FILE", description = "Where --snapshot-at writes the snapshot.")
    String snapshotOut;

    @Option(names = "--trace", paramLabel = "FLAGS", split = ",",
            description = "Trace to stderr: in_asm (guest disassembly per block), op (IR per block), exec (each block run).")
    List<String> trace = new ArrayList<>();

    @Option(names = {"-L", "--sysroot"}, paramLabel = "DIR",
            description = "Prefix for the ELF interpreter path of dynamically linked guests.")
    String sysroot;

    @Parameters(index = "0", paramLabel = "ELF", description = "The guest executable.")
    String elf;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        RunOptions options = validate();
        return GuestSession.run(options);
    }

    private RunOptions validate() {
        HandoffPlan plan;
        try {
            plan = HandoffPlan.parse(handoff);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Set<String> traceFlags = new LinkedHashSet<>();
        for (String t : trace) {
            if (!TRACE_FLAGS.contains(t)) {
                throw usage("unknown --trace flag '" + t + "' (known: in_asm, op, exec)");
            }
            traceFlags.add(t);
        }
        if ((snapshotAt == null) != (snapshotOut == null)) {
            throw usage("--snapshot-at and --snapshot-out go together");
        }
        if (snapshotAt != null && snapshotAt < 0) {
            throw usage("--snapshot-at N must not be negative");
        }
        return new RunOptions(engine, plan, strace, stats, verifySync, snapshotAt, snapshotOut,
                traceFlags, sysroot, elf, List.copyOf(args));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
