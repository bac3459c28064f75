package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shared half of the guest-program tests of architectures whose oracle is qemu-user: the programs
 * are cross-compiled once ({@code make ARCH=arch CC=cc} through {@link GuestBuild}), then each case runs
 * under qemu and under {@code jtcg run --engine jit / interp}, and stdout and the exit status must be
 * identical (jit runs with the suites' early tiers, {@link GuestHarness#suiteJvmOptions}). The host is checked inside every dynamic test, so each test that cannot run is reported
 * skipped with the reason (missing cross compiler or qemu) and a broken cross build fails each test.
 */
final class CrossGuestPrograms {
    /** One program with its arguments under jit and under the slower interpreter. */
    record Case(String program, List<String> jitArgs, List<String> interpArgs) {}

    private final String arch;
    private final String cc;
    private final List<String> qemu;
    private final Map<String, Integer> signalStatus;
    /** Per list of programs: "" when built, "skip:reason" when a tool is missing, otherwise why the build failed. */
    private final Map<List<String>, String> hostProblems = new java.util.HashMap<>();

    /**
     * @param qemu         the oracle command before the program (qemu binary and its CPU options)
     * @param signalStatus exit statuses of the programs that die of a signal (the same under qemu and jtcg)
     */
    CrossGuestPrograms(String arch, String cc, List<String> qemu, Map<String, Integer> signalStatus) {
        this.arch = arch;
        this.cc = cc;
        this.qemu = List.copyOf(qemu);
        this.signalStatus = Map.copyOf(signalStatus);
    }

    Path bin() {
        return GuestHarness.GUEST.resolve("build/" + arch);
    }

    /** A test per case and engine; {@code tmp} is the tests' scratch directory. */
    List<DynamicTest> programsMatchQemu(List<Case> cases, Path tmp) {
        return programsMatchQemu(cases, tmp, List.of());
    }

    /** As {@link #programsMatchQemu(List, Path)}, with more options for jtcg's JVM (e.g. system properties). */
    List<DynamicTest> programsMatchQemu(List<Case> cases, Path tmp, List<String> jvmOptions) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            for (String engine : new String[] {"jit", "interp"}) {
                List<String> args = engine.equals("jit") ? c.jitArgs() : c.interpArgs();
                tests.add(DynamicTest.dynamicTest(c.program() + " " + String.join(" ", args) + " [" + engine + "]", () -> {
                    requireHost(cases);
                    String exe = bin().resolve(c.program()).toAbsolutePath().toString();
                    List<String> oracle = new ArrayList<>(qemu);
                    oracle.add(exe);
                    oracle.addAll(args);
                    Result want = GuestHarness.run(oracle, tmp);
                    List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine, exe));
                    jtcgArgs.addAll(args);
                    List<String> jvm = new ArrayList<>(GuestHarness.suiteJvmOptions(engine, c.program()));
                    jvm.addAll(jvmOptions);
                    Result got = GuestHarness.run(GuestHarness.jtcgCommand(jvm, jtcgArgs), tmp);
                    assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                    assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
                    Integer status = signalStatus.get(c.program());
                    if (status != null) {
                        assertEquals(status, got.status());
                        assertEquals(1, got.err().lines().filter(l -> l.startsWith("jtcg:")).count(), got.err());
                    }
                }));
            }
        }
        return tests;
    }

    /** Builds the programs of {@code cases} once and checks qemu; aborts (skip) or fails the calling test. */
    private void requireHost(List<Case> cases) {
        requireBuilt(cases.stream().map(Case::program).distinct().toList());
    }

    /**
     * Builds the listed programs once (per list) and checks qemu; aborts (skip) or fails the calling test.
     * Returns the directory of the built programs. Also used by the diff and snapshot tests of the same arch.
     */
    synchronized Path requireBuilt(List<String> programs) {
        String hostProblem = hostProblems.computeIfAbsent(List.copyOf(programs), this::checkHost);
        if (hostProblem.isEmpty()) {
            return bin();
        }
        if (hostProblem.startsWith("skip:")) {
            Assumptions.abort(hostProblem.substring(5));
        }
        throw new AssertionError(hostProblem);
    }

    private String checkHost(List<String> programs) {
        if (GuestBuild.onPath(qemu.get(0)) == null) {
            return "skip:" + arch + " guest programs skipped: " + qemu.get(0) + " not found on PATH (the oracle)";
        }
        List<String> targets = new ArrayList<>(List.of("ARCH=" + arch));
        programs.forEach(p -> targets.add("build/" + arch + "/" + p));
        GuestBuild.Outcome o = GuestBuild.build(GuestHarness.GUEST, targets, "make", cc);
        if (o instanceof GuestBuild.ToolMissing m) {
            return "skip:" + arch + " guest programs skipped: " + m.reason();
        }
        if (o instanceof GuestBuild.Failed f) {
            return arch + " guest build failed for " + f.programs() + ":\n" + f.output();
        }
        return "";
    }
}
