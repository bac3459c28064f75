package org.jtcg.arm64.translate;

/** Bit operations without an IR op, called from translated code (pure). */
public final class BitHelpers {
    private BitHelpers() {}

    public static long rbit64(long v) {
        return Long.reverse(v);
    }

    /** Count of leading bits equal to the sign bit, not counting the sign bit (CLS, 64-bit). */
    public static long cls64(long v) {
        return Long.numberOfLeadingZeros(v ^ (v >> 1)) - 1;
    }
}
