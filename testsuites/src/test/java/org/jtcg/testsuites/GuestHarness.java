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
 * line of {@code jtcg} in a child JVM on the test class path. Building the guests is {@link GuestBuild}'s,
 * checked per test through {@link Needs}.
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
