package org.jtcg.testsuites;

import org.jtcg.testsuites.BusyboxRunner.Case;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared half of the busybox tests of architectures whose oracle is qemu-user (arm64, s390x): Debian's
 * busybox-static for the arch (found through an environment variable that {@code .ci/run} sets, or in its
 * cache directory) runs each applet case under qemu and under {@code jtcg run --engine jit} (every case) or
 * {@code interp} (a subset), through {@link BusyboxRunner}; stdout, stderr and the exit status must be
 * identical. A missing qemu or busybox makes every test report skipped with the reason.
 */
final class CrossBusybox {
    private final String arch;
    private final String envVar;
    private final List<Path> wellKnown;
    private final List<String> qemu;
    /** Applets that cannot run yet, with the instruction that stops them: their tests report skipped with it. */
    private final Map<String, String> blocked;
    private BusyboxRunner runner;
    private TestAbortedException unavailable;

    /**
     * @param cacheDir the directory under /var/cache/jtcg (root) or ~/.cache/jtcg where .ci/run unpacks the package
     * @param qemu     the oracle command before busybox (qemu binary and its CPU options)
     * @param blocked  applet name to the reason it is skipped (the unimplemented instruction it dies on)
     */
    CrossBusybox(String arch, String envVar, String cacheDir, List<String> qemu, Map<String, String> blocked) {
        this.arch = arch;
        this.envVar = envVar;
        this.wellKnown = List.of(Path.of("/var/cache/jtcg", cacheDir, "bin/busybox"),
                Path.of(System.getProperty("user.home"), ".cache/jtcg", cacheDir, "bin/busybox"));
        this.qemu = List.copyOf(qemu);
        this.blocked = Map.copyOf(blocked);
    }

    /**
     * BusyboxTest's cases plus more applets that work on the same inputs: the cross tests have no kvm lane,
     * so their time goes into more applets (hashing, encoders, dumps, dc, find, and awk's libm functions).
     */
    static List<Case> cases() {
        List<Case> cases = new ArrayList<>(BusyboxTest.cases());
        cases.addAll(List.of(
            Case.of("sha1sum", "data.bin", "text.txt"),
            Case.of("sort", "-t", ",", "-k", "2", "-n", "table.csv"),
            Case.of("head", "-n", "7", "text.txt"),
            Case.of("grep", "-c", "-i", "FOX", "text.txt"),
            Case.of("cmp", "text.txt", "data.bin"),
            Case.of("cksum", "data.bin", "text.txt"),
            Case.of("sum", "data.bin"),
            Case.of("rev", "words.txt"),
            Case.of("fold", "-w", "17", "table.csv"),
            Case.of("base64", "data.bin"),
            Case.of("xxd", "table.csv"),
            Case.of("hexdump", "-C", "table.csv"),
            Case.of("dc", "-e", "2 64 ^ 3 / p 17 5 % p 10 k 2 v p"),
            Case.of("find", "dir", "-type", "f"),
            Case.of("tac", "words.txt"),
            Case.of("nl", "words.txt"),
            Case.of("strings", "-n", "6", "data.bin"),
            Case.of("awk", "BEGIN { printf \"%.10f %.10f %.6e %.8f %d\\n\", sqrt(2), sin(1) + cos(2), exp(10), log(7) / atan2(1, 1), "
                    + "int(2 ^ 40 / 3) }")));
        return cases;
    }

    /** Every case under jit, then the cases of {@code interpSubset} (applet names) under interp. */
    List<DynamicTest> appletsMatchQemu(List<Case> cases, Set<String> interpSubset, Path tmp) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(test(c + " [jit]", tmp, c.applet(), r -> r.assertCaseMatches(c, "jit")));
        }
        tests.add(test("gzip -c file > out, then gunzip -c out (files written by the guest) [jit]", tmp, "gzip",
                r -> r.gzipRoundTripThroughFiles("jit")));
        tests.add(test("touch -d, cp -p, chmod, ln, mkdir -p, rm -r: the resulting tree [jit]", tmp, "touch",
                r -> r.fileMetadataChangesMatch("jit")));
        for (Case c : cases) {
            if (interpSubset.contains(c.applet())) {
                tests.add(test(c + " [interp]", tmp, c.applet(), r -> r.assertCaseMatches(c, "interp")));
            }
        }
        return tests;
    }

    interface RunnerTest {
        void run(BusyboxRunner runner) throws Exception;
    }

    private DynamicTest test(String name, Path tmp, String applet, RunnerTest body) {
        Executable e = () -> {
            BusyboxRunner r = ensureReady(tmp);
            String why = blocked.get(applet);
            Assumptions.assumeTrue(why == null, () -> arch + " busybox " + applet + " skipped: " + why);
            body.run(r);
        };
        return DynamicTest.dynamicTest(name, e);
    }

    /** Finds qemu and busybox and writes the inputs once, or aborts the calling test with the reason (every time). */
    private synchronized BusyboxRunner ensureReady(Path tmp) throws Exception {
        if (unavailable != null) {
            throw unavailable;
        }
        if (runner == null) {
            try {
                String what = arch + " busybox tests";
                Path qemuPath = GuestBuild.onPath(qemu.get(0));
                Assumptions.assumeTrue(qemuPath != null, what + " skipped: " + qemu.get(0) + " not found on PATH (the oracle)");
                List<String> oracle = new ArrayList<>(qemu);
                // the runs get a fixed PATH, so the oracle is named by its absolute path
                oracle.set(0, qemuPath.toString());
                runner = BusyboxRunner.prepare(BusyboxRunner.find(envVar, wellKnown, what), oracle, tmp);
            } catch (TestAbortedException e) {
                unavailable = e;
                throw e;
            }
        }
        return runner;
    }
}
