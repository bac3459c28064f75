package org.jtcg.core.decode;

/**
 * A named field of an instruction: one or more bit ranges concatenated (the first range gives
 * the most significant bits), optionally sign-extended at the concatenated length, then shifted
 * left. Examples: arm64 {@code imm26} (25..0, signed, {@code << 2}); arm64 ADRP's
 * {@code immhi:immlo}; s390x RXY's 20-bit displacement {@code DH2:DL2}.
 *
 * <p>Bit positions here are always counted from the least significant bit of the table's
 * instruction width, whatever numbering the table text uses. Immutable.
 */
public final class BitField {
    private final String name;
    private final int line;
    private final int[] segmentLsb;
    private final int[] segmentLength;
    private final int bits;
    private final boolean signed;
    private final int shift;
    /** The common case of one range, without the loop: its lowest bit and mask. */
    private final boolean oneRange;
    private final int firstLsb;
    private final long firstMask;

    BitField(String name, int line, int[] segmentLsb, int[] segmentLength, boolean signed, int shift) {
        this.name = name;
        this.line = line;
        this.segmentLsb = segmentLsb.clone();
        this.segmentLength = segmentLength.clone();
        int total = 0;
        for (int length : segmentLength) {
            total += length;
        }
        this.bits = total;
        this.signed = signed;
        this.shift = shift;
        this.oneRange = segmentLsb.length == 1;
        this.firstLsb = segmentLsb[0];
        this.firstMask = lowBits(segmentLength[0]);
    }

    /** The field's value in {@code insn}: concatenate, sign-extend if signed, shift. */
    public long extract(long insn) {
        long value;
        if (oneRange) {
            value = (insn >>> firstLsb) & firstMask;
        } else {
            value = 0;
            for (int i = 0; i < segmentLsb.length; i++) {
                int length = segmentLength[i];
                value = (length == 64 ? 0 : value << length) | ((insn >>> segmentLsb[i]) & lowBits(length));
            }
        }
        if (signed) {
            value = (value << (64 - bits)) >> (64 - bits);
        }
        return value << shift;
    }

    public String name() {
        return name;
    }

    /** The table line that defines this field. */
    public int line() {
        return line;
    }

    /** Number of instruction bits the field reads (before the shift). */
    public int bits() {
        return bits;
    }

    public boolean signed() {
        return signed;
    }

    public int shift() {
        return shift;
    }

    /** The lowest instruction bit (LSB-0 numbering) any segment reads. */
    int lowestBit() {
        int lowest = Integer.MAX_VALUE;
        for (int lsb : segmentLsb) {
            lowest = Math.min(lowest, lsb);
        }
        return lowest;
    }

    /** Mask of all instruction bits the field reads. */
    long bitMask() {
        long mask = 0;
        for (int i = 0; i < segmentLsb.length; i++) {
            mask |= lowBits(segmentLength[i]) << segmentLsb[i];
        }
        return mask;
    }

    private static long lowBits(int count) {
        return count == 64 ? -1L : (1L << count) - 1;
    }

    @Override
    public String toString() {
        return name;
    }
}
