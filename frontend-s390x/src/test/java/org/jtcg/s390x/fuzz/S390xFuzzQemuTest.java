package org.jtcg.s390x.fuzz;

import org.jtcg.core.engine.EngineProvider;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.fuzz.FuzzRun;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.Lane;
import org.jtcg.fuzz.OracleLane;
import org.jtcg.fuzz.Outcome;
import org.jtcg.fuzz.Program;
import org.jtcg.fuzz.template.TemplateCase;
import org.jtcg.fuzz.template.TemplateFuzzer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * s390x fuzzing against qemu-s390x-static (-cpu qemu,vx=off): the oracle image hands every fuzzed
 * register back unchanged for an empty sequence, and qemu, interp and jit agree on 2,000 random
 * sequences over all default groups (issue 12's instruction-level differential test).
 * Skipped when qemu-s390x-static is not installed.
 */
class S390xFuzzQemuTest {
    @BeforeAll
    static void needsQemu() {
        assumeTrue(OracleLane.onPathForTests("qemu-s390x-static"), "skipped: qemu-s390x-static is not installed (apt install qemu-user-static)");
    }

    static TemplateFuzzer fuzzer(List<String> groups, int length) {
        return (TemplateFuzzer) new S390xFuzzTarget().open(new FuzzTarget.Selection(groups, List.of(), length, List.of(), "none", true));
    }

    static FuzzRun.Summary fuzz(List<String> lanes, long count, long seed, List<String> groups, List<String> problems) {
        TemplateFuzzer f = fuzzer(groups, 20);
        try (FuzzRun r = new FuzzRun(new FuzzRun.Options(lanes, count, seed, System.getProperty("jtcg.fuzz.out") == null ? null : java.nio.file.Path.of(System.getProperty("jtcg.fuzz.out")), 5), f, EngineProvider::byName)) {
            return r.run(new FuzzRun.Listener() {
                @Override
                public void finding(FuzzRun.Finding x) {
                    problems.add(String.join("\n", x.report()));
                }
            });
        }
    }

    @Test
    void theEmptySequenceReturnsTheInitialRegisters() {
        TemplateFuzzer f = fuzzer(null, 1);
        TemplateCase empty = f.generate(1, 0).keepItems(List.of());
        Program p = empty.program();
        try (Lane qemu = OracleLane.open(OracleLane.QEMU, f)) {
            Outcome o = qemu.run(empty.init(), p);
            assertTrue(o.completed(p, f.layout()), o.describe(p));
            var init = empty.init().registers();
            for (long id : init.ids()) {
                if (id != S390Registers.PSW_ADDR) {
                    assertArrayEquals(init.get(id), o.registers().get(id), RegisterNames.name(id));
                }
            }
            assertTrue(Arrays.equals(empty.init().scratch(), o.scratch()), "scratch block unchanged");
        }
    }

    @Test
    void qemuInterpAndJitAgreeOn2000Sequences() {
        long count = Long.getLong("jtcg.fuzz.count", 2000);
        long seed = Long.getLong("jtcg.fuzz.seed", 20261204);
        String g = System.getProperty("jtcg.fuzz.groups");
        List<String> problems = new ArrayList<>();
        FuzzRun.Summary s = fuzz(List.of("qemu", "interp", "jit"), count, seed, g == null ? null : List.of(g.split(",")), problems);
        System.out.printf("s390x qemu,interp,jit %d sequences: %.1f s (qemu %.1f s, interp %.1f s, jit %.1f s)%n", count,
                s.wallNanos() / 1e9, s.engineNanos()[0] / 1e9, s.engineNanos()[1] / 1e9, s.engineNanos()[2] / 1e9);
        assertEquals(0, s.divergences(), String.join("\n\n", problems));
    }
}
