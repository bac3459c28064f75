package org.jtcg.core.softfloat;

/**
 * The cumulative exception flags {@link SoftFloat} raises into {@link FpStatus#flags}: the five
 * IEEE 754 exceptions plus two input-denormal events that architectures report differently.
 * A frontend turns them into its own register bits with a {@link FlagMap}.
 */
public final class FpFlags {
    private FpFlags() {}

    /** IEEE invalid operation (also: signaling NaN operand, unordered signaling compare). */
    public static final int INVALID = 1;
    /**
     * A denormal operand was used as it is (not flushed) by an operation that raised neither
     * INVALID nor DIV_BY_ZERO and whose other operands are not NaNs: the x86 DE condition.
     */
    public static final int DENORMAL_OPERAND = 2;
    public static final int DIV_BY_ZERO = 4;
    public static final int OVERFLOW = 8;
    public static final int UNDERFLOW = 16;
    public static final int INEXACT = 32;
    /** A denormal operand was replaced by zero (input flushing on; Arm IDC). Raised even beside a NaN. */
    public static final int INPUT_FLUSHED = 64;

    /** Number of flag bits; every flag set is below {@code 1 << COUNT}. */
    public static final int COUNT = 7;
    public static final int ALL = (1 << COUNT) - 1;

    private static final String[] NAMES = {
        "invalid", "denormal-operand", "div-by-zero", "overflow", "underflow", "inexact", "input-flushed"
    };

    /** Flag names joined by '|', or "none" (for test messages and diagnostics). */
    public static String toString(int flags) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            if ((flags & (1 << i)) != 0) sb.append(sb.length() == 0 ? "" : "|").append(NAMES[i]);
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
