package org.jtcg.s390x.fuzz;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.jtcg.fuzz.template.QemuAgreementCheck;
import org.junit.jupiter.api.Test;

/**
 * Not a CI test (runs only with -Djtcg.fuzz.survey=true): per pattern-table row, single-instruction
 * cases under qemu and interp, printing the rows that diverge and the first report. Used to sort
 * rows into groups (translated or not) and to find bugs row by row.
 */
class S390xRowSurveyTest {
    @Test
    void survey() {
        assumeTrue(Boolean.getBoolean("jtcg.fuzz.survey"), "skipped: survey runs only with -Djtcg.fuzz.survey=true");
        String g = System.getProperty("jtcg.fuzz.groups");
        QemuAgreementCheck.surveyRows(new S390xFuzzTarget(), List.of(System.getProperty("jtcg.fuzz.engines", "qemu,interp").split(",")),
                Integer.getInteger("jtcg.fuzz.count", 32), Integer.getInteger("jtcg.fuzz.length", 1),
                g == null ? null : List.of(g.split(",")), System.out);
    }
}
