package org.jtcg.fuzz.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jtcg.core.engine.EngineProvider;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.fuzz.FuzzRun;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.Lane;
import org.jtcg.fuzz.OracleLane;
import org.jtcg.fuzz.Outcome;
import org.jtcg.fuzz.Program;

/**
 * The two checks every template target's qemu test makes (the frontends' {@code *FuzzQemuTest}): the oracle
 * image hands every register back unchanged for an empty sequence, and the lanes agree on many random
 * sequences. Test-framework free, so each frontend's JUnit test only asserts on the results.
 */
public final class QemuAgreementCheck {
    private QemuAgreementCheck() {}

    /** The target opened for the qemu lane, all of {@code groups} (null: the default groups), no masks. */
    public static TemplateFuzzer fuzzer(TemplateFuzzTarget target, List<String> groups, int length) {
        return (TemplateFuzzer) target.open(new FuzzTarget.Selection(groups, List.of(), length, List.of(), "none", true));
    }

    /**
     * Runs the empty sequence under qemu; returns what went wrong (empty when every register but
     * {@code pcId} and the scratch block came back as they went in).
     */
    public static List<String> emptySequenceRoundTrip(TemplateFuzzTarget target, long pcId) {
        TemplateFuzzer f = fuzzer(target, null, 1);
        TemplateCase empty = f.generate(1, 0).keepItems(List.of());
        Program p = empty.program();
        List<String> problems = new ArrayList<>();
        try (Lane qemu = OracleLane.open(OracleLane.QEMU, f)) {
            Outcome o = qemu.run(empty.init(), p);
            if (!o.completed(p, f.layout())) {
                return List.of("did not complete: " + o.describe(p));
            }
            var init = empty.init().registers();
            for (long id : init.ids()) {
                if (id != pcId && !Arrays.equals(init.get(id), o.registers().get(id))) {
                    problems.add(RegisterNames.name(id) + " changed");
                }
            }
            if (!Arrays.equals(empty.init().scratch(), o.scratch())) {
                problems.add("scratch block changed");
            }
        }
        return problems;
    }

    /** A run's summary and the reports of its findings. */
    public record Result(FuzzRun.Summary summary, List<String> problems) {
        /** One line: sequences, wall time and each lane's time. */
        public String timing(String arch, List<String> lanes) {
            StringBuilder sb = new StringBuilder(String.format("%s %s %d sequences: %.1f s (", arch, String.join(",", lanes),
                    summary.cases(), summary.wallNanos() / 1e9));
            for (int i = 0; i < lanes.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format("%s %.1f s", lanes.get(i), summary.engineNanos()[i] / 1e9));
            }
            return sb.append(')').toString();
        }
    }

    /**
     * {@code count} sequences of length 20 from {@code seed} over {@code groups} (null: the defaults) on
     * {@code lanes}; reproducers go to the directory in the {@code jtcg.fuzz.out} property when it is set.
     */
    public static Result run(TemplateFuzzTarget target, List<String> lanes, long count, long seed, List<String> groups) {
        TemplateFuzzer f = fuzzer(target, groups, 20);
        String out = System.getProperty("jtcg.fuzz.out");
        List<String> problems = new ArrayList<>();
        try (FuzzRun r = new FuzzRun(new FuzzRun.Options(lanes, count, seed, out == null ? null : Path.of(out), 5), f, EngineProvider::byName)) {
            FuzzRun.Summary s = r.run(new FuzzRun.Listener() {
                @Override
                public void finding(FuzzRun.Finding x) {
                    problems.add(String.join("\n", x.report()));
                }
            });
            return new Result(s, problems);
        }
    }

    /**
     * Per table row, {@code count} single-row cases of {@code length} instructions on {@code engines}, one
     * line per row on {@code out} with its divergence count and the first report: how rows are sorted into
     * groups (translated or not) and bugs found row by row. {@code groups} null: every group.
     */
    public static void surveyRows(TemplateFuzzTarget target, List<String> engines, int count, int length, List<String> groups,
                                  java.io.PrintStream out) {
        TemplateFuzzer all = fuzzer(target, groups == null ? target.table().groups() : groups, length);
        for (String row : all.table().names()) {
            List<String> others = all.table().names().stream().filter(n -> !n.equals(row)).toList();
            TemplateFuzzer f = (TemplateFuzzer) target.open(new FuzzTarget.Selection(all.table().groups(), others, length, List.of(), "none", true));
            if (f.table().rows().size() != 1) {
                continue;
            }
            StringBuilder first = new StringBuilder();
            try (FuzzRun r = new FuzzRun(new FuzzRun.Options(engines, count, 1, null, 1), f, EngineProvider::byName)) {
                FuzzRun.Summary s = r.run(new FuzzRun.Listener() {
                    @Override
                    public void finding(FuzzRun.Finding x) {
                        if (first.isEmpty()) {
                            first.append(String.join("\n    ", x.report()));
                        }
                    }
                });
                out.printf("ROW %-14s %3d/%d diverge%s%n", row, s.divergences(), count, s.divergences() == 0 ? "" : "\n    " + first);
            }
        }
    }
}
