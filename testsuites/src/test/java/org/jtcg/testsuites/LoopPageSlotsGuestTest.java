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
 * The guest program {@code loopmap} (memory that changes under a running loop: mprotect/munmap of the page a
 * loop reads next, another thread's mprotect, x86-64 code rewritten inside a loop) with the jit's loop page
 * slots switched on ({@code -Djtcg.loopPageSlots=true}; off by default since round 9, see docs/memory.md) and
 * early tiers, so the loops run as regions holding pages across their back edges. The default configuration
 * runs the same program in the *GuestProgramsTest suites. x86-64 against native, arm64 and s390x against
 * qemu-user.
 */
class LoopPageSlotsGuestTest {
    static final List<String> SLOTS = List.of("-Djtcg.loopPageSlots=true", "-Djtcg.tierUp=5", "-Djtcg.regionThreshold=20");
    static final List<String> ARGS = List.of("20000");

    @TempDir
    static Path tmp;

    @TestFactory
    @Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/loopmap")
    List<DynamicTest> x86MatchesNative() {
        return List.of(DynamicTest.dynamicTest("loopmap 20000 [jit, loop page slots]", () -> {
            Result want = GuestHarness.run(GuestHarness.nativeCommand("loopmap", ARGS), tmp);
            List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", "jit", GuestHarness.BIN.resolve("loopmap").toString()));
            jtcgArgs.addAll(ARGS);
            List<String> jvm = new ArrayList<>(SLOTS);
            jvm.addAll(GuestHarness.VM_OUTPUT_TO_STDERR);
            Result got = GuestHarness.run(GuestHarness.jtcgCommand(jvm, jtcgArgs), tmp);
            assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
            assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
        }));
    }

    static List<CrossGuestPrograms.Case> crossCases() {
        return List.of(new CrossGuestPrograms.Case("loopmap", ARGS, ARGS));
    }

    @TestFactory
    List<DynamicTest> arm64MatchesQemu() {
        return Arm64GuestProgramsTest.PROGRAMS.programsMatchQemu(crossCases(), tmp, SLOTS);
    }

    @TestFactory
    List<DynamicTest> s390xMatchesQemu() {
        return S390xGuestProgramsTest.PROGRAMS.programsMatchQemu(crossCases(), tmp, SLOTS);
    }
}
