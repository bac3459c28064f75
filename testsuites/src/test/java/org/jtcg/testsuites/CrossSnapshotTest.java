package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of arm64 and s390x glibc guests taken mid-run: {@code qsort} is stopped by
 * {@code jtcg run --snapshot-at N} under interp and under jit (arm64 at its 13th syscall: glibc's qsort asks
 * sysinfo for the memory size, with the array filled and not yet sorted; s390x at its 8th, getrandom during
 * malloc's start-up, where the CC is non-zero, unlike at the sysinfo call), and each snapshot resumes under both engines
 * with the same stdout and exit status as an uninterrupted run. {@code jtcg regs show} of both snapshots
 * shows the condition code folded into the architectural register (arm64 PSTATE's NZCV, the s390x PSW mask's
 * CC) with the same value whichever engine ran up to the snapshot, and no separate flags register.
 * Skipped with the reason when the cross compiler or qemu is missing.
 */
class CrossSnapshotTest {
    /**
     * One arch: its guest programs, the syscall count to snapshot at, the register its flags fold into, those
     * bits, and the name a separate flags register would have (the listing must not have it).
     */
    record Arch(String name, CrossGuestPrograms programs, int snapshotAt, String flagRegister, long flagBits, String unfolded) {}

    static final List<Arch> ARCHES = List.of(
            new Arch("aarch64", Arm64GuestProgramsTest.PROGRAMS, 13, "arm64.pstate", 0xf0000000L, "arm64.nzcv"),
            new Arch("s390x", S390xGuestProgramsTest.PROGRAMS, 8, "s390.psw_mask", 0x0000300000000000L, "s390.cc"));

    static final String PROGRAM = "qsort";
    static final List<String> ARGS = List.of("5000");
    static final String[] ENGINES = {"interp", "jit"};

    @TempDir
    static Path tmp;

    @TestFactory
    List<DynamicTest> snapshotsResumeOnBothEnginesAndShowFoldedFlags() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Arch arch : ARCHES) {
            tests.add(DynamicTest.dynamicTest(arch.name() + " " + PROGRAM + " snapshot at syscall " + arch.snapshotAt(), () -> {
                Path exe = arch.programs().requireBuilt(List.of(PROGRAM)).resolve(PROGRAM).toAbsolutePath();
                Path dir = Files.createTempDirectory(tmp, arch.name());
                List<String> run = new ArrayList<>(List.of(exe.toString()));
                run.addAll(ARGS);
                Result full = jtcg(dir, run, "run", "--engine", "jit");
                assertEquals(0, full.status(), full.err());
                assertTrue(full.out().startsWith("n=5000 "), full.out());

                String[] flags = new String[ENGINES.length];
                for (int i = 0; i < ENGINES.length; i++) {
                    Path snap = dir.resolve(ENGINES[i] + ".snap");
                    Result taken = jtcg(dir, run, "run", "--engine", ENGINES[i], "--snapshot-at",
                            Integer.toString(arch.snapshotAt()), "--snapshot-out", snap.toString());
                    assertEquals(full.out(), taken.out(), "the run that writes the snapshot continues unchanged: " + taken.err());
                    assertEquals(full.status(), taken.status(), taken.err());
                    Result shown = jtcg(dir, List.of(), "regs", "show", snap.toString());
                    assertEquals(0, shown.status(), shown.err());
                    assertTrue(shown.out().contains(arch.snapshotAt() + " syscalls"), shown.out());
                    assertFalse(shown.out().contains("  " + arch.unfolded() + " = "), "flags are folded, not listed apart:\n" + shown.out());
                    flags[i] = registerValue(shown.out(), arch.flagRegister());
                }
                assertEquals(flags[0], flags[1], arch.flagRegister() + " at the snapshot under interp and under jit");
                assertNotEquals(0, Long.parseUnsignedLong(flags[1], 16) & arch.flagBits(),
                        "a condition code is set at this point (" + arch.flagRegister() + " = 0x" + flags[1] + ")");

                for (String taker : ENGINES) {
                    for (String resumer : ENGINES) {
                        Result resumed = jtcg(dir, List.of(), "run", "--engine", resumer, "--resume",
                                dir.resolve(taker + ".snap").toString());
                        assertEquals(full.out(), resumed.out(), "taken under " + taker + ", resumed under " + resumer + ": " + resumed.err());
                        assertEquals(full.status(), resumed.status(), resumed.err());
                    }
                }
            }));
        }
        return tests;
    }

    /** The hex digits of {@code name = 0x...} in a {@code regs show} listing. */
    static String registerValue(String listing, String name) {
        Matcher m = Pattern.compile("\\n  " + Pattern.quote(name) + " = 0x([0-9a-f]+)\\n").matcher(listing);
        assertTrue(m.find(), name + " missing from:\n" + listing);
        return m.group(1);
    }

    /** {@code jtcg HEAD... TAIL...} in a child JVM, run in {@code dir}. */
    private static Result jtcg(Path dir, List<String> tail, String... head) throws Exception {
        List<String> args = new ArrayList<>(List.of(head));
        args.addAll(tail);
        return GuestHarness.run(GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS, args), dir, tmp, 300);
    }
}
