package org.jtcg.core.decode;

/**
 * A decode table is malformed. The message is one line naming the table, the line and what is
 * wrong, e.g. {@code arm64.decode:12: unknown field or format 'imm13'}.
 */
public final class DecodeTableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;

    public DecodeTableException(String table, int line, String message) {
        super(table + ":" + line + ": " + message, null, false, false);
        this.line = line;
    }

    /** The 1-based line of the table the problem is on. */
    public int line() {
        return line;
    }
}
