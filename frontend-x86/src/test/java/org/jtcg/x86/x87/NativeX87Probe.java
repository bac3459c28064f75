package org.jtcg.x86.x87;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/**
 * The host FPU as an oracle: compiles {@code x87probe.c} with gcc into a temp dir (once per JVM) and
 * runs batches of single-instruction cases through it. Only usable on an x86-64 host with gcc: elsewhere
 * the tests that need it are skipped with the reason; a probe that does not compile fails them.
 */
final class NativeX87Probe {
    /** One case: op code of x87probe.c, FCW, ST0 = a, ST1 = b, memory operand. */
    record Case(int op, int fcw, long aSig, int aSe, long bSig, int bSe, long mem) {
        String line() {
            return String.format("%x %x %x %x %x %x %x", op, fcw, aSig, aSe, bSig, bSe, mem);
        }
    }

    /** Observed state after the op: ST0 (r), FSW, ST1 (r2), memory result, EFLAGS ZF/PF/CF. */
    record Result(long rSig, int rSe, int fsw, long r2Sig, int r2Se, long mout, int eflags) {
        static Result parse(String line) {
            String[] f = line.trim().split(" ");
            return new Result(Long.parseUnsignedLong(f[0], 16), Integer.parseInt(f[1], 16), Integer.parseInt(f[2], 16),
                    Long.parseUnsignedLong(f[3], 16), Integer.parseInt(f[4], 16), Long.parseUnsignedLong(f[5], 16),
                    Integer.parseInt(f[6], 16));
        }

        @Override
        public String toString() {
            return String.format("r=%04x:%016x fsw=%04x r2=%04x:%016x mem=%x efl=%x", rSe, rSig, fsw, r2Se, r2Sig, mout, eflags);
        }
    }

    private static Path binary;
    private static RuntimeException unavailable;
    private static AssertionError broken;

    /**
     * Builds the probe once per JVM. Aborts the calling test (a skip, with the reason) where the host has
     * no x86-64 CPU or no gcc, and fails it where gcc is there but x87probe.c does not build.
     */
    static synchronized void require() {
        if (binary == null && unavailable == null && broken == null) {
            try {
                binary = compile("x87probe.c", "-masm=intel");
            } catch (TestAbortedException e) {
                unavailable = e;
            } catch (AssertionError e) {
                broken = e;
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        if (broken != null) {
            throw broken;
        }
    }

    /**
     * Compiles a C resource of this package into a temp dir.
     *
     * @throws TestAbortedException when the host cannot (not x86-64, no gcc on PATH): the caller is skipped
     * @throws AssertionError when gcc fails to build the resource, with gcc's output
     */
    static Path compile(String resource, String... flags) {
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new TestAbortedException("native x87 oracle skipped: host is " + arch + ", it needs x86-64");
        }
        if (!onPath("gcc")) {
            throw new TestAbortedException("native x87 oracle skipped: gcc not found on PATH");
        }
        try {
            Path dir = Files.createTempDirectory("jtcg-x87probe");
            Path src = dir.resolve(resource);
            try (InputStream in = NativeX87Probe.class.getResourceAsStream(resource)) {
                Files.write(src, in.readAllBytes());
            }
            Path exe = dir.resolve(resource.replace(".c", ""));
            List<String> cmd = new ArrayList<>(List.of("gcc", "-O1"));
            cmd.addAll(List.of(flags));
            cmd.addAll(List.of("-o", exe.toString(), src.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("gcc failed to build " + resource + " (" + String.join(" ", cmd) + "):\n" + out);
            }
            return exe;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("cannot build " + resource + ": " + e, e);
        }
    }

    /** Whether an executable {@code name} is on PATH (a missing tool is a skip; a failing one is not). */
    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return true;
            }
        }
        return false;
    }

    /** Runs a compiled program without input and returns its stdout lines. */
    static List<String> runProgram(Path exe) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(exe + " failed: " + out);
        }
        return List.of(out.split("\n"));
    }

    static List<Result> run(List<Case> cases) throws IOException, InterruptedException {
        Path in = Files.createTempFile(binary.getParent(), "in", ".txt");
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            sb.append(c.line()).append('\n');
        }
        Files.writeString(in, sb);
        Process p = new ProcessBuilder(binary.toString()).redirectInput(in.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("x87 probe failed: " + err);
        }
        List<Result> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                results.add(Result.parse(line));
            }
        }
        if (results.size() != cases.size()) {
            throw new IOException("x87 probe answered " + results.size() + " of " + cases.size() + " cases: " + err);
        }
        return results;
    }
}
