package org.jtcg.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors: exit 2, a "jtcg: ..." line, never a stack trace. */
class CliUsageTest {
    static final class Result {
        final int status;
        final String err;

        Result(int status, String err) {
            this.status = status;
            this.err = err;
        }
    }

    static Result run(String... args) {
        StringWriter sw = new StringWriter();
        int status = Main.execute(new PrintWriter(sw, true), args);
        return new Result(status, sw.toString());
    }

    private static void assertUsage(Result r, String expectedFragment) {
        assertEquals(ExitCodes.USAGE, r.status, r.err);
        assertTrue(r.err.startsWith("jtcg: "), r.err);
        assertTrue(r.err.contains(expectedFragment), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void noSubcommand() {
        assertUsage(run(), "missing subcommand");
    }

    @Test
    void unknownSubcommandOrOption() {
        assertUsage(run("frobnicate"), "frobnicate");
        assertUsage(run("run", "--no-such-option", "x"), "--no-such-option");
    }

    @Test
    void runNeedsAnElf() {
        assertUsage(run("run"), "ELF");
    }

    @Test
    void badRunOptions() {
        assertUsage(run("run", "--trace", "bogus", "x"), "bogus");
        assertUsage(run("run", "--handoff", "kvm@x", "x"), "--handoff");
        assertUsage(run("run", "--snapshot-at", "3", "x"), "--snapshot-out");
    }

    @Test
    void laterSubcommandsSaySoWithUsageStatus() {
        assertUsage(run("diff", "--engines", "interp"), "two engines");
        assertUsage(run("fuzz"), "--engines");
        assertUsage(run("fuzz", "--engines", "jit"), "two or more engines");
        assertUsage(run("fuzz", "--engines", "interp,nosuch"), "unknown engine 'nosuch'");
        assertUsage(run("fuzz", "--arch", "riscv64", "--engines", "interp,jit"), "no fuzz target for this architecture (available: aarch64, s390x, x86_64)");
        assertUsage(run("fuzz", "--engines", "interp,jit", "--groups", "no-such-group"), "unknown instruction group");
        assertUsage(run("regs"), "missing subcommand");
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, run("--help").status);
        assertEquals(0, run("run", "--help").status);
    }
}
