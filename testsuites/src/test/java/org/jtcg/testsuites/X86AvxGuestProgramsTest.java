package org.jtcg.testsuites;


import java.nio.file.Path;
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
        return GuestHarness.programsMatchNative(cases(), tmp);
    }
}
