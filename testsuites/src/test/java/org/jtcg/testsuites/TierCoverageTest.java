package org.jtcg.testsuites;

import org.jtcg.testsuites.GuestHarness.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guest-program suites test the jit's compiled tiers only if their jit runs reach them. From
 * {@code --stats} of one multi-block guest (intwork: loops, calls, libc start-up) per arch, run with the
 * suites' options ({@link GuestHarness#suiteJvmOptions}), this checks that blocks were tiered up to the block
 * compiler, that regions were compiled and entered, and that the background compiler installed code; and,
 * on x86-64, that the engine's defaults also reach both tiers. A change of defaults, thresholds or dispatch
 * that leaves the suites running everything in the cold tier fails here instead of silently shrinking
 * what they cover. The bounds are well below what the runs show (x86 intwork with the suites' options:
 * ~200 tier-ups and ~38 regions of ~1150 translations; arm64 and s390x ~160 and ~30 of ~930), so a loaded
 * host, on which the background compiler lags, does not make them flaky.
 */
class TierCoverageTest {
    @TempDir
    static Path tmp;

    static final String PROGRAM = "intwork";

    @Test
    @Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/" + PROGRAM)
    void x86SuiteJitRunsReachBlockCompilerAndRegions() throws Exception {
        assertReachesCompiledTiers(stats(GuestHarness.BIN, GuestHarness.suiteJvmOptions("jit", PROGRAM)), 0.05, 5);
    }

    /** With no threshold set: the engine's own defaults still tier up and form regions on a loop-heavy guest. */
    @Test
    @Needs(value = Needs.Need.GUESTS, guestTargets = "build/x86_64/" + PROGRAM)
    void x86DefaultThresholdsReachBlockCompilerAndRegions() throws Exception {
        assertReachesCompiledTiers(stats(GuestHarness.BIN, GuestHarness.JIT_JVM_OPTIONS), 0, 1);
    }

    @Test
    @Needs({})
    void arm64SuiteJitRunsReachBlockCompilerAndRegions() throws Exception {
        Path bin = Arm64GuestProgramsTest.PROGRAMS.requireBuilt(List.of(PROGRAM));
        assertReachesCompiledTiers(stats(bin, GuestHarness.suiteJvmOptions("jit", PROGRAM)), 0.05, 5);
    }

    @Test
    @Needs({})
    void s390xSuiteJitRunsReachBlockCompilerAndRegions() throws Exception {
        Path bin = S390xGuestProgramsTest.PROGRAMS.requireBuilt(List.of(PROGRAM));
        assertReachesCompiledTiers(stats(bin, GuestHarness.suiteJvmOptions("jit", PROGRAM)), 0.05, 5);
    }

    /** The check itself fails on a run that stayed in the cold tier, formed no region, or lacks a counter. */
    @Test
    @Needs({})
    void checkRejectsColdOnlyRuns() {
        String coldOnly = "{\"engine\":\"jit\",\"engine_stats\":{\"jit\":{\"translations\":900,\"tier_ups\":0,"
                + "\"regions_compiled\":0,\"region_entries\":0,\"compile_installed\":0}}}";
        assertThrows(AssertionError.class, () -> assertReachesCompiledTiers(coldOnly, 0, 1));
        String fewTierUps = coldOnly.replace("\"tier_ups\":0", "\"tier_ups\":3").replace("\"regions_compiled\":0",
                "\"regions_compiled\":9").replace("\"region_entries\":0", "\"region_entries\":9")
                .replace("\"compile_installed\":0", "\"compile_installed\":12");
        assertReachesCompiledTiers(fewTierUps, 0, 1);
        assertThrows(AssertionError.class, () -> assertReachesCompiledTiers(fewTierUps, 0.05, 5));
        assertThrows(AssertionError.class, () -> counter(fewTierUps, "tier_upz"));
    }

    /** The {@code --stats} line (stderr) of a jit run of {@link #PROGRAM} from {@code bin}. */
    private static String stats(Path bin, List<String> jvmOptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--stats", "--engine", "jit",
                bin.resolve(PROGRAM).toAbsolutePath().toString()));
        Result r = GuestHarness.run(GuestHarness.jtcgCommand(jvmOptions, args), tmp);
        assertEquals(0, r.status(), "jtcg stderr:\n" + r.err());
        return r.err().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no --stats line on stderr:\n" + r.err()));
    }

    /**
     * @param minTierUpShare the least share of the translated blocks that must have been tiered up
     * @param minRegions     the least number of regions compiled
     */
    static void assertReachesCompiledTiers(String stats, double minTierUpShare, long minRegions) {
        long translations = counter(stats, "translations");
        long tierUps = counter(stats, "tier_ups");
        long regions = counter(stats, "regions_compiled");
        assertTrue(translations > 0, stats);
        // tier_ups counts only blocks that started in the cold tier: > 0 also says the cold tier ran
        assertTrue(tierUps > 0 && tierUps >= minTierUpShare * translations,
                "too few blocks reached the block compiler: " + stats);
        assertTrue(regions >= minRegions, "too few regions: " + stats);
        assertTrue(counter(stats, "region_entries") > 0, "no region was entered: " + stats);
        assertTrue(counter(stats, "compile_installed") > 0, "the background compiler installed nothing: " + stats);
    }

    /** A counter of the jit engine's stats; fails when the key is missing (a renamed counter must not pass). */
    static long counter(String stats, String key) {
        Matcher jit = Pattern.compile("\"jit\":\\{([^}]*)}").matcher(stats);
        assertTrue(jit.find(), "no jit engine stats in " + stats);
        Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(jit.group(1));
        assertTrue(m.find(), "no counter " + key + " in " + stats);
        return Long.parseLong(m.group(1));
    }
}
