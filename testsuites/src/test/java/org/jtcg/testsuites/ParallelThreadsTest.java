package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guest threads running in parallel (issue 13): the guest program {@code threadpar} (threads that spin
 * until they see another thread's plain store; a reader that must see remapped pages through its own
 * TLB; exit while a thread spins) under {@code -Djtcg.parallelThreads=true}, with the serial scheduler's
 * time slice set to an hour: a spinning thread is then never preempted, so the program finishes only if
 * its threads really run at the same time (no wall-time measurement). x86-64 against native, arm64 and
 * s390x against qemu-user, each under jit and interp.
 */
class ParallelThreadsTest {
    /** Parallel threads on, and no preemption that could stand in for them. */
    static final List<String> PARALLEL = List.of("-Djtcg.parallelThreads=true", "-Djtcg.threadSliceMs=3600000");

    @TempDir
    static Path tmp;

    /** Small inputs: every hand-over of the ping-pong needs both threads on a core of this loaded host at once. */
    static final List<String> JIT_ARGS = List.of("all", "400"), INTERP_ARGS = List.of("all", "200");

    @TestFactory
    @Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/threadpar")
    List<DynamicTest> x86MatchesNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String engine : new String[] {"jit", "interp"}) {
            List<String> args = engine.equals("jit") ? JIT_ARGS : INTERP_ARGS;
            tests.add(DynamicTest.dynamicTest("threadpar " + String.join(" ", args) + " [" + engine + "]", () -> {
                Result want = GuestHarness.run(GuestHarness.nativeCommand("threadpar", args), tmp);
                List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine,
                        GuestHarness.BIN.resolve("threadpar").toString()));
                jtcgArgs.addAll(args);
                List<String> jvm = new ArrayList<>(List.of("-XX:+UseParallelGC", "-Xss16m"));
                jvm.addAll(PARALLEL);
                jvm.addAll(GuestHarness.VM_OUTPUT_TO_STDERR);
                Result got = GuestHarness.run(GuestHarness.jtcgCommand(jvm, jtcgArgs), tmp);
                assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
            }));
        }
        return tests;
    }

    static List<CrossGuestPrograms.Case> crossCases() {
        return List.of(new CrossGuestPrograms.Case("threadpar", JIT_ARGS, INTERP_ARGS));
    }

    @TestFactory
    List<DynamicTest> arm64MatchesQemu() {
        return Arm64GuestProgramsTest.PROGRAMS.programsMatchQemu(crossCases(), tmp, PARALLEL);
    }

    @TestFactory
    List<DynamicTest> s390xMatchesQemu() {
        return S390xGuestProgramsTest.PROGRAMS.programsMatchQemu(crossCases(), tmp, PARALLEL);
    }
}
