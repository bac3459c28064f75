package org.jtcg.x86.fuzz;

import java.util.List;

/**
 * One instruction form of the pattern table (a row, with {@code +cc} already expanded): its
 * encoding skeleton, operand forms, allowed operand sizes and what it does to the arithmetic flags.
 *
 * @param name             mnemonic as X86Decoder reports it; {@code a/b/c} alternatives by size 16/32/64
 * @param mandatoryPrefix  0x66, 0xF2, 0xF3 selecting an SSE form, or 0
 * @param opcode           map escape bytes and the opcode byte (for +r/+cc rows the base value already
 *                         includes the condition)
 * @param plusR            register in the low 3 bits of the last opcode byte
 * @param modrm            -1 for /r, 0..7 for /digit, -2 for no ModRM byte
 * @param operands         operand forms, Intel order
 * @param sizes            operand sizes in bits for v/y/z operands (empty: none)
 * @param group            int, sseint, ssefp, ext, popcnt, sse3, ssse3, sse41, sse42
 * @param reads            flags read ({@link FlagBits})
 * @param writes           flags written, defined or not
 * @param undefined        flags left undefined beyond the mask table
 * @param shift            flags written only for a non-zero masked count
 * @param readOnly         no operand is written
 * @param writesSecond     the second operand is written too (xchg, xadd)
 * @param immLo            smallest immediate (inclusive)
 * @param immHi            largest immediate (inclusive); immLo &gt; immHi means "any"
 * @param aligned16        a memory operand must be 16-byte aligned
 * @param guard            null, "divu" or "divs"
 * @param rexW1            REX.W (VEX.W) always set
 * @param vex              VEX-encoded (C4 form; L = 1 when an operand has size qq, see {@link #vexL()}): the
 *                         mandatory prefix is VEX.pp, the map escape VEX.mmmmm
 * @param line             line in the table file, for messages
 */
public record Pattern(String name, int mandatoryPrefix, byte[] opcode, boolean plusR, int modrm,
                      List<OperandForm> operands, int[] sizes, String group, int reads, int writes, int undefined,
                      boolean shift, boolean readOnly, boolean writesSecond, long immLo, long immHi, boolean aligned16,
                      String guard, boolean rexW1, int line, boolean vex) {

    /** No ModRM byte. */
    public static final int NO_MODRM = -2;
    /** ModRM.reg holds a register operand. */
    public static final int MODRM_REG = -1;

    public Pattern {
        opcode = opcode.clone();
        operands = List.copyOf(operands);
        sizes = sizes.clone();
    }

    /** The mnemonic at operand size {@code bits} (for the {@code cbw/cwde/cdqe} style names). */
    public String mnemonic(int bits) {
        String[] alt = name.split("/");
        if (alt.length == 1) {
            return name;
        }
        int i = bits == 16 ? 0 : bits == 32 ? 1 : 2;
        return alt[Math.min(i, alt.length - 1)];
    }

    /** VEX.L = 1 (a 256-bit form): some vector operand is a ymm register or m256 (size code qq). */
    public boolean vexL() {
        return operands.stream().anyMatch(o -> o.isXmm() && o.sizeCode().equals("qq"));
    }

    /** True if the immediate has a restricted range. */
    public boolean hasImmRange() {
        return immLo <= immHi;
    }

    @Override
    public byte[] opcode() {
        return opcode.clone();
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    @Override
    public String toString() {
        return name + " " + operands.stream().map(o -> o.kind() + o.sizeCode()).toList() + " (patterns line " + line + ")";
    }
}
