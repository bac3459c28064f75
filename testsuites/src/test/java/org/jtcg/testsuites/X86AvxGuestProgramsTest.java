package org.jtcg.testsuites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.jtcg.testsuites.GuestHarness.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * AVX/AVX2 guest programs (issue 15, the AVX part of x86-64-v3): {@code guest/src-x86_64/avx2vec.c}
 * (loops gcc auto-vectorises at -O3 -mavx2, explicit AVX/AVX2 intrinsics, ymm registers across a
 * signal handler that uses AVX itself) and general programs rebuilt at -O3 -mavx2 ({@code *-avx2}).
 * Each runs natively and under {@code jtcg run --engine jit} and {@code interp}; stdout and exit
 * status must be identical. The instruction semantics themselves are checked form by form by
 * frontend-x86's AvxNativeCrossCheckTest. Skipped like {@link GuestProgramsTest} when the host cannot
 * build or run the guests, and when the host CPU has no AVX2 (no native oracle).
 */
@Needs(Needs.Need.GUESTS)
class X86AvxGuestProgramsTest {
    @TempDir
    static Path tmp;

    static List<GuestProgramsTest.Case> cases() {
        return List.of(
            new GuestProgramsTest.Case("avx2vec", List.of(), List.of()),
            new GuestProgramsTest.Case("strings-avx2", List.of("200"), List.of("4")),
            new GuestProgramsTest.Case("qsort-avx2", List.of("100000"), List.of("2000")),
            new GuestProgramsTest.Case("intwork-avx2", List.of(), List.of("3000")),
            new GuestProgramsTest.Case("float-avx2", List.of(), List.of()),
            new GuestProgramsTest.Case("fconv-avx2", List.of(), List.of("300")));
    }

    @TestFactory
    List<DynamicTest> avxProgramsMatchNative() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2"),
                "the host CPU has no AVX2: no native oracle for the AVX guest programs");
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
