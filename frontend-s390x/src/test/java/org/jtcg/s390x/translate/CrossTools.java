package org.jtcg.s390x.translate;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The s390x cross tools the tests use (gcc, as, objdump); a test skips with a reason when they are missing. */
final class CrossTools {
    private CrossTools() {}

    static final String GCC = "s390x-linux-gnu-gcc", AS = "s390x-linux-gnu-as", OBJDUMP = "s390x-linux-gnu-objdump";

    /** Runs a command, returns its stdout; skips the test when the tool is missing, fails when it fails. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort(cmd.get(0) + " not installed: " + e.getMessage());
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
        return out;
    }

    /** Cross-compiles a C source static at -O2 (with libm) into dir; returns the executable. */
    static Path compileStatic(Path source, Path dir, String name) throws IOException, InterruptedException {
        Path exe = dir.resolve(name);
        run(List.of(GCC, "-static", "-O2", "-o", exe.toString(), source.toString(), "-lm"));
        return exe;
    }

    /** One objdump line: address, raw bytes, and the text after them (mnemonic and operands). */
    record Line(long address, byte[] bytes, String text) {}

    /** The instructions of an object or executable as objdump -d prints them. */
    static List<Line> objdump(Path file) throws IOException, InterruptedException {
        String out = run(List.of(OBJDUMP, "-d", "-w", file.toString()));
        List<Line> lines = new ArrayList<>();
        for (String l : out.split("\n")) {
            String[] parts = l.split("\t");
            if (parts.length < 3 || !parts[0].trim().endsWith(":")) {
                continue;
            }
            String addr = parts[0].trim();
            String[] hex = parts[1].trim().split(" ");
            byte[] bytes = new byte[hex.length];
            try {
                for (int i = 0; i < hex.length; i++) {
                    bytes[i] = (byte) Integer.parseInt(hex[i], 16);
                }
                long a = Long.parseLong(addr.substring(0, addr.length() - 1), 16);
                String text = parts[2].trim() + (parts.length > 3 ? " " + parts[3].trim() : "");
                int sym = text.indexOf(" <");
                if (sym >= 0) {
                    text = text.substring(0, sym);
                }
                lines.add(new Line(a, bytes, text.trim()));
            } catch (NumberFormatException e) {
                // a non-instruction line
            }
        }
        return lines;
    }

    static Path writeTemp(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
