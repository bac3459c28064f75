package org.jtcg.arm64.fuzz;

import java.util.List;
import org.jtcg.arm64.Arm64Arch;
import org.jtcg.fuzz.template.TemplateFuzzTarget;

/**
 * arm64's fuzz target (registered in {@code META-INF/services/org.jtcg.fuzz.FuzzTarget}): the forms of
 * {@code arm64.patterns} through the shared template generator, the qemu lane through
 * {@link Arm64OracleCode}. docs/fuzz.md lists the groups and what is left out and why.
 */
public final class Arm64FuzzTarget extends TemplateFuzzTarget {
    static final String TABLE = "/org/jtcg/arm64/fuzz/arm64.patterns";
    /**
     * Groups not drawn from unless asked for by name: forms the translator does not implement yet
     * (every such sequence would end in SIGILL under jtcg and be a divergence from qemu, hiding the
     * rest of the sequence); a row moves to its real group when its translation lands.
     */
    static final List<String> DEFAULT_OFF_GROUPS = List.of("todo");

    public Arm64FuzzTarget() {
        super("aarch64", Arm64Arch.EM_AARCH64, TABLE, Arm64FuzzArch.INSTANCE, Arm64OracleCode.INSTANCE, DEFAULT_OFF_GROUPS, List.of());
    }
}
