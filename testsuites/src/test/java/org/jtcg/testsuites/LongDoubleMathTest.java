package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The long double libm guest ({@code guest/src/flongmath.c}: expl, logl, powl, sinl, atan2l, ... on
 * the x87 transcendental instructions) run natively and under jtcg with both engines; stdout and the
 * exit status must be identical. The program prints 15 significant digits because the soft x87 is
 * correctly rounded and the host FPU is only within one ulp (see docs/x86-x87.md). Skipped without
 * an x86-64 Linux host with gcc and static glibc.
 */
@Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/flongmath")
class LongDoubleMathTest {
    static final Path BIN = GuestHarness.BIN;

    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void longDoubleLibmMatchesNative(String engine) throws Exception {
        String arg = engine.equals("jit") ? "60" : "20";
        Result want = GuestHarness.run(GuestHarness.nativeCommand("flongmath", List.of(arg)), tmp);
        Result got = GuestHarness.run(GuestHarness.jtcgCommand(GuestHarness.suiteJvmOptions(engine, "flongmath"),
                List.of("run", "--engine", engine, BIN.resolve("flongmath").toString(), arg)), tmp);
        assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
        assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
    }
}
