package org.jtcg.x86.fuzz;

import org.jtcg.fuzz.FuzzTarget;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which groups {@code jtcg fuzz} draws from when none are named: never approx (host-specific bits), unless named. */
class DefaultGroupsTest {
    private static PatternTable table(List<String> groups, boolean qemuLane) {
        return ((X86Fuzzer) new X86FuzzTarget().open(new FuzzTarget.Selection(groups, List.of(), 20, List.of(), "none", qemuLane)))
                .table();
    }

    @Test
    void approxRunsOnlyWhenNamed() {
        for (boolean qemu : new boolean[] {false, true}) {
            assertTrue(table(null, qemu).patterns().stream().noneMatch(p -> p.group().equals("approx")), "qemu lane " + qemu);
        }
        assertTrue(table(null, false).patterns().stream().anyMatch(p -> p.group().equals("avx2") && p.vexL()),
                "the default selection has the 256-bit forms");
        PatternTable named = table(List.of("approx"), false);
        assertTrue(!named.patterns().isEmpty() && named.patterns().stream().allMatch(p -> p.group().equals("approx")));
    }
}
