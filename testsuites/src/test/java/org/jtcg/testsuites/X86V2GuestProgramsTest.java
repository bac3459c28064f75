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
 * x86-64-v2 guest programs (issue 15): {@code guest/src-x86_64/v2intrin.c} (every SSE3/SSSE3/SSE4.1/
 * SSE4.2 intrinsic, crc32, popcount, the string-compare modes, one checksum line each),
 * {@code v2vec.c} (loops gcc auto-vectorises at -O3 -march=x86-64-v2, glibc string functions), and
 * general programs rebuilt at -O3 -march=x86-64-v2 ({@code *-v2}). Each runs natively and under
 * {@code jtcg run --engine jit} and {@code interp}; stdout and exit status must be identical.
 * Skipped like {@link GuestProgramsTest} when the host cannot build or run the guests.
 */
@Needs(Needs.Need.GUESTS)
class X86V2GuestProgramsTest {
    @TempDir
    static Path tmp;

    static List<GuestProgramsTest.Case> cases() {
        return List.of(
            new GuestProgramsTest.Case("v2intrin", List.of(), List.of()),
            new GuestProgramsTest.Case("v2vec", List.of(), List.of()),
            new GuestProgramsTest.Case("strings-v2", List.of("200"), List.of("4")),
            new GuestProgramsTest.Case("qsort-v2", List.of("100000"), List.of("2000")),
            new GuestProgramsTest.Case("malloc-v2", List.of("20000"), List.of("1500")),
            new GuestProgramsTest.Case("intwork-v2", List.of(), List.of("3000")),
            new GuestProgramsTest.Case("float-v2", List.of(), List.of()),
            new GuestProgramsTest.Case("flibm-v2", List.of("600"), List.of("100")),
            new GuestProgramsTest.Case("fconv-v2", List.of(), List.of("300")));
    }

    @TestFactory
    List<DynamicTest> v2ProgramsMatchNative() {
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
