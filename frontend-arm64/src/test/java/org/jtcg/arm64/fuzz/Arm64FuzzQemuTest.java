package org.jtcg.arm64.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.jtcg.cpreg.Arm64Registers;
import org.jtcg.fuzz.OracleLane;
import org.jtcg.fuzz.template.QemuAgreementCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * aarch64 fuzzing against qemu-aarch64-static (-cpu cortex-a57): the oracle image hands every fuzzed
 * register back unchanged for an empty sequence, and qemu, interp and jit agree on 2,000 random
 * sequences over all default groups (issue 11's instruction-level differential test).
 * Skipped when qemu-aarch64-static is not installed.
 */
class Arm64FuzzQemuTest {
    @BeforeAll
    static void needsQemu() {
        assumeTrue(OracleLane.onPathForTests("qemu-aarch64-static"), "skipped: qemu-aarch64-static is not installed (apt install qemu-user-static)");
    }

    @Test
    void theEmptySequenceReturnsTheInitialRegisters() {
        List<String> problems = QemuAgreementCheck.emptySequenceRoundTrip(new Arm64FuzzTarget(), Arm64Registers.PC);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void qemuInterpAndJitAgreeOn2000Sequences() {
        String g = System.getProperty("jtcg.fuzz.groups");
        List<String> lanes = List.of("qemu", "interp", "jit");
        QemuAgreementCheck.Result r = QemuAgreementCheck.run(new Arm64FuzzTarget(), lanes, Long.getLong("jtcg.fuzz.count", 2000),
                Long.getLong("jtcg.fuzz.seed", 20261204), g == null ? null : List.of(g.split(",")));
        System.out.println(r.timing("aarch64", lanes));
        assertEquals(0, r.summary().divergences(), String.join("\n\n", r.problems()));
    }
}
