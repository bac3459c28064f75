package org.jtcg.testsuites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Precise self-modifying code (issue 15): {@code guest/src-x86_64/smcprecise.c} patches the very next
 * instruction of its block, and in a hot loop (a jit region by then) an instruction of the same block and
 * one of the next block; natively that returns 5 and the patched sums, where stale translations return 1.
 * Runs natively and under {@code jtcg run --engine jit} and {@code interp}: stdout and exit status must be
 * identical; and under kvm where /dev/kvm exists (the hardware is precise by itself).
 */
@Needs(Needs.Need.GUESTS)
class PreciseSmcGuestProgramsTest {
    @TempDir
    static Path tmp;

    @TestFactory
    List<DynamicTest> smcMatchesNative() {
        return runs("jit", "interp");
    }

    @TestFactory
    @Needs({Needs.Need.GUESTS, Needs.Need.KVM})
    List<DynamicTest> smcMatchesNativeUnderKvm() {
        return runs("kvm");
    }

    private static List<DynamicTest> runs(String... engines) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String engine : engines) {
            List<String> args = engine.equals("interp") ? List.of("2000") : List.of("20000");
            tests.add(DynamicTest.dynamicTest("smcprecise " + args.get(0) + " [" + engine + "]", () -> {
                Result want = GuestHarness.run(GuestHarness.nativeCommand("smcprecise", args), tmp);
                List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine,
                        GuestHarness.BIN.resolve("smcprecise").toString()));
                jtcgArgs.addAll(args);
                Result got = GuestHarness.run(GuestHarness.jtcgCommand(List.of("-XX:+UseParallelGC"), jtcgArgs), tmp);
                assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
            }));
        }
        return tests;
    }
}
