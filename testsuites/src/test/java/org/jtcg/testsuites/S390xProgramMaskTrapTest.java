package org.jtcg.testsuites;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fixed-point-overflow interrupt in a whole s390x program ({@code guest/src-s390x/pmask.c trap}): with
 * PSW bit 20 set by SPM, each overflowing form (add, subtract, complement, absolute value, left shift,
 * add to storage, load and add, high-word add) is a program interrupt that Linux delivers as SIGFPE
 * FPE_INTOVF (2) with si_addr = the instruction (arch/s390/kernel/traps.c). The expected output is from the
 * Principles of Operation and Linux, not from qemu-s390x, which sets the mask but never raises the
 * interrupt (it prints "no trap" for every form).
 */
class S390xProgramMaskTrapTest {
    static final List<String> FORMS = List.of("ar", "agr", "sr", "sgr", "ahi", "aghi", "afi", "lcr", "lcgr", "lpr",
            "lpgr", "sla", "slag", "ark", "aih", "asi", "laa");

    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void everyOverflowingFormIsSigfpeIntovfAtTheInstruction(String engine) throws Exception {
        Path bin = S390xGuestProgramsTest.PROGRAMS.requireBuilt(List.of("pmask"));
        StringBuilder want = new StringBuilder();
        for (String f : FORMS) {
            want.append(String.format("%-5s SIGFPE si_code 2 at the instruction yes%n", f));
        }
        List<String> args = new ArrayList<>(List.of("run", "--engine", engine, bin.resolve("pmask").toString(), "trap"));
        GuestHarness.Result got = GuestHarness.run(
                GuestHarness.jtcgCommand(GuestHarness.suiteJvmOptions(engine, "pmask"), args), tmp);
        assertEquals(want.toString(), got.out(), "jtcg stderr:\n" + got.err());
        assertEquals(0, got.status());
    }
}
