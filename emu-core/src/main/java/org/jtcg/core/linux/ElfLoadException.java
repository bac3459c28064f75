package org.jtcg.core.linux;

/**
 * A guest executable (or its interpreter) cannot be loaded. The message is one line saying what
 * is wrong, prefixed with the file name. {@link #exitCode()} is the status the CLI exits with:
 * 127 when the file does not exist, 126 for everything else (not an ELF, malformed, wrong arch,
 * not permitted) — the shell's conventions.
 */
public class ElfLoadException extends Exception {
    public static final int EXIT_NOT_EXECUTABLE = 126, EXIT_NOT_FOUND = 127;

    private final boolean notFound;

    public ElfLoadException(String message) {
        this(message, false);
    }

    public ElfLoadException(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    /** True when the file (or interpreter) does not exist. */
    public boolean notFound() {
        return notFound;
    }

    /** 127 for a missing file, 126 otherwise. */
    public int exitCode() {
        return notFound ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE;
    }
}
