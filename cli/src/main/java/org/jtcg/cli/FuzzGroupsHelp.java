package org.jtcg.cli;

import org.jtcg.fuzz.FuzzTarget;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The architecture and group lists of {@code jtcg fuzz --help}, from the fuzz targets' own tables
 * ({@link FuzzTarget#groups()}, {@link FuzzTarget#defaultOffGroups()}) rather than written into the option
 * text, which went stale whenever a table gained a group. A picocli model transformer: it runs when the
 * {@code fuzz} command's model is built, which {@link Main} does only for a command line that names
 * {@code fuzz} or no subcommand, so {@code jtcg run} never loads the tables.
 */
final class FuzzGroupsHelp implements CommandLine.IModelTransformer {
    /** Placeholders in FuzzCommand's option descriptions, replaced here. */
    static final String ARCHES = "@ARCHES@", GROUPS = "@GROUPS@";

    @Override
    public CommandSpec transform(CommandSpec spec) {
        List<FuzzTarget> targets = new ArrayList<>();
        ServiceLoader.load(FuzzTarget.class).forEach(targets::add);
        targets.sort(java.util.Comparator.comparing(FuzzTarget::arch, FuzzGroupsHelp::x86First));
        for (OptionSpec o : new ArrayList<>(spec.options())) {
            String[] text = o.description();
            String[] filled = new String[text.length];
            boolean changed = false;
            for (int i = 0; i < text.length; i++) {
                filled[i] = text[i].replace(ARCHES, arches(targets)).replace(GROUPS, groups(targets));
                changed |= !filled[i].equals(text[i]);
            }
            if (changed) {
                spec.remove(o);
                spec.addOption(o.toBuilder().description(filled).build());
            }
        }
        return spec;
    }

    /** x86_64 first (the default --arch), the others by name. */
    private static int x86First(String a, String b) {
        return a.equals("x86_64") != b.equals("x86_64") ? (a.equals("x86_64") ? -1 : 1) : a.compareTo(b);
    }

    static String arches(List<FuzzTarget> targets) {
        return targets.isEmpty() ? "none on the class path" : String.join(", ", targets.stream().map(FuzzTarget::arch).toList());
    }

    /**
     * "(x86_64: g1, g2, ...; aarch64: ...). Default: all but x86_64 g3; ...": each arch's groups, then those of them
     * the default leaves out (a default-off name with no rows in the table, e.g. an empty todo group, is not listed).
     */
    static String groups(List<FuzzTarget> targets) {
        List<String> lists = new ArrayList<>(), off = new ArrayList<>();
        for (FuzzTarget t : targets) {
            lists.add(t.arch() + ": " + String.join(", ", t.groups()));
            List<String> leftOut = t.defaultOffGroups().stream().filter(t.groups()::contains).toList();
            if (!leftOut.isEmpty()) {
                off.add(t.arch() + " " + String.join(", ", leftOut));
            }
        }
        return "(" + String.join("; ", lists) + "). Default: all" + (off.isEmpty() ? "" : " but " + String.join("; ", off));
    }
}
