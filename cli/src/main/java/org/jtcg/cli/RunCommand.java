package org.jtcg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code jtcg run}: run a Linux guest binary. */
@Command(name = "run", description = {"Run a Linux guest binary (static, static-PIE or dynamically linked ELF64), or continue a snapshot (--resume).",
        "Exit status: the guest's; 128+N if a signal N killed it; 126 if the ELF or snapshot cannot be used, "
                + "127 if it does not exist; 2 for usage errors and for a --snapshot-at the guest's state cannot satisfy (e.g. an open pipe)."},
        mixinStandardHelpOptions = true)
final class RunCommand implements Callable<Integer> {
    static final Set<String> TRACE_FLAGS = Set.of("in_asm", "op", "exec");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = RunOptions.DEFAULT_ENGINE,
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

    @Option(names = "--snapshot-at", paramLabel = "N",
            description = "Write a snapshot (registers, memory, process state) when the guest has made N syscalls "
                    + "(0: before the first instruction), then continue the run. Needs --snapshot-out. "
                    + "If the guest ends first, a note says so and no file is written.")
    Long snapshotAt;

    @Option(names = "--snapshot-out", paramLabel = "FILE", description = "Where --snapshot-at writes the snapshot.")
    String snapshotOut;

    @Option(names = "--trace", paramLabel = "FLAGS", split = ",",
            description = "Trace to stderr: in_asm (guest disassembly per block), op (IR per block), exec (each block run).")
    List<String> trace = new ArrayList<>();

    @Option(names = {"-L", "--sysroot"}, paramLabel = "DIR",
            description = "Prefix for the ELF interpreter path of dynamically linked guests.")
    String sysroot;

    @Option(names = "--cpu", paramLabel = "MODEL",
            description = "CPU model the guest sees (CPUID, AT_HWCAP): x86-64-v1, x86-64-v2 or x86-64-v3 for x86-64 guests "
                    + "(default: the highest level jtcg implements fully; an unavailable level is refused, naming what is missing).")
    String cpu;

    @CommandLine.Mixin
    GuestTarget target = new GuestTarget();

    @Override
    public Integer call() {
        RunOptions options = validate();
        return GuestSession.run(options);
    }

    RunOptions validate() {
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
        target.check(spec.commandLine());
        if (target.resume != null && sysroot != null) {
            throw usage("--sysroot applies to loading an ELF, not to --resume");
        }
        if (target.resume != null && cpu != null) {
            throw usage("--cpu applies to loading an ELF, not to --resume (the snapshot's guest already chose its code)");
        }
        return new RunOptions(engine, plan, strace, stats, verifySync, snapshotAt, snapshotOut,
                traceFlags, sysroot, target.elf, List.copyOf(target.args), target.resume, cpu);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
