package org.jtcg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code jtcg} command. */
@Command(name = "jtcg",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "CPU emulator for the JVM: runs Linux x86-64, arm64 and s390x binaries.",
        subcommands = {RunCommand.class, DiffCommand.class, FuzzCommand.class, RegsCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (run, diff, fuzz, regs)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(null, args);
    }

    /** Like {@link #execute(String...)} with jtcg's own messages going to {@code err} (tests). */
    public static int execute(PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        // Everything after the ELF belongs to the guest, even if it looks like a jtcg option.
        cl.getSubcommands().get("run").setStopAtPositional(true);
        cl.getSubcommands().get("diff").setStopAtPositional(true);
        if (err != null) {
            cl.setErr(err); // after the subcommands are added, so they inherit it
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> report(commandLine.getErr(), ex));
        cl.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter perr = ex.getCommandLine().getErr();
            perr.println("jtcg: " + ex.getMessage());
            perr.println("Try 'jtcg " + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ")
                    + "--help' for more information.");
            perr.flush();
            return ExitCodes.USAGE;
        });
        try {
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            return report(cl.getErr(), e);
        }
    }

    private static int report(PrintWriter err, Throwable ex) {
        if (ex instanceof CliError ce) {
            err.println("jtcg: " + ce.getMessage());
            err.flush();
            return ce.exitCode();
        }
        err.println("jtcg: internal error: " + ex + (debug() ? "" : " (set JTCG_DEBUG=1 for a stack trace)"));
        if (debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    static boolean debug() {
        String d = System.getenv("JTCG_DEBUG");
        return d != null && !d.isEmpty() && !d.equals("0");
    }

    /** Version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jtcg " + (v == null ? "dev" : v)};
        }
    }
}
