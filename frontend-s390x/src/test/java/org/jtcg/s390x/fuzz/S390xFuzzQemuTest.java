package org.jtcg.s390x.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.jtcg.cpreg.S390Registers;
import org.jtcg.fuzz.OracleLane;
import org.jtcg.fuzz.template.QemuAgreementCheck;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void theEmptySequenceReturnsTheInitialRegisters() {
        List<String> problems = QemuAgreementCheck.emptySequenceRoundTrip(new S390xFuzzTarget(), S390Registers.PSW_ADDR);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void qemuInterpAndJitAgreeOn2000Sequences() {
        String g = System.getProperty("jtcg.fuzz.groups");
        List<String> lanes = List.of("qemu", "interp", "jit");
        QemuAgreementCheck.Result r = QemuAgreementCheck.run(new S390xFuzzTarget(), lanes, Long.getLong("jtcg.fuzz.count", 2000),
                Long.getLong("jtcg.fuzz.seed", 20261204), g == null ? null : List.of(g.split(",")));
        System.out.println(r.timing("s390x", lanes));
        assertEquals(0, r.summary().divergences(), String.join("\n\n", r.problems()));
    }
}
