package org.jtcg.cli;

/** An error to report to the user as one line on stderr, ending jtcg with {@link #exitCode()}. */
public final class CliError extends RuntimeException {
    private final int exitCode;

    public CliError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
