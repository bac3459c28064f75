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
import java.util.Map;
import java.util.TreeMap;
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
        int[] n = compare(bin, "static glibc program");
        int checked = n[0], total = n[1];
        assertTrue(checked > total / 2, "only " + checked + " of " + total + " words formatted");
    }

    /**
     * AdvSIMD integer and system instructions: neon.c (intrinsics for every integer group) and
     * vecint.c (gcc -O3 vectorised loops) from the guest programs, and a snippet of system
     * instructions (barriers, hints, mrs/msr, dc/ic).
     */
    @Test
    void matchesObjdumpOnSimdAndSystemCode() throws Exception {
        Assumptions.assumeTrue(onPath("aarch64-linux-gnu-gcc") && onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-gcc / objdump not installed");
        Path guest = Path.of("..", "testsuites", "guest", "src-aarch64");
        Assumptions.assumeTrue(Files.isRegularFile(guest.resolve("neon.c")), "guest sources not found at " + guest);
        Path sys = tmp.resolve("sys.c");
        Files.writeString(sys, "int main(void) { unsigned long v, w; __asm__ volatile(\"dmb ish\\n dmb ishld\\n dsb sy\\n"
                + " dsb ishst\\n isb\\n yield\\n wfe\\n sevl\\n clrex\\n mrs %0, fpcr\\n mrs %1, fpsr\\n msr fpsr, %1\\n"
                + " msr fpcr, %0\\n mrs %0, tpidr_el0\\n mrs %1, ctr_el0\\n mrs %0, dczid_el0\\n mrs %1, nzcv\\n msr nzcv, %1\\n"
                + " mrs %0, midr_el1\\n mrs %1, cntvct_el0\\n dc zva, %0\\n dc cvau, %1\\n ic ivau, %1\\n dc civac, %0\\n"
                + " hint #0x22\\n hint #0x7f\\n\" : \"=&r\"(v), \"=&r\"(w) :: \"memory\"); return (int) (v + w); }\n");
        int checked = 0, total = 0;
        String[][] builds = {{"neon", "-O2", guest.resolve("neon.c").toString()},
            {"vecint", "-O3", guest.resolve("vecint.c").toString()}, {"sys", "-O2", sys.toString()}};
        for (String[] b : builds) {
            Path bin = tmp.resolve(b[0]);
            runTool(List.of("aarch64-linux-gnu-gcc", "-static", b[1], "-w", "-o", bin.toString(), b[2], "-lm"));
            int[] n = compare(bin, b[0]);
            checked += n[0];
            total += n[1];
        }
        assertTrue(checked > total / 2, "only " + checked + " of " + total + " words formatted");
    }

    /** Compares every formatted .text word of bin with objdump; returns {formatted, total}; fails on mismatches. */
    private static int[] compare(Path bin, String what) throws Exception {
        String dump = runTool(List.of("aarch64-linux-gnu-objdump", "-d", "-j", ".text", bin.toString()));
        int checked = 0, total = 0, wrong = 0;
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> unformatted = new TreeMap<>();
        for (String line : dump.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            total++;
            long pc = Long.parseLong(m.group(1), 16);
            int word = (int) Long.parseLong(m.group(2), 16);
            if (!A64Disassembler.formats(word)) {
                unformatted.merge(m.group(3), 1, Integer::sum);
                continue;
            }
            checked++;
            String want = normalise(m.group(3) + (m.group(4) != null ? " " + m.group(4) : ""));
            String got = A64Disassembler.format(word, pc);
            if (!want.equals(got) && wrong++ < 40) {
                mismatches.add(String.format("%x: %08x objdump '%s' jtcg '%s'", pc, word, want, got));
            }
        }
        System.out.printf("A64 disassembler vs objdump (%s): %d of %d .text words formatted and compared, %d mismatches%n",
                what, checked, total, wrong);
        System.out.println("  not formatted, most frequent: " + unformatted.entrySet().stream()
                .sorted((x, y) -> y.getValue() - x.getValue()).limit(25).map(e -> e.getKey() + " " + e.getValue()).toList());
        assertEquals(List.of(), mismatches, what);
        return new int[] {checked, total};
    }
}
