package org.jtcg.testsuites;

import org.jtcg.testsuites.CrossGuestPrograms.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Differential test of whole s390x guest programs: the arch-neutral programs of {@code guest/src} are
 * cross-compiled static at -O2 ({@code make ARCH=s390x CC=s390x-linux-gnu-gcc}), run under
 * {@code qemu-s390x-static} with the vector facilities off (jtcg implements no vector instructions, and
 * glibc picks its string functions by facility) and under {@code jtcg run --engine interp / jit};
 * stdout and the exit status must be identical. Skipped with a reason when the cross compiler or qemu
 * is missing (per test, so each one that did not run says why). The s390x-only programs of
 * {@code guest/src-s390x}: bfpenv (rounding modes, IEEE flags and the FPC after each class of operation,
 * the -A conversions' M3/M4, SRNM/SRNMB/LFPC/STFPC) and bfptrap (an enabled IEEE exception dies of
 * SIGFPE; the jit and interp runs use different exceptions so the ten kinds are covered); genwork (shifts,
 * compare under mask, high word, EXECUTE, long moves and compares, translate and test, CDSG on
 * pseudo-random operands) and deliberate program exceptions (illop, exodd, cmptrap).
 */
class S390xGuestProgramsTest {
    static final CrossGuestPrograms PROGRAMS = new CrossGuestPrograms("s390x", "s390x-linux-gnu-gcc",
            List.of("qemu-s390x-static", "-cpu", "qemu,vx=off,vxeh=off,vxeh2=off"),
            // exit statuses of the programs that die of a signal, as under qemu and Linux
            Map.of("segv", 139, "divzero", 136, "fpe", 136, "bfptrap", 136,
                    // s390x-only deliberate faults (guest/src-s390x): operation and specification
                    // exceptions (SIGILL), compare-and-trap (data exception: SIGFPE)
                    "illop", 132, "exodd", 132, "cmptrap", 136,
                    // signal handlers (issue 13): both end killed by a signal with the default action
                    "sigbasic", 138, "sigalarm", 142));

    @TempDir
    static Path tmp;

    static List<Case> cases() {
        String dir = tmp.toString();
        return List.of(
            new Case("hello", List.of(), List.of()),
            new Case("args", List.of("one", "two words", ""), List.of("x")),
            new Case("exitcode", List.of("7"), List.of("200", "raw")),
            new Case("fileio", List.of(dir), List.of(dir)),
            new Case("segv", List.of(), List.of()),
            new Case("divzero", List.of(), List.of()),
            new Case("strings", List.of("200"), List.of("4")),
            new Case("malloc", List.of("20000"), List.of("300")),
            new Case("qsort", List.of("100000"), List.of("2000")),
            new Case("jmp", List.of(), List.of()),
            new Case("sysloop", List.of("20000"), List.of("2000")),
            new Case("intwork", List.of(), List.of("3000")),
            new Case("fprintf", List.of("5"), List.of()),
            new Case("flibm", List.of("600"), List.of("100")),
            // BFP: long double is extended BFP on s390x; fpe traps through the FPC masks
            new Case("float", List.of(), List.of()),
            new Case("fstrtod", List.of("5"), List.of()),
            new Case("flongdbl", List.of(), List.of("300")),
            new Case("flongmath", List.of(), List.of()),
            new Case("fconv", List.of(), List.of("300")),
            new Case("fconv-O0", List.of(), List.of("300")),
            new Case("fconv-O1", List.of(), List.of("300")),
            new Case("fconv-O3", List.of(), List.of("300")),
            new Case("fpe", List.of("sse-div"), List.of("x87-div")),
            new Case("fpe", List.of("sse-inv"), List.of("sse-ovf")),
            new Case("bfpenv", List.of(), List.of()),
            new Case("bfptrap", List.of("trap-inv-f"), List.of("trap-inv-ld")),
            new Case("bfptrap", List.of("trap-inv-conv"), List.of("trap-div-ld")),
            new Case("bfptrap", List.of("trap-ovf-d"), List.of("trap-ovf-ld")),
            new Case("bfptrap", List.of("trap-unf-f"), List.of("trap-unf-ld")),
            new Case("bfptrap", List.of("trap-inx-d"), List.of("trap-inx-ld")),
            // general instructions (guest/src-s390x): random operands, and deliberate faults
            new Case("genwork", List.of("200"), List.of("30")),
            new Case("illop", List.of(), List.of()),
            new Case("exodd", List.of(), List.of()),
            new Case("cmptrap", List.of("5"), List.of()),
            // program mask (h-s390fpc): SPM/IPM, overflow with the mask clear and the mask kept across a
            // handler; the interrupt itself (qemu never raises it) is S390xPoOExpectationsTest
            new Case("pmask", List.of(), List.of()),
            // where program exceptions leave the PSW (past the instruction) and si_addr, a returning handler
            new Case("pgmpsw", List.of(), List.of()),
            // signal delivery to guest handlers (issue 13): the s390x rt_sigframe and rt_sigreturn
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
            // guest threads and the memory model (issue 13)
            new Case("threads", List.of("20000"), List.of("2000")),
            new Case("litmus", List.of("300"), List.of("30")),
            new Case("threadexit", List.of("group"), List.of("mainexit")),
            new Case("threadexit", List.of("mainexit"), List.of("group")),
            new Case("threadexit", List.of("pipe"), List.of("pipe")),
            new Case("threadexit", List.of("tgkill"), List.of("process")),
            new Case("threadexit", List.of("process"), List.of("wakeup")),
            new Case("threadexit", List.of("wakeup"), List.of("tgkill")),
            // issue 14, loop page slots: memory changed under a running loop (mprotect, munmap, another thread; x86: code)
            new Case("loopmap", List.of(), List.of("20000")));
    }

    @TestFactory
    List<DynamicTest> programsMatchQemu() {
        return PROGRAMS.programsMatchQemu(cases(), tmp);
    }
}
