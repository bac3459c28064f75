package org.jtcg.testsuites;

import org.jtcg.cli.Main;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the guest-program test classes share: running a command with captured output, and the command
 * line of {@code jtcg} in a child JVM on the test class path, and the JVM options and tier thresholds of the
 * suites' runs ({@link #suiteJvmOptions}: jit runs reach the block compiler and regions early, see
 * {@link #EARLY_TIERS}). Building the guests is {@link GuestBuild}'s, checked per test through {@link Needs}.
 */
final class GuestHarness {
    private GuestHarness() {}

    static final Path GUEST = HostRequirements.GUEST;
    static final Path BIN = GUEST.resolve("build/x86_64");

    /**
     * What the launcher gives every JVM so that nothing HotSpot prints (VM warnings such as "CodeCache is
     * full", which by default go to stdout through both unified logging and tty) reaches the guest's stdout.
     */
    static final List<String> VM_OUTPUT_TO_STDERR = List.of("-Xlog:disable", "-Xlog:all=warning:stderr",
            "-XX:+DisplayVMOutputToStderr");

    /** The JVM options the tests give child jtcg processes (the launcher's, minus CDS). */
    static final List<String> JIT_JVM_OPTIONS = List.of("-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Xss16m",
            "-Xlog:disable", "-Xlog:all=warning:stderr", "-XX:+DisplayVMOutputToStderr");

    /**
     * Tier thresholds of the jit runs of the guest-program suites: every block still starts in the cold tier
     * ({@code interp.nodes}) and runs its first executions there, then goes to the block compiler after 5 runs
     * (default {@code jtcg.tierUp} 1000), and loops and hot paths become regions after 20 (default
     * {@code jtcg.regionThreshold} 1000). Why: the test programs are short, and with the defaults most of their
     * blocks never leave the cold tier, so the block compiler, regions and the background install saw a small
     * share of the corpus (x86 intwork: 10 tier-ups and 7 regions of 1150 translations; with these: ~200 and ~38;
     * docs/testing.md "Tiers in the guest-program suites"). {@code TierCoverageTest} checks from {@code --stats}
     * that these runs do reach both compiled tiers. The defaults stay covered by the programs in
     * {@link #DEFAULT_TIER_PROGRAMS}, by the busybox, process, diff and real-program classes (all with the
     * defaults) and by the engine-equivalence property test (cold tier against the reference interpreter).
     */
    static final List<String> EARLY_TIERS = List.of("-Djtcg.tierUp=5", "-Djtcg.regionThreshold=20");

    /**
     * Programs whose jit run keeps the engine's default thresholds and the full HotSpot compiler (C2): the
     * memory-model tests (litmus, threadpar: C2 reorders plain accesses most, so it is the hard case for the
     * ordered accesses of translated code) and sigloop (asynchronous signals inside a hot loop, which with the
     * defaults runs its first thousand iterations per block in the cold tier before it is compiled).
     */
    static final java.util.Set<String> DEFAULT_TIER_PROGRAMS = java.util.Set.of("litmus", "threadpar", "sigloop");

    /**
     * The JVM options of a guest-program suite's jtcg run of {@code program} under {@code engine}: for jit, the
     * launcher's C1-only JIT ({@link #JIT_JVM_OPTIONS}, what users run; it also pays for the extra compiles
     * of {@link #EARLY_TIERS}: an x86 malloc run takes ~4.8 s CPU with both against ~7 s before) with the
     * early tiers, except for {@link #DEFAULT_TIER_PROGRAMS}; for interp (and those), the JVM's full JIT,
     * which runs the reference interpreter's own Java code fastest.
     */
    static List<String> suiteJvmOptions(String engine, String program) {
        List<String> jvm = new ArrayList<>();
        if (engine.equals("jit") && !DEFAULT_TIER_PROGRAMS.contains(program)) {
            jvm.addAll(JIT_JVM_OPTIONS);
            jvm.addAll(EARLY_TIERS);
        } else {
            jvm.addAll(List.of("-XX:+UseParallelGC", "-Xss16m"));
            jvm.addAll(VM_OUTPUT_TO_STDERR);
        }
        return jvm;
    }

    record Result(int status, String out, String err) {}

    /** Runs a command with stdin from /dev/null in {@code dir}, output captured through files in {@code tmp}. */
    static Result run(List<String> cmd, Path dir, Path tmp, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("JTCG_TEST_VAR", "value with spaces");
        Path out = Files.createTempFile(tmp, "out", ".txt"), err = Files.createTempFile(tmp, "err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            assertTrue(p.waitFor(timeoutSeconds, TimeUnit.SECONDS), "did not finish: " + cmd);
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Result run(List<String> cmd, Path tmp) throws IOException, InterruptedException {
        return run(cmd, null, tmp, 300);
    }

    /** {@code java JVM_OPTIONS -cp <test class path> org.jtcg.cli.Main} followed by {@code args}. */
    static List<String> jtcgCommand(List<String> jvmOptions, List<String> args) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 22) {
            // what the runnable jar's manifest says for ./jtcg: JNA (kvm) without a native-access warning on stderr
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** The native command for a guest program and its arguments. */
    static List<String> nativeCommand(String program, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(BIN.resolve(program).toAbsolutePath().toString()));
        cmd.addAll(args);
        return cmd;
    }
}
