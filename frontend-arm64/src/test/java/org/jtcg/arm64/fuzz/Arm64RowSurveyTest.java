package org.jtcg.arm64.fuzz;

import org.jtcg.core.engine.EngineProvider;
import org.jtcg.fuzz.FuzzRun;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.template.TemplateFuzzer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a CI test (runs only with -Djtcg.fuzz.survey=true): per pattern-table row, single-instruction
 * cases under qemu and interp, printing the rows that diverge and the first report. Used to sort
 * rows into groups (translated or not) and to find bugs row by row.
 */
class Arm64RowSurveyTest {
    @Test
    void survey() {
        assumeTrue(Boolean.getBoolean("jtcg.fuzz.survey"), "skipped: survey runs only with -Djtcg.fuzz.survey=true");
        String engines = System.getProperty("jtcg.fuzz.engines", "qemu,interp");
        int count = Integer.getInteger("jtcg.fuzz.count", 32);
        int length = Integer.getInteger("jtcg.fuzz.length", 1);
        String g = System.getProperty("jtcg.fuzz.groups");
        for (String row : Arm64FuzzTarget.table().names()) {
            TemplateFuzzer all = (TemplateFuzzer) new Arm64FuzzTarget().open(new FuzzTarget.Selection(
                    g == null ? Arm64FuzzTarget.table().groups() : List.of(g.split(",")), List.of(), length, List.of(), "none", true));
            if (!all.table().names().contains(row)) {
                continue;
            }
            List<String> others = all.table().names().stream().filter(n -> !n.equals(row)).toList();
            TemplateFuzzer f = (TemplateFuzzer) new Arm64FuzzTarget().open(new FuzzTarget.Selection(
                    all.table().groups(), others, length, List.of(), "none", true));
            if (f.table().rows().size() != 1) {
                continue;
            }
            StringBuilder first = new StringBuilder();
            try (FuzzRun r = new FuzzRun(new FuzzRun.Options(List.of(engines.split(",")), count, 1, null, 1), f, EngineProvider::byName)) {
                FuzzRun.Summary s = r.run(new FuzzRun.Listener() {
                    @Override
                    public void finding(FuzzRun.Finding x) {
                        if (first.isEmpty()) {
                            first.append(String.join("\n    ", x.report()));
                        }
                    }
                });
                System.out.printf("ROW %-14s %3d/%d diverge%s%n", row, s.divergences(), count, s.divergences() == 0 ? "" : "\n    " + first);
            }
        }
    }
}
