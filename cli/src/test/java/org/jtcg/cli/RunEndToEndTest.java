package org.jtcg.cli;

import org.jtcg.cli.toy.ToyProgram;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole user-mode pipeline in a separate JVM, as a user runs it: ELF file → loader →
 * initial stack → engine (interp/jit) → syscalls → exit status, using the test-only toy64 arch.
 */
class RunEndToEndTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {}

    private Path program(String name, ToyProgram p) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, p.elf());
        return f;
    }

    static Result jtcg(String... args) throws IOException, InterruptedException {
        return jtcgWith(List.of(), args);
    }

    /** Runs jtcg in a child JVM with extra JVM options (e.g. -D properties for test engines). */
    static Result jtcgWith(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("-XX:TieredStopAtLevel=1"); // short-lived child JVMs: start fast
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jtcg did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private ToyProgram helloThrice(int status) {
        ToyProgram p = new ToyProgram().li(5, 3);
        int head = p.here();
        return p.write(1, "hello\n").decJnz(5, head).exitGroup(status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void runsAGuestToItsExitStatus(String engine) throws Exception {
        Path f = program("hello", helloThrice(7));
        Result r = jtcg("run", "--engine", engine, f.toString());
        assertEquals("hello\nhello\nhello\n", r.out);
        assertEquals(7, r.status, r.err);
        assertEquals("", r.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void segfaultEndsWith139AndOneLine(String engine) throws Exception {
        Path f = program("segv", new ToyProgram().li(1, 0x10).store8(1).exitGroup(0));
        Result r = jtcg("run", "--engine", engine, f.toString());
        assertEquals(139, r.status, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.contains("SIGSEGV") && r.err.contains("0x10"), r.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void illegalInstructionEndsWith132(String engine) throws Exception {
        Path f = program("ill", new ToyProgram().write(1, "before\n").raw(0xff));
        Result r = jtcg("run", "--engine", engine, f.toString());
        assertEquals("before\n", r.out);
        assertEquals(132, r.status, r.err);
        assertTrue(r.err.contains("SIGILL"), r.err);
        assertTrue(r.err.contains("undefined toy64 instruction at 0x") && r.err.contains(": ff"), r.err);
        assertEquals(1, r.err.lines().count(), r.err);
    }

    @Test
    void straceAndStatsAndHandoff() throws Exception {
        Path f = program("hello", helloThrice(0));
        Result r = jtcg("run", "--strace", "--stats", "--engine", "jit", "--handoff", "interp@1,jit@2", f.toString());
        assertEquals("hello\nhello\nhello\n", r.out);
        assertEquals(0, r.status, r.err);
        assertTrue(r.err.contains("write(1, \"hello\\n\", 6) = 6"), r.err);
        assertTrue(r.err.contains("exit_group(0)"), r.err);
        String stats = r.err.lines().filter(l -> l.startsWith("{")).findFirst().orElse("");
        assertTrue(stats.contains("\"syscalls\":4"), stats);
        assertTrue(stats.contains("\"engines_used\":\"jit,interp,jit\""), stats);
        assertTrue(stats.contains("\"exit_status\":0"), stats);
        assertTrue(stats.matches(".*\"engine_stats\":\\{\"jit\":\\{\"translations\":[1-9].*"), stats);
        assertTrue(stats.contains("\"interp\":{\"translations\":"), stats);
    }

    @Test
    void unknownSyscallIsEnosysSilentlyWithOneStraceLineAndCounted() throws Exception {
        ToyProgram p = new ToyProgram().li(5, 2);
        int head = p.here();
        p.li(0, 4000).syscall().decJnz(5, head).exitGroup(3);
        Path nosys = program("nosys", p);
        Result quiet = jtcg("run", "--engine", "jit", nosys.toString());
        assertEquals(3, quiet.status, quiet.err);
        assertEquals("", quiet.err, "no stderr line without --strace");
        Result traced = jtcg("run", "--engine", "jit", "--strace", "--stats", nosys.toString());
        assertEquals(3, traced.status, traced.err);
        assertEquals(1, traced.err.lines().filter(l -> l.contains("unsupported syscall 4000")).count(), traced.err);
        assertTrue(traced.err.contains("\"unsupported_syscalls\":2"), traced.err);
    }

    @Test
    void loadErrorsAndUsageErrorsAreOneLine() throws Exception {
        Result missing = jtcg("run", dir.resolve("nope").toString());
        assertEquals(127, missing.status);
        Path bad = dir.resolve("bad");
        Files.write(bad, new byte[] {0x7f, 'E', 'L', 'F', 1, 1, 1});
        Result malformed = jtcg("run", "--engine", "interp", bad.toString());
        assertEquals(126, malformed.status);
        Result engine = jtcg("run", "--engine", "warp", program("hello", helloThrice(0)).toString());
        assertEquals(2, engine.status);
        for (Result r : List.of(missing, malformed, engine)) {
            assertEquals(1, r.err.lines().count(), r.err);
            assertTrue(r.err.startsWith("jtcg: "), r.err);
            assertFalse(r.err.contains("Exception"), r.err);
        }
    }
}
