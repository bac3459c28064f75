package org.jtcg.core.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redundant zero- and sign-extensions: an {@code ext8u/ext16u/ext32u}, an {@code and} with a low-bit mask, or an
 * {@code ext8s/ext16s/ext32s} whose operand is already known to have no set bit above the kept width becomes a
 * {@code mov} (which copy propagation and dead-code elimination then remove).
 *
 * <p>Why: frontends write every narrow operation out in full (x86: a 32-bit op zero-extends its inputs and its
 * result, an 8-bit compare masks both operands of the flag computation and again for the branch; a byte load is
 * then masked to its own width), and C1 compiles each {@code land} with a constant that does not fit a 32-bit
 * immediate as a 64-bit constant load plus an {@code and}, and keeps the extra value in a register. In lzwork's
 * match loop (a byte load, a byte compare, a branch) three of the loop's ops were such masks.
 *
 * <p>The other way round, a zero-extension whose consumer reads no bit above the extension's width is skipped: a
 * store of {@code size} bytes, an {@code and} with a constant mask, or a zero- or sign-extension no wider reads its
 * operand's source directly ({@code st32 (ext32u x)} is {@code st32 x}); dead-code elimination then drops the
 * extension when nothing else reads it.
 *
 * <p>And an unsigned comparison of two values known below 2^63 becomes the signed one ({@link #signedCompare}).
 *
 * <p>The fact tracked is, per I64 value, a bound {@code w} such that every bit at position {@code w} and above is
 * known zero. It holds only inside a straight-line stretch (a label or a terminal op forgets everything), like
 * {@link Passes#foldAndPropagate}'s facts, and a helper that writes globals forgets every global's.
 */
final class KnownWidth {
    private KnownWidth() {}

    private static final int UNKNOWN = 64;

    /** The block with redundant extensions and masks turned into moves. */
    static IrBlock narrow(IrBlock block) {
        int temps = block.tempTypes().size();
        int globals = block.layout().fields().size();
        for (Op op : block.ops()) {
            if (op.dst != null) {
                if (op.dst.isTemp()) {
                    temps = Math.max(temps, op.dst.index() + 1);
                } else {
                    globals = Math.max(globals, op.dst.index() + 1);
                }
            }
            for (Val v : op.args) {
                if (v.isTemp()) {
                    temps = Math.max(temps, v.index() + 1);
                } else {
                    globals = Math.max(globals, v.index() + 1);
                }
            }
        }
        Widths widths = new Widths(temps, globals);
        List<Op> out = null;
        List<Op> ops = block.ops();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op.opc == Opcode.LABEL) {
                widths.forgetAll();
            }
            Op replaced = simplify(skipExtension(op, widths), widths);
            if (replaced != op && out == null) {
                out = new ArrayList<>(ops.subList(0, i));
            }
            if (out != null) {
                out.add(replaced);
            }
            if (replaced.dst != null) {
                Long copied = replaced.opc == Opcode.MOV ? widths.constant(replaced.args[0]) : null;
                widths.set(replaced.dst, widthOf(replaced, widths)); // computed from the args before the write
                boolean extension = zeroExtensionBits(replaced) > 0 && !replaced.dst.equals(replaced.args[0]);
                widths.setExtension(replaced.dst, extension ? replaced : null);
                if (replaced.opc == Opcode.CONST) {
                    widths.setConstant(replaced.dst, replaced.imm);
                } else if (copied != null) {
                    widths.setConstant(replaced.dst, copied);
                }
            }
            if (replaced.opc == Opcode.CALL && replaced.helper.writesGlobals()) {
                widths.forgetGlobals();
            }
            if (replaced.opc.isTerminal()) {
                widths.forgetAll();
            }
        }
        return out == null ? block : block.withOps(out);
    }

    /** {@code op} itself, or a {@code mov} from its operand when the op cannot change the operand's value. */
    static Op simplify(Op op, Widths widths) {
        if (op.opc == Opcode.BRCOND || op.opc == Opcode.SETCOND || op.opc == Opcode.MOVCOND) {
            return signedCompare(op, widths);
        }
        if (op.dst == null || op.dst.type() != Type.I64 || op.args.length == 0 || op.args[0].type() != Type.I64) {
            return op;
        }
        int w = widths.get(op.args[0]);
        boolean same = switch (op.opc) {
            case EXT8U -> w <= 8;
            case EXT16U -> w <= 16;
            case EXT32U -> w <= 32;
            case EXT8S -> w <= 7;
            case EXT16S -> w <= 15;
            case EXT32S -> w <= 31;
            case AND -> op.type == Type.I64 && op.args[1].type() == Type.I64 && masksNothing(widths.constant(op.args[1]), w);
            default -> false;
        };
        return same && op.type == Type.I64 ? Op.move(op.dst, op.args[0]) : op;
    }

    /**
     * An unsigned comparison of two I64 values whose bit 63 is known clear is the signed one, which the JIT
     * compiles as one compare (unsigned order costs flipping both sign bits first: a 64-bit constant and an xor
     * each under C1). x86's 32-bit {@code cmp; jb} compares two zero-extended values.
     */
    private static Op signedCompare(Op op, Widths widths) {
        Cond signed = switch (op.cond) {
            case LTU -> Cond.LT;
            case LEU -> Cond.LE;
            case GTU -> Cond.GT;
            case GEU -> Cond.GE;
            default -> null;
        };
        if (signed == null || op.args[0].type() != Type.I64 || op.args[1].type() != Type.I64
                || widths.get(op.args[0]) > 63 || widths.get(op.args[1]) > 63) {
            return op;
        }
        return new Op(op.opc, op.type, op.dst, op.args, op.imm, op.aux1, op.aux2, signed, op.signed, op.bigEndian,
                op.helper);
    }

    /** 8, 16 or 32 for an I64 zero-extension op, else 0. */
    private static int zeroExtensionBits(Op op) {
        if (op.type != Type.I64 || op.dst == null || op.dst.type() != Type.I64 || op.args.length != 1
                || op.args[0].type() != Type.I64) {
            return 0;
        }
        return switch (op.opc) {
            case EXT8U -> 8;
            case EXT16U -> 16;
            case EXT32U -> 32;
            default -> 0;
        };
    }

    /** 8, 16 or 32 for an I64 sign-extension op, else 0. */
    private static int signExtensionBits(Op op) {
        if (op.type != Type.I64 || op.dst == null || op.dst.type() != Type.I64 || op.args.length != 1
                || op.args[0].type() != Type.I64) {
            return 0;
        }
        return switch (op.opc) {
            case EXT8S -> 8;
            case EXT16S -> 16;
            case EXT32S -> 32;
            default -> 0;
        };
    }

    /**
     * {@code op} reading the source of a zero-extension instead of its result, where op reads only bits the
     * extension kept: a store no wider than the extension, an {@code and} with a mask inside it, or a zero- or
     * sign-extension no wider. Otherwise op itself.
     */
    static Op skipExtension(Op op, Widths widths) {
        int arg;
        int readBits;
        if (op.opc == Opcode.STORE) {
            arg = 0;
            readBits = op.aux1 * 8;
        } else if (op.opc == Opcode.AND && op.type == Type.I64) {
            Long mask = widths.constant(op.args[1]);
            arg = 0;
            readBits = mask == null || mask < 0 ? 64 : 64 - Long.numberOfLeadingZeros(mask);
        } else if (zeroExtensionBits(op) > 0) {
            arg = 0;
            readBits = zeroExtensionBits(op);
        } else if (signExtensionBits(op) > 0) {
            arg = 0;
            readBits = signExtensionBits(op); // x86: a 32-bit signed compare sign-extends its zero-extended operands
        } else {
            return op;
        }
        Op ext = widths.extension(op.args[arg]);
        if (ext == null || zeroExtensionBits(ext) < readBits || ext.args[0].type() != op.args[arg].type()) {
            return op;
        }
        Val[] args = op.args.clone();
        args[arg] = ext.args[0];
        return op.withArgs(args);
    }

    /** Whether and-ing with {@code mask} keeps every bit a value of width {@code w} may have set. */
    private static boolean masksNothing(Long mask, int w) {
        if (mask == null) {
            return false;
        }
        long mayBeSet = w >= 64 ? -1L : (1L << w) - 1;
        return (mask & mayBeSet) == mayBeSet;
    }

    /** A bound on the width of the value {@code op} writes (64: nothing known). */
    static int widthOf(Op op, Widths widths) {
        if (op.dst.type() != Type.I64) {
            return UNKNOWN;
        }
        if (op.opc == Opcode.CONST) {
            return 64 - Long.numberOfLeadingZeros(op.imm);
        }
        if (op.opc == Opcode.LOAD) {
            return op.signed || op.aux1 >= 8 ? UNKNOWN : op.aux1 * 8;
        }
        if (op.opc == Opcode.SETCOND) {
            return 1;
        }
        if (op.opc == Opcode.MOVCOND) {
            return Math.max(widths.get(op.args[2]), widths.get(op.args[3]));
        }
        if (op.opc == Opcode.EXTU) {
            return 32;
        }
        if (!op.opc.isPure() || op.type != Type.I64 || (op.opc.shape != Opcode.Shape.UNARY && op.opc.shape != Opcode.Shape.BINARY)) {
            return UNKNOWN;
        }
        int a = widths.get(op.args[0]);
        int b = op.args.length > 1 ? widths.get(op.args[1]) : UNKNOWN;
        Long k = op.args.length > 1 ? widths.constant(op.args[1]) : null;
        return switch (op.opc) {
            case MOV -> a;
            case EXT8U -> Math.min(a, 8);
            case EXT16U -> Math.min(a, 16);
            case EXT32U -> Math.min(a, 32);
            case EXT8S -> a <= 7 ? a : UNKNOWN;
            case EXT16S -> a <= 15 ? a : UNKNOWN;
            case EXT32S -> a <= 31 ? a : UNKNOWN;
            case EXTRACT -> op.aux2 >= 64 ? a : Math.min(op.aux2, Math.max(0, a - op.aux1));
            case AND -> Math.min(a, b);
            case OR, XOR -> Math.max(a, b);
            case ADD -> Math.min(UNKNOWN, Math.max(a, b) + 1);
            case MUL -> Math.min(UNKNOWN, a + b);
            case SHR -> k == null ? a : Math.max(0, a - (int) (k & 63));
            case SHL -> k == null ? UNKNOWN : Math.min(UNKNOWN, a + (int) (k & 63));
            case CLZ, CTZ, POPCNT -> 7;
            default -> UNKNOWN;
        };
    }

    /** Widths and constants of the values written so far in the current stretch. */
    static final class Widths {
        private final int temps;
        private final int[] width;
        private final Long[] constant;
        /** The zero-extension op that wrote the slot, and the write count of its operand's slot then. */
        private final Op[] extension;
        private final int[] extensionSourceWrites;
        private final int[] writes;

        Widths(int temps, int globals) {
            this.temps = temps;
            int n = temps + globals;
            this.width = new int[n];
            this.constant = new Long[n];
            this.extension = new Op[n];
            this.extensionSourceWrites = new int[n];
            this.writes = new int[n];
            forgetAll();
        }

        /** The zero-extension whose result {@code v} holds, its operand not written since; or null. */
        Op extension(Val v) {
            Op ext = extension[slot(v)];
            return ext != null && writes[slot(ext.args[0])] == extensionSourceWrites[slot(v)] ? ext : null;
        }

        void setExtension(Val v, Op ext) {
            extension[slot(v)] = ext;
            if (ext != null) {
                extensionSourceWrites[slot(v)] = writes[slot(ext.args[0])];
            }
        }

        private int slot(Val v) {
            return v.isTemp() ? v.index() : temps + v.index();
        }

        int get(Val v) {
            return width[slot(v)];
        }

        Long constant(Val v) {
            return constant[slot(v)];
        }

        void set(Val v, int w) {
            width[slot(v)] = w;
            constant[slot(v)] = null;
            extension[slot(v)] = null;
            writes[slot(v)]++;
        }

        void setConstant(Val v, long value) {
            constant[slot(v)] = value;
        }

        void forgetAll() {
            Arrays.fill(width, UNKNOWN);
            Arrays.fill(constant, null);
            Arrays.fill(extension, null);
        }

        /** A helper wrote globals: nothing known about them, and an extension of one no longer holds. */
        void forgetGlobals() {
            Arrays.fill(width, temps, width.length, UNKNOWN);
            Arrays.fill(constant, temps, constant.length, null);
            Arrays.fill(extension, temps, extension.length, null);
            for (int i = temps; i < writes.length; i++) {
                writes[i]++;
            }
        }
    }
}
