package org.jtcg.cpreg;

/**
 * Loading a {@link RegisterList} into a {@link RegisterAccess} failed. Unchecked because callers
 * (engine handoff, snapshot restore, differential runners) can only report it; the message is one
 * line naming the register.
 */
public final class RegisterMergeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The list holds a register the target does not have; nothing was written. */
        UNKNOWN_REGISTER,
        /** A written value did not read back (read-only register or bits); earlier registers were written. */
        READ_BACK_MISMATCH
    }

    private final Kind kind;
    private final long registerId;
    private final long[] written;
    private final long[] readBack;

    RegisterMergeException(Kind kind, long registerId, long[] written, long[] readBack, String message) {
        super(message);
        this.kind = kind;
        this.registerId = registerId;
        this.written = written == null ? null : written.clone();
        this.readBack = readBack == null ? null : readBack.clone();
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The (first) offending register. */
    public long registerId() {
        return registerId;
    }

    /** For {@link Kind#READ_BACK_MISMATCH}: the value written, else {@code null}. */
    public long[] written() {
        return written == null ? null : written.clone();
    }

    /** For {@link Kind#READ_BACK_MISMATCH}: the value read back, else {@code null}. */
    public long[] readBack() {
        return readBack == null ? null : readBack.clone();
    }
}
