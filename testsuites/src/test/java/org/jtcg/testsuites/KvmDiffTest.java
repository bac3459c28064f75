package org.jtcg.testsuites;

import org.jtcg.cli.Main;
import org.jtcg.kvm.KvmEngineProvider;
import org.junit.jupiter.api.Assumptions;
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

/**
 * {@code jtcg diff} of jit against kvm on real guests (child JVMs). Instruction steps compare every
 * register, MXCSR and XMM included, after every instruction (the kvm engine answers CPUID from the
 * model while stepping on a host whose KVM cannot control it, see docs/kvm.md); syscall steps start
 * from a snapshot taken under jit after syscall 1, so glibc's CPUID-based choices are jit's on both
 * sides. Guests that write to stdout are not used: fstat of the diff's stdout streams reports the
 * current time, which differs between the two runs (docs/fuzz.md, docs/kvm.md).
 */
class KvmDiffTest {
    static final Path GUEST = Path.of("guest");
    static final Path BIN = GUEST.resolve("build/x86_64").toAbsolutePath();

    @TempDir
    static Path tmp;

    record Result(int status, String out, String err) {}

    @BeforeAll
    static void buildGuestsAndCheckKvm() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "jit/kvm diffs need an x86-64 Linux host");
        String why = new KvmEngineProvider().unavailableReason(null);
        Assumptions.assumeTrue(why == null, "jit/kvm diffs skipped: KVM not usable here: " + why);
        Process p;
        try {
            p = new ProcessBuilder("make", "-C", GUEST.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("jit/kvm diffs skipped: make not found");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0,
                "jit/kvm diffs skipped: 'make -C guest' failed (gcc with static glibc missing?):\n" + out);
    }

    @Test
    void instructionStepsAgreeFromTheFirstInstruction() throws Exception {
        Result r = jtcg("diff", "--engines", "jit,kvm", "--step", "insn", BIN.resolve("exitcode").toString(), "7");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("engines jit and kvm agree:") && r.err().contains("guest exit status 7"), r.err());
    }

    /** A guest that writes to stdout: its fstat(1) must look the same to both runs (synthetic stat times are fixed). */
    @Test
    void instructionStepsAgreeOnHello() throws Exception {
        Result r = jtcg("diff", "--engines", "jit,kvm", "--step", "insn", BIN.resolve("hello").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("Hello from the guest!"), r.out());
        assertTrue(r.err().contains("engines jit and kvm agree:") && r.err().contains("guest exit status 0"), r.err());
    }

    @Test
    void syscallStepsAgreeFromAJitSnapshot() throws Exception {
        Path snap = tmp.resolve("exitcode.snap");
        Result s = jtcg("run", "--engine", "jit", "--snapshot-at", "1", "--snapshot-out", snap.toString(),
                BIN.resolve("exitcode").toString(), "5");
        assertEquals(5, s.status(), s.err());
        Result r = jtcg("diff", "--engines", "jit,kvm", "--step", "syscall", "--resume", snap.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("engines jit and kvm agree:") && r.err().contains("guest exit status 5"), r.err());
    }

    static Result jtcg(String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-cp", cp, Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .directory(tmp.toFile()); // the reproducer file of a divergence lands here
        Path out = Files.createTempFile(tmp, "out", ".txt"), err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "did not finish: " + cmd);
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
