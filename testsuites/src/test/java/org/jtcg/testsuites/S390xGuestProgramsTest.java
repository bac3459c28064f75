package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential test of whole s390x guest programs: the arch-neutral programs of {@code guest/src} are
 * cross-compiled static at -O2 ({@code make ARCH=s390x CC=s390x-linux-gnu-gcc}), run under
 * {@code qemu-s390x-static} with the vector facilities off (jtcg implements no vector instructions, and
 * glibc picks its string functions by facility) and under {@code jtcg run --engine interp / jit};
 * stdout and the exit status must be identical. Skipped with a reason when the cross compiler or qemu
 * is missing (per test, so each one that did not run says why). Programs with long double arithmetic
 * (float, flongdbl) are not listed yet: extended BFP arithmetic is missing.
 */
class S390xGuestProgramsTest {
    static final Path BIN = GuestHarness.GUEST.resolve("build/s390x");
    static final String CC = "s390x-linux-gnu-gcc";
    static final List<String> QEMU = List.of("qemu-s390x-static", "-cpu", "qemu,vx=off,vxeh=off,vxeh2=off");

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
            new Case("divzero", List.of(), List.of()),
            new Case("strings", List.of("200"), List.of("4")),
            new Case("malloc", List.of("20000"), List.of("300")),
            new Case("qsort", List.of("100000"), List.of("2000")),
            new Case("jmp", List.of(), List.of()),
            new Case("sysloop", List.of("20000"), List.of("2000")),
            new Case("intwork", List.of(), List.of("3000")),
            new Case("fprintf", List.of("5"), List.of()),
            new Case("flibm", List.of("600"), List.of("100")));
    }

    /** Exit statuses of the programs that die of a signal (the same under qemu and jtcg). */
    static final Map<String, Integer> SIGNAL_STATUS = Map.of("segv", 139, "divzero", 136);

    /**
     * Builds the programs once per JVM and checks qemu; called inside every dynamic test so a test that
     * cannot run is reported skipped with the reason (a broken cross build fails each test instead).
     */
    private static synchronized void requireHost() {
        if (hostProblem == null) {
            hostProblem = checkHost();
        }
        if (hostProblem.isEmpty()) {
            return;
        }
        if (hostProblem.startsWith("skip:")) {
            Assumptions.abort(hostProblem.substring(5));
        }
        throw new AssertionError(hostProblem);
    }

    private static String hostProblem;

    private static String checkHost() {
        if (GuestBuild.onPath(QEMU.get(0)) == null) {
            return "skip:s390x guest programs skipped: " + QEMU.get(0) + " not found on PATH (the oracle)";
        }
        List<String> targets = new ArrayList<>(List.of("ARCH=s390x"));
        cases().stream().map(Case::program).distinct().forEach(p -> targets.add("build/s390x/" + p));
        GuestBuild.Outcome o = GuestBuild.build(GuestHarness.GUEST, targets, "make", CC);
        if (o instanceof GuestBuild.ToolMissing m) {
            return "skip:s390x guest programs skipped: " + m.reason();
        }
        if (o instanceof GuestBuild.Failed f) {
            return "s390x guest build failed for " + f.programs() + ":\n" + f.output();
        }
        return "";
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        return GuestHarness.run(cmd, tmp);
    }

    @TestFactory
    List<DynamicTest> programsMatchQemu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String engine : new String[] {"jit", "interp"}) {
                List<String> args = engine.equals("jit") ? c.jitArgs() : c.interpArgs();
                tests.add(DynamicTest.dynamicTest(c.program() + " " + String.join(" ", args) + " [" + engine + "]", () -> {
                    requireHost();
                    String exe = BIN.resolve(c.program()).toAbsolutePath().toString();
                    List<String> qemu = new ArrayList<>(QEMU);
                    qemu.add(exe);
                    qemu.addAll(args);
                    Result want = run(qemu);
                    List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine, exe));
                    jtcgArgs.addAll(args);
                    Result got = run(GuestHarness.jtcgCommand(List.of("-XX:+UseParallelGC", "-Xss16m"), jtcgArgs));
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
