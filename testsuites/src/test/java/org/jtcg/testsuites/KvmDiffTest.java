package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jtcg diff} of jit against kvm on real guests (child JVMs). Instruction steps compare every
 * register, MXCSR and XMM included, after every instruction (the kvm engine answers CPUID from the
 * model while stepping on a host whose KVM cannot control it, see docs/kvm.md); syscall steps start
 * from a snapshot taken under jit after syscall 1, so glibc's CPUID-based choices are jit's on both
 * sides. Guests may write to stdout: run B replays run A's results for fstat, write and the other
 * syscalls with outside effects, so the two runs see the same values (docs/diff.md).
 */
@Needs({Needs.Need.GUESTS, Needs.Need.KVM})
class KvmDiffTest {
    static final Path BIN = GuestHarness.BIN.toAbsolutePath();

    @TempDir
    static Path tmp;

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
        // run in tmp: the reproducer file of a divergence lands there
        return GuestHarness.run(GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS, List.of(args)), tmp, tmp, 600);
    }
}
