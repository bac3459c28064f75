package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.jtcg.cli.Main;
import org.jtcg.kvm.KvmEngineProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole x86-64 guest programs under the kvm engine, compared with native runs (stdout and exit status),
 * through {@code org.jtcg.cli.Main} in a child JVM as a user runs it:
 * <ul>
 * <li>every program in {@code guest/src} under {@code --engine kvm --verify-sync} (checked against the directory);</li>
 * <li>a handoff matrix (programs the TCG engines can run: not {@code float} until their SSE/x87 floating
 *     point is wired) ({@code kvm@k,jit@m}, {@code jit@k,kvm@m}, three-step plans, 0 and past-the-end
 *     counts) on four programs, including {@code smc}, whose code written under KVM must be what the TCG
 *     runs after the switch (KVM dirty log → invalidation);</li>
 * <li>snapshots taken while kvm runs and resumed under kvm or jit;</li>
 * <li>{@code --stats} keys and the dirty-tracking target (≤ 1.1 vCPU ioctls per exit);</li>
 * <li>the refusal of "start under kvm, switch to a TCG engine later" where KVM cannot control CPUID (PVM).</li>
 * </ul>
 * Skipped with a message where gcc/make, an x86-64 Linux host or a usable /dev/kvm is missing.
 */
@Needs({Needs.Need.GUESTS, Needs.Need.KVM})
class KvmGuestProgramsTest {
    static final Path BIN = GuestHarness.BIN;

    /** Exit statuses of the programs that die of a signal, natively and under jtcg. */
    static final Map<String, Integer> SIGNAL_STATUS = Map.of("segv", 139, "ud2", 132, "divzero", 136, "fpe", 136,
            "sigbasic", 138, "sigalarm", 142);

    @TempDir
    static Path tmp;

    private static final Map<List<String>, Result> NATIVE = new ConcurrentHashMap<>();

    /**
     * Every program of {@code guest/src} (the floating-point ones included) with the arguments GuestProgramsTest and
     * LongDoubleMathTest give their jit runs, plus the kvm-oriented guests. {@link #programsCoverEveryGuestSource}
     * keeps the list complete.
     */
    static List<List<String>> programs() {
        String dir = tmp.toString();
        return List.of(List.of("hello"), List.of("args", "one", "two words", ""), List.of("exitcode", "7"),
                List.of("fileio", dir), List.of("segv"), List.of("ud2"), List.of("divzero"), List.of("strings", "200"),
                List.of("malloc", "20000"), List.of("qsort", "100000"), List.of("jmp"), List.of("intwork"),
                List.of("float"), List.of("fprintf", "5"), List.of("fstrtod", "5"), List.of("flibm", "600"), List.of("fconv"),
                List.of("fconv-O0"), List.of("fconv-O1"), List.of("fconv-O3"), List.of("flongdbl"), List.of("fpe", "sse-div"),
                List.of("fpe", "sse-inv"), List.of("fpe", "x87-div"), List.of("flongmath", "60"),
                List.of("sysloop", "3000"), List.of("smc", "12"),
                List.of("sigbasic"), List.of("sigfault"), List.of("sigaltstk"), List.of("sigalarm"),
                List.of("sigfpctx"), List.of("sigpipe"), List.of("sigrtq"));
    }

    /** Guest programs this suite does not run under kvm, and why (programsCoverEveryGuestSource checks the rest). */
    static final Map<String, String> NOT_UNDER_KVM = Map.ofEntries(
            Map.entry("sideeffects", "prints its pid, so no native comparison; DiffSideEffectsTest runs it (interp vs jit)"),
            Map.entry("threads", "the kvm engine runs one vCPU: a thread clone answers ENOSYS (docs/linux-user.md)"),
            Map.entry("litmus", "threads: as above"),
            Map.entry("threadexit", "threads: as above"),
            Map.entry("threadpar", "threads: as above (parallel guest threads)"),
            Map.entry("loopmap", "threads: as above (part 2 mprotects from a second thread); it tests the jit's loop page slots"),
            Map.entry("sigloop", "the kvm engine does not yet honour CpuState.requestExit: a timer cannot interrupt a loop without syscalls"),
            Map.entry("bigmap", "KvmEngine backs guest memory eagerly (8 x 1 GiB mappings); RealProgramsTest runs it under jit/interp"),
            Map.entry("envlist", "needs a caller environment of its own; RealProgramsTest runs it"),
            Map.entry("stdiofds", "needs closed stdio; RealProgramsTest runs it"),
            Map.entry("realsys", "RealProgramsTest runs it (interp, jit); not yet run under kvm"),
            Map.entry("procfork", "ProcessGuestProgramsTest runs it (interp, jit); a forked child under kvm has not run on a KVM host yet"),
            Map.entry("procexec", "as procfork"),
            // issue 13 leftovers
            Map.entry("pollfds", "forks children (as procfork); GuestProgramsTest runs it (interp, jit)"),
            Map.entry("procinfo", "forks a child (as procfork); GuestProgramsTest runs it (interp, jit)"));

    // ------------------------------------------------------------------ every program under kvm

    @TestFactory
    List<DynamicTest> everyProgramUnderKvmWithVerifySync() {
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> prog : programs()) {
            tests.add(DynamicTest.dynamicTest(String.join(" ", prog) + " [kvm --verify-sync]", () -> {
                Result got = jtcg(List.of("--engine", "kvm", "--verify-sync"), prog);
                assertSameAsNative(prog, got);
                Integer signalStatus = SIGNAL_STATUS.get(prog.get(0));
                if (signalStatus != null) {
                    assertEquals(signalStatus, got.status());
                    assertEquals(1, got.err().lines().filter(l -> l.startsWith("jtcg:")).count(), got.err());
                }
            }));
        }
        return tests;
    }

    // ------------------------------------------------------------------ AVX state under kvm (issue 15)

    /**
     * AVX/AVX2 guests under kvm: the VM enables CR4.OSXSAVE and XCR0 = x87|SSE|AVX where the host's KVM offers
     * AVX (docs/kvm.md "XSAVE and AVX state"), so {@code avx2vec} (AVX2 code run unconditionally, ymm across a signal
     * handler) and glibc's AVX2 string functions run as natively, also across handoffs (the ymm upper halves move
     * with KVM_GET/SET_XSAVE). Where the host's KVM lacks AVX the guest's CPUID omits it and stderr says so once.
     */
    @TestFactory
    List<DynamicTest> avxProgramsUnderKvm() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.readString(Path.of("/proc/cpuinfo")).contains(" avx2"),
                "the host CPU has no AVX2: no native oracle for the AVX guest programs");
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> prog : List.of(List.of("avx2vec"), List.of("strings-avx2", "200"), List.of("float-avx2"))) {
            tests.add(DynamicTest.dynamicTest(String.join(" ", prog) + " [kvm --verify-sync --stats]", () -> {
                Result got = jtcg(List.of("--engine", "kvm", "--verify-sync", "--stats"), prog);
                assertSameAsNative(prog, got);
                assertTrue(got.err().contains("\"kvm_xcr0\":7"), "XCR0 = x87|SSE|AVX: " + got.err());
            }));
        }
        for (String plan : List.of("kvm@1,jit@8", "jit@0,kvm@6", "kvm@2,interp@6,kvm@9")) {
            tests.add(DynamicTest.dynamicTest("avx2vec [--handoff " + plan + " --verify-sync]", () ->
                    assertSameAsNative(List.of("avx2vec"), jtcg(List.of("--handoff", plan, "--verify-sync"), List.of("avx2vec")))));
        }
        return tests;
    }

    // ------------------------------------------------------------------ handoffs

    /** Handoff plans per program; the numbers are syscall counts (intwork makes ~18, fileio ~36, malloc ~67, smc 12 ~40). */
    static final Map<List<String>, List<String>> HANDOFFS = Map.of(
            List.of("intwork", "50000"), List.of("kvm@1,jit@5", "kvm@1,jit@16", "kvm@1,jit@100000", "jit@0,kvm@5",
                    "jit@5,kvm@100000", "kvm@2,jit@9,kvm@15", "jit@0,kvm@3,jit@12"),
            List.of("fileio", "@TMP"), List.of("kvm@1,jit@10", "kvm@1,jit@100000", "jit@0,kvm@1", "jit@12,kvm@30",
                    "kvm@3,jit@20,kvm@28"),
            List.of("malloc", "20000"), List.of("kvm@1,jit@20", "jit@0,kvm@30", "kvm@1,jit@40,kvm@60", "jit@10,kvm@100000"),
            // smc: 14 start-up syscalls, then per round getppid (15+2r) and write (16+2r). Switching to a TCG engine
            // at a getppid runs code KVM patched just before: jit@27 (round 6, which jit translated in round 2).
            List.of("smc", "12"), List.of("jit@1,kvm@20,jit@27", "kvm@1,jit@21,kvm@30", "kvm@1,interp@27",
                    "jit@0,kvm@15,jit@17,kvm@19,jit@23", "kvm@1,jit@100000"));

    @TestFactory
    List<DynamicTest> handoffMatrix() {
        List<DynamicTest> tests = new ArrayList<>();
        HANDOFFS.forEach((progTemplate, plans) -> {
            for (String plan : plans) {
                tests.add(DynamicTest.dynamicTest(String.join(" ", progTemplate) + " [--handoff " + plan + "]", () -> {
                    List<String> prog = progTemplate.stream().map(a -> a.equals("@TMP") ? tmp.toString() : a).toList();
                    Result got = jtcg(List.of("--handoff", plan, "--stats"), prog);
                    assertSameAsNative(prog, got);
                    String used = topLevelString(got.err(), "engines_used");
                    assertTrue(used.contains("kvm") || plan.endsWith("kvm@100000"), "kvm never ran: " + used);
                }));
            }
        });
        // The same plans with --verify-sync on one program: the lazy sync is checked across handoffs too.
        for (String plan : HANDOFFS.get(List.of("smc", "12"))) {
            tests.add(DynamicTest.dynamicTest("smc 12 [--handoff " + plan + " --verify-sync]", () ->
                    assertSameAsNative(List.of("smc", "12"), jtcg(List.of("--handoff", plan, "--verify-sync"), List.of("smc", "12")))));
        }
        return tests;
    }

    /**
     * Starting under kvm and switching to a TCG engine later: refused with one line where KVM cannot control
     * CPUID (glibc would have picked host-CPU code), otherwise an ordinary run.
     */
    @Test
    void kvmStartThenTcgIsRefusedWhereKvmCannotControlCpuid() throws Exception {
        String limitation = KvmEngineProvider.tcgHandoffLimitation("x86_64");
        for (List<String> opts : List.of(List.of("--handoff", "kvm@0,jit@4"), List.of("--engine", "kvm", "--handoff", "jit@4"))) {
            Result got = jtcg(opts, List.of("intwork"));
            if (limitation == null) {
                assertSameAsNative(List.of("intwork"), got);
            } else {
                assertEquals(2, got.status(), got.err());
                assertEquals("", got.out());
                List<String> lines = got.err().lines().toList();
                assertEquals(1, lines.size(), got.err());
                assertTrue(lines.get(0).startsWith("jtcg: ") && lines.get(0).contains("cannot control CPUID")
                        && lines.get(0).contains("--handoff kvm@1,jit@4"), lines.get(0));
            }
        }
    }

    // ------------------------------------------------------------------ snapshots

    @Test
    void snapshotsTakenUnderKvmResumeUnderKvmAndJit() throws Exception {
        List<String> prog = List.of("smc", "12");
        String nativeOut = nativeRun(prog).out();
        Path underJit = tmp.resolve("jit.snap"), kvmAfterJitStart = tmp.resolve("kvm1.snap"), kvmFromStart = tmp.resolve("kvm0.snap");
        // Syscall 20 = the write of round 2: rounds 3.. follow the snapshot.
        assertSameAsNative(prog, jtcg(List.of("--snapshot-at", "20", "--snapshot-out", underJit.toString()), prog));
        assertSameAsNative(prog, jtcg(List.of("--handoff", "kvm@1", "--snapshot-at", "20", "--snapshot-out",
                kvmAfterJitStart.toString()), prog));
        Result fromStart = jtcg(List.of("--engine", "kvm", "--snapshot-at", "20", "--snapshot-out", kvmFromStart.toString()), prog);
        assertSameAsNative(prog, fromStart);
        assertEquals(KvmEngineProvider.tcgHandoffLimitation("x86_64") != null, fromStart.err().contains("resume it with --engine kvm only"),
                fromStart.err());

        Result reference = resume(underJit, "jit");
        assertEquals(0, reference.status(), reference.err());
        assertTrue(!reference.out().isEmpty() && nativeOut.endsWith(reference.out()) && !reference.out().equals(nativeOut),
                "a resume prints the rest of the run: " + reference.out());
        for (Result r : List.of(resume(underJit, "kvm"), resume(kvmAfterJitStart, "kvm"), resume(kvmAfterJitStart, "jit"),
                resume(kvmFromStart, "kvm"), resumeVerified(kvmFromStart))) {
            assertEquals(reference.status(), r.status(), r.err());
            assertEquals(reference.out(), r.out(), r.err());
        }
    }

    @Test
    void snapshotBeforeTheFirstInstructionUnderKvmResumesAnywhere() throws Exception {
        List<String> prog = List.of("intwork", "20000");
        Path file = tmp.resolve("at0.snap");
        assertSameAsNative(prog, jtcg(List.of("--engine", "kvm", "--snapshot-at", "0", "--snapshot-out", file.toString()), prog));
        // Nothing ran yet at syscall 0, so glibc initialises under whichever engine resumes.
        Result onJit = resume(file, "jit");
        assertEquals(nativeRun(prog).out(), onJit.out(), onJit.err());
        assertEquals(nativeRun(prog).out(), resume(file, "kvm").out());
    }

    private Result resume(Path file, String engine) throws Exception {
        return jtcg(List.of("--resume", file.toString(), "--engine", engine), List.of());
    }

    private Result resumeVerified(Path file) throws Exception {
        return jtcg(List.of("--resume", file.toString(), "--engine", "kvm", "--verify-sync"), List.of());
    }

    // ------------------------------------------------------------------ --stats

    @Test
    void statsNameTheKvmCountersAndMeetTheDirtyTrackingTarget() throws Exception {
        List<String> prog = List.of("sysloop", "2000");
        Result got = jtcg(List.of("--engine", "kvm", "--stats"), prog);
        assertSameAsNative(prog, got);
        String json = got.err().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow(() -> new AssertionError(got.err()));
        assertEquals("kvm", topLevelString(json, "engine"));
        long syscalls = topLevelLong(json, "syscalls");
        long exits = topLevelLong(json, "kvm_exits");
        long ioctls = topLevelLong(json, "kvm_ioctls");
        assertTrue(syscalls >= 2000, json);
        assertTrue(exits >= syscalls, "every syscall is an exit: " + json);
        assertTrue(ioctls >= exits, "KVM_RUN is counted: " + json);
        assertTrue(ioctls <= 1.1 * exits, "dirty-tracked sync: at most 1.1 vCPU ioctls per exit: " + json);
        for (String key : List.of("sync_gets", "sync_puts")) {
            String set = topLevelObject(json, key);
            for (String s : List.of("REGS", "SREGS", "FPU", "MSRS_RUNTIME", "MSRS_FULL", "EVENTS", "DEBUGREGS")) {
                assertTrue(set.contains("\"" + s + "\":"), key + " lacks " + s + ": " + set);
            }
        }
        assertTrue(json.contains("\"engine_stats\":{\"kvm\":{\"kvm_exits\":" + exits), json);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertSameAsNative(List<String> prog, Result got) throws Exception {
        Result want = nativeRun(prog);
        assertEquals(want.out(), got.out(), "stdout differs; jtcg stderr:\n" + got.err());
        assertEquals(want.status(), got.status(), "exit status differs; jtcg stderr:\n" + got.err());
    }

    private static Result nativeRun(List<String> prog) throws Exception {
        Result r = NATIVE.get(prog);
        if (r == null) {
            r = run(GuestHarness.nativeCommand(prog.get(0), prog.subList(1, prog.size())));
            NATIVE.put(prog, r);
        }
        return r;
    }

    static Result run(List<String> cmd) throws IOException, InterruptedException {
        return GuestHarness.run(cmd, tmp);
    }

    /** {@code jtcg run OPTIONS [PROGRAM ARGS...]} in a child JVM (an empty program list: no ELF, e.g. --resume). */
    static Result jtcg(List<String> options, List<String> prog) throws Exception {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(options);
        if (!prog.isEmpty()) {
            args.add(BIN.resolve(prog.get(0)).toString());
            args.addAll(prog.subList(1, prog.size()));
        }
        return run(GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS, args));
    }

    /** The --stats JSON line of a run's stderr (the run's stderr may hold notes before it). */
    private static String statsLine(String err) {
        return err.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no --stats line in:\n" + err));
    }

    /** A top-level key's text: top-level keys come before "engine_stats", so the first occurrence is the one. */
    private static String topLevelRaw(String err, String key, String valuePattern) {
        String json = statsLine(err);
        Matcher m = Pattern.compile("\"" + key + "\":(" + valuePattern + ")").matcher(json);
        int nested = json.indexOf("\"engine_stats\":");
        assertTrue(m.find() && (nested < 0 || m.start() < nested), "no top-level " + key + " in " + json);
        return m.group(1);
    }

    private static String topLevelString(String err, String key) {
        return topLevelRaw(err, key, "\"[^\"]*\"").replace("\"", "");
    }

    private static long topLevelLong(String err, String key) {
        return Long.parseLong(topLevelRaw(err, key, "-?[0-9]+"));
    }

    private static String topLevelObject(String err, String key) {
        return topLevelRaw(err, key, "\\{[^{}]*\\}");
    }

    /** A new guest program must be added to {@link #programs()}: the kvm claim in the docs is "every guest program". */
    @Test
    @Needs({})
    void programsCoverEveryGuestSource() throws IOException {
        java.util.Set<String> listed = new java.util.TreeSet<>(NOT_UNDER_KVM.keySet());
        programs().forEach(p -> listed.add(p.get(0).replaceFirst("-O[0-3]$", "")));
        java.util.Set<String> sources = new java.util.TreeSet<>();
        try (var files = java.nio.file.Files.list(GuestHarness.GUEST.resolve("src"))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".c")).forEach(n -> sources.add(n.substring(0, n.length() - 2)));
        }
        assertEquals(sources, listed);
    }

    @Test
    @Needs({})
    void helpersReadOnlyTopLevelKeys() {
        String json = "{\"engine\":\"kvm\",\"syscalls\":5,\"engine_stats\":{\"kvm\":{\"kvm_exits\":7}}}";
        assertEquals("kvm", topLevelString(json, "engine"));
        assertEquals(5, topLevelLong(json, "syscalls"));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> topLevelLong(json, "kvm_exits"));
    }
}
