package org.jtcg.cli;

import org.jtcg.core.arch.GuestArch;
import org.jtcg.kvm.KvmEngineProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code jtcg fuzz} in child JVMs: the CI runs (interp,jit and kvm,jit, 2000 sequences, fixed seed),
 * a faulty engine caught with a reproducer that replays, and the usage/unavailable-engine errors.
 */
class FuzzCommandTest {
    /** The CI seed. */
    static final String SEED = "20240611";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsTheTranslator() {
        assumeTrue(GuestArch.forElfMachine(62) != null, "skipped: no x86_64 GuestArch (translator) on the class path");
    }

    record Result(int status, String err, double seconds) {}

    static Result jtcg(List<String> jvm, String... args) throws IOException, InterruptedException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        File errFile = File.createTempFile("jtcg-fuzz", ".err");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errFile).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "jtcg fuzz did not finish");
        String err = Files.readString(errFile.toPath(), StandardCharsets.UTF_8);
        errFile.delete();
        return new Result(p.exitValue(), err, (System.nanoTime() - t0) / 1e9);
    }

    @Test
    void interpAndJitAgreeOnTheCiRun() throws Exception {
        Result r = jtcg(List.of(), "fuzz", "--arch", "x86_64", "--engines", "interp,jit", "--count", "2000", "--seed", SEED,
                "--out", dir.toString());
        System.out.printf("interp,jit 2000 sequences: %.1f s%n%s", r.seconds(), r.err());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("2000 sequences, seed " + SEED + ": no divergences"), r.err());
        assertTrue(r.err().contains("interp vs jit:") && r.err().contains("sequences/s"), r.err());
    }

    @Test
    void kvmAndJitAgreeOnTheCiRun() throws Exception {
        String why = new KvmEngineProvider().unavailableReason(null);
        assumeTrue(why == null, "skipped: KVM not usable here: " + why);
        // every group, the x86-64-v2 ones included; no masks: the kvm engine's MXCSR/XMM read-back is fixed.
        Result r = jtcg(List.of(), "fuzz", "--arch", "x86_64", "--engines", "kvm,jit", "--count", "2000", "--seed", SEED,
                "--out", dir.toString());
        System.out.printf("kvm,jit 2000 sequences: %.1f s%n%s", r.seconds(), r.err());
        assertEquals(0, r.status(), r.err());
    }

    @Test
    void qemuAndJitAgreeThroughTheCli() throws Exception {
        assumeTrue(org.jtcg.fuzz.OracleLane.onPathForTests("qemu-x86_64-static"), "skipped: qemu-x86_64-static is not installed");
        Result r = jtcg(List.of(), "fuzz", "--arch", "x86_64", "--engines", "qemu,jit", "--count", "40", "--seed", SEED,
                "--out", dir.toString());
        System.out.printf("qemu,jit 40 sequences: %.1f s%n%s", r.seconds(), r.err());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("40 sequences, seed " + SEED + ": no divergences"), r.err());
        assertTrue(r.err().contains("qemu lane: shld, shrd, bsf, bsr, blsi left out"), r.err());
    }

    @Test
    void aFaultyEngineIsReportedWithAReproducerThatReplays() throws Exception {
        // call 1 is the first sequence
        List<String> broken = List.of("-Djtcg.broken.after=1", "-Djtcg.broken.register=x86.rbx", "-Djtcg.broken.bit=3");
        Result r = jtcg(broken, "fuzz", "--engines", "interp,broken", "--count", "3", "--seed", "5", "--max-reports", "1",
                "--out", dir.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("x86.rbx"), r.err());
        assertTrue(r.err().contains("1 diverged"), r.err());
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".repro")).toList();
        }
        assertEquals(1, files.size(), r.err());
        Result again = jtcg(broken, "fuzz", "--replay", files.get(0).toString());
        assertEquals(1, again.status(), again.err());
        assertTrue(again.err().contains("x86.rbx"), again.err());
        Result fixed = jtcg(List.of(), "fuzz", "--replay", files.get(0).toString(), "--engines", "interp,jit");
        assertEquals(0, fixed.status(), fixed.err());
        assertTrue(fixed.err().contains("agree"), fixed.err());
    }

    @Test
    void aarch64AndS390xFaultsAreReportedWithReproducersThatReplay() throws Exception {
        for (String[] arch : new String[][] {{"aarch64", "arm64.x3"}, {"s390x", "s390.r5"}}) {
            Path out = Files.createDirectories(dir.resolve(arch[0]));
            List<String> broken = List.of("-Djtcg.broken.after=1", "-Djtcg.broken.register=" + arch[1], "-Djtcg.broken.bit=3");
            Result r = jtcg(broken, "fuzz", "--arch", arch[0], "--engines", "interp,broken", "--count", "3", "--seed", "5",
                    "--max-reports", "1", "--out", out.toString());
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains(arch[1]), r.err());
            List<Path> files;
            try (var s = Files.list(out)) {
                files = s.filter(f -> f.toString().endsWith(".repro")).toList();
            }
            assertEquals(1, files.size(), r.err());
            assertTrue(Files.readString(files.get(0)).contains("arch " + arch[0]), files.get(0).toString());
            Result again = jtcg(broken, "fuzz", "--replay", files.get(0).toString());
            assertEquals(1, again.status(), again.err());
            Result fixed = jtcg(List.of(), "fuzz", "--replay", files.get(0).toString(), "--engines", "interp,jit");
            assertEquals(0, fixed.status(), fixed.err());
            assertTrue(fixed.err().contains("agree"), fixed.err());
        }
    }

    @Test
    void aarch64AndS390xRunUnderQemuThroughTheCli() throws Exception {
        for (String arch : List.of("aarch64", "s390x")) {
            if (!org.jtcg.fuzz.OracleLane.onPathForTests("qemu-" + arch + "-static")) {
                System.out.println("skipped " + arch + ": qemu-" + arch + "-static is not installed");
                continue;
            }
            Result r = jtcg(List.of(), "fuzz", "--arch", arch, "--engines", "qemu,jit", "--count", "40", "--seed", SEED,
                    "--out", dir.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains("40 sequences, seed " + SEED + ": no divergences"), r.err());
            assertTrue(arch.equals("aarch64") || r.err().contains("left out by default"), r.err());
        }
    }

    @Test
    void badReplayFilesAndUnavailableEngines() throws Exception {
        Result missing = jtcg(List.of(), "fuzz", "--replay", dir.resolve("nope.repro").toString());
        assertEquals(ExitCodes.NOT_FOUND, missing.status(), missing.err());
        Path junk = dir.resolve("junk.repro");
        Files.writeString(junk, "hello\n");
        Result bad = jtcg(List.of(), "fuzz", "--replay", junk.toString());
        assertEquals(ExitCodes.NOT_EXECUTABLE, bad.status(), bad.err());
        assertTrue(bad.err().startsWith("jtcg: ") && bad.err().lines().count() == 1, bad.err());
        Result never = jtcg(List.of(), "fuzz", "--engines", "interp,never", "--count", "1");
        assertEquals(ExitCodes.USAGE, never.status(), never.err());
        assertEquals("jtcg: engine 'never' cannot run here: the test engine 'never' runs nowhere", never.err().strip());
    }
}
