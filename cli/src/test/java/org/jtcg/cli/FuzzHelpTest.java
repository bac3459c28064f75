package org.jtcg.cli;

import org.jtcg.fuzz.FuzzTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jtcg fuzz --help} names every architecture and every group the fuzz targets' tables have ({@link FuzzGroupsHelp}). */
class FuzzHelpTest {
    /** The fuzz command's usage text with picocli's line wrapping undone. */
    static String help() {
        String usage = Main.commandLine("fuzz", "--help").getSubcommands().get("fuzz").getUsageMessage();
        return usage.replaceAll("\\s+", " ");
    }

    @Test
    void helpListsEveryGroupOfEveryTable() {
        List<FuzzTarget> targets = ServiceLoader.load(FuzzTarget.class).stream().map(ServiceLoader.Provider::get).toList();
        // the cli is built with all three frontends: an empty list would make the loop below prove nothing
        assertEquals(List.of("aarch64", "s390x", "x86_64"), FuzzTarget.available());
        String help = help();
        for (FuzzTarget t : targets) {
            assertFalse(t.groups().isEmpty(), t.arch());
            assertTrue(help.contains(t.arch() + ": " + String.join(", ", t.groups()) + ";")
                    || help.contains(t.arch() + ": " + String.join(", ", t.groups()) + ")"), t.arch() + " groups " + t.groups() + " in:\n" + help);
            List<String> off = t.defaultOffGroups().stream().filter(t.groups()::contains).toList();
            String defaults = help.substring(help.indexOf("Default: all"));
            assertTrue(off.isEmpty() || defaults.contains(t.arch() + " " + String.join(", ", off)),
                    t.arch() + " default-off groups " + off + " in:\n" + help);
        }
        assertTrue(help.contains("--arch=ARCH Guest architecture with a fuzz target (x86_64, aarch64, s390x)"), help);
        assertFalse(help.contains("@"), "a placeholder was left: " + help);
    }

    /** x86_64's table has groups the old hand-written list lacked (avx, fma, bmi...): the list is read, not written. */
    @Test
    void helpFollowsTheX86Table() {
        String help = help();
        assertTrue(FuzzTarget.forArch("x86_64").groups().contains("avx") && help.contains("avx2, bmi"), help);
        assertTrue(help.contains("Default: all but x86_64 approx"), help);
    }
}
