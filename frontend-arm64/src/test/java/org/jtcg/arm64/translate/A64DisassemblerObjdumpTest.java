package org.jtcg.arm64.translate;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-checks {@link A64Disassembler} against {@code aarch64-linux-gnu-objdump -d} over the whole .text of real
 * binaries ({@link A64ObjdumpCrossCheck}): a static glibc program built here with
 * {@code aarch64-linux-gnu-gcc -static -O2}, the AdvSIMD/system guest programs, and Debian's arm64 busybox. Every
 * word the decoder implements must be formatted (no pattern-name fallback) and read exactly as objdump prints it;
 * the words we do not implement (SVE, MTE, LSE atomics, MOPS of glibc's ifunc variants) are counted and listed
 * by mnemonic, for the record. Skipped when the cross tools (or busybox) are missing.
 */
class A64DisassemblerObjdumpTest {
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
        return A64ObjdumpCrossCheck.normalise(objdumpText);
    }

    private static void assumeCrossTools() {
        Assumptions.assumeTrue(onPath("aarch64-linux-gnu-gcc") && onPath("aarch64-linux-gnu-objdump"),
                "aarch64-linux-gnu-gcc / objdump not installed");
    }

    @Test
    void matchesObjdumpOnStaticGlibcText() throws Exception {
        assumeCrossTools();
        Path src = tmp.resolve("p.c");
        Files.writeString(src, "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
                + "int main(int c, char **v) { char b[64]; snprintf(b, sizeof b, \"%d %s\", c, v[0]);"
                + " qsort(v, c, sizeof *v, (int (*)(const void *, const void *)) strcmp); puts(b); return strlen(b) & 7; }\n");
        Path bin = tmp.resolve("p");
        runTool(List.of("aarch64-linux-gnu-gcc", "-static", "-O2", "-o", bin.toString(), src.toString()));
        compare(new A64ObjdumpCrossCheck(), bin, "static glibc program");
    }

    /**
     * AdvSIMD integer and system instructions: neon.c (intrinsics for every integer group) and
     * vecint.c (gcc -O3 vectorised loops) from the guest programs, and a snippet of system
     * instructions (barriers, hints, mrs/msr, dc/ic).
     */
    @Test
    void matchesObjdumpOnSimdAndSystemCode() throws Exception {
        assumeCrossTools();
        Path guest = Path.of("..", "testsuites", "guest", "src-aarch64");
        Assumptions.assumeTrue(Files.isRegularFile(guest.resolve("neon.c")), "guest sources not found at " + guest);
        Path sys = tmp.resolve("sys.c");
        Files.writeString(sys, "int main(void) { unsigned long v, w; __asm__ volatile(\"dmb ish\\n dmb ishld\\n dsb sy\\n"
                + " dsb ishst\\n isb\\n yield\\n wfe\\n sevl\\n clrex\\n mrs %0, fpcr\\n mrs %1, fpsr\\n msr fpsr, %1\\n"
                + " msr fpcr, %0\\n mrs %0, tpidr_el0\\n mrs %1, ctr_el0\\n mrs %0, dczid_el0\\n mrs %1, nzcv\\n msr nzcv, %1\\n"
                + " mrs %0, midr_el1\\n mrs %1, cntvct_el0\\n dc zva, %0\\n dc cvau, %1\\n ic ivau, %1\\n dc civac, %0\\n"
                + " hint #0x22\\n hint #0x7f\\n\" : \"=&r\"(v), \"=&r\"(w) :: \"memory\"); return (int) (v + w); }\n");
        String[][] builds = {{"neon", "-O2", guest.resolve("neon.c").toString()},
            {"vecint", "-O3", guest.resolve("vecint.c").toString()}, {"sys", "-O2", sys.toString()}};
        A64ObjdumpCrossCheck check = new A64ObjdumpCrossCheck();
        for (String[] b : builds) {
            Path bin = tmp.resolve(b[0]);
            runTool(List.of("aarch64-linux-gnu-gcc", "-static", b[1], "-w", "-o", bin.toString(), b[2], "-lm"));
            compare(check, bin, b[0]);
        }
    }

    /** Debian's busybox-static for arm64 (found like the busybox tests find it): ~356,000 words of .text. */
    @Test
    void matchesObjdumpOnBusyboxText() throws Exception {
        Assumptions.assumeTrue(onPath("aarch64-linux-gnu-objdump"), "aarch64-linux-gnu-objdump not installed");
        Path busybox = busybox();
        Assumptions.assumeTrue(busybox != null, "arm64 busybox not found: set JTCG_BUSYBOX_AARCH64");
        A64ObjdumpCrossCheck.Report r = compare(new A64ObjdumpCrossCheck(), busybox, "busybox");
        assertTrue(r.total() > 100_000, r.summary());
    }

    private static Path busybox() {
        String env = System.getenv("JTCG_BUSYBOX_AARCH64");
        return Stream.of(env != null && !env.isEmpty() ? Path.of(env) : null,
                        Path.of("/var/cache/jtcg/busybox-static-arm64/bin/busybox"),
                        Path.of(System.getProperty("user.home"), ".cache/jtcg/busybox-static-arm64/bin/busybox"))
                .filter(p -> p != null && Files.isRegularFile(p)).findFirst().orElse(null);
    }

    /** The whole .text of bin: no mismatches, no implemented word left unformatted. */
    private static A64ObjdumpCrossCheck.Report compare(A64ObjdumpCrossCheck check, Path bin, String what) throws Exception {
        A64ObjdumpCrossCheck.Report r = check.check(what, List.of("-d", "-j", ".text", bin.toString()), w -> false);
        System.out.println(r.summary());
        System.out.println("  not implemented, most frequent: " + r.unimplementedTop(25));
        assertEquals(List.of(), r.firstMismatches(), what + ": " + r.summary());
        assertEquals(List.of(), r.firstUnformattedImplemented(), what + ": " + r.summary());
        assertTrue(r.implemented() > 0, r.summary());
        return r;
    }
}
