package org.jtcg.testsuites;

import org.jtcg.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Differential test of Debian's static busybox (amd64): each applet case runs natively and under
 * {@code jtcg run --engine ENGINE} (org.jtcg.cli.Main in a child JVM, as a user runs it) with the same
 * arguments, stdin, working directory (a temp dir with fixed input files) and environment; stdout
 * (bytes), stderr and the exit status must be identical. Every case runs under {@code jit} and
 * {@code kvm}; {@link #INTERP_SUBSET} runs under {@code interp} (about 25x slower than jit, so the
 * subset keeps one case per kind of work: shell, awk, text filters, hashing, compression, archives).
 *
 * <p>Only applets that run in one process are used: jtcg's Linux layer has no fork/vfork/execve, so
 * {@code sh} runs builtins only, and applets that spawn helpers (zcat, env CMD, time, timeout) are left out.
 *
 * <p>The binary is found through the environment variable {@code JTCG_BUSYBOX} (what {@code .ci/run}
 * sets after {@code apt-get download busybox-static}) or at {@link #WELL_KNOWN}; without it, or on a host
 * that is not x86-64 Linux (or, for kvm, without a usable /dev/kvm), every case is reported skipped with
 * a message saying why.
 */
class BusyboxTest {
    /** Where {@code .ci/run} unpacks busybox-static when JTCG_BUSYBOX is not set (as root, else under $HOME). */
    static final List<Path> WELL_KNOWN = List.of(Path.of("/var/cache/jtcg/busybox-static/bin/busybox"),
            Path.of(System.getProperty("user.home"), ".cache/jtcg/busybox-static/bin/busybox"));

    /** The same environment natively and under jtcg: C locale, UTC, no terminal. */
    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C", "TZ", "UTC0",
            "HOME", "/nonexistent", "JTCG_TEST_VAR", "value with spaces");

    @TempDir
    static Path tmp;
    static Path busybox;
    static Path work;

    /** One applet run: busybox argv[1..], and stdin from a file in the work dir (or /dev/null when null). */
    record Case(String stdin, List<String> args) {
        static Case of(String... args) {
            return new Case(null, List.of(args));
        }

        static Case withStdin(String file, String... args) {
            return new Case(file, List.of(args));
        }

        @Override
        public String toString() {
            return String.join(" ", args) + (stdin != null ? " < " + stdin : "");
        }
    }

    static List<Case> cases() {
        return List.of(
            Case.of("echo", "-e", "tab\\there\\nnewline \\0101", "and  more"),
            Case.of("sha256sum", "data.bin", "text.txt"),
            Case.of("md5sum", "data.bin", "text.txt"),
            Case.of("sort", "-r", "-n", "-u", "nums.txt"),
            Case.of("uniq", "-c", "sorted-words.txt"),
            Case.of("wc", "text.txt", "data.bin", "nums.txt"),
            Case.of("awk", "BEGIN { for (i = 1; i <= 100; i++) { s += i * i; n[i % 7]++ } "
                    + "printf \"%d %.4f %e\\n\", s, s / 7, s * 1e10; for (k = 0; k < 7; k++) printf \"%d:%d \", k, n[k]; "
                    + "print \"\"; print length(\"hello\"), substr(\"abcdef\", 2, 3), toupper(\"x\"), int(-7 / 2), 2 ^ 10 }"),
            Case.of("awk", "-F", ",", "NR > 1 { t += $2; c[$3]++ } END { print t, NR; for (k in c) m++; print m }", "table.csv"),
            Case.of("sed", "-e", "s/a/X/g", "-e", "2,4d", "text.txt"),
            Case.withStdin("text.txt", "tr", "a-z", "A-Z"),
            Case.of("cut", "-d", ",", "-f", "1,3", "table.csv"),
            Case.of("tail", "-c", "25", "text.txt"),
            Case.of("cat", "words.txt", "missing-file", "table.csv"),
            Case.of("grep", "-n", "-E", "^[ab]", "words.txt"),
            Case.of("diff", "-u", "words.txt", "sorted-words.txt"),
            Case.of("sh", "-c", "i=0; while [ $i -lt 100 ]; do i=$((i+1)); done; echo $i"),
            Case.of("sh", "-c", "f() { echo \"f $1 $#\"; return 3; }; f a b c; echo rc=$?; "
                    + "for x in 1 2 3; do case $x in 2) echo two;; *) echo other $x;; esac; done; "
                    + "s=hello.tar.gz; echo ${s%%.*} ${s#*.} ${#s}; printf '%s-%03d\\n' z 7; exit 5"),
            Case.withStdin("table.csv", "sh", "-c", "while IFS=, read a b c; do echo \"$c|$b|$a\"; done"),
            Case.of("expr", "6", "*", "7", "+", "1", "=", "43"),
            Case.of("seq", "-s", ",", "1", "3", "40"),
            Case.of("printf", "%05d|%-4s|%x|%o|%c|%.3f\\n", "42", "ab", "255", "8", "q", "3.14159"),
            Case.of("ls", "-ln", "--full-time", "dir"),
            Case.of("od", "-A", "x", "-t", "x2z", "table.csv"),
            Case.of("factor", "1234567", "97", "360", "4294967297"),
            Case.of("date", "-u", "-d", "@1234567890", "+%Y-%m-%d %H:%M:%S %j %a"),
            Case.of("bzip2", "-c", "text.txt"),
            Case.of("tar", "-tvf", "inputs.tar"),
            Case.withStdin("words.txt", "xargs", "-n", "3", "echo"));
    }

    /** Applets (first argument of a case) that also run under interp. */
    static final java.util.Set<String> INTERP_SUBSET = java.util.Set.of("echo", "sha256sum", "sort", "awk", "sh", "printf",
            "factor", "bzip2", "tar");

    private static TestAbortedException unavailable;
    private static boolean ready;

    /** Finds busybox and writes the inputs once, or aborts the calling test with the reason (every time). */
    static synchronized void ensureReady() throws Exception {
        if (unavailable != null) {
            throw unavailable;
        }
        if (!ready) {
            try {
                setUp();
            } catch (TestAbortedException e) {
                unavailable = e;
                throw e;
            }
            ready = true;
        }
    }

    /** Aborts the calling test unless the kvm engine can run here. */
    static void ensureKvm() {
        String why = new org.jtcg.kvm.KvmEngineProvider().unavailableReason(null);
        Assumptions.assumeTrue(why == null, () -> "busybox under kvm skipped: KVM not usable here: " + why);
    }

    /** Finds busybox (or aborts with the reason) and writes the inputs. */
    static void setUp() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "busybox tests skipped: they need an x86-64 Linux host to run busybox natively");
        busybox = findBusybox();
        work = Files.createDirectories(tmp.resolve("work"));
        writeInputs(work);
        Result tar = runNative(List.of("tar", "-cf", "inputs.tar", "table.csv", "words.txt", "dir"), null);
        assertEquals(0, tar.status(), "native busybox tar -cf: " + tar.err());
    }

    static Path findBusybox() {
        String env = System.getenv("JTCG_BUSYBOX");
        if (env != null && !env.isEmpty()) {
            Path p = Path.of(env);
            Assumptions.assumeTrue(Files.isExecutable(p), "busybox tests skipped: JTCG_BUSYBOX=" + env + " is not an executable file");
            return p.toAbsolutePath();
        }
        for (Path p : WELL_KNOWN) {
            if (Files.isExecutable(p)) return p;
        }
        Assumptions.abort("busybox tests skipped: no busybox-static (set JTCG_BUSYBOX, or run .ci/run, which unpacks "
                + "Debian's busybox-static to " + WELL_KNOWN.get(0) + ")");
        return null;
    }

    /** Deterministic inputs; fixed mtimes so ls/diff/gzip headers are the same in every run. */
    static void writeInputs(Path dir) throws IOException {
        Random r = new Random(2024);
        byte[] data = new byte[30000];
        r.nextBytes(data);
        Files.write(dir.resolve("data.bin"), data);
        StringBuilder nums = new StringBuilder();
        for (int i = 0; i < 200; i++) nums.append(r.nextInt(120) - 20).append('\n');
        Files.writeString(dir.resolve("nums.txt"), nums);
        List<String> words = new ArrayList<>();
        String[] pool = {"apple", "banana", "cherry", "bean", "avocado", "date", "apple", "banana"};
        for (int i = 0; i < 40; i++) words.add(pool[r.nextInt(pool.length)]);
        Files.write(dir.resolve("words.txt"), words);
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(null);
        Files.write(dir.resolve("sorted-words.txt"), sorted);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append("line ").append(i).append(": the quick brown fox jumps over a lazy dog ")
                .append(Integer.toHexString(r.nextInt())).append('\n');
        }
        Files.writeString(dir.resolve("text.txt"), text);
        Files.writeString(dir.resolve("table.csv"), "name,qty,kind\nbolt,12,metal\nnut,7,metal\nplank,3,wood\ndowel,30,wood\nglue,1,other\n");
        Path d = Files.createDirectories(dir.resolve("dir"));
        Files.writeString(d.resolve("small"), "x\n");
        Files.write(d.resolve("page"), new byte[4096]);
        Files.write(d.resolve("empty"), new byte[0]);
        Files.createDirectories(d.resolve("sub"));
        FileTime fixed = FileTime.from(Instant.parse("2021-03-04T05:06:07Z"));
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) Files.setLastModifiedTime(p, fixed);
        }
        try (var s = Files.list(d)) {
            for (Path p : (Iterable<Path>) s::iterator) Files.setLastModifiedTime(p, fixed);
        }
        Files.setLastModifiedTime(d, fixed);
    }

    record Result(int status, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Result run(List<String> cmd, String stdin, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(ENV);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(work.resolve(stdin).toFile()));
        Path out = Files.createTempFile(tmp, "out", ".bin"), err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish in 120 s: " + cmd);
        }
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
    }

    static Result runNative(List<String> args, String stdin) throws Exception {
        return runNative(args, stdin, work);
    }

    static Result runNative(List<String> args, String stdin, Path cwd) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(busybox.toString()));
        cmd.addAll(args);
        return run(cmd, stdin, cwd);
    }

    static Result runJit(List<String> args, String stdin) throws Exception {
        return runJtcg("jit", args, stdin, work);
    }

    static Result runJit(List<String> args, String stdin, Path cwd) throws Exception {
        return runJtcg("jit", args, stdin, cwd);
    }

    static Result runJtcg(String engine, List<String> args, String stdin, Path cwd) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-cp", absoluteClassPath(cp),
                Main.class.getName(), "run", "--engine", engine, busybox.toString()));
        cmd.addAll(args);
        return run(cmd, stdin, cwd);
    }

    /** The child JVM runs in the work dir, so relative class path entries are made absolute. */
    static String absoluteClassPath(String cp) {
        return String.join(File.pathSeparator, Arrays.stream(cp.split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).toList());
    }

    static void assertSame(Result want, Result got, String what) {
        assertArrayEquals(want.out(), got.out(), () -> what + ": stdout differs\nnative:\n" + want.outText()
                + "\njtcg:\n" + got.outText() + "\njtcg stderr:\n" + got.err());
        assertEquals(want.err(), got.err(), what + ": stderr differs");
        assertEquals(want.status(), got.status(), what + ": exit status differs; jtcg stderr:\n" + got.err());
    }

    /**
     * Every case is listed whether or not busybox is here: a test that cannot run is aborted with the
     * reason, so Surefire's report and .ci/run's summary count each one as skipped.
     */
    @TestFactory
    List<DynamicTest> appletsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c + " [jit]", () -> {
                ensureReady();
                assertSame(runNative(c.args(), c.stdin()), runJit(c.args(), c.stdin()), c.toString());
            }));
        }
        tests.add(DynamicTest.dynamicTest("gzip -c file > out, then gunzip -c out (files written by the guest) [jit]", () -> {
            ensureReady();
            gzipRoundTripThroughFiles();
        }));
        tests.add(DynamicTest.dynamicTest("touch -d, cp -p, chmod, ln, mkdir -p, rm -r: the resulting tree [jit]", () -> {
            ensureReady();
            fileMetadataChangesMatchNative();
        }));
        return tests;
    }

    @TestFactory
    List<DynamicTest> appletSubsetMatchesNativeUnderInterp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            if (INTERP_SUBSET.contains(c.args().get(0))) {
                tests.add(DynamicTest.dynamicTest(c + " [interp]", () -> {
                    ensureReady();
                    assertSame(runNative(c.args(), c.stdin()), runJtcg("interp", c.args(), c.stdin(), work), c + " [interp]");
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> appletsMatchNativeUnderKvm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c + " [kvm]", () -> {
                ensureReady();
                ensureKvm();
                assertSame(runNative(c.args(), c.stdin()), runJtcg("kvm", c.args(), c.stdin(), work), c + " [kvm]");
            }));
        }
        return tests;
    }

    /** Applets that change a tree, run in order in one dir natively and in another under jit. */
    static final List<List<String>> TREE_CHANGES = List.of(
            List.of("touch", "-d", "2001-02-03 04:05:06", "a"),
            List.of("cp", "-p", "a", "b"),
            List.of("chmod", "4711", "b"),
            List.of("ln", "a", "hard"),
            List.of("mkdir", "-p", "x/y/z"),
            List.of("rm", "-r", "x/y"),
            List.of("touch", "-d", "2001-02-03 04:05:06", "x"));

    /**
     * Runs {@link #TREE_CHANGES} natively in one directory and under jtcg in another, then compares both
     * trees with native {@code ls -lnR --full-time} (modes, link counts, sizes, mtimes).
     */
    static void fileMetadataChangesMatchNative() throws Exception {
        Path nativeDir = Files.createDirectories(work.resolve("tree-native"));
        Path jitDir = Files.createDirectories(work.resolve("tree-jit"));
        for (Path d : List.of(nativeDir, jitDir)) Files.writeString(d.resolve("a"), "contents\n");
        for (List<String> step : TREE_CHANGES) {
            assertSame(runNative(step, null, nativeDir), runJit(step, null, jitDir), String.join(" ", step));
        }
        Result want = runNative(List.of("ls", "-lnR", "--full-time", "tree-native"), null);
        Result got = runNative(List.of("ls", "-lnR", "--full-time", "tree-jit"), null);
        assertEquals(want.outText().replace("tree-native", "tree-jit"), got.outText());
    }

    /**
     * Compresses with jtcg into a file, decompresses that file with jtcg, and checks both steps against
     * native busybox: the compressed bytes are identical and the round trip gives the input back.
     */
    static void gzipRoundTripThroughFiles() throws Exception {
        Result nativeGz = runNative(List.of("gzip", "-c", "data.bin"), null);
        Result jitGz = runJit(List.of("gzip", "-c", "data.bin"), null);
        assertSame(nativeGz, jitGz, "gzip -c data.bin");
        Files.write(work.resolve("data.bin.gz"), jitGz.out());
        Result nativeBack = runNative(List.of("gunzip", "-c", "data.bin.gz"), null);
        Result jitBack = runJit(List.of("gunzip", "-c", "data.bin.gz"), null);
        assertSame(nativeBack, jitBack, "gunzip -c data.bin.gz");
        assertArrayEquals(Files.readAllBytes(work.resolve("data.bin")), jitBack.out(), "round trip");
        assertTrue(jitGz.out().length > 18 && (jitGz.out()[0] & 0xff) == 0x1f && (jitGz.out()[1] & 0xff) == 0x8b,
                "gzip output starts with the gzip magic");
    }
}
