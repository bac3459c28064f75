package org.jtcg.x86.decoder;

/**
 * One decoding rule: which bytes select it and what it decodes to. Built by {@link OpcodeTable}
 * from a line of {@code opcodes.tbl} (a {@code +r} / {@code +cc} line becomes 8 / 16 rows).
 *
 * @param map       0 one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A
 * @param opcode    opcode byte
 * @param prefix    mandatory prefix 0x66/0xF2/0xF3, or 0
 * @param reg       required ModRM.reg, or -1
 * @param mod       required ModRM.mod class: 0 memory, 3 register, -1 any
 * @param modrm     required whole ModRM byte, or -1
 * @param cond      condition code for +cc rows, else -1
 * @param ops       the op, or 3 alternatives by operand size 16/32/64, or 2 by REX.W 0/1
 * @param name      disassembly name override, or null
 * @param operands  operand encodings in Intel order
 * @param flags     {@code F_*} bits
 * @param rexW      required REX.W (0/1), or -1
 * @param hasModrm  whether a ModRM byte follows the opcode
 * @param vexL      required VEX.L (0/1), or -1 (also -1 for legacy rows); map is 4 + the VEX map
 *                  ({@link OpcodeTable#VEX_MAP_BASE}) for VEX rows
 */
record OpcodeRow(int map, int opcode, int prefix, int reg, int mod, int modrm, int cond, Mnemonic[] ops,
                 String name, OperandSpec[] operands, int flags, int rexW, boolean hasModrm, int vexL) {

    static final int F_D64 = 1, F_F64 = 2, F_LOCK = 4, F_REXB0 = 8, F_NO66 = 16, F_MOVABS64 = 32, F_MOVABSA64 = 64, F_NOPFX = 128, F_NOREP = 256;

    boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** True when an operand is encoded in VEX.vvvv (otherwise vvvv must be 1111). */
    boolean usesVvvv() {
        for (OperandSpec s : operands) {
            if (s.kind() == OperandSpec.Kind.H || s.kind() == OperandSpec.Kind.B) {
                return true;
            }
        }
        return false;
    }

    /** Rows with xmm operands are never chosen when an unconsumed 66/F2/F3 would change them. */
    boolean isSse() {
        if (has(F_NOPFX)) {
            return true;
        }
        for (OperandSpec s : operands) {
            if (s.isXmm()) {
                return true;
            }
        }
        return false;
    }
}
