package org.jtcg.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link PlainRun} recognises exactly the plain {@code run [--engine E] ELF [ARGS...]} form, with picocli's meaning. */
class PlainRunTest {
    @TempDir
    Path dir;

    /** What picocli (as Main configures it) makes of the command line. */
    private static RunOptions picocli(String... args) {
        CommandLine cl = Main.commandLine(args);
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        RunCommand run = (RunCommand) parsed.subcommand().commandSpec().userObject();
        return run.validate();
    }

    @Test
    void plainCommandLinesGiveWhatPicocliGives() throws IOException {
        Path argFile = dir.resolve("words");
        Files.writeString(argFile, "from-a-file\n");
        List<String[]> lines = List.of(
                new String[] {"run", "prog"},
                new String[] {"run", "/bin/prog", "a", "--engine", "interp", "-L", "x", "--", "--help", ""},
                new String[] {"run", "prog", "@" + argFile},   // a guest's "@name" argument is not a file to expand
                new String[] {"run", "@" + argFile, "b"},
                new String[] {"run", "--engine", "interp", "prog", "--engine", "jit"},
                new String[] {"run", "--engine=kvm", "prog", "x"},
                new String[] {"run", "--engine", "jit", "/bin/prog"});
        for (String[] args : lines) {
            RunOptions fast = PlainRun.options(args);
            assertNotNull(fast, String.join(" ", args));
            assertEquals(picocli(args), fast, String.join(" ", args));
        }
        assertEquals(List.of("@" + argFile), PlainRun.options("run", "prog", "@" + argFile).guestArgs());
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        assertNull(PlainRun.options());
        assertNull(PlainRun.options("run"));
        assertNull(PlainRun.options("run", "--engine", "qemu", "prog"));     // picocli's validation reports it
        assertNull(PlainRun.options("run", "--engine=", "prog"));
        assertNull(PlainRun.options("run", "--engine", "jit"));             // no ELF
        assertNull(PlainRun.options("run", "--engine", "jit", "--engine", "interp", "prog"));
        assertNull(PlainRun.options("run", "--engine", "jit", "--stats", "prog"));
        assertNull(PlainRun.options("run", "--engine"));
        assertNull(PlainRun.options("run", "--help"));
        assertNull(PlainRun.options("run", "-L", "/sysroot", "prog"));
        assertNull(PlainRun.options("run", "-", "x"));
        assertNull(PlainRun.options("run", "", "x"));
        assertNull(PlainRun.options("diff", "prog"));
        assertNull(PlainRun.options("regs", "prog"));
        assertNull(PlainRun.options("prog"));
    }
}
