package org.jtcg.x86.decoder;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decodes the whole .text of a static glibc binary built at test time ({@code gcc -static -O2})
 * at every instruction start objdump reports, and requires the same instruction length wherever
 * the decoder knows the instruction. Prints coverage and the undecoded mnemonics (they become
 * SIGILL in the translator). Skipped when gcc, static libc or objdump are missing; fails when they
 * are present and the build fails.
 */
class StaticBinaryTest {

    @Test
    void staticBinaryTextBoundariesMatchObjdump(@TempDir Path dir) throws Exception {
        assumeTrue(Binutils.available("gcc") && Binutils.available("objdump"),
                "gcc or objdump not found on PATH: static-binary check skipped");
        String libc = Binutils.run(dir, "gcc", "-print-file-name=libc.a").strip();
        assumeTrue(libc.startsWith("/") && Files.exists(Path.of(libc)),
                "gcc has no static C library (libc.a; install libc6-dev): static-binary check skipped");
        Binutils.write(dir, "m.c", "int main(void) { return 0; }\n");
        // with gcc and libc.a present, a failing build is a failure of this test (IOException with gcc's output)
        Binutils.run(dir, "gcc", "-static", "-O2", "-o", "m", "m.c");
        long[] text = Binutils.section(dir, "m", ".text");
        byte[] file = Files.readAllBytes(dir.resolve("m"));
        byte[] code = java.util.Arrays.copyOfRange(file, (int) text[2], (int) (text[2] + text[1]));
        List<Binutils.Line> lines = Binutils.disassemble(dir, "m", ".text");
        long base = text[0];

        int decoded = 0;
        int textMismatch = 0;
        List<String> lengthErrors = new ArrayList<>();
        List<String> textExamples = new ArrayList<>();
        Map<String, Integer> undecoded = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Binutils.Line line = lines.get(i);
            int start = (int) (line.address() - base);
            int end = i + 1 < lines.size() ? (int) (lines.get(i + 1).address() - base) : code.length;
            DecodedInsn d = X86Decoder.decode(code, start, code.length - start, line.address());
            String want = Binutils.normalise(line.text());
            if (!d.ok()) {
                String mn = want.isEmpty() ? "?" : want.split(" ")[0];
                if (want.startsWith("(bad)")) {
                    mn = "(bad)";
                }
                undecoded.merge(mn, 1, Integer::sum);
                continue;
            }
            decoded++;
            if (d.length() != end - start) {
                lengthErrors.add(String.format("0x%x: %s -> length %d, objdump %d (%s)", line.address(),
                        d.hexBytes(), d.length(), end - start, want));
                continue;
            }
            String got = Binutils.normalise(X86Disassembler.format(d));
            if (!got.equals(want)) {
                textMismatch++;
                if (textExamples.size() < 20) {
                    textExamples.add(String.format("0x%x: '%s' objdump '%s'", line.address(), got, want));
                }
            }
        }
        int total = lines.size();
        String top = undecoded.entrySet().stream()
                .sorted((a, b) -> b.getValue() - a.getValue())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        System.out.printf("static binary .text: %d instructions, %d decoded (%.2f%%), %d undecoded, "
                        + "%d length mismatches, %d text differences%n", total, decoded, 100.0 * decoded / total,
                total - decoded, lengthErrors.size(), textMismatch);
        System.out.println("undecoded mnemonics (" + undecoded.size() + "): " + top);
        textExamples.forEach(s -> System.out.println("  text difference " + s));
        assertTrue(lengthErrors.isEmpty(), lengthErrors.size() + " length mismatches:\n"
                + String.join("\n", lengthErrors.subList(0, Math.min(50, lengthErrors.size()))));
        assertTrue(decoded > total * 9 / 10, "fewer than 90% of the instructions decoded: " + decoded + "/" + total);
    }
}
