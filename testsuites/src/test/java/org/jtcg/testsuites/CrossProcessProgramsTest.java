package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The process model on arm64 and s390x (issue 13), with the guest programs of {@link ProcessGuestProgramsTest}
 * cross-compiled: {@code procfork} against qemu-user under jit and interp; {@code procexec} under jit against
 * the native x86-64 build of the same source (it prints the same text on every arch), because qemu-user
 * cannot execve {@code /proc/self/exe} (its /proc/self/exe is qemu), which Linux and jtcg can. Skipped with
 * the reason when a cross compiler, qemu or (for procexec) the host gcc is missing.
 */
class CrossProcessProgramsTest {
    @TempDir
    static Path tmp;

    static final List<CrossGuestPrograms> ARCHES = List.of(Arm64GuestProgramsTest.PROGRAMS, S390xGuestProgramsTest.PROGRAMS);

    @TestFactory
    List<DynamicTest> procforkMatchesQemu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CrossGuestPrograms arch : ARCHES) {
            tests.addAll(arch.programsMatchQemu(List.of(new CrossGuestPrograms.Case("procfork", List.of(), List.of())), tmp));
        }
        return tests;
    }

    /**
     * Programs compared with the native x86-64 build of the same source (they print the same text on every arch):
     * procexec (qemu-user cannot execve /proc/self/exe) under jit; pollfds (epoll and signalfd: qemu-user lacks
     * epoll_pwait2, accepts a 4-byte signalfd mask and loses sival_int on s390x, where Linux does not) under
     * jit and interp; procinfo (/proc/cpuinfo against AT_HWCAP, children's CPU time: qemu-user shows the host's
     * cpuinfo) under jit.
     */
    static final List<List<String>> NATIVE_REFERENCE = List.of(List.of("procexec", "jit"), List.of("pollfds", "jit"),
            List.of("pollfds", "interp"), List.of("procinfo", "jit"));

    @TestFactory
    List<DynamicTest> programsMatchNativeLinux() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CrossGuestPrograms arch : ARCHES) {
            for (List<String> pe : NATIVE_REFERENCE) {
                String program = pe.get(0), engine = pe.get(1);
                tests.add(DynamicTest.dynamicTest(program + " " + arch.bin().getFileName() + " [" + engine + "]", () -> {
                    Path bin = arch.requireBuilt(List.of(program));
                    GuestBuild.Outcome o = GuestBuild.build(GuestHarness.GUEST, List.of("build/x86_64/" + program), "make", "gcc");
                    Assumptions.assumeFalse(o instanceof GuestBuild.ToolMissing, () -> program + " reference skipped: "
                            + ((GuestBuild.ToolMissing) o).reason());
                    Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "the reference run needs an x86-64 host");
                    if (o instanceof GuestBuild.Failed f) throw new AssertionError("x86-64 " + program + " build failed:\n" + f.output());
                    Path dir = Files.createTempDirectory(tmp, program);
                    Result want = GuestHarness.run(List.of(GuestHarness.BIN.resolve(program).toAbsolutePath().toString()), dir, tmp, 120);
                    List<String> cmd = GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS,
                            List.of("run", "--engine", engine, bin.resolve(program).toAbsolutePath().toString()));
                    int cp = cmd.indexOf("-cp") + 1;
                    cmd.set(cp, BusyboxRunner.absoluteClassPath(cmd.get(cp)));
                    Result got = GuestHarness.run(cmd, dir, tmp, 300);
                    assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                    assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
                }));
            }
        }
        return tests;
    }
}
