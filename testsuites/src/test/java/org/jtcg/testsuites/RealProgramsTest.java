package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's "syscalls real programs call" and its three bugs, on x86-64 guests compared with the native
 * run, under jit and interp: realsys (groups, rusage, sockets, xattrs, copy_file_range, mincore/madvise,
 * memfd, eventfd, timerfd...) with no jtcg line on stderr; bigmap (8 x 1 GiB mapped, one page per GiB
 * touched) in a JVM allowed 128 MiB of direct memory; fds 0-2 closed by the caller stay closed; the
 * environment keeps the caller's order and {@code _}. Plus issue 14's "no JVM output on the guest's
 * stdout": a JVM whose code cache fills prints its warning on stderr only.
 */
@Needs(Needs.Need.GUESTS)
class RealProgramsTest {
    static final Path BIN = GuestHarness.BIN;
    static final Path ROOT = GuestHarness.GUEST.toAbsolutePath().getParent().getParent();

    @TempDir
    static Path tmp;

    private static List<String> jtcg(List<String> jvmOptions, String engine, String program, String... args) {
        List<String> a = new ArrayList<>(List.of("run", "--engine", engine, BIN.resolve(program).toString()));
        a.addAll(List.of(args));
        return GuestHarness.jtcgCommand(jvmOptions, a);
    }

    private static List<String> nat(String program, String... args) {
        return GuestHarness.nativeCommand(program, List.of(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void realsysMatchesNativeWithNothingOnStderr(String engine) throws Exception {
        Path n = Files.createDirectories(tmp.resolve("realsys-native-" + engine));
        Path j = Files.createDirectories(tmp.resolve("realsys-jtcg-" + engine));
        Result want = GuestHarness.run(nat("realsys", n.toString()), tmp);
        Result got = GuestHarness.run(jtcg(GuestHarness.JIT_JVM_OPTIONS, engine, "realsys", j.toString()), tmp);
        assertEquals(want.out().replace(n.toString(), "DIR"), got.out().replace(j.toString(), "DIR"),
                "stdout differs; jtcg stderr:\n" + got.err());
        assertEquals(want.status(), got.status());
        assertEquals("", got.err(), "no jtcg warning for any of these syscalls");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void untouchedMappingsTakeNoHostMemory(String engine) throws Exception {
        List<String> jvm = new ArrayList<>(GuestHarness.JIT_JVM_OPTIONS);
        jvm.add("-XX:MaxDirectMemorySize=128m");   // guest RAM is direct memory: 8 GiB of frames would not fit
        Result want = GuestHarness.run(nat("bigmap"), tmp);
        Result got = GuestHarness.run(jtcg(jvm, engine, "bigmap"), tmp);
        assertEquals(want.out(), got.out(), "jtcg stderr:\n" + got.err());
        assertEquals(0, got.status());
    }

    /** Runs {@code cmd} under bash with {@code redirections} (e.g. {@code <&-}) and returns what stdiofds wrote to {@code report}. */
    private static String stdioReport(List<String> cmd, String redirections, Path report) throws Exception {
        Files.deleteIfExists(report);
        StringBuilder line = new StringBuilder("exec");
        for (String c : cmd) line.append(" '").append(c.replace("'", "'\\''")).append('\'');
        line.append(' ').append(redirections);
        Result r = GuestHarness.run(List.of("bash", "-c", line.toString()), tmp);
        assertEquals(0, r.status(), "stderr: " + r.err());
        return Files.readString(report);
    }

    /**
     * java started directly (no launcher): one closed fd is recognised by the JVM file that took it; with
     * several closed the JVM's own /dev/null may sit on one of them, which only the launcher's probe can tell.
     */
    @ParameterizedTest
    @ValueSource(strings = {"<&-", ">&-", "2>&-"})
    void fdsTheCallerClosedStayClosed(String redirections) throws Exception {
        Path report = tmp.resolve("stdio-report");
        String want = stdioReport(nat("stdiofds", report.toString()), redirections, report);
        String got = stdioReport(jtcg(GuestHarness.JIT_JVM_OPTIONS, "jit", "stdiofds", report.toString()), redirections, report);
        assertEquals(want, got);
        assertTrue(want.contains("EBADF"), want);
    }

    @Test
    void closedStdioNamedByTheLauncherStaysClosedWhateverTheJvmPutThere() throws Exception {
        // the launcher's way: all three closed, /dev/null put there for the JVM, the property names them
        Path report = tmp.resolve("stdio-report-launcher");
        String want = stdioReport(nat("stdiofds", report.toString()), "<&- >&- 2>&-", report);
        List<String> jvm = new ArrayList<>(GuestHarness.JIT_JVM_OPTIONS);
        jvm.add("-Djtcg.closedStdio=0,1,2");
        String got = stdioReport(jtcg(jvm, "jit", "stdiofds", report.toString()), "</dev/null >/dev/null 2>/dev/null", report);
        assertEquals(want, got);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void environmentKeepsTheCallersOrderAndUnderscore(String engine) throws Exception {
        List<String> env = List.of("env", "-i", "ZED=last?", "ALPHA=1", "_=/some/caller", "MIDDLE=with spaces", "B=");
        List<String> n = new ArrayList<>(env);
        n.addAll(nat("envlist"));
        List<String> j = new ArrayList<>(env);
        j.addAll(jtcg(GuestHarness.JIT_JVM_OPTIONS, engine, "envlist"));
        Result want = GuestHarness.run(n, tmp), got = GuestHarness.run(j, tmp);
        assertEquals("ZED=last?\nALPHA=1\n_=/some/caller\nMIDDLE=with spaces\nB=\n", want.out());
        assertEquals(want.out(), got.out(), "jtcg stderr:\n" + got.err());
    }

    @Test
    void aFullCodeCacheWarnsOnStderrNotOnTheGuestsStdout() throws Exception {
        List<String> jvm = new ArrayList<>(GuestHarness.JIT_JVM_OPTIONS);
        jvm.addAll(List.of("-XX:ReservedCodeCacheSize=2600k", "-Xcomp"));   // -Xcomp fills a tiny code cache at once
        Result want = GuestHarness.run(nat("hello"), tmp);
        Result got = GuestHarness.run(jtcg(jvm, "jit", "hello"), tmp);
        assertTrue(got.err().contains("CodeCache is full"), "the warning was provoked: " + got.err());
        assertEquals(0, got.status(), "a starved code cache only slows the guest down: " + got.err());
        assertEquals(want.out(), got.out(), "only the guest's output on stdout");
    }

    @Test
    @Needs({})
    void theLauncherSendsVmOutputToStderrAndSizesTheCodeCache() throws IOException {
        String launcher = Files.readString(ROOT.resolve("jtcg"));
        String opts = launcher.substring(launcher.indexOf("OPTS=("));
        for (String o : GuestHarness.VM_OUTPUT_TO_STDERR) {
            String prefix = o.startsWith("-Xlog:all=") ? "-Xlog:all=warning" : o;
            assertTrue(opts.contains(prefix), "launcher lacks " + o);
        }
        assertTrue(opts.contains("-XX:ReservedCodeCacheSize="), "launcher sizes the code cache");
        assertTrue(launcher.contains("-Djtcg.closedStdio=") && launcher.contains("-Djtcg.environ="),
                "launcher passes the caller's stdio and environment");
    }

    /** The launcher itself, when its jar is built and newer than every source (else it would start a build). */
    @Test
    void theLauncherKeepsClosedStdioAndTheEnvironment() throws Exception {
        Path jar = ROOT.resolve("cli/target/jtcg-all.jar");
        Assumptions.assumeTrue(Files.isRegularFile(jar) && upToDate(jar), "no up-to-date cli/target/jtcg-all.jar");
        String launcher = ROOT.resolve("jtcg").toString();
        Path report = tmp.resolve("stdio-report-script");
        String want = stdioReport(nat("stdiofds", report.toString()), "<&- >&- 2>&-", report);
        String got = stdioReport(List.of("env", "JTCG_CDS=0", launcher, "run", BIN.resolve("stdiofds").toString(),
                report.toString()), "<&- >&- 2>&-", report);
        assertEquals(want, got);
        List<String> env = List.of("env", "-i", "PATH=" + System.getenv("PATH"), "JTCG_CDS=0", "ZED=z", "ALPHA=a");
        List<String> n = new ArrayList<>(env);
        n.addAll(nat("envlist"));
        List<String> j = new ArrayList<>(env);
        j.addAll(List.of(launcher, "run", BIN.resolve("envlist").toString()));
        assertEquals(GuestHarness.run(n, tmp).out(), GuestHarness.run(j, tmp).out());
    }

    private static boolean upToDate(Path jar) throws IOException {
        long built = Files.getLastModifiedTime(jar).toMillis();
        try (Stream<Path> s = Files.walk(ROOT)) {   // what the launcher's needs_build looks at
            return s.filter(p -> p.toString().contains("/src/") || p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/guest/"))
                    .noneMatch(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() > built;
                        } catch (IOException e) {
                            return true;
                        }
                    });
        }
    }
}
