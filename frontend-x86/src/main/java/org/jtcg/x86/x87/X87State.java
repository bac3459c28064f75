package org.jtcg.x86.x87;

/**
 * x87 FPU state. Physical registers R0-R7 hold 80-bit extended values as a 64-bit significand
 * (explicit integer bit) plus 16 bits of sign and exponent; ST(i) is physical register
 * {@code (top + i) & 7}. Tags are the full 2-bit-per-register tag word (valid 00, zero 01,
 * special 10, empty 11); the abridged FXSAVE form is derived. x87 ops are static methods over
 * this state, so they are testable without a CPU.
 */
public final class X87State {
    /** FCW at reset (FNINIT): all exceptions masked, 64-bit precision, round to nearest. */
    public static final int FCW_RESET = 0x037f;

    public final long[] significand = new long[8];
    /** Bit 15 sign, bits 0-14 biased exponent. */
    public final int[] signExp = new int[8];
    public int top;
    /** Full tag word, 2 bits per physical register; 0xffff = all empty. */
    public int tags = 0xffff;
    public int fcw = FCW_RESET;
    /** Status word without TOP (bits 11-13 come from {@link #top} when read). */
    public int fswFlags;
    public int fop;
    public long fip;
    public long fdp;

    /** FSW as the guest reads it (TOP merged in). */
    public int fsw() {
        return (fswFlags & ~0x3800) | ((top & 7) << 11);
    }

    /** Sets FSW as the guest writes it (TOP taken out). */
    public void setFsw(int v) {
        top = (v >> 11) & 7;
        fswFlags = v & ~0x3800 & 0xffff;
    }
}
