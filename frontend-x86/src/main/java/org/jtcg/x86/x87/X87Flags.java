package org.jtcg.x86.x87;

/**
 * Bit positions of the x87 status word (FSW), control word (FCW) and tag values, as the Intel SDM
 * (vol. 1, 8.1.3, 8.1.5, 8.1.7) defines them. Soft-float results report exceptions with the same
 * bit values so they can be OR-ed straight into {@link X87State#fswFlags}.
 */
public final class X87Flags {
    private X87Flags() {}

    /** Invalid operation. */
    public static final int IE = 0x0001;
    /** Denormal operand. */
    public static final int DE = 0x0002;
    /** Zero divide. */
    public static final int ZE = 0x0004;
    /** Overflow. */
    public static final int OE = 0x0008;
    /** Underflow. */
    public static final int UE = 0x0010;
    /** Precision (inexact). */
    public static final int PE = 0x0020;
    /** Stack fault (with IE; C1 tells overflow 1 / underflow 0). */
    public static final int SF = 0x0040;
    /** Error summary: some unmasked exception flag is set. */
    public static final int ES = 0x0080;
    public static final int C0 = 0x0100;
    public static final int C1 = 0x0200;
    public static final int C2 = 0x0400;
    public static final int C3 = 0x4000;
    /** Busy: mirrors ES on every processor since the 387. */
    public static final int B = 0x8000;

    /** The six exception flags (IE..PE), also the six mask bits of FCW. */
    public static final int EXCEPTIONS = 0x3f;
    /** C0, C1, C2, C3. */
    public static final int CC = C0 | C1 | C2 | C3;

    /** FCW precision control field: bits 8-9. */
    public static final int FCW_PC_SHIFT = 8;
    /** FCW rounding control field: bits 10-11. */
    public static final int FCW_RC_SHIFT = 10;

    /** Full tag values (2 bits per register). */
    public static final int TAG_VALID = 0, TAG_ZERO = 1, TAG_SPECIAL = 2, TAG_EMPTY = 3;

    /** EFLAGS bits written by FCOMI/FUCOMI (OF, SF, AF are cleared). */
    public static final int EFLAGS_CF = 0x0001, EFLAGS_PF = 0x0004, EFLAGS_ZF = 0x0040;
}
