package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jtcg diff --engines interp,jit} on the arm64 and s390x guest programs (cross-built as for
 * {@link Arm64GuestProgramsTest} and {@link S390xGuestProgramsTest}): in instruction and block steps the two
 * engines agree on every register after every step and on all memory at every syscall, through a normal exit,
 * a deliberate fault and an FP-exception program. The negative half flips one condition flag in the folded
 * architectural form (arm64 PSTATE.Z, the s390x PSW condition code) with the test-only {@code late-fault}
 * engine and checks that the diff stops at that step naming the register, so agreement is not vacuous.
 * Skipped with the reason when the cross compiler or qemu is missing.
 */
class CrossDiffTest {
    /**
     * One arch: its guest programs, a flag bit of the register its condition code is folded into, and the
     * exit status of the programs that die of a signal (as under qemu: fpe without arguments dies of SIGFPE
     * on s390x, 136, and exits 0 on arm64).
     */
    record Arch(String name, CrossGuestPrograms programs, String flagRegister, long flagBit, Map<String, Integer> signalStatus) {}

    static final List<Arch> ARCHES = List.of(
            new Arch("aarch64", Arm64GuestProgramsTest.PROGRAMS, "arm64.pstate", 1L << 30, // PSTATE.Z
                    Map.of("segv", 139)),
            new Arch("s390x", S390xGuestProgramsTest.PROGRAMS, "s390.psw_mask", 1L << 44, // low bit of the PSW CC
                    Map.of("segv", 139, "fpe", 136)));

    /** A diff run: program and arguments, and step mode. */
    record DiffCase(String program, List<String> args, String step) {}

    static final List<DiffCase> CASES = List.of(
            new DiffCase("hello", List.of(), "insn"),
            new DiffCase("hello", List.of(), "block"),
            new DiffCase("strings", List.of("4"), "block"),
            new DiffCase("fpe", List.of(), "block"),
            new DiffCase("segv", List.of(), "block"));

    static final Pattern AGREE = Pattern.compile(
            "jtcg diff: engines interp and jit agree: (\\d+) (\\w+) steps, \\d+ syscalls \\(\\d+ replayed in B\\), guest exit status (\\d+)");

    @TempDir
    static Path tmp;

    @TestFactory
    List<DynamicTest> interpAndJitAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Arch arch : ARCHES) {
            for (DiffCase c : CASES) {
                String name = arch.name() + " " + c.program() + " " + String.join(" ", c.args()) + " [--step " + c.step() + "]";
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path bin = arch.programs().requireBuilt(List.of("hello", "strings", "fpe", "segv"));
                    List<String> args = new ArrayList<>(List.of("diff", "--engines", "interp,jit", "--step", c.step(),
                            "--progress-every", "100000000", bin.resolve(c.program()).toAbsolutePath().toString()));
                    args.addAll(c.args());
                    Result r = jtcg(List.of(), args);
                    assertEquals(0, r.status(), r.err());
                    Matcher m = AGREE.matcher(r.err());
                    assertTrue(m.find(), r.err());
                    assertEquals(c.step(), m.group(2));
                    int status = arch.signalStatus().getOrDefault(c.program(), 0);
                    assertEquals(Integer.toString(status), m.group(3), r.err());
                    assertTrue(Long.parseLong(m.group(1)) > 1000, "the whole program ran in steps: " + r.err());
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> aFlippedConditionFlagIsCaught() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Arch arch : ARCHES) {
            tests.add(DynamicTest.dynamicTest(arch.name() + " hello, " + arch.flagRegister() + " bit flipped after 5 syscalls", () -> {
                Path bin = arch.programs().requireBuilt(List.of("hello", "strings", "fpe", "segv"));
                Result r = jtcg(List.of("-Djtcg.latefault.syscalls=5", "-Djtcg.latefault.register=" + arch.flagRegister(),
                                "-Djtcg.latefault.mask=" + arch.flagBit()),
                        List.of("diff", "--engines", "jit,late-fault", bin.resolve("hello").toAbsolutePath().toString()));
                assertEquals(1, r.status(), r.err());
                assertTrue(r.err().startsWith("jtcg diff: divergence at step "), r.err());
                assertTrue(r.err().contains("block steps, after 5 syscalls): registers differ after the step"), r.err());
                assertTrue(r.err().contains("\n    " + arch.flagRegister() + ": 0x"), r.err());
            }));
        }
        return tests;
    }

    private static Result jtcg(List<String> jvmOptions, List<String> args) throws Exception {
        List<String> options = new ArrayList<>(GuestHarness.JIT_JVM_OPTIONS);
        options.addAll(jvmOptions);
        Path dir = Files.createTempDirectory(tmp, "diff");
        return GuestHarness.run(GuestHarness.jtcgCommand(options, args), dir, tmp, 600);
    }
}
