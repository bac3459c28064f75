package org.jtcg.testsuites;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds guest programs with {@code make}, telling a host that lacks a tool (a reason to skip) from a
 * build that failed (a reason to fail, naming the programs and showing the compiler's output). A
 * broken guest program must never turn into a quietly skipped suite.
 */
final class GuestBuild {
    private GuestBuild() {}

    /** What a build attempt came to. */
    sealed interface Outcome {}

    /** Every target was built (or was up to date). */
    record Built() implements Outcome {}

    /** The host lacks a tool the build needs; the tests that need it skip with this reason. */
    record ToolMissing(String reason) implements Outcome {}

    /** make ran and failed: {@code programs} are the targets make reported as failed. */
    record Failed(Set<String> programs, String output) implements Outcome {
        String message(Path dir) {
            return "guest build failed for " + (programs.isEmpty() ? "(unknown target)" : String.join(", ", programs))
                    + " (make -C " + dir + "):\n" + output;
        }
    }

    /** make's line for a failed recipe: {@code make: *** [Makefile:21: build/x86_64/hello] Error 1}. */
    private static final Pattern FAILED_TARGET = Pattern.compile("\\*\\*\\* \\[(?:[^\\]]*: )?([^\\]]+)\\] Error");

    /** make's line for a missing source: {@code make: *** No rule to make target 'src/x.c', needed by 'build/x86_64/x'.} */
    private static final Pattern NO_RULE = Pattern.compile("No rule to make target '([^']+)'(?:, needed by '([^']+)')?");

    /**
     * Builds {@code targets} (none: make's default) in {@code dir} with {@code make CC=cc}. {@code -k} keeps
     * going after a failure so every broken program is named, not only the first.
     */
    static Outcome build(Path dir, List<String> targets, String make, String cc) {
        String os = System.getProperty("os.name"), arch = System.getProperty("os.arch");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return new ToolMissing("the guests are x86-64 Linux programs run natively as the oracle; this host is " + os + "/" + arch);
        }
        for (String tool : List.of(make, cc)) {
            if (onPath(tool) == null) {
                return new ToolMissing(tool + " not found on PATH (install " + tool + " to build the guest programs)");
            }
        }
        String libc = output(List.of(cc, "-print-file-name=libc.a")).strip();
        if (!libc.startsWith("/") || !Files.exists(Path.of(libc))) {
            return new ToolMissing(cc + " has no static C library (libc.a; install libc6-dev): the guests are linked -static");
        }
        List<String> cmd = new ArrayList<>(List.of(make, "-k", "-C", dir.toString(), "CC=" + cc));
        cmd.addAll(targets);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Failed(Set.copyOf(targets), "make did not finish in 600 s:\n" + out);
            }
            if (p.exitValue() == 0) {
                return new Built();
            }
            Set<String> failed = new LinkedHashSet<>();
            Matcher m = FAILED_TARGET.matcher(out);
            while (m.find()) {
                failed.add(Path.of(m.group(1)).getFileName().toString());
            }
            for (Matcher n = NO_RULE.matcher(out); n.find(); ) {
                failed.add(Path.of(n.group(2) != null ? n.group(2) : n.group(1)).getFileName().toString());
            }
            return new Failed(failed, out);
        } catch (IOException | InterruptedException e) {
            return new Failed(Set.copyOf(targets), "cannot run " + cmd + ": " + e);
        }
    }

    /** The executable {@code name} on PATH, or null. */
    static Path onPath(String name) {
        if (name.contains("/")) {
            return Files.isExecutable(Path.of(name)) ? Path.of(name) : null;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** A command's stdout and stderr ("" when it cannot run). */
    private static String output(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }
}
