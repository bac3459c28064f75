package org.jtcg.core.softfloat;

/**
 * An architecture's translation of {@link FpFlags} into its status-register bits (MXCSR bits 0-5,
 * FPSR IOC..IDC, the FPC flag byte ...). Built once per architecture; {@link #toArch} is one array
 * load, so it is fine on every instruction's slow path. A flag mapped to 0 is not reported.
 */
public final class FlagMap {
    private final int[] table = new int[1 << FpFlags.COUNT];

    /**
     * @param bits the architecture bits of INVALID, DENORMAL_OPERAND, DIV_BY_ZERO, OVERFLOW,
     *             UNDERFLOW, INEXACT and INPUT_FLUSHED, in this order (0 = not reported)
     */
    public FlagMap(int invalid, int denormalOperand, int divByZero, int overflow, int underflow,
                   int inexact, int inputFlushed) {
        int[] bit = {invalid, denormalOperand, divByZero, overflow, underflow, inexact, inputFlushed};
        for (int set = 0; set < table.length; set++) {
            int r = 0;
            for (int i = 0; i < FpFlags.COUNT; i++) {
                if ((set & (1 << i)) != 0) r |= bit[i];
            }
            table[set] = r;
        }
    }

    /** The architecture bits of a set of {@link FpFlags}. */
    public int toArch(int flags) {
        return table[flags & FpFlags.ALL];
    }
}
