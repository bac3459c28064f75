package org.jtcg.testsuites;

import org.jtcg.testsuites.BusyboxRunner.Case;
import org.jtcg.x86.cpuid.CpuLevel;
import org.jtcg.x86.cpuid.CpuidModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code jtcg run --cpu LEVEL}: what glibc makes of each selectable level's CPUID (read back through the
 * host's dynamic linker's {@code --list-diagnostics}: vendor kind, family/model, ISA level, cache sizes,
 * AT_HWCAP), that busybox and the intwork guest give native output under every level, and that an unknown
 * or not yet implemented level is a usage error naming what is missing.
 */
class CpuLevelsTest {
    static final Path LD_SO = Path.of("/lib64/ld-linux-x86-64.so.2");

    @TempDir
    static Path tmp;

    static List<CpuLevel> selectableLevels() {
        List<CpuLevel> out = new ArrayList<>();
        for (CpuLevel l : CpuLevel.values()) {
            if (l.selectable()) {
                out.add(l);
            }
        }
        return out;
    }

    private static GuestHarness.Result jtcg(List<String> args) throws Exception {
        return GuestHarness.run(GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS, args), tmp);
    }

    /** {@code ld.so --list-diagnostics} lines {@code key=value} as a map. */
    private static Map<String, String> diagnostics(String out) {
        Map<String, String> m = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    private static long hex(String v) {
        return Long.parseUnsignedLong(v.replaceFirst("^0x", ""), 16);
    }

    @TestFactory
    List<DynamicTest> glibcSeesEachLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CpuLevel level : selectableLevels()) {
            tests.add(DynamicTest.dynamicTest(level.levelName, () -> {
                Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64") && Files.isExecutable(LD_SO),
                        "skipped: needs an x86-64 host with glibc's " + LD_SO);
                GuestHarness.Result r = jtcg(List.of("run", "--cpu", level.levelName, LD_SO.toString(), "--list-diagnostics"));
                assertEquals(0, r.status(), r.err());
                Map<String, String> d = diagnostics(r.out());
                Assumptions.assumeTrue(d.containsKey("x86.cpu_features.basic.kind"),
                        "skipped: this glibc's ld.so has no --list-diagnostics (glibc 2.33+)");
                CpuidModel model = CpuidModel.forLevel(level);
                assertEquals(1, hex(d.get("x86.cpu_features.basic.kind")), "arch_kind_intel");
                assertEquals(level.family, hex(d.get("x86.cpu_features.basic.family")));
                assertEquals(level.model, hex(d.get("x86.cpu_features.basic.model")));
                // glibc's isa_1: bit 0 baseline, bit 1 x86-64-v2, bit 2 v3, bit 3 v4
                assertEquals((1L << (level.ordinal() + 1)) - 1, hex(d.get("x86.cpu_features.isa_1")));
                assertEquals(model.query(1, 0).edx() & 0xffff_ffffL, hex(d.get("x86.cpu_features.features[0x0].cpuid[0x3]")));
                assertEquals(model.query(1, 0).ecx() & 0xffff_ffffL, hex(d.get("x86.cpu_features.features[0x0].cpuid[0x2]")));
                assertEquals(32 << 10, hex(d.get("x86.cpu_features.data_cache_size")));
                assertEquals(8 << 20, hex(d.get("x86.cpu_features.shared_cache_size")));
                assertEquals(6 << 20, hex(d.get("x86.cpu_features.non_temporal_threshold")), "3/4 of the shared cache");
                // ld.so starts from AT_PLATFORM ("x86_64") and, on an Intel CPU whose usable features include
                // AVX2, FMA, BMI1, BMI2, LZCNT, MOVBE and POPCNT (x86-64-v3), names the platform "haswell" itself
                String platform = level == CpuLevel.V3 ? "haswell" : "x86_64";
                assertEquals("\"" + platform + "\"", d.get("dl_platform"));
                assertEquals(model.hwcap(), hwcapFromAuxv(d), "AT_HWCAP");
            }));
        }
        return tests;
    }

    /** The AT_HWCAP (16) entry of the auxv ld.so lists. */
    private static long hwcapFromAuxv(Map<String, String> d) {
        for (int i = 0; d.containsKey(String.format("auxv[0x%x].a_type", i)); i++) {
            if (hex(d.get(String.format("auxv[0x%x].a_type", i))) == 16) {
                return hex(d.get(String.format("auxv[0x%x].a_val", i)));
            }
        }
        throw new AssertionError("no AT_HWCAP in the auxv");
    }

    @Test
    void aLevelWithUnimplementedExtensionsIsRefusedNamingThem() throws Exception {
        CpuLevel unavailable = null;
        for (CpuLevel l : CpuLevel.values()) {
            if (!l.selectable()) {
                unavailable = l;
                break;
            }
        }
        Assumptions.assumeTrue(unavailable != null, "skipped: every level is implemented");
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64") && Files.isExecutable(LD_SO),
                "skipped: needs an x86-64 ELF to name the arch (" + LD_SO + ")");
        GuestHarness.Result r = jtcg(List.of("run", "--cpu", unavailable.levelName, LD_SO.toString(), "--version"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains(unavailable.levelName) && r.err().contains(unavailable.missing().get(0).displayName()),
                r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    @Test
    void anUnknownLevelIsAUsageError() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64") && Files.isExecutable(LD_SO),
                "skipped: needs an x86-64 ELF to name the arch (" + LD_SO + ")");
        GuestHarness.Result r = jtcg(List.of("run", "--cpu", "pentium4", LD_SO.toString(), "--version"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("unknown x86-64 CPU level 'pentium4'") && r.err().contains("x86-64-v1"), r.err());
    }

    private static BusyboxRunner busybox;

    /** Busybox and its inputs (as {@link BusyboxTest} has them), or the calling test is skipped with the reason. */
    private static synchronized BusyboxRunner busybox() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "skipped: busybox runs natively only on x86-64");
        if (busybox == null) {
            busybox = BusyboxRunner.prepare(BusyboxRunner.find("JTCG_BUSYBOX", BusyboxTest.WELL_KNOWN, "busybox under --cpu"),
                    List.of(), Files.createDirectories(tmp.resolve("busybox")));
        }
        return busybox;
    }

    @TestFactory
    List<DynamicTest> busyboxIsUnchangedUnderEveryLevel() {
        List<Case> cases = List.of(Case.of("sha256sum", "data.bin", "text.txt"), Case.of("sort", "-r", "-n", "-u", "nums.txt"),
                Case.of("awk", "BEGIN { for (i = 1; i <= 100; i++) s += i * i; printf \"%d %e\\n\", s, s / 7 }"),
                Case.of("bzip2", "-c", "text.txt"), Case.of("grep", "-n", "-E", "^[ab]", "words.txt"));
        List<DynamicTest> tests = new ArrayList<>();
        for (CpuLevel level : selectableLevels()) {
            for (Case c : cases) {
                tests.add(DynamicTest.dynamicTest(c + " [jit, " + level.levelName + "]", () -> {
                    BusyboxRunner r = busybox();
                    List<String> cmd = GuestHarness.jtcgCommand(GuestHarness.JIT_JVM_OPTIONS,
                            List.of("run", "--cpu", level.levelName, r.busybox.toString()));
                    cmd = new ArrayList<>(cmd);
                    cmd.set(cmd.indexOf("-cp") + 1, BusyboxRunner.absoluteClassPath(cmd.get(cmd.indexOf("-cp") + 1)));
                    cmd.addAll(c.args());
                    BusyboxRunner.assertSame(r.runOracle(c.args(), c.stdin()), r.run(cmd, c.stdin(), r.work), c + " " + level);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    @Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/intwork")
    List<DynamicTest> intworkIsUnchangedUnderEveryLevel() {
        List<DynamicTest> tests = new ArrayList<>();
        for (CpuLevel level : selectableLevels()) {
            for (String engine : List.of("jit", "interp")) {
                tests.add(DynamicTest.dynamicTest("intwork [" + engine + ", " + level.levelName + "]", () -> {
                    List<String> args = List.of(engine.equals("jit") ? "3000" : "300");
                    GuestHarness.Result n = GuestHarness.run(GuestHarness.nativeCommand("intwork", args), tmp);
                    List<String> run = new ArrayList<>(List.of("run", "--engine", engine, "--cpu", level.levelName,
                            GuestHarness.BIN.resolve("intwork").toAbsolutePath().toString()));
                    run.addAll(args);
                    GuestHarness.Result j = jtcg(run);
                    assertEquals(n.out(), j.out(), j.err());
                    assertEquals(n.status(), j.status(), j.err());
                }));
            }
        }
        return tests;
    }
}
