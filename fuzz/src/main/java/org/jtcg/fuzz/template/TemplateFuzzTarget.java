package org.jtcg.fuzz.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jtcg.fuzz.ArchFuzzer;
import org.jtcg.fuzz.FuzzTarget;
import org.jtcg.fuzz.OracleCode;

/**
 * A fuzz target whose forms are a template table ({@link TemplateTable}): the selection rules every such
 * target shares. Groups in {@code defaultOffGroups} are drawn from only when named; forms in
 * {@code qemuDiffers} are left out whenever a qemu lane runs (qemu differs from the architecture there; the
 * subclass says where and why). A subclass supplies the arch facts only.
 */
public abstract class TemplateFuzzTarget implements FuzzTarget {
    private final String arch;
    private final int elfMachine;
    private final String tableResource;
    private final TemplateArch templateArch;
    private final OracleCode oracle;
    private final List<String> defaultOffGroups;
    private final List<String> qemuDiffers;

    protected TemplateFuzzTarget(String arch, int elfMachine, String tableResource, TemplateArch templateArch,
                                 OracleCode oracle, List<String> defaultOffGroups, List<String> qemuDiffers) {
        this.arch = arch;
        this.elfMachine = elfMachine;
        this.tableResource = tableResource;
        this.templateArch = templateArch;
        this.oracle = oracle;
        this.defaultOffGroups = List.copyOf(defaultOffGroups);
        this.qemuDiffers = List.copyOf(qemuDiffers);
    }

    @Override
    public final String arch() {
        return arch;
    }

    @Override
    public final int elfMachine() {
        return elfMachine;
    }

    @Override
    public final List<String> groups() {
        return table().groups();
    }

    @Override
    public final List<String> defaultOffGroups() {
        return defaultOffGroups;
    }

    /** The whole table, every group (loaded relative to the subclass, which owns the resource). */
    public final TemplateTable table() {
        return TemplateTable.load(getClass(), tableResource, templateArch);
    }

    @Override
    public final ArchFuzzer open(Selection s) {
        TemplateTable table = table();
        List<String> notes = new ArrayList<>();
        if (s.groups() != null) {
            table = table.only(s.groups());
        } else {
            List<String> off = table.groups().stream().filter(defaultOffGroups::contains).toList();
            table = table.only(table.groups().stream().filter(g -> !off.contains(g)).toList());
            if (!off.isEmpty()) {
                notes.add("groups " + String.join(", ", off) + " left out by default (not translated yet / known differences; docs/fuzz.md)");
            }
        }
        if (s.qemuLane() && !qemuDiffers.isEmpty()) {
            table = table.without(qemuDiffers.stream().filter(table.names()::contains).toList());
            notes.add("qemu lane: " + String.join(", ", qemuDiffers) + " left out (qemu differs from the architecture; docs/fuzz.md)");
        }
        if (!s.exclude().isEmpty()) {
            table = table.without(s.exclude());
        }
        if (table.rows().isEmpty()) {
            throw new IllegalArgumentException("--groups/--exclude leave no instruction forms");
        }
        if (!s.extraMasks().isEmpty()) {
            throw new IllegalArgumentException("--masks: " + arch + " has no mask table (its fuzz forms leave nothing undefined)");
        }
        return new TemplateFuzzer(this, templateArch, table, s.length(), notes, oracle, Map.of());
    }
}
