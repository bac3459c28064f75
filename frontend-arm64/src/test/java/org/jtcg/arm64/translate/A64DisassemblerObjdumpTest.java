package org.jtcg.arm64.translate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-checks {@link A64Disassembler} against {@code aarch64-linux-gnu-objdump -d} over the whole
 * .text of a static glibc program built here with {@code aarch64-linux-gnu-gcc -static -O2}: every
 * word the disassembler formats (not the pattern-name fallback) must read as objdump prints it
 * (tabs as spaces, objdump's {@code <symbol>} and {@code //} comments dropped). Also: every word
 * objdump decodes as a real instruction that our decoder calls unallocated is counted and printed, for
 * the record. Skipped when the cross tools are missing.
 */
class A64DisassemblerObjdumpTest {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\t([0-9a-f]{8}) \\t([^\\t]+)(?:\\t(.*))?$");

    @TempDir
    Path tmp;

    static String runTool(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        Assumptions.assumeTrue(p.exitValue() == 0, cmd.get(0) + " failed:\n" + out);
        return out;
    }

    static boolean onPath(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static String normalise(String objdumpText) {
        String s = objdumpText.replaceAll("\\s*//.*$", "").replaceAll(" <[^>]*>", "").replace('\t', ' ').trim();
        return s.replaceAll(" +", " ");
    }

    @Test
    void matchesObjdumpOnStaticGlibcText() throws Exception {
        Assumptions.assumeTrue(onPath("aarch64-linux-gnu-gcc") && onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-gcc / objdump not installed");
        Path src = tmp.resolve("p.c");
        Files.writeString(src, "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
                + "int main(int c, char **v) { char b[64]; snprintf(b, sizeof b, \"%d %s\", c, v[0]);"
                + " qsort(v, c, sizeof *v, (int (*)(const void *, const void *)) strcmp); puts(b); return strlen(b) & 7; }\n");
        Path bin = tmp.resolve("p");
        runTool(List.of("aarch64-linux-gnu-gcc", "-static", "-O2", "-o", bin.toString(), src.toString()));
        String dump = runTool(List.of("aarch64-linux-gnu-objdump", "-d", "-j", ".text", bin.toString()));
        int checked = 0, total = 0, wrong = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            total++;
            long pc = Long.parseLong(m.group(1), 16);
            int word = (int) Long.parseLong(m.group(2), 16);
            if (!A64Disassembler.formats(word)) {
                continue;
            }
            checked++;
            String want = normalise(m.group(3) + (m.group(4) != null ? " " + m.group(4) : ""));
            String got = A64Disassembler.format(word, pc);
            if (!want.equals(got) && wrong++ < 40) {
                mismatches.add(String.format("%x: %08x objdump '%s' jtcg '%s'", pc, word, want, got));
            }
        }
        System.out.printf("A64 disassembler vs objdump: %d of %d .text words formatted and compared, %d mismatches%n",
                checked, total, wrong);
        assertTrue(checked > total / 2, "only " + checked + " of " + total + " words formatted");
        assertEquals(List.of(), mismatches);
    }
}
