package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential test of whole static AArch64 glibc programs: the guest programs are cross-compiled
 * with {@code make -C guest ARCH=aarch64 CC=aarch64-linux-gnu-gcc} (-O2 -static), run under
 * {@code qemu-aarch64-static -cpu cortex-a57} as the oracle, and under {@code jtcg run --engine
 * interp} and {@code jit}; stdout and exit status must be identical. Each test is skipped with the
 * reason when the cross compiler or qemu-user is missing, and fails when the cross build fails.
 */
class Arm64GuestProgramsTest {
    static final Path BIN = GuestHarness.GUEST.resolve("build/aarch64");
    static final String QEMU = "qemu-aarch64-static";

    @TempDir
    static Path tmp;

    record Case(String program, List<String> jitArgs, List<String> interpArgs) {}

    static List<Case> cases() {
        String dir = tmp.toString();
        return List.of(
            new Case("hello", List.of(), List.of()),
            new Case("args", List.of("one", "two words", ""), List.of("x")),
            new Case("exitcode", List.of("7"), List.of("200", "raw")),
            new Case("fileio", List.of(dir), List.of(dir)),
            new Case("segv", List.of(), List.of()),
            new Case("brk", List.of(), List.of()),
            new Case("udf", List.of(), List.of()),
            new Case("divzero", List.of(), List.of()),
            new Case("strings", List.of("200"), List.of("4")),
            new Case("malloc", List.of("20000"), List.of("1500")),
            new Case("qsort", List.of("100000"), List.of("2000")),
            new Case("jmp", List.of(), List.of()),
            new Case("intwork", List.of(), List.of("3000")),
            new Case("float", List.of(), List.of()),
            new Case("fprintf", List.of("5"), List.of()),
            new Case("fstrtod", List.of("5"), List.of()),
            new Case("flibm", List.of("600"), List.of("100")),
            new Case("flongdbl", List.of(), List.of("300")),
            new Case("flongmath", List.of(), List.of()),
            new Case("fconv", List.of(), List.of("300")),
            new Case("fconv-O0", List.of(), List.of("300")),
            new Case("fconv-O3", List.of(), List.of("300")),
            new Case("fpe", List.of(), List.of()),
            new Case("sysloop", List.of(), List.of()));
    }

    /** Exit statuses of the programs that die by a signal, as under qemu and Linux. */
    static final Map<String, Integer> SIGNAL_STATUS = Map.of("segv", 139, "brk", 133, "udf", 132);

    /** Why the tests cannot run here (tools missing: skipped), or why the build failed (failed); null when built. */
    private static String skipReason, buildFailure;
    private static boolean built;

    /** Builds once; every dynamic test then reports its own skip (missing tools) or failure (broken build). */
    static synchronized void requireGuests() throws Exception {
        if (!built) {
            built = true;
            if (!onPath("aarch64-linux-gnu-gcc")) {
                skipReason = "arm64 guest programs skipped: aarch64-linux-gnu-gcc not installed";
            } else if (!onPath(QEMU)) {
                skipReason = "arm64 guest programs skipped: " + QEMU + " (the oracle) not installed";
            } else {
                Process p = new ProcessBuilder("make", "-C", GuestHarness.GUEST.toString(), "ARCH=aarch64",
                        "CC=aarch64-linux-gnu-gcc").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    buildFailure = "arm64 guest build failed (make -C guest ARCH=aarch64 CC=aarch64-linux-gnu-gcc):\n" + out;
                }
            }
        }
        Assumptions.assumeTrue(skipReason == null, skipReason);
        if (buildFailure != null) {
            fail(buildFailure);
        }
    }

    static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result jtcg(String engine, String program, List<String> args) throws Exception {
        List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine, BIN.resolve(program).toString()));
        jtcgArgs.addAll(args);
        return GuestHarness.run(GuestHarness.jtcgCommand(List.of("-XX:+UseParallelGC", "-Xss16m"), jtcgArgs), tmp);
    }

    static Result qemu(String program, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(QEMU, "-cpu", "cortex-a57", BIN.resolve(program).toAbsolutePath().toString()));
        cmd.addAll(args);
        return GuestHarness.run(cmd, tmp);
    }

    @TestFactory
    List<DynamicTest> programsMatchQemu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String engine : new String[] {"jit", "interp"}) {
                List<String> args = engine.equals("jit") ? c.jitArgs() : c.interpArgs();
                tests.add(DynamicTest.dynamicTest(c.program() + " " + String.join(" ", args) + " [" + engine + "]", () -> {
                    requireGuests();
                    Result want = qemu(c.program(), args);
                    Result got = jtcg(engine, c.program(), args);
                    assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                    assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
                    Integer signalStatus = SIGNAL_STATUS.get(c.program());
                    if (signalStatus != null) {
                        assertEquals(signalStatus, got.status());
                        assertEquals(1, got.err().lines().filter(l -> l.startsWith("jtcg:")).count(), got.err());
                    }
                }));
            }
        }
        return tests;
    }
}
