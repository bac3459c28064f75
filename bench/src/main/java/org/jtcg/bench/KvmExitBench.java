package org.jtcg.bench;

import org.jtcg.cli.Main;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Guest syscall round trip: a hand-made x86-64 guest ({@link SyscallLoopElf}) makes
 * {@value #SYSCALLS} getppid calls; each one exits the engine, runs the shared syscall layer and
 * resumes the guest. Score = ns per syscall, including the amortised cost of starting the guest
 * (ELF load, VM creation for kvm), which is well under 1% at this count.
 *
 * <ul>
 * <li>{@code kvm}: the KVM engine with its normal dirty-tracked register sync (only the sets an
 *     exit touched move; x86 REGS/SREGS/EVENTS through the shared kvm_run page).</li>
 * <li>{@code kvm-full}: the same with {@code --verify-sync}, which fetches the full state after
 *     every exit (and compares it): the cost of not tracking.</li>
 * <li>{@code jit}: the same guest on the JIT engine, for scale.</li>
 * </ul>
 * Runs through {@link Main#execute} (the public command line), so it depends on no accel-kvm class.
 * Skipped with a "SKIPPED: ..." message when the x86 frontend or the kvm engine is missing or
 * cannot run here ({@link BenchMain} leaves it out of the run in that case).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KvmExitBench {
    static final int SYSCALLS = 100_000;

    @Param({"kvm", "kvm-full", "jit"})
    public String config;

    private String[] args;

    @Setup(Level.Trial)
    public void setup() {
        String why = Availability.x86Missing();
        if (why == null && config.startsWith("kvm")) {
            why = Availability.kvmMissing();
        }
        if (why != null) {
            throw new GuestBinaries.SkippedException(why);
        }
        args = command(SyscallLoopElf.write(SYSCALLS));
        // One short run first, so that a failure is one clear line, not a benchmark error.
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(err, true), command(SyscallLoopElf.write(10)));
        if (status != 0) {
            throw new GuestBinaries.SkippedException("'jtcg " + String.join(" ", command(Path.of("GUEST")))
                    + "' exits with " + status + ": " + err.toString().strip());
        }
    }

    private String[] command(Path elf) {
        List<String> a = new ArrayList<>(List.of("run", "--engine", config.startsWith("kvm") ? "kvm" : config));
        if (config.equals("kvm-full")) {
            a.add("--verify-sync");
        }
        a.add(elf.toString());
        return a.toArray(String[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(SYSCALLS)
    public int roundTrip() {
        int status = Main.execute(args);
        if (status != 0) {
            throw new IllegalStateException("guest exited with " + status);
        }
        return status;
    }
}
