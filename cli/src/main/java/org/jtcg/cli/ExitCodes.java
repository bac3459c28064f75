package org.jtcg.cli;

/** jtcg's own exit statuses; everything else is the guest's. */
public final class ExitCodes {
    private ExitCodes() {}

    /** Bad command line, unknown engine, or an engine that cannot run on this host. */
    public static final int USAGE = 2;
    /** A jtcg bug surfaced as an unexpected host exception. */
    public static final int INTERNAL = 70;
    /** The file exists but is not an executable jtcg can load (malformed, wrong arch...). */
    public static final int NOT_EXECUTABLE = 126;
    /** The file does not exist. */
    public static final int NOT_FOUND = 127;
}
