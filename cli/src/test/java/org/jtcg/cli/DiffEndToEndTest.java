package org.jtcg.cli;

import org.jtcg.cli.RunEndToEndTest.Result;
import org.jtcg.cli.toy.ToyCpu;
import org.jtcg.cpreg.RegisterNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.jtcg.cli.RunEndToEndTest.jtcg;
import static org.jtcg.cli.RunEndToEndTest.jtcgWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jtcg diff} on the toy64 program in child JVMs, against agreeing engines and the test-only "broken" engine. */
class DiffEndToEndTest {
    static final String FULL = "a\nloop\nloop\nloop\nH\n";

    @TempDir
    Path dir;

    private Path elf() throws Exception {
        Path f = dir.resolve("prog");
        Files.write(f, SnapshotEndToEndTest.program().elf());
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"block", "insn", "syscall"})
    void agreeingEnginesExitZeroAndPrintTheGuestOutputOnce(String step) throws Exception {
        Result r = jtcg("diff", "--engines", "interp,jit", "--step", step, elf().toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(FULL, r.out());
        assertTrue(r.err().contains("agree") && r.err().contains("7 syscalls") && r.err().contains("exit status 5"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    /**
     * The broken engine flips r4 bit 0 after its Nth step. Expected: divergence at step N, the
     * register named with both values, and a reproducer whose pc is the reported one and which
     * resumes to the rest of the output.
     */
    @ParameterizedTest
    @CsvSource({
            "block, 4, 3",   // steps 1-3 end at syscalls 1-3; step 4 is the loop branch block
            "insn, 4, 0",    // 4th instruction, before the first syscall
            "syscall, 2, 1"  // the run to syscall 2
    })
    void aBrokenEngineIsCaughtAtTheRightStepWithAReproducer(String step, int after, int syscallsBefore) throws Exception {
        Path repro = dir.resolve("repro-" + step + ".snap");
        Result r = jtcgWith(List.of("-Djtcg.broken.after=" + after), "diff", "--engines", "jit,broken",
                "--step", step, "--reproducer", repro.toString(), elf().toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("jtcg diff: divergence at step " + after + " (" + step + " steps, after "), r.err());
        String r4 = RegisterNames.name(ToyCpu.reg(4));
        assertTrue(r.err().contains("    " + r4 + ": 0x0 != 0x1\n"), r.err());
        assertFalse(r.err().contains(RegisterNames.name(ToyCpu.reg(3)) + ":"), "only r4 differs: " + r.err());
        Matcher pc = Pattern.compile("started at guest pc (0x[0-9a-f]+)").matcher(r.err());
        assertTrue(pc.find(), r.err());
        assertTrue(Files.exists(repro), r.err());
        assertTrue(r.err().contains(repro.toAbsolutePath().toString()), r.err());

        Result show = jtcg("regs", "show", repro.toString());
        assertTrue(show.out().contains(RegisterNames.name(ToyCpu.PC) + " = " + pc.group(1) + "\n"), show.out() + r.err());
        assertTrue(show.out().contains(syscallsBefore + " syscalls"), show.out());

        Result resumed = jtcg("run", "--resume", repro.toString(), "--engine", "jit");
        assertEquals(5, resumed.status(), resumed.err());
        int writesBefore = 0;
        for (int i = 0; i < syscallsBefore; i++) {
            writesBefore += SnapshotEndToEndTest.WRITES.get(i).length();
        }
        assertEquals(FULL.substring(writesBefore), resumed.out());

        // The reproducer, diffed instruction by instruction, diverges again in the same way.
        Result again = jtcgWith(List.of("-Djtcg.broken.after=1"), "diff", "--engines", "jit,broken", "--step", "insn",
                "--reproducer", dir.resolve("again.snap").toString(), "--resume", repro.toString());
        assertEquals(1, again.status(), again.err());
        assertTrue(again.err().startsWith("jtcg diff: divergence at step 1 "), again.err());
    }

    @Test
    void aMaskTableEntryHidesTheFlippedBitAndResyncs() throws Exception {
        Path masks = dir.resolve("toy.masks");
        String r4 = RegisterNames.name(ToyCpu.reg(4));
        Files.writeString(masks, "# register ignore when reason\n" + r4 + "  0x1  *  test: the broken engine flips it\n");
        Result r = jtcgWith(List.of("-Djtcg.broken.after=2"), "diff", "--engines", "jit,broken", "--masks", masks.toString(),
                elf().toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("1 masked register differences"), r.err());
        Files.writeString(masks, r4 + " 0x1 *\n");
        Result bad = jtcg("diff", "--engines", "jit,broken", "--masks", masks.toString(), elf().toString());
        assertEquals(126, bad.status());
        assertTrue(bad.err().contains("toy.masks:1"), bad.err());
    }

    @Test
    void usageErrors() throws Exception {
        String f = elf().toString();
        assertEquals(2, jtcg("diff", "--engines", "jit", f).status());
        assertEquals(2, jtcg("diff", "--engines", "jit,warp", f).status());
        assertEquals(2, jtcg("diff", "--engines", "interp,jit", "--step", "page", f).status());
        assertEquals(2, jtcg("diff", "--engines", "interp,jit").status());
        assertEquals(127, jtcg("diff", "--engines", "interp,jit", dir.resolve("nope").toString()).status());
    }
}
