package org.jtcg.testsuites;

import org.jtcg.testsuites.BusyboxRunner.Case;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Differential test of Debian's static busybox (amd64): each applet case runs natively and under
 * {@code jtcg run --engine ENGINE} through {@link BusyboxRunner} (same arguments, stdin, working directory
 * of fixed input files and environment); stdout (bytes), stderr and the exit status must be identical.
 * Every case runs under {@code jit} and {@code kvm}; {@link #INTERP_SUBSET} runs under {@code interp}
 * (about 25x slower than jit, so the subset keeps one case per kind of work: shell, awk, text filters,
 * hashing, compression, archives). {@code Arm64BusyboxTest} and {@code S390xBusyboxTest} do the same for
 * the arm64 and s390x busybox with qemu-user as the oracle.
 *
 * <p>Only applets that run in one process are used: jtcg's Linux layer has no fork/vfork/execve, so
 * {@code sh} runs builtins only, and applets that spawn helpers (zcat, env CMD, time, timeout) are left out.
 *
 * <p>The binary is found through the environment variable {@code JTCG_BUSYBOX} (what {@code .ci/run}
 * sets after {@code apt-get download busybox-static}) or at {@link #WELL_KNOWN}; without it, or on a host
 * that is not x86-64 Linux (or, for kvm, without a usable /dev/kvm), every case is reported skipped with
 * a message saying why.
 */
class BusyboxTest {
    /** Where {@code .ci/run} unpacks busybox-static when JTCG_BUSYBOX is not set (as root, else under $HOME). */
    static final List<Path> WELL_KNOWN = List.of(Path.of("/var/cache/jtcg/busybox-static/bin/busybox"),
            Path.of(System.getProperty("user.home"), ".cache/jtcg/busybox-static/bin/busybox"));

    @TempDir
    static Path tmp;
    static BusyboxRunner runner;

    static List<Case> cases() {
        return List.of(
            Case.of("echo", "-e", "tab\\there\\nnewline \\0101", "and  more"),
            Case.of("sha256sum", "data.bin", "text.txt"),
            Case.of("md5sum", "data.bin", "text.txt"),
            Case.of("sort", "-r", "-n", "-u", "nums.txt"),
            Case.of("uniq", "-c", "sorted-words.txt"),
            Case.of("wc", "text.txt", "data.bin", "nums.txt"),
            Case.of("awk", "BEGIN { for (i = 1; i <= 100; i++) { s += i * i; n[i % 7]++ } "
                    + "printf \"%d %.4f %e\\n\", s, s / 7, s * 1e10; for (k = 0; k < 7; k++) printf \"%d:%d \", k, n[k]; "
                    + "print \"\"; print length(\"hello\"), substr(\"abcdef\", 2, 3), toupper(\"x\"), int(-7 / 2), 2 ^ 10 }"),
            Case.of("awk", "-F", ",", "NR > 1 { t += $2; c[$3]++ } END { print t, NR; for (k in c) m++; print m }", "table.csv"),
            Case.of("sed", "-e", "s/a/X/g", "-e", "2,4d", "text.txt"),
            Case.withStdin("text.txt", "tr", "a-z", "A-Z"),
            Case.of("cut", "-d", ",", "-f", "1,3", "table.csv"),
            Case.of("tail", "-c", "25", "text.txt"),
            Case.of("cat", "words.txt", "missing-file", "table.csv"),
            Case.of("grep", "-n", "-E", "^[ab]", "words.txt"),
            Case.of("diff", "-u", "words.txt", "sorted-words.txt"),
            Case.of("sh", "-c", "i=0; while [ $i -lt 100 ]; do i=$((i+1)); done; echo $i"),
            Case.of("sh", "-c", "f() { echo \"f $1 $#\"; return 3; }; f a b c; echo rc=$?; "
                    + "for x in 1 2 3; do case $x in 2) echo two;; *) echo other $x;; esac; done; "
                    + "s=hello.tar.gz; echo ${s%%.*} ${s#*.} ${#s}; printf '%s-%03d\\n' z 7; exit 5"),
            Case.withStdin("table.csv", "sh", "-c", "while IFS=, read a b c; do echo \"$c|$b|$a\"; done"),
            Case.of("expr", "6", "*", "7", "+", "1", "=", "43"),
            Case.of("seq", "-s", ",", "1", "3", "40"),
            Case.of("printf", "%05d|%-4s|%x|%o|%c|%.3f\\n", "42", "ab", "255", "8", "q", "3.14159"),
            Case.of("ls", "-ln", "--full-time", "dir"),
            Case.of("od", "-A", "x", "-t", "x2z", "table.csv"),
            Case.of("factor", "1234567", "97", "360", "4294967297"),
            Case.of("date", "-u", "-d", "@1234567890", "+%Y-%m-%d %H:%M:%S %j %a"),
            Case.of("bzip2", "-c", "text.txt"),
            Case.of("tar", "-tvf", "inputs.tar"),
            Case.withStdin("words.txt", "xargs", "-n", "3", "echo"));
    }

    /** Applets (first argument of a case) that also run under interp. */
    static final java.util.Set<String> INTERP_SUBSET = java.util.Set.of("echo", "sha256sum", "sort", "awk", "sh", "printf",
            "factor", "bzip2", "tar");

    private static TestAbortedException unavailable;

    /** Finds busybox and writes the inputs once, or aborts the calling test with the reason (every time). */
    static synchronized BusyboxRunner ensureReady() throws Exception {
        if (unavailable != null) {
            throw unavailable;
        }
        if (runner == null) {
            try {
                Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                        "busybox tests skipped: they need an x86-64 Linux host to run busybox natively");
                runner = BusyboxRunner.prepare(BusyboxRunner.find("JTCG_BUSYBOX", WELL_KNOWN, "busybox tests"), List.of(), tmp);
            } catch (TestAbortedException e) {
                unavailable = e;
                throw e;
            }
        }
        return runner;
    }

    /** Aborts the calling test unless the kvm engine can run here. */
    static void ensureKvm() {
        String why = new org.jtcg.kvm.KvmEngineProvider().unavailableReason(null);
        Assumptions.assumeTrue(why == null, () -> "busybox under kvm skipped: KVM not usable here: " + why);
    }

    /**
     * Every case is listed whether or not busybox is here: a test that cannot run is aborted with the
     * reason, so Surefire's report and .ci/run's summary count each one as skipped.
     */
    @TestFactory
    List<DynamicTest> appletsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c + " [jit]", () -> ensureReady().assertCaseMatches(c, "jit")));
        }
        tests.add(DynamicTest.dynamicTest("gzip -c file > out, then gunzip -c out (files written by the guest) [jit]",
                () -> ensureReady().gzipRoundTripThroughFiles("jit")));
        tests.add(DynamicTest.dynamicTest("touch -d, cp -p, chmod, ln, mkdir -p, rm -r: the resulting tree [jit]",
                () -> ensureReady().fileMetadataChangesMatch("jit")));
        return tests;
    }

    @TestFactory
    List<DynamicTest> appletSubsetMatchesNativeUnderInterp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            if (INTERP_SUBSET.contains(c.applet())) {
                tests.add(DynamicTest.dynamicTest(c + " [interp]", () -> ensureReady().assertCaseMatches(c, "interp")));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> appletsMatchNativeUnderKvm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c + " [kvm]", () -> {
                BusyboxRunner r = ensureReady();
                ensureKvm();
                r.assertCaseMatches(c, "kvm");
            }));
        }
        return tests;
    }
}
