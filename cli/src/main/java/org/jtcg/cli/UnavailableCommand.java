package org.jtcg.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** A subcommand of the command-line contract whose issue has not landed yet: it says so and exits with the usage status. */
@Command
final class UnavailableCommand implements Callable<Integer> {
    private final String name;

    @Parameters(arity = "0..*", hidden = true)
    List<String> ignored;

    UnavailableCommand(String name) {
        this.name = name;
    }

    @Override
    public Integer call() {
        throw new CliError(ExitCodes.USAGE, "'" + name + "' is not available yet in this version of jtcg");
    }
}
