package org.jtcg.testsuites;

import org.jtcg.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The long double libm guest ({@code guest/src/flongmath.c}: expl, logl, powl, sinl, atan2l, ... on
 * the x87 transcendental instructions) run natively and under jtcg with both engines; stdout and the
 * exit status must be identical. The program prints 15 significant digits because the soft x87 is
 * correctly rounded and the host FPU is only within one ulp (see docs/x86-x87.md). Skipped without
 * an x86-64 Linux host with gcc and static glibc.
 */
class LongDoubleMathTest {
    static final Path GUEST = Path.of("guest");
    static final Path BIN = GUEST.resolve("build/x86_64");

    @BeforeAll
    static void buildGuests() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "guest programs need an x86-64 Linux host to run natively");
        Process p;
        try {
            p = new ProcessBuilder("make", "-C", GUEST.toString(), BIN.resolve("flongmath").toString().substring(GUEST.toString().length() + 1))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("guest programs skipped: make not found");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0,
                "guest programs skipped: 'make -C guest' failed (gcc with static glibc missing?):\n" + out);
    }

    record Result(int status, String out, String err) {}

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("flongmath", ".out"), err = Files.createTempFile("flongmath", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "did not finish: " + cmd);
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void longDoubleLibmMatchesNative(String engine) throws Exception {
        String arg = engine.equals("jit") ? "60" : "20";
        Result want = run(List.of(BIN.resolve("flongmath").toAbsolutePath().toString(), arg));
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-Xss16m", "-cp", cp, Main.class.getName(), "run", "--engine", engine,
                BIN.resolve("flongmath").toString(), arg));
        Result got = run(cmd);
        assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
        assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
    }
}
