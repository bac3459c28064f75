package org.jtcg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * The guest a command starts from, shared by {@code run} and {@code diff} (a picocli mixin):
 * an ELF with its arguments, or a snapshot given with {@code --resume} — exactly one of them.
 */
final class GuestTarget {
    @Option(names = "--resume", paramLabel = "FILE",
            description = "Start from a snapshot (from run --snapshot-at or a jtcg diff reproducer) instead of an ELF; "
                    + "takes no ELF or ARGS. Syscall counts (--handoff, --snapshot-at) continue the saved count.")
    String resume;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ELF", description = "The guest executable (not with --resume).")
    String elf;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest.")
    List<String> args = new ArrayList<>();

    /** Throws a usage error unless exactly one of ELF and --resume is given. */
    void check(CommandLine commandLine) {
        if (resume != null && elf != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--resume starts from a saved guest: give no ELF or ARGS (got '" + elf + "')");
        }
        if (resume == null && elf == null) {
            throw new CommandLine.ParameterException(commandLine, "Missing required parameter: 'ELF' (or --resume FILE)");
        }
    }
}
