package org.jtcg.testsuites;

import org.jtcg.testsuites.BusyboxRunner.Case;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Busybox work that needs processes (issue 13): shell pipelines, command substitution, background jobs and
 * {@code wait}, {@code exec}, xargs and {@code find -exec} running other programs, {@code tar z} (which runs
 * gzip as a child), {@code time}, a child killed by a signal and one killed by SIGPIPE. Each case runs
 * natively and under {@code jtcg run} (jit; {@link #INTERP_SUBSET} also under interp) through
 * {@link BusyboxRunner}, which compares stdout, stderr and the exit status.
 *
 * <p>Programs the shell or an applet executes are found through {@code PATH}; every case puts a directory
 * of busybox symlinks first ({@link #PROLOGUE}), so a child is busybox again, not a host program (a
 * dynamically linked host program is not what these cases test). Uses {@link BusyboxTest}'s busybox and
 * inputs (skipped with the same reasons when busybox is absent).
 */
class ProcessBusyboxTest {
    /** Applets the cases run as separate programs, linked to busybox in {@code work/bb}. */
    static final List<String> LINKED_APPLETS = List.of("sh", "echo", "cat", "seq", "sort", "head", "tail", "gzip",
            "gunzip", "tar", "find", "xargs", "wc", "sleep", "yes", "cmp", "true", "false", "mkdir", "rm");

    /** Every case starts with this: the busybox links first in PATH. */
    static final String PROLOGUE = "PATH=$PWD/bb:$PATH; ";

    static Case sh(String script) {
        return Case.of("sh", "-c", PROLOGUE + script);
    }

    static List<Case> cases() {
        return List.of(
            sh("seq 1 2000 | sort -rn | head -3"),
            sh("echo $(echo $(echo nested) sub); x=$(seq 1 5 | tail -1); echo x=$x; false | true; echo pipe status $?"),
            sh("yes | head -2; seq 1 100000 | head -1; echo after the broken pipes"),
            sh("sleep 0.1 & echo started; wait $!; echo waited $?; (exit 3) & wait $!; echo background status $?"),
            sh("sh -c 'kill -TERM $$'; echo killed child status $?; sh -c 'exit 7'; echo exit status $?"),
            sh("(echo out; echo err >&2) 2>&1 | cat; exec echo replaced by exec; echo not reached"),
            sh("cat words.txt | xargs -n 5 sh -c 'echo $# args, first $1'"),
            sh("find dir -type f -exec wc -c {} ';' | sort"),
            sh("d=$(mktemp -d) && tar czf $d/t.tgz dir words.txt && mkdir $d/x && tar xzf $d/t.tgz -C $d/x"
                    + " && cd $d/x && find . | sort && cmp words.txt $OLDPWD/words.txt && echo round trip ok; rm -rf $d"),
            Case.of("time", "-f", "%x %C", "sh", "-c", "exit 3"),
            sh("missing-program; echo status $?; ./words.txt; echo status $?"),
            // issue 13: job control (a stopped and continued background job)
            sh("sleep 0.3 & kill -STOP %1; echo stopped; kill -CONT %1; wait; echo done $?"));
    }

    /** Indexes of the cases that also run under interp (a pipeline, background jobs, tar z). */
    static final List<Integer> INTERP_SUBSET = List.of(0, 3, 8);

    @TempDir
    static Path tmp;
    private static BusyboxRunner runner;
    private static TestAbortedException unavailable;

    /** The busybox runner with the inputs and the {@code bb} directory of links in its work dir, or the reason to skip. */
    static synchronized BusyboxRunner ready() throws Exception {
        if (unavailable != null) throw unavailable;
        if (runner == null) {
            try {
                Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                        "busybox process tests skipped: they need an x86-64 Linux host to run busybox natively");
                BusyboxRunner r = BusyboxRunner.prepare(BusyboxRunner.find("JTCG_BUSYBOX", BusyboxTest.WELL_KNOWN,
                        "busybox process tests"), List.of(), tmp);
                Path bb = Files.createDirectories(r.work.resolve("bb"));
                for (String a : LINKED_APPLETS) Files.createSymbolicLink(bb.resolve(a), r.busybox);
                runner = r;
            } catch (TestAbortedException e) {
                unavailable = e;
                throw e;
            }
        }
        return runner;
    }

    @TestFactory
    List<DynamicTest> processAppletsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Case> cases = cases();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            tests.add(DynamicTest.dynamicTest(c + " [jit]", () -> ready().assertCaseMatches(c, "jit")));
            if (INTERP_SUBSET.contains(i)) {
                tests.add(DynamicTest.dynamicTest(c + " [interp]", () -> ready().assertCaseMatches(c, "interp")));
            }
        }
        return tests;
    }
}
