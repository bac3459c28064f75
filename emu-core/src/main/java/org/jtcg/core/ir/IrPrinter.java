package org.jtcg.core.ir;

import java.util.StringJoiner;

/** Human-readable IR, one op per line (what {@code --trace op} prints). */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(IrBlock block) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("block pc=0x%x len=%d insns=%d ops=%d%n", block.startPc(), block.guestLength(),
                block.insnCount(), block.ops().size()));
        int exit = 0;
        for (Op op : block.ops()) {
            if (op.opc == Opcode.LABEL) {
                sb.append(format(op)).append(System.lineSeparator());
            } else if (op.opc == Opcode.INSN_START) {
                sb.append(" ---- ").append(String.format("0x%x", op.imm)).append(System.lineSeparator());
            } else {
                sb.append("  ").append(format(op));
                if (op.opc.isExit()) {
                    sb.append("   ; exit #").append(exit++);
                }
                sb.append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    public static String format(Op op) {
        String n = op.opc.toString();
        StringJoiner a = new StringJoiner(", ");
        for (Val v : op.args) {
            a.add(v.toString());
        }
        String args = a.toString();
        String d = op.dst == null ? "" : op.dst + " = ";
        return switch (op.opc) {
            case CONST -> d + n + "." + op.type + " " + (op.type == Type.I32 ? String.format("0x%x", (int) op.imm) : String.format("0x%x", op.imm));
            case EXTRACT, SEXTRACT, DEPOSIT -> d + n + "." + op.type + " " + args + ", pos=" + op.aux1 + ", len=" + op.aux2;
            case SETCOND, MOVCOND -> d + n + "." + op.type + " " + op.cond + " " + args;
            case BRCOND -> n + "." + op.type + " " + op.cond + " " + args + ", L" + op.aux1;
            case BR -> n + " L" + op.aux1;
            case LABEL -> "L" + op.aux1 + ":";
            case LOAD -> d + "ld" + (op.aux1 * 8) + (op.signed ? "s" : "u") + (op.bigEndian ? "be" : "le") + ordered(op) + "." + op.type + " [" + args + "]";
            case STORE -> "st" + (op.aux1 * 8) + (op.bigEndian ? "be" : "le") + ordered(op) + "." + op.type + " " + op.args[0] + ", [" + op.args[1] + "]";
            case CALL -> d + "call " + op.helper + "(" + args + ")";
            case INSN_START -> n + " " + String.format("0x%x", op.imm);
            case GOTO_DIRECT, EXIT_SYSCALL, EXIT_HALT -> n + " " + String.format("0x%x", op.imm);
            case GOTO_INDIRECT -> n + " " + args;
            case EXIT_SIGNAL -> n + " signo=" + op.aux1 + " code=" + op.aux2 + " addr=" + args + " pc=" + String.format("0x%x", op.imm)
                    + (op.detail == null ? "" : " (" + op.detail + ")");
            case VMOV -> n + " v" + op.vd() + ", v" + op.va();
            case VGET -> d + n + "." + op.esize() + " v" + op.va() + "[" + op.vb() + "]";
            case VSET -> n + "." + op.esize() + " v" + op.vd() + "[" + op.vb() + "], " + args;
            case VSHLI, VSHRI, VSARI -> n + "." + op.esize() + " v" + op.vd() + ", v" + op.va() + ", " + op.vb();
            default -> op.opc.isVector() ? n + "." + op.esize() + " v" + op.vd() + ", v" + op.va() + ", v" + op.vb()
                    : d + n + "." + op.type + " " + args;
        };
    }

    private static String ordered(Op op) {
        return op.aux2 == Op.ORDERED ? ".ord" : "";
    }
}
