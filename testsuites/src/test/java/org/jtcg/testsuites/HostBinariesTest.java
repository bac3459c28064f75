package org.jtcg.testsuites;

import org.jtcg.cli.Main;
import org.jtcg.core.linux.ElfFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host-binaries group: dynamically linked Debian programs of this host (coreutils, compressors,
 * tar, grep, sed, awk, perl, python3, bash, sqlite3...) run natively and under {@code jtcg run} with
 * the same arguments, working directory of fixed inputs ({@link BusyboxRunner#writeInputs} plus a few
 * files of their own) and environment; stdout (bytes) and the exit status must be identical. They load
 * through the host's {@code /lib64/ld-linux-x86-64.so.2} (PT_INTERP), mmap their shared libraries,
 * and glibc picks its string functions from jtcg's CPUID model.
 *
 * <p>stderr is not compared: jtcg notes syscalls it does not implement there (and programs print
 * their own complaint about them), which says nothing about the output. Every case runs under jit,
 * {@link #INTERP_SUBSET} also under interp. A program that is not installed, or not a dynamically
 * linked x86-64 ELF, makes its case skipped with the reason; on a host that is not x86-64 Linux every
 * case is skipped. {@code .ci/run} installs the Debian packages the cases use.
 */
class HostBinariesTest {
    /** The same environment natively and under jtcg: C locale, UTC, no terminal. */
    private static final java.util.Map<String, String> ENV = BusyboxRunner.ENV;
    private static final long TIMEOUT_SECONDS = 600;

    @TempDir
    static Path tmp;
    private static Path work;

    /** One program run: absolute path, arguments, stdin file in the work dir (null: /dev/null). */
    record Case(String label, String program, List<String> args, String stdin) {
        static Case of(String label, String program, String... args) {
            return new Case(label, program, List.of(args), null);
        }

        Case withStdin(String file) {
            return new Case(label, program, args, file);
        }

        @Override
        public String toString() {
            return label + ": " + Path.of(program).getFileName() + " " + String.join(" ", args) + (stdin != null ? " < " + stdin : "");
        }
    }

    static List<Case> cases() {
        return List.of(
            Case.of("ls", "/usr/bin/ls", "-ln", "--full-time", "dir"),
            Case.of("cat", "/usr/bin/cat", "text.txt", "table.csv", "missing-file"),
            Case.of("sort", "/usr/bin/sort", "-t", ",", "-k2", "-n", "-r", "table.csv"),
            Case.of("sort-words", "/usr/bin/sort", "-u").withStdin("words.txt"),
            Case.of("sha256sum", "/usr/bin/sha256sum", "data.bin", "text.txt"),
            Case.of("md5sum", "/usr/bin/md5sum", "data.bin", "nums.txt"),
            Case.of("b2sum", "/usr/bin/b2sum", "data.bin"),
            Case.of("wc", "/usr/bin/wc", "text.txt", "data.bin", "nums.txt"),
            Case.of("od", "/usr/bin/od", "-A", "x", "-t", "x1z", "table.csv"),
            Case.of("base64", "/usr/bin/base64", "data.bin"),
            Case.of("gzip", "/usr/bin/gzip", "-9", "-n", "-c", "text.txt"),
            Case.of("bzip2", "/usr/bin/bzip2", "-c", "data.bin"),
            Case.of("xz", "/usr/bin/xz", "-6", "-c", "text.txt"),
            Case.of("tar", "/usr/bin/tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0",
                    "-cf", "-", "dir", "table.csv"),
            Case.of("grep", "/usr/bin/grep", "-n", "-E", "fox.*[0-9a-f]{8}$", "text.txt"),
            Case.of("grep-pcre", "/usr/bin/grep", "-c", "-P", "(\\d)\\1", "text.txt"),
            Case.of("sed", "/usr/bin/sed", "-E", "s/([0-9]+)/<\\1>/g;40q", "text.txt"),
            Case.of("diff", "/usr/bin/diff", "-u", "words.txt", "sorted-words.txt"),
            Case.of("mawk", "/usr/bin/mawk", "-F", ",", "NR > 1 { t += $2; c[$3]++ } END { print t, NR; "
                    + "for (k in c) n++; print n; printf \"%.6e %d\\n\", t / 7, int(-7 / 2) }", "table.csv"),
            Case.of("gawk", "/usr/bin/gawk", "{ w[$1]++ } END { PROCINFO[\"sorted_in\"] = \"@ind_str_asc\"; "
                    + "for (k in w) printf \"%s=%d\\n\", k, w[k] }", "words.txt"),
            Case.of("perl", "/usr/bin/perl", "-e", "my %h; for (1..20000) { $h{$_ * 7 % 13}++ } "
                    + "print join(',', map { \"$_=$h{$_}\" } sort { $a <=> $b } keys %h), \"\\n\"; "
                    + "open(my $f, '<', 'text.txt') or die; my $n = 0; while (<$f>) { $n++ if /fox/ } "
                    + "printf \"%d %.5e %s\\n\", $n, 3.14159 ** 7, scalar reverse 'abc';"),
            Case.of("bash", "/usr/bin/bash", "-c", "declare -A m; for ((i = 0; i < 3000; i++)); do m[$((i % 17))]=$i; done; "
                    + "s=0; for k in \"${!m[@]}\"; do s=$((s + k * m[$k])); done; echo $s; "
                    + "while IFS=, read a b c; do echo \"$c|$b|$a\"; done < table.csv; x=hello.tar.gz; "
                    + "printf '%05d %s %s\\n' 42 \"${x%%.*}\" \"${x^^}\""),
            Case.of("sqlite3", "/usr/bin/sqlite3", ":memory:", "create table t(a, b); with recursive c(x) as "
                    + "(select 1 union all select x + 1 from c where x < 2000) insert into t select x, x * x % 97 from c; "
                    + "create index i on t(b); select b, count(*), sum(a) from t group by b order by 2 desc, 1 limit 5; "
                    + "select printf('%.3f', avg(a)), group_concat(b, '') from (select * from t where a < 20);"),
            Case.of("jq", "/usr/bin/jq", "-c", ".a | map(if type == \"number\" then . * 2 else . end)", "in.json"),
            Case.of("bc", "/usr/bin/bc", "-l", "calc.bc"),
            Case.of("python3", "/usr/bin/python3", "-c", "import json, hashlib, re, zlib; "
                    + "d = {str(i): i * i for i in range(500)}; s = json.dumps(d, sort_keys=True); "
                    + "print(hashlib.sha256(s.encode()).hexdigest(), len(re.findall(r'\\d+', s)), "
                    + "zlib.crc32(open('text.txt', 'rb').read()), sorted(d.items(), key=lambda kv: -kv[1])[0])"),
            Case.of("lua", "/usr/bin/lua5.4", "-e", "local t = {} for i = 1, 1000 do t[#t + 1] = i * i % 37 end "
                    + "table.sort(t) print(t[1], t[500], t[1000], string.format('%.4f', math.sqrt(2)))"));
    }

    /** Quick cases that also run under interp (start-up through ld.so included). */
    static final Set<String> INTERP_SUBSET = Set.of("cat", "sha256sum", "wc");

    /** Writes the inputs once; aborts (skips) the calling test on a host that cannot run the programs natively. */
    static synchronized Path ensureInputs() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "host-binaries tests skipped: they need an x86-64 Linux host to run its programs natively");
        if (work == null) {
            Path w = Files.createDirectories(tmp.resolve("work"));
            BusyboxRunner.writeInputs(w);
            Files.writeString(w.resolve("in.json"), "{\"a\":[1,2,3,{\"b\":\"x\"},-4.5],\"c\":{\"d\":1.5e3,\"e\":null}}\n");
            Files.writeString(w.resolve("calc.bc"), "scale=40\n4*a(1)\nsqrt(2)\n2^100\ne(1)\n");
            work = w;
        }
        return work;
    }

    /** Aborts the calling test unless {@code program} is a dynamically linked x86-64 ELF here. */
    static void assumeDynamicProgram(Case c) throws Exception {
        Path p = Path.of(c.program());
        Assumptions.assumeTrue(Files.isExecutable(p), () -> "skipped: " + c.program() + " is not installed");
        ElfFile elf = ElfFile.read(p);
        Assumptions.assumeTrue(elf.machine() == 62 && elf.interpreter() != null,
                () -> "skipped: " + c.program() + " is not a dynamically linked x86-64 program");
    }

    record Result(int status, byte[] out, String err) {}

    static Result run(List<String> cmd, Case c, Path cwd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(ENV);
        pb.redirectInput(c.stdin() == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(cwd.resolve(c.stdin()).toFile()));
        Path out = Files.createTempFile(tmp, "out", ".bin"), err = Files.createTempFile(tmp, "err", ".txt");
        try {
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish in " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code jtcg run --engine ENGINE [extra...] PROGRAM ARGS} in a child JVM (the launcher's options, no CDS). */
    static List<String> jtcg(String engine, List<String> extra, Case c) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1", "-Xss16m", "-XX:ReservedCodeCacheSize=256m",
                "-cp", BusyboxRunner.absoluteClassPath(cp), Main.class.getName(), "run", "--engine", engine));
        cmd.addAll(extra);
        cmd.add(c.program());
        cmd.addAll(c.args());
        return cmd;
    }

    static void assertMatchesNative(Case c, String engine) throws Exception {
        Path w = ensureInputs();
        assumeDynamicProgram(c);
        List<String> nativeCmd = new ArrayList<>(List.of(c.program()));
        nativeCmd.addAll(c.args());
        Result n = run(nativeCmd, c, w);
        Result j = run(jtcg(engine, List.of(), c), c, w);
        String why = c + " [" + engine + "]: jtcg stderr:\n" + tail(j.err());
        assertEquals(n.status(), j.status(), "exit status of " + why);
        if (!Arrays.equals(n.out(), j.out())) {
            assertEquals(new String(n.out(), StandardCharsets.ISO_8859_1), new String(j.out(), StandardCharsets.ISO_8859_1),
                    "stdout of " + why);
        }
        assertTrue(n.out().length > 0 || c.label().equals("diff"), "the native run printed nothing: " + c);
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }

    @TestFactory
    List<DynamicTest> hostProgramsMatchNative() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            tests.add(DynamicTest.dynamicTest(c + " [jit]", () -> assertMatchesNative(c, "jit")));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> quickHostProgramsMatchNativeUnderInterp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            if (INTERP_SUBSET.contains(c.label())) {
                tests.add(DynamicTest.dynamicTest(c + " [interp]", () -> assertMatchesNative(c, "interp")));
            }
        }
        return tests;
    }
}
