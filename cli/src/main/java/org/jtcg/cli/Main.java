package org.jtcg.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/** The {@code jtcg} command. */
@Command(name = "jtcg",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "CPU emulator for the JVM: runs Linux x86-64, arm64 and s390x binaries.")
public final class Main implements Runnable {
    /**
     * The subcommands, added in {@link #execute(PrintWriter, String...)} rather than listed in the
     * annotation: picocli builds a subcommand's model (reflection over its options, mixins and help)
     * when it is added, and for {@code jtcg run} the other three cost ~100 ms of start-up
     * (docs/performance.md, round 5). A command line naming one subcommand gets only that one.
     */
    private static final List<String> SUBCOMMANDS = List.of("run", "diff", "fuzz", "regs");

    private static Object newSubcommand(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "diff" -> new DiffCommand();
            // a CommandLine of its own: picocli applies a command's model transformer (FuzzGroupsHelp) only then
            case "fuzz" -> new CommandLine(new FuzzCommand());
            case "regs" -> new RegsCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (run, diff, fuzz, regs)");
    }

    public static void main(String[] args) {
        int status = execute(args);
        StartupTraining.coverAllArches();
        System.exit(status);
    }

    /** Runs the command line and returns the exit status (tests call this instead of main). */
    public static int execute(String... args) {
        return execute(null, args);
    }

    /** Like {@link #execute(String...)} with jtcg's own messages going to {@code err} (tests). */
    public static int execute(PrintWriter err, String... args) {
        RunOptions plain = PlainRun.options(args);
        if (plain != null) {   // `run ELF [ARGS...]`: no picocli model to build (PlainRun says why)
            PrintWriter perr = err != null ? err : new PrintWriter(System.err, true);
            try {
                return GuestSession.run(plain);
            } catch (RuntimeException | Error e) {
                return report(perr, e);
            }
        }
        CommandLine cl = commandLine(args);
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

    /** The picocli command for this command line, before execution (tests parse with it too). */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // All subcommands when the first word names none (help, --version, a typo: the usage lists them all).
        boolean one = args.length > 0 && SUBCOMMANDS.contains(args[0]);
        for (String name : SUBCOMMANDS) {
            if (!one || name.equals(args[0])) {
                cl.addSubcommand(name, newSubcommand(name));
            }
        }
        // Everything after the ELF belongs to the guest, even if it looks like a jtcg option.
        for (String name : new String[] {"run", "diff"}) {
            CommandLine sub = cl.getSubcommands().get(name);
            if (sub != null) {
                sub.setStopAtPositional(true);
            }
        }
        // Guest arguments are passed as given: no "@FILE" expansion (picocli's default would replace a guest's
        // "@name" argument by the contents of a file of that name). Set after the subcommands are added, so
        // they have it too.
        cl.setExpandAtFiles(false);
        return cl;
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
