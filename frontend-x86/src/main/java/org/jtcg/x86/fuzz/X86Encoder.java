package org.jtcg.x86.fuzz;

import java.io.ByteArrayOutputStream;

/**
 * Encodes a {@link FuzzInsn}: legacy prefixes (67, 66 for 16-bit operands, the mandatory
 * 66/F2/F3), REX or the VEX prefix, opcode, ModRM, SIB, displacement and immediates, following the Intel SDM
 * vol. 2 chapter 2 rules. Bad combinations (ah..bh with a REX prefix, r13/rbp base without
 * displacement) throw {@link IllegalArgumentException}: the generator never produces them.
 */
public final class X86Encoder {
    private X86Encoder() {}

    /** Encodes {@code insn} at address {@code pc} (pc matters for rip-relative operands only). */
    public static byte[] encode(FuzzInsn insn, long pc) {
        Pattern p = insn.pattern();
        ByteArrayOutputStream out = new ByteArrayOutputStream(15);
        int rex = 0;
        boolean rexNeeded = insn.extraRex();
        boolean high8 = false;
        boolean addr32 = false;
        Arg regField = null, rmField = null;
        Arg.Gpr zReg = null;
        Arg vvvv = null;
        for (int i = 0; i < p.operands().size(); i++) {
            OperandForm f = p.operands().get(i);
            Arg a = insn.args().get(i);
            if (a instanceof Arg.Gpr g) {
                high8 |= g.high8();
                rexNeeded |= g.needsRex();
            }
            if (a instanceof Arg.Mem m) {
                addr32 |= m.addr32();
            }
            switch (f.kind()) {
                case G, V -> regField = a;
                case E, R, M, MA, W, U -> rmField = a;
                case Z -> zReg = (Arg.Gpr) a;
                case B, H -> vvvv = a;
                default -> { }
            }
        }
        if (insn.bits() == 64 || p.rexW1()) {
            rex |= 8;
        }
        if (regField != null && regNum(regField) >= 8) {
            rex |= 4;
        }
        if (rmField instanceof Arg.Mem m) {
            if (m.index() >= 8) {
                rex |= 2;
            }
            if (!m.ripRelative() && m.base() >= 8) {
                rex |= 1;
            }
        } else if (rmField != null && regNum(rmField) >= 8) {
            rex |= 1;
        }
        if (zReg != null && zReg.num() >= 8) {
            rex |= 1;
        }
        rexNeeded |= rex != 0;
        if (high8 && rexNeeded) {
            throw new IllegalArgumentException("ah/ch/dh/bh cannot be encoded with a REX prefix: " + insn);
        }
        if (addr32) {
            out.write(0x67);
        }
        if (p.vex()) {
            writeVex(out, p, rex, vvvv == null ? 0 : regNum(vvvv));
        } else {
            if (insn.bits() == 16) {
                out.write(0x66);
            }
            if (p.mandatoryPrefix() != 0) {
                out.write(p.mandatoryPrefix());
            }
            if (rexNeeded) {
                out.write(0x40 | rex);
            }
        }
        byte[] op = p.opcode();
        if (p.vex()) {
            op = new byte[] {op[op.length - 1]}; // the map escape is in the VEX prefix
        }
        if (p.plusR()) {
            op[op.length - 1] += (byte) (zReg.num() & 7);
        }
        out.writeBytes(op);
        int ripDispAt = -1;
        if (p.modrm() != Pattern.NO_MODRM) {
            int reg = p.modrm() >= 0 ? p.modrm() : regNum(regField) & 7;
            if (rmField instanceof Arg.Mem m) {
                ripDispAt = modrmMemory(out, reg, m);
            } else {
                out.write(0xc0 | reg << 3 | (regNum(rmField) & 7));
            }
        }
        for (int i = 0; i < p.operands().size(); i++) {
            if (insn.args().get(i) instanceof Arg.Imm imm) {
                for (int b = 0; b < imm.bytes(); b++) {
                    out.write((int) (imm.value() >>> (8 * b)));
                }
            }
        }
        byte[] bytes = out.toByteArray();
        if (ripDispAt >= 0) {
            Arg.Mem m = (Arg.Mem) rmField;
            long disp = m.target() - (pc + bytes.length);
            if (disp != (int) disp) {
                throw new IllegalArgumentException(String.format("rip-relative target 0x%x out of reach from 0x%x", m.target(), pc));
            }
            for (int b = 0; b < 4; b++) {
                bytes[ripDispAt + b] = (byte) (disp >>> (8 * b));
            }
        }
        if (bytes.length > 15) {
            throw new IllegalArgumentException("encoding longer than 15 bytes: " + insn);
        }
        return bytes;
    }

    /**
     * The three-byte VEX prefix: C4, then inverted R X B and the map (0F 1, 0F 38 2, 0F 3A 3), then W,
     * inverted vvvv, L (1 for the 256-bit rows, {@link Pattern#vexL()}) and pp (none 0, 66 1, F3 2, F2 3).
     */
    private static void writeVex(ByteArrayOutputStream out, Pattern p, int rex, int vvvv) {
        byte[] op = p.opcode();
        int map = op.length == 2 ? 1 : op[1] == 0x38 ? 2 : 3;
        int pp = switch (p.mandatoryPrefix()) {
            case 0x66 -> 1;
            case 0xF3 -> 2;
            case 0xF2 -> 3;
            default -> 0;
        };
        out.write(0xC4);
        out.write(((rex & 4) == 0 ? 0x80 : 0) | ((rex & 2) == 0 ? 0x40 : 0) | ((rex & 1) == 0 ? 0x20 : 0) | map);
        out.write(((rex & 8) != 0 ? 0x80 : 0) | ((~vvvv & 15) << 3) | (p.vexL() ? 4 : 0) | pp);
    }

    private static int regNum(Arg a) {
        if (a instanceof Arg.Gpr g) {
            return g.high8() ? g.num() + 4 : g.num();
        }
        if (a instanceof Arg.Xmm x) {
            return x.num();
        }
        throw new IllegalArgumentException("not a register: " + a);
    }

    /** Writes ModRM [SIB] [disp]; returns the offset of a rip-relative disp32 to patch, or -1. */
    private static int modrmMemory(ByteArrayOutputStream out, int reg, Arg.Mem m) {
        if (m.ripRelative()) {
            out.write(reg << 3 | 5);
            int at = out.size();
            out.writeBytes(new byte[4]);
            return at;
        }
        if (m.index() == 4) {
            throw new IllegalArgumentException("rsp cannot be an index register");
        }
        int mod = switch (m.dispBytes()) {
            case 0 -> 0;
            case 1 -> 1;
            case 4 -> 2;
            default -> throw new IllegalArgumentException("displacement size " + m.dispBytes());
        };
        if (mod == 0 && (m.base() & 7) == 5) {
            throw new IllegalArgumentException("rbp/r13 base needs a displacement");
        }
        boolean sib = m.index() >= 0 || m.forceSib() || (m.base() & 7) == 4;
        if (!sib) {
            out.write(mod << 6 | reg << 3 | (m.base() & 7));
        } else {
            out.write(mod << 6 | reg << 3 | 4);
            int ss = Integer.numberOfTrailingZeros(m.scale());
            int idx = m.index() < 0 ? 4 : m.index() & 7;
            out.write(ss << 6 | idx << 3 | (m.base() & 7));
        }
        if (m.dispBytes() == 1) {
            out.write((int) m.disp());
        } else if (m.dispBytes() == 4) {
            for (int b = 0; b < 4; b++) {
                out.write((int) (m.disp() >>> (8 * b)));
            }
        }
        return -1;
    }
}
