package org.jtcg.testsuites;

import org.jtcg.testsuites.CrossGuestPrograms.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Differential test of whole static AArch64 glibc programs: the guest programs are cross-compiled
 * with {@code make -C guest ARCH=aarch64 CC=aarch64-linux-gnu-gcc} (-O2 -static; the -O3 builds and
 * vecint at -O3 for auto-vectorised AdvSIMD code), run under
 * {@code qemu-aarch64-static -cpu cortex-a57} as the oracle, and under {@code jtcg run --engine
 * interp} and {@code jit}; stdout and exit status must be identical. Each test is skipped with the
 * reason when the cross compiler or qemu-user is missing, and fails when the cross build fails.
 */
class Arm64GuestProgramsTest {
    static final CrossGuestPrograms PROGRAMS = new CrossGuestPrograms("aarch64", "aarch64-linux-gnu-gcc",
            List.of("qemu-aarch64-static", "-cpu", "cortex-a57"),
            // exit statuses of the programs that die of a signal, as under qemu and Linux
            Map.of("segv", 139, "brk", 133, "udf", 132, "unaligned", 135,
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
            new Case("brk", List.of(), List.of()),
            new Case("udf", List.of(), List.of()),
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
            new Case("flongdbl", List.of(), List.of("300")),
            new Case("flongmath", List.of(), List.of()),
            new Case("fconv", List.of(), List.of("300")),
            new Case("fconv-O0", List.of(), List.of("300")),
            new Case("fconv-O3", List.of(), List.of("300")),
            new Case("fpe", List.of(), List.of()),
            new Case("sysloop", List.of(), List.of()),
            // AdvSIMD FP: every FP instruction over edge operands x FPCR modes (checksums), the
            // fenv rounding modes / FZ / DN with flag checks, vectorised loops at -O2 and -O3
            new Case("simdfp", List.of(), List.of()),
            new Case("fenv", List.of(), List.of()),
            new Case("fvec", List.of(), List.of()),
            new Case("fvec-O3", List.of(), List.of()),
            // AdvSIMD integer: intrinsics (every group, FPSR.QC), gcc -O3 vectorised loops, -O3 builds
            new Case("neon", List.of(), List.of()),
            new Case("vecint", List.of("20"), List.of("3")),
            new Case("strings-O3", List.of("200"), List.of("4")),
            new Case("malloc-O3", List.of("20000"), List.of("1500")),
            new Case("qsort-O3", List.of("100000"), List.of("2000")),
            new Case("intwork-O3", List.of(), List.of("3000")),
            new Case("jmp-O3", List.of(), List.of()),
            new Case("fprintf-O3", List.of("5"), List.of()),
            new Case("fstrtod-O3", List.of("5"), List.of()),
            new Case("float-O3", List.of(), List.of()),
            new Case("flibm-O3", List.of("600"), List.of("100")),
            new Case("flongmath-O3", List.of(), List.of()),
            // exclusives and acquire/release to an unaligned address: SIGBUS (BUS_ADRALN)
            new Case("unaligned", List.of("ldar"), List.of("ldaxp")),
            new Case("unaligned", List.of("ldxr"), List.of("stlrh")),
            // signal delivery to guest handlers (issue 13): the arm64 rt_sigframe and rt_sigreturn
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
