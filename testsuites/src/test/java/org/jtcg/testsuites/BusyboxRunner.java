package org.jtcg.testsuites;

import org.jtcg.cli.Main;
import org.junit.jupiter.api.Assumptions;

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
 * Runs the applets of one static busybox binary under an oracle and under {@code jtcg run --engine ENGINE}
 * (org.jtcg.cli.Main in a child JVM, as a user runs it) with the same arguments, stdin, working directory
 * (a directory of fixed input files) and environment. The oracle is the binary itself on its own host
 * ({@link BusyboxTest}, amd64) or qemu-user ({@link CrossBusybox}: arm64 and s390x). Shared by all busybox
 * test classes so that every architecture runs its applets on the same inputs and is judged the same way.
 */
final class BusyboxRunner {
    /** The same environment under the oracle and under jtcg: C locale, UTC, no terminal. */
    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C", "TZ", "UTC0",
            "HOME", "/nonexistent", "JTCG_TEST_VAR", "value with spaces");

    /** One applet run: busybox argv[1..], and stdin from a file in the work dir (or /dev/null when null). */
    record Case(String stdin, List<String> args) {
        static Case of(String... args) {
            return new Case(null, List.of(args));
        }

        static Case withStdin(String file, String... args) {
            return new Case(file, List.of(args));
        }

        String applet() {
            return args.get(0);
        }

        @Override
        public String toString() {
            return String.join(" ", args) + (stdin != null ? " < " + stdin : "");
        }
    }

    record Result(int status, byte[] out, String err) {
        String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    final Path busybox;
    /** The command before busybox for the oracle run: empty (native) or qemu with its CPU options. */
    private final List<String> oracle;
    /** The directory of input files every case runs in. */
    final Path work;
    /** Scratch space for captured output. */
    private final Path tmp;

    private BusyboxRunner(Path busybox, List<String> oracle, Path tmp, Path work) {
        this.busybox = busybox;
        this.oracle = List.copyOf(oracle);
        this.tmp = tmp;
        this.work = work;
    }

    /**
     * Writes the inputs into {@code tmp/work} (and an {@code inputs.tar} made by the oracle's busybox tar) and
     * returns a runner for them.
     */
    static BusyboxRunner prepare(Path busybox, List<String> oracle, Path tmp) throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        writeInputs(work);
        BusyboxRunner runner = new BusyboxRunner(busybox, oracle, tmp, work);
        Result tar = runner.runOracle(List.of("tar", "-cf", "inputs.tar", "table.csv", "words.txt", "dir"), null);
        assertEquals(0, tar.status(), "busybox tar -cf under the oracle: " + tar.err());
        return runner;
    }

    /**
     * The busybox named by the environment variable {@code envVar}, else the first executable of
     * {@code wellKnown}; aborts the calling test (skipped) with {@code what} and the reason otherwise.
     */
    static Path find(String envVar, List<Path> wellKnown, String what) {
        String env = System.getenv(envVar);
        if (env != null && !env.isEmpty()) {
            Path p = Path.of(env);
            Assumptions.assumeTrue(Files.isExecutable(p), what + " skipped: " + envVar + "=" + env + " is not an executable file");
            return p.toAbsolutePath();
        }
        for (Path p : wellKnown) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Assumptions.abort(what + " skipped: no busybox-static (set " + envVar + ", or run .ci/run, which unpacks "
                + "Debian's busybox-static to " + wellKnown.get(0) + ")");
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

    Result run(List<String> cmd, String stdin, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(ENV);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(work.resolve(stdin).toFile()));
        Path out = Files.createTempFile(tmp, "out", ".bin"), err = Files.createTempFile(tmp, "err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish in 120 s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    Result runOracle(List<String> args, String stdin) throws Exception {
        return runOracle(args, stdin, work);
    }

    Result runOracle(List<String> args, String stdin, Path cwd) throws Exception {
        List<String> cmd = new ArrayList<>(oracle);
        cmd.add(busybox.toString());
        cmd.addAll(args);
        return run(cmd, stdin, cwd);
    }

    Result runJtcg(String engine, List<String> args, String stdin) throws Exception {
        return runJtcg(engine, args, stdin, work);
    }

    Result runJtcg(String engine, List<String> args, String stdin, Path cwd) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+DisplayVMOutputToStderr", "-cp", absoluteClassPath(cp),
                Main.class.getName(), "run", "--engine", engine, busybox.toString()));
        cmd.addAll(args);
        return run(cmd, stdin, cwd);
    }

    /** The child JVM runs in the work dir, so relative class path entries are made absolute. */
    static String absoluteClassPath(String cp) {
        return String.join(File.pathSeparator, Arrays.stream(cp.split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).toList());
    }

    /** Runs one case under the oracle and under {@code engine} and asserts the same stdout, stderr and status. */
    void assertCaseMatches(Case c, String engine) throws Exception {
        assertSame(runOracle(c.args(), c.stdin()), runJtcg(engine, c.args(), c.stdin()), c + " [" + engine + "]");
    }

    static void assertSame(Result want, Result got, String what) {
        assertArrayEquals(want.out(), got.out(), () -> what + ": stdout differs\noracle:\n" + want.outText()
                + "\njtcg:\n" + got.outText() + "\njtcg stderr:\n" + got.err());
        assertEquals(want.err(), got.err(), what + ": stderr differs");
        assertEquals(want.status(), got.status(), what + ": exit status differs; jtcg stderr:\n" + got.err());
    }

    /** Applets that change a tree, run in order in one dir under the oracle and in another under jtcg. */
    static final List<List<String>> TREE_CHANGES = List.of(
            List.of("touch", "-d", "2001-02-03 04:05:06", "a"),
            List.of("cp", "-p", "a", "b"),
            List.of("chmod", "4711", "b"),
            List.of("ln", "a", "hard"),
            List.of("mkdir", "-p", "x/y/z"),
            List.of("rm", "-r", "x/y"),
            List.of("touch", "-d", "2001-02-03 04:05:06", "x"));

    /**
     * Runs {@link #TREE_CHANGES} under the oracle in one directory and under jtcg {@code engine} in another,
     * then compares both trees with the oracle's {@code ls -lnR --full-time} (modes, link counts, sizes, mtimes).
     */
    void fileMetadataChangesMatch(String engine) throws Exception {
        Path oracleDir = Files.createDirectories(work.resolve("tree-oracle"));
        Path jtcgDir = Files.createDirectories(work.resolve("tree-jtcg"));
        for (Path d : List.of(oracleDir, jtcgDir)) Files.writeString(d.resolve("a"), "contents\n");
        for (List<String> step : TREE_CHANGES) {
            assertSame(runOracle(step, null, oracleDir), runJtcg(engine, step, null, jtcgDir), String.join(" ", step));
        }
        Result want = runOracle(List.of("ls", "-lnR", "--full-time", "tree-oracle"), null);
        Result got = runOracle(List.of("ls", "-lnR", "--full-time", "tree-jtcg"), null);
        assertEquals(want.outText().replace("tree-oracle", "tree-jtcg"), got.outText());
    }

    /**
     * Compresses with jtcg into a file, decompresses that file with jtcg, and checks both steps against
     * the oracle: the compressed bytes are identical and the round trip gives the input back.
     */
    void gzipRoundTripThroughFiles(String engine) throws Exception {
        Result oracleGz = runOracle(List.of("gzip", "-c", "data.bin"), null);
        Result jtcgGz = runJtcg(engine, List.of("gzip", "-c", "data.bin"), null);
        assertSame(oracleGz, jtcgGz, "gzip -c data.bin");
        Files.write(work.resolve("data.bin.gz"), jtcgGz.out());
        Result oracleBack = runOracle(List.of("gunzip", "-c", "data.bin.gz"), null);
        Result jtcgBack = runJtcg(engine, List.of("gunzip", "-c", "data.bin.gz"), null);
        assertSame(oracleBack, jtcgBack, "gunzip -c data.bin.gz");
        assertArrayEquals(Files.readAllBytes(work.resolve("data.bin")), jtcgBack.out(), "round trip");
        assertTrue(jtcgGz.out().length > 18 && (jtcgGz.out()[0] & 0xff) == 0x1f && (jtcgGz.out()[1] & 0xff) == 0x8b,
                "gzip output starts with the gzip magic");
    }
}
