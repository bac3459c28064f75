package org.jtcg.core.memory;

/**
 * The read-modify-write operations of {@link GuestMemory#atomicFetchAndOp}: the new memory value is
 * {@link #apply}{@code (old, operand)}, computed on the access's low {@code size} bytes. The codes are
 * what IR helpers pass (an {@code int} argument), so they are fixed.
 */
public enum AtomicOp {
    /** new = operand (exchange). */
    XCHG,
    ADD,
    AND,
    OR,
    XOR;

    private static final AtomicOp[] BY_CODE = values();

    public int code() {
        return ordinal();
    }

    public static AtomicOp ofCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no atomic operation with code " + code);
        }
        return BY_CODE[code];
    }

    /** The new value (not truncated to the access size; the caller keeps the low bytes). */
    public long apply(long old, long operand) {
        return switch (this) {
            case XCHG -> operand;
            case ADD -> old + operand;
            case AND -> old & operand;
            case OR -> old | operand;
            case XOR -> old ^ operand;
        };
    }
}
