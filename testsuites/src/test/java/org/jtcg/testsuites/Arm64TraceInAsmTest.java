package org.jtcg.testsuites;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jtcg run --trace in_asm} on an AArch64 guest prints each translated instruction as
 * {@code aarch64-linux-gnu-objdump -d} prints it (the same formatter as the SIGILL lines): the arm64
 * {@code strings} program runs under interp with the trace on stderr, and every traced line is compared
 * with objdump's line at the same address (objdump's {@code <symbol>} and {@code //} comments dropped, tabs
 * as spaces). Unallocated words, which trace as {@code .inst}, are left out. Skipped without the cross
 * tools or qemu (the guest build's requirements).
 */
class Arm64TraceInAsmTest {
    private static final Pattern TRACE = Pattern.compile("^0x([0-9a-f]{16}):  (.*)$");
    private static final Pattern OBJDUMP = Pattern.compile("^\\s*([0-9a-f]+):\\t[0-9a-f]{8} \\t(.*)$");

    @TempDir
    Path tmp;

    @Test
    void inAsmTraceReadsAsObjdump() throws Exception {
        Assumptions.assumeTrue(GuestBuild.onPath("aarch64-linux-gnu-objdump") != null, "aarch64-linux-gnu-objdump not found");
        Path exe = Arm64GuestProgramsTest.PROGRAMS.requireBuilt(List.of("strings")).resolve("strings").toAbsolutePath();
        GuestHarness.Result dump = GuestHarness.run(List.of("aarch64-linux-gnu-objdump", "-d", exe.toString()), tmp);
        assertEquals(0, dump.status(), dump.err());
        Map<Long, String> objdump = new HashMap<>();
        for (String line : dump.out().split("\n")) {
            Matcher m = OBJDUMP.matcher(line);
            if (m.matches()) {
                objdump.put(Long.parseLong(m.group(1), 16), normalise(m.group(2)));
            }
        }
        GuestHarness.Result run = GuestHarness.run(GuestHarness.jtcgCommand(GuestHarness.suiteJvmOptions("interp", "strings"),
                List.of("run", "--engine", "interp", "--trace", "in_asm", exe.toString(), "4")), tmp);
        assertEquals(0, run.status(), "jtcg failed; stderr tail:\n" + tail(run.err()));
        int compared = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : run.err().split("\n")) {
            Matcher m = TRACE.matcher(line);
            if (!m.matches() || m.group(2).startsWith(".inst")) {
                continue;
            }
            long pc = Long.parseUnsignedLong(m.group(1), 16);
            String want = objdump.get(pc);
            compared++;
            if (!m.group(2).equals(want) && wrong.size() < 20) {
                wrong.add(String.format("%x: objdump '%s' trace '%s'", pc, want, m.group(2)));
            }
        }
        System.out.println("arm64 --trace in_asm vs objdump: " + compared + " traced instructions compared, " + wrong.size() + " differ");
        assertTrue(compared > 1000, "only " + compared + " traced instructions");
        assertEquals(List.of(), wrong);
    }

    private static String normalise(String objdumpText) {
        return objdumpText.replaceAll("\\s*//.*$", "").replaceAll(" <[^>]*>$", "").replace('\t', ' ').trim().replaceAll(" +", " ");
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
