package org.jtcg.cli;

/** Loads and runs one guest for {@code jtcg run}. (Wiring lands with the Linux layer merge.) */
final class GuestSession {
    private GuestSession() {}

    static int run(RunOptions options) {
        throw new CliError(ExitCodes.USAGE, "run: not wired yet");
    }
}
