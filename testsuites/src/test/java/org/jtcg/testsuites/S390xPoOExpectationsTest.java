package org.jtcg.testsuites;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * s390x guest programs whose expected output comes from the Principles of Operation and Linux rather than
 * from qemu-s390x, which is incomplete there (each program's comment says how):
 * <ul>
 * <li>{@code pmask trap}: with PSW bit 20 set by SPM, each overflowing form (add, subtract, complement,
 *     absolute value, left shift, add to storage, load and add, high-word add) is the fixed-point-overflow
 *     program interrupt, SIGFPE FPE_INTOVF (2) with si_addr = the instruction (arch/s390/kernel/traps.c);
 *     qemu never raises it.</li>
 * <li>{@code bfpscale}: enabled IEEE overflow/underflow/inexact traps deliver the scaled result, trap an
 *     exact underflow and set the DXC's incremented bit; the values are worked out from the operands in the
 *     program's comments and in BfpTrapResultsTest. qemu suppresses these results, never sets 0x04 and does
 *     not trap an exact underflow.</li>
 * </ul>
 */
class S390xPoOExpectationsTest {
    static final List<String> OVERFLOW_FORMS = List.of("ar", "agr", "sr", "sgr", "ahi", "aghi", "afi", "lcr", "lcgr",
            "lpr", "lpgr", "sla", "slag", "ark", "aih", "asi", "laa");

    static final String BFPSCALE = """
            mdbr ovf       SIGFPE si_code 4 fpc 20002000 f0 24b0000000000000
            mdbr ovf incr  SIGFPE si_code 4 fpc 20002c00 f0 24b8000000000003
            mdbr ovf rz    SIGFPE si_code 4 fpc 20002801 f0 24b8000000000002
            mdbr unf       SIGFPE si_code 5 fpc 10001000 f0 5f90000000000000
            mdbr unf off   no trap: f0 0000100000000000 fpc 00000000
            adbr inx incr  SIGFPE si_code 6 fpc 08000c00 f0 3ff0000000000001
            adbr inx       SIGFPE si_code 6 fpc 08000800 f0 3ff0000000000000
            ledbr ovf      SIGFPE si_code 4 fpc 20002000 f0 4380000000000000
            aebr ovf       SIGFPE si_code 4 fpc 20002000 f0 1fffffff00000000
            meebr unf      SIGFPE si_code 5 fpc 10001000 f0 5980000000000000
            madbr ovf      SIGFPE si_code 4 fpc 20002800 f0 24b0000000000000
            """;

    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void everyOverflowingFormIsSigfpeIntovfAtTheInstruction(String engine) throws Exception {
        StringBuilder want = new StringBuilder();
        for (String f : OVERFLOW_FORMS) {
            want.append(String.format("%-5s SIGFPE si_code 2 at the instruction yes%n", f));
        }
        check(engine, "pmask", List.of("trap"), want.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void ieeeTrapsDeliverScaledResultsAndTheIncrementedBit(String engine) throws Exception {
        check(engine, "bfpscale", List.of(), BFPSCALE);
    }

    private static void check(String engine, String program, List<String> args, String want) throws Exception {
        Path bin = S390xGuestProgramsTest.PROGRAMS.requireBuilt(List.of(program));
        List<String> cmd = new java.util.ArrayList<>(List.of("run", "--engine", engine, bin.resolve(program).toString()));
        cmd.addAll(args);
        GuestHarness.Result got = GuestHarness.run(
                GuestHarness.jtcgCommand(GuestHarness.suiteJvmOptions(engine, program), cmd), tmp);
        assertEquals(want, got.out(), "jtcg stderr:\n" + got.err());
        assertEquals(0, got.status());
    }
}
