package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jtcg diff} on a glibc guest with effects outside itself ({@code guest/src/sideeffects.c}:
 * mkstemp, write, read back, unlink, time, pid, getrandom, reading a file). Run B replays run A's
 * results for those syscalls (docs/diff.md), so interp and jit agree in block and instruction
 * steps, the output appears once and no file is left behind; and an engine that goes wrong after
 * all of that is still caught (the compare stays strict).
 */
@Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/sideeffects")
class DiffSideEffectsTest {
    static final Path PROGRAM = GuestHarness.BIN.resolve("sideeffects").toAbsolutePath();
    static final Pattern AGREE = Pattern.compile(
            "jtcg diff: engines interp and jit agree: \\d+ \\w+ steps, (\\d+) syscalls \\((\\d+) replayed in B\\), guest exit status 0");

    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"block", "insn"})
    void interpAndJitAgreeAndEachEffectHappensOnce(String step) throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work-" + step));
        Result r = jtcg(work, List.of(), "diff", "--engines", "interp,jit", "--step", step, PROGRAM.toString(), work.toString());
        assertEquals(0, r.status(), r.err());
        Matcher m = AGREE.matcher(r.err());
        assertTrue(m.find(), r.err());
        assertTrue(Integer.parseInt(m.group(2)) >= 15, "the file, time, pid and random syscalls were replayed: " + r.err());
        assertEquals(1, r.out().split("read back 21 bytes: written by the guest", -1).length - 1, "printed once:\n" + r.out());
        assertTrue(r.out().contains("size 21, gone after unlink: yes\n"), r.out());
        assertTrue(r.out().contains("read 4 bytes of sideeffects: 7f ELF\n"), r.out());
        assertTrue(r.out().matches("(?s).*\\npid \\d+\\n.*"), r.out());
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the temporary file was created and removed once");
        }
    }

    @Test
    void anEngineGoingWrongAfterTheReplayedSyscallsIsStillCaught() throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work-broken"));
        Result r = jtcg(work, List.of("-Djtcg.latefault.syscalls=25"), "diff", "--engines", "jit,late-fault",
                PROGRAM.toString(), work.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().startsWith("jtcg diff: divergence at step "), r.err());
        assertTrue(r.err().contains("block steps, after 25 syscalls): registers differ after the step"), r.err());
        assertTrue(r.err().matches("(?s).*\\n    x86\\.rbx: 0x[0-9a-f]+ != 0x[0-9a-f]+\\n.*"), r.err());
        assertTrue(Files.exists(work.resolve("jtcg-divergence.snap")) || r.err().contains("no reproducer"), r.err());
    }

    private static Result jtcg(Path dir, List<String> jvmOptions, String... args) throws Exception {
        List<String> options = new java.util.ArrayList<>(GuestHarness.JIT_JVM_OPTIONS);
        options.addAll(jvmOptions);
        return GuestHarness.run(GuestHarness.jtcgCommand(options, List.of(args)), dir, tmp, 600);
    }
}
