package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The process model (issue 13) on x86-64 guest programs, compared with native runs: {@code procfork}
 * (fork, pipes to EOF, wait statuses, SIGPIPE, a pipe bigger than its capacity, process groups) and
 * {@code procexec} (execve of itself and of {@code #!} scripts, the kernel's errnos, close-on-exec,
 * vfork and posix_spawn). Each runs natively and under {@code jtcg run} with jit and interp in a scratch
 * directory (procexec writes its scripts there); stdout and the exit status must be identical.
 */
@Needs(value = Needs.Need.GUESTS, guestTargets = {"build/x86_64/procfork", "build/x86_64/procexec"})
class ProcessGuestProgramsTest {
    @TempDir
    static Path tmp;

    static final List<String> PROGRAMS = List.of("procfork", "procexec");

    @TestFactory
    List<DynamicTest> processProgramsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String program : PROGRAMS) {
            for (String engine : new String[] {"jit", "interp"}) {
                tests.add(DynamicTest.dynamicTest(program + " [" + engine + "]", () -> {
                    Path dir = Files.createTempDirectory(tmp, program);
                    Result want = GuestHarness.run(List.of(GuestHarness.BIN.resolve(program).toAbsolutePath().toString()), dir, tmp, 120);
                    // the child JVM runs in the scratch dir: its class path entries must be absolute
                    List<String> cmd = GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS,
                            List.of("run", "--engine", engine, GuestHarness.BIN.resolve(program).toAbsolutePath().toString()));
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
