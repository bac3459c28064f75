package org.jtcg.kvm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds a C probe with a cross compiler against that target's UAPI headers (statically linked) and runs it
 * under qemu-user: the way the arm64 and s390x plug-ins' tables are checked on an x86-64 machine. When the
 * compiler, the headers or qemu are missing it reports why instead of running (the test then skips).
 *
 * @param compiler e.g. {@code aarch64-linux-gnu-gcc}
 * @param qemu     e.g. {@code qemu-aarch64-static}
 * @param header   a header the probe needs, e.g. {@code /usr/aarch64-linux-gnu/include/asm/kvm.h}
 */
public record CrossProbe(String compiler, String qemu, Path header) {
    /** Null when the probe can run here, else why not (one line, naming the Debian packages). */
    public String unavailableReason() {
        if (!onPath(compiler)) {
            return "skipped: " + compiler + " not installed (Debian: gcc-" + compiler.replace("-gcc", "") + ")";
        }
        if (!Files.exists(header)) {
            return "skipped: " + header + " not installed (the cross linux-libc-dev / libc6-dev cross package)";
        }
        if (!onPath(qemu)) {
            return "skipped: " + qemu + " not installed (Debian: qemu-user-static)";
        }
        return null;
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /** Compiles the resource {@code name} next to {@code anchor} and returns the probe's output lines. */
    public List<String> run(Class<?> anchor, String name) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jtcg-uapi-probe");
        Path src = dir.resolve(name);
        try (InputStream in = anchor.getResourceAsStream(name)) {
            assertNotNull(in, "probe source resource missing: " + name);
            Files.write(src, in.readAllBytes());
        }
        Path exe = dir.resolve("probe");
        String ccOut = exec(List.of(compiler, "-static", "-O0", "-o", exe.toString(), src.toString()), "compile");
        String out = exec(List.of(qemu, exe.toString()), "run");
        assertTrue(!out.isBlank(), "probe printed nothing; compiler said:\n" + ccOut);
        return out.lines().toList();
    }

    private static String exec(List<String> cmd, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), what + " timed out: " + cmd);
        assertEquals(0, p.exitValue(), "probe " + what + " failed (" + String.join(" ", cmd) + "):\n" + out);
        return out;
    }
}
