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
 * x86-64-v3 part 2 guest programs (issue 15): {@code guest/src-x86_64/v3bmi.c} (BMI1, BMI2, LZCNT, MOVBE
 * through intrinsics and gcc's own code, flags by pushf) and {@code v3fma.c} (every FMA3 form, fma(), the
 * 256-bit intrinsics and F16C under four rounding modes and FTZ/DAZ, at -march=x86-64-v3). Each runs
 * natively and under {@code jtcg run --engine jit} and {@code interp}; stdout and exit status must be
 * identical. Skipped like {@link GuestProgramsTest} when the host cannot build or run the guests.
 */
@Needs(Needs.Need.GUESTS)
class X86V3BmiFmaGuestProgramsTest {
    @TempDir
    static Path tmp;

    static List<GuestProgramsTest.Case> cases() {
        return List.of(
            new GuestProgramsTest.Case("v3bmi", List.of(), List.of()),
            new GuestProgramsTest.Case("v3fma", List.of("2000"), List.of("300")));
    }

    @TestFactory
    List<DynamicTest> v3ProgramsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GuestProgramsTest.Case c : cases()) {
            for (String engine : new String[] {"jit", "interp"}) {
                List<String> args = engine.equals("jit") ? c.jitArgs() : c.interpArgs();
                tests.add(DynamicTest.dynamicTest(c.program() + " " + String.join(" ", args) + " [" + engine + "]", () -> {
                    Result want = GuestHarness.run(GuestHarness.nativeCommand(c.program(), args), tmp);
                    List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine,
                            GuestHarness.BIN.resolve(c.program()).toString()));
                    jtcgArgs.addAll(args);
                    Result got = GuestHarness.run(GuestHarness.jtcgCommand(GuestHarness.suiteJvmOptions(engine, c.program()), jtcgArgs), tmp);
                    assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                    assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
                }));
            }
        }
        return tests;
    }
}
