package org.jtcg.cpreg;

import java.io.IOException;

/**
 * A snapshot file could not be read: truncated, corrupted, not a snapshot, or from a newer format.
 * The message is one line suitable for the command line.
 */
public final class SnapshotFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SnapshotFormatException(String message) {
        super(message);
    }
}
