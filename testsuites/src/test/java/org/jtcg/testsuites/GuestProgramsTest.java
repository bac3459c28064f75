package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.jtcg.cli.Main;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential test of whole x86-64 guest programs: each program in {@code guest/src} is built static
 * with the host gcc ({@code make -C guest}), run natively, and run with {@code jtcg run --engine interp}
 * and {@code --engine jit} (org.jtcg.cli.Main in a child JVM, as a user runs it); stdout and the exit
 * status must be identical. The interpreter gets lighter inputs (it is ~25x slower). Each test is
 * skipped with a message when gcc/make/static glibc or an x86-64 Linux host is missing, and fails
 * (naming the program) when a guest program does not build.
 */
@Needs(Needs.Need.GUESTS)
class GuestProgramsTest {
    static final Path BIN = GuestHarness.BIN;

    @TempDir
    static Path tmp;

    record Case(String program, List<String> jitArgs, List<String> interpArgs) {}

    static List<Case> cases() {
        String dir = tmp.toString();
        return List.of(
            new Case("hello", List.of(), List.of()),
            new Case("args", List.of("one", "two words", ""), List.of("x")),
            new Case("exitcode", List.of("7"), List.of("200", "raw")),
            new Case("fileio", List.of(dir), List.of(dir)),
            new Case("segv", List.of(), List.of()),
            new Case("ud2", List.of(), List.of()),
            new Case("divzero", List.of(), List.of()),
            new Case("strings", List.of("200"), List.of("4")),
            new Case("malloc", List.of("20000"), List.of("1500")),
            new Case("qsort", List.of("100000"), List.of("2000")),
            new Case("jmp", List.of(), List.of()),
            new Case("intwork", List.of(), List.of("3000")),
            new Case("float", List.of(), List.of()),
            new Case("fprintf", List.of("5"), List.of()),
            new Case("fstrtod", List.of("5"), List.of()),
            new Case("flibm", List.of("600"), List.of("100")),
            new Case("fconv", List.of(), List.of("300")),
            new Case("fconv-O0", List.of(), List.of("300")),
            new Case("fconv-O1", List.of(), List.of("300")),
            new Case("fconv-O3", List.of(), List.of("300")),
            new Case("flongdbl", List.of(), List.of("300")),
            new Case("fpe", List.of("sse-div"), List.of("x87-div")),
            new Case("fpe", List.of("sse-inv"), List.of("sse-ovf")),
            new Case("sysloop", List.of("3000"), List.of("300")),
            new Case("smc", List.of("12"), List.of("4")),
            // signal delivery to guest handlers (issue 13)
            new Case("sigbasic", List.of(), List.of()),
            new Case("sigfault", List.of(), List.of()),
            new Case("sigaltstk", List.of(), List.of()),
            new Case("sigalarm", List.of(), List.of()),
            // asynchronous SIGALRM inside loops without syscalls (the engines' exit-request checks)
            new Case("sigloop", List.of("20000000"), List.of("500000")),
            // the FP state in the frame (rounding mode read and changed through the ucontext); SIGPIPE
            new Case("sigfpctx", List.of(), List.of()),
            new Case("sigpipe", List.of(), List.of()),
            new Case("sigrtq", List.of(), List.of()),
            // guest threads (issue 13)
            new Case("threads", List.of("20000"), List.of("2000")),
            new Case("litmus", List.of("500"), List.of("50")),
            new Case("threadexit", List.of("group"), List.of("mainexit")),
            new Case("threadexit", List.of("mainexit"), List.of("group")),
            new Case("threadexit", List.of("tgkill"), List.of("process")),
            new Case("threadexit", List.of("process"), List.of("tgkill")),
            new Case("threadexit", List.of("wakeup"), List.of("wakeup")),
            new Case("threadexit", List.of("pipe"), List.of("exec")),
            new Case("threadexit", List.of("exec"), List.of("pipe")),
            // issue 13 leftovers: epoll and signalfd
            new Case("pollfds", List.of(), List.of()),
            // /proc/cpuinfo against CPUID and the CPU count; children's CPU time (getrusage, wait4, times)
            new Case("procinfo", List.of(), List.of()),
            // issue 14, loop page slots: memory changed under a running loop (mprotect, munmap, another thread; x86: code)
            new Case("loopmap", List.of(), List.of("20000")));
    }

    /**
     * Programs of guest/src run by another class with their own inputs: flongmath (LongDoubleMathTest);
     * sideeffects (DiffSideEffectsTest: it prints its pid, so it is compared between engines, not with native);
     * procfork, procexec (ProcessGuestProgramsTest); threadpar (ParallelThreadsTest); realsys, bigmap, stdiofds, envlist (RealProgramsTest: they
     * need their own stdio, environment or JVM limits).
     */
    static final java.util.Set<String> ELSEWHERE = java.util.Set.of("flongmath", "sideeffects",
            // RealProgramsTest (issue 13: syscalls, closed stdio, environment order, untouched memory)
            "realsys", "bigmap", "stdiofds", "envlist",
            // the process model (ProcessGuestProgramsTest: run in a scratch directory)
            "procfork", "procexec",
            // parallel guest threads (ParallelThreadsTest: runs with -Djtcg.parallelThreads)
            "threadpar");

    /** A new guest program must get a case: the docs claim every guest program runs under interp and jit. */
    @org.junit.jupiter.api.Test
    @Needs({})
    void casesCoverEveryGuestSource() throws IOException {
        java.util.Set<String> listed = new java.util.TreeSet<>(ELSEWHERE);
        cases().forEach(c -> listed.add(c.program().replaceFirst("-O[0-3]$", "")));
        java.util.Set<String> sources = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(GuestHarness.GUEST.resolve("src"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".c")).forEach(n -> sources.add(n.substring(0, n.length() - 2)));
        }
        assertEquals(sources, listed);
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        return GuestHarness.run(cmd, tmp);
    }

    static Result jtcg(String engine, String program, List<String> args) throws Exception {
        List<String> jtcgArgs = new ArrayList<>(List.of("run", "--engine", engine, BIN.resolve(program).toString()));
        jtcgArgs.addAll(args);
        return run(GuestHarness.jtcgCommand(GuestHarness.suiteJvmOptions(engine, program), jtcgArgs));
    }

    @TestFactory
    List<DynamicTest> programsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String engine : new String[] {"jit", "interp"}) {
                List<String> args = engine.equals("jit") ? c.jitArgs() : c.interpArgs();
                tests.add(DynamicTest.dynamicTest(c.program() + " " + String.join(" ", args) + " [" + engine + "]", () -> {
                    Result want = run(GuestHarness.nativeCommand(c.program(), args));
                    Result got = jtcg(engine, c.program(), args);
                    assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
                    assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
                    Integer signalStatus = SIGNAL_STATUS.get(c.program());
                    if (signalStatus != null) {
                        assertEquals(signalStatus, got.status());
                        // SIGPIPE kills silently, as the kernel and the shell do (issue 13)
                        long lines = c.program().equals("sigpipe") ? 0 : 1;
                        assertEquals(lines, got.err().lines().filter(l -> l.startsWith("jtcg:")).count(), got.err());
                    }
                }));
            }
        }
        return tests;
    }

    /** The exit statuses the signal programs are expected to die with natively and under jtcg. */
    static final Map<String, Integer> SIGNAL_STATUS = Map.of("segv", 139, "ud2", 132, "divzero", 136, "fpe", 136,
            "sigbasic", 138, "sigalarm", 142, "sigpipe", 141);
}
