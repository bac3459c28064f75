package org.jtcg.core.snapshot;

/**
 * A process cannot be snapshotted (e.g. it has a pipe open) or a snapshot cannot be restored in
 * this environment (e.g. a file it had open is gone). The message is one line for the command line.
 */
public final class SnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message, null, false, false);
    }
}
