package org.jtcg.core.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Extensions nobody needs: a zero- or sign-extension (or an {@code and} with a low-bit mask) writing a temp of which
 * every reader uses only bits the extension keeps becomes a {@code mov}.
 *
 * <p>Why: x86's 32-bit arithmetic is written as {@code t0 = ext32u r8; t2 = add t0, 1; r8 = ext32u t2}: the low 32
 * bits of a sum, difference, product, logical op or left shift depend only on the low 32 bits of its inputs, and the
 * result is zero-extended again before anyone sees it, so the first extension is dead weight (for C1 a 64-bit
 * constant load and an {@code and}). {@link KnownWidth} removes extensions of values already narrow; this pass the
 * ones whose readers are narrow.
 *
 * <p>Demanded bits are per temp and flow-insensitive (a temp written twice demands the most any reader of either
 * value does), computed backwards to a fixed point (branches may go backwards). A global demands all 64 bits (the
 * state outside the block sees them); so does any reader not listed in {@link #demandedOfArg}.
 */
final class DemandedBits {
    private DemandedBits() {}

    static IrBlock narrow(IrBlock block) {
        List<Op> ops = block.ops();
        int temps = Passes.tempCount(block);
        Long[] constants = constantTemps(ops, temps);
        int[] demanded = new int[temps]; // bits 0..demanded-1 of the temp may be read
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op op = ops.get(i);
                for (int a = 0; a < op.args.length; a++) {
                    Val v = op.args[a];
                    if (!v.isTemp()) {
                        continue;
                    }
                    int d = demandedOfArg(op, a, demanded, constants);
                    if (d > demanded[v.index()]) {
                        demanded[v.index()] = d;
                        changed = true;
                    }
                }
            }
        }
        List<Op> out = null;
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Op replaced = op.dst != null && op.dst.isTemp() && keepsBits(op, demanded[op.dst.index()], constants)
                    ? Op.move(op.dst, op.args[0]) : op;
            if (replaced != op && out == null) {
                out = new ArrayList<>(ops.subList(0, i));
            }
            if (out != null) {
                out.add(replaced);
            }
        }
        return out == null ? block : block.withOps(out);
    }

    /** The value of each temp that is only ever written by CONST ops with one value, else null. */
    private static Long[] constantTemps(List<Op> ops, int temps) {
        Long[] value = new Long[temps];
        boolean[] other = new boolean[temps];
        for (Op op : ops) {
            if (op.dst == null || !op.dst.isTemp()) {
                continue;
            }
            int t = op.dst.index();
            if (op.opc == Opcode.CONST && (value[t] == null || value[t] == op.imm)) {
                value[t] = op.imm;
            } else {
                other[t] = true;
            }
        }
        for (int t = 0; t < temps; t++) {
            if (other[t]) {
                value[t] = null;
            }
        }
        return value;
    }

    /** Whether op, an I64 extension or mask writing a temp of which only the low {@code bits} are read, changes none of them. */
    private static boolean keepsBits(Op op, int bits, Long[] constants) {
        if (op.type != Type.I64 || op.dst.type() != Type.I64 || op.args.length == 0 || op.args[0].type() != Type.I64) {
            return false;
        }
        return switch (op.opc) {
            case EXT8U, EXT8S -> bits <= 8;
            case EXT16U, EXT16S -> bits <= 16;
            case EXT32U, EXT32S -> bits <= 32;
            case AND -> {
                Long mask = constantOf(op.args[1], constants);
                yield mask != null && (bits >= 64 ? mask == -1L : (mask | ~((1L << bits) - 1)) == -1L);
            }
            default -> false;
        };
    }

    private static Long constantOf(Val v, Long[] constants) {
        return v.isTemp() ? constants[v.index()] : null;
    }

    /** How many low bits of args[a] op may read, given the bits demanded of the temps. */
    private static int demandedOfArg(Op op, int a, int[] demanded, Long[] constants) {
        if (op.opc == Opcode.STORE) {
            return a == 0 ? op.aux1 * 8 : 64;
        }
        if (!op.opc.isPure() || op.dst == null || op.type != Type.I64 || op.dst.type() != Type.I64) {
            return 64;
        }
        int d = op.dst.isTemp() ? demanded[op.dst.index()] : 64;
        return switch (op.opc) {
            case EXT8U, EXT8S -> Math.min(d, 8);
            case EXT16U, EXT16S -> Math.min(d, 16);
            case EXT32U, EXT32S -> Math.min(d, 32);
            // the low d bits of the result depend only on the low d bits of the operands
            case MOV, ADD, SUB, MUL, AND, OR, XOR, ANDC, ORC, NOT, NEG -> d;
            case SHL -> {
                Long k = a == 0 ? constantOf(op.args[1], constants) : null;
                yield a == 0 && k != null ? d : 64;  // a variable count: all of it matters; its value too
            }
            default -> 64;
        };
    }
}
