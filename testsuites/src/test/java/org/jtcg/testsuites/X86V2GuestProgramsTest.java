package org.jtcg.testsuites;


import java.nio.file.Path;
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
        return GuestHarness.programsMatchNative(cases(), tmp);
    }
}
