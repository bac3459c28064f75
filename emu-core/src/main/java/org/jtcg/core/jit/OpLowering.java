package org.jtcg.core.jit;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

import java.util.BitSet;

import static org.jtcg.core.jit.MethodFrame.*;
import static org.objectweb.asm.Opcodes.*;

/**
 * Lowers the IR ops that compute values (arithmetic, logic, conversions, SETCOND/MOVCOND,
 * insn_start, helper calls) to bytecode over the locals of a {@link MethodFrame}; memory
 * accesses go to {@link GuestMemoryAccess}, vector ops to {@link VectorLowering}. Control flow (labels, branches, exits) belongs to
 * {@link RegionMethod}. Semantics are those of {@link org.jtcg.core.ir.IrSemantics}: simple ops
 * map to JVM instructions, the rest call its static methods.
 */
final class OpLowering {
    private final MethodFrame f;
    private final GuestMemoryAccess memory;
    private final VectorLowering vectors;

    OpLowering(MethodFrame frame, GuestMemoryAccess memory) {
        this.f = frame;
        this.memory = memory;
        this.vectors = new VectorLowering(frame);
    }

    void emit(Op op) {
        if (op.opc.isVector()) {
            vectors.emit(op);
            return;
        }
        MethodVisitor mv = f.mv;
        boolean w = op.type == Type.I64;
        switch (op.opc) {
            case INSN_START -> {
                mv.visitLdcInsn(op.imm);
                mv.visitVarInsn(LSTORE, L_PC);
            }
            case CONST -> {
                if (!op.dst.isTemp() || !f.isConstantTemp(op.dst.index())) { // constant temps are pushed where read
                    f.constant(op.dst.type(), op.imm);
                    f.store(op.dst);
                }
            }
            case MOV -> {
                f.push(op.args[0]);
                f.store(op.dst);
            }
            case ADD, SUB, MUL, AND, OR, XOR -> {
                f.push(op.args[0]);
                f.push(op.args[1]);
                int base = switch (op.opc) {
                    case ADD -> IADD; case SUB -> ISUB; case MUL -> IMUL;
                    case AND -> IAND; case OR -> IOR; default -> IXOR;
                };
                mv.visitInsn(w ? base + 1 : base); // LADD = IADD + 1 etc.
                f.store(op.dst);
            }
            case ANDC, ORC -> {
                f.push(op.args[0]);
                f.push(op.args[1]);
                f.constant(op.type, -1);
                mv.visitInsn(w ? LXOR : IXOR);
                mv.visitInsn(op.opc == Opcode.ANDC ? (w ? LAND : IAND) : (w ? LOR : IOR));
                f.store(op.dst);
            }
            case SHL, SHR, SAR -> {
                f.push(op.args[0]);
                f.push(op.args[1]);
                if (w) {
                    mv.visitInsn(L2I);
                }
                int base = op.opc == Opcode.SHL ? ISHL : op.opc == Opcode.SHR ? IUSHR : ISHR;
                mv.visitInsn(w ? base + 1 : base);
                f.store(op.dst);
            }
            case ROTL, ROTR -> {
                f.push(op.args[0]);
                f.push(op.args[1]);
                String n = op.opc == Opcode.ROTL ? "rotateLeft" : "rotateRight";
                if (w) {
                    mv.visitInsn(L2I);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", n, "(JI)J", false);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", n, "(II)I", false);
                }
                f.store(op.dst);
            }
            case MULHU, MULHS, DIVS, DIVU, REMS, REMU -> {
                f.push(op.args[0]);
                f.push(op.args[1]);
                f.sem(op.opc.name().toLowerCase() + (w ? "64" : "32"), w ? "(JJ)J" : "(II)I");
                f.store(op.dst);
            }
            case NOT -> {
                f.push(op.args[0]);
                f.constant(op.type, -1);
                mv.visitInsn(w ? LXOR : IXOR);
                f.store(op.dst);
            }
            case NEG -> {
                f.push(op.args[0]);
                mv.visitInsn(w ? LNEG : INEG);
                f.store(op.dst);
            }
            case CLZ, CTZ, POPCNT -> {
                f.push(op.args[0]);
                String n = op.opc == Opcode.CLZ ? "numberOfLeadingZeros" : op.opc == Opcode.CTZ ? "numberOfTrailingZeros" : "bitCount";
                mv.visitMethodInsn(INVOKESTATIC, w ? "java/lang/Long" : "java/lang/Integer", n, w ? "(J)I" : "(I)I", false);
                if (w) {
                    mv.visitInsn(I2L);
                }
                f.store(op.dst);
            }
            case BSWAP16 -> {
                f.pushLong(op.args[0]);
                f.sem("bswap16", "(J)J");
                narrow(op.type);
                f.store(op.dst);
            }
            case BSWAP32 -> {
                f.push(op.args[0]);
                if (w) {
                    f.sem("bswap32", "(J)J");
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                }
                f.store(op.dst);
            }
            case BSWAP64 -> {
                f.push(op.args[0]);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "reverseBytes", "(J)J", false);
                f.store(op.dst);
            }
            case EXT8S, EXT16S -> {
                f.push(op.args[0]);
                if (w) {
                    mv.visitInsn(L2I);
                }
                mv.visitInsn(op.opc == Opcode.EXT8S ? I2B : I2S);
                if (w) {
                    mv.visitInsn(I2L);
                }
                f.store(op.dst);
            }
            case EXT8U, EXT16U, EXT32U -> {
                f.push(op.args[0]);
                long mask = op.opc == Opcode.EXT8U ? 0xff : op.opc == Opcode.EXT16U ? 0xffff : 0xffffffffL;
                f.constant(op.type, mask);
                mv.visitInsn(w ? LAND : IAND);
                f.store(op.dst);
            }
            case EXT32S -> {
                f.push(op.args[0]);
                mv.visitInsn(L2I);
                mv.visitInsn(I2L);
                f.store(op.dst);
            }
            case EXTRACT, SEXTRACT -> {
                f.pushLong(op.args[0]);
                f.intConst(op.aux1);
                f.intConst(op.aux2);
                f.sem(op.opc == Opcode.EXTRACT ? "extract" : "sextract", "(JII)J");
                narrow(op.type);
                f.store(op.dst);
            }
            case DEPOSIT -> {
                // inline with constant masks, not a call to IrSemantics.deposit: at 41 bytes of bytecode C1
                // does not inline it, and s390x writes every 32-bit register result with a deposit
                long mask = (op.aux2 == 64 ? -1L : (1L << op.aux2) - 1) << op.aux1;
                f.pushLong(op.args[0]);
                mv.visitLdcInsn(~mask);
                mv.visitInsn(LAND);
                f.pushLong(op.args[1]);
                if (op.aux1 != 0) {
                    f.intConst(op.aux1);
                    mv.visitInsn(LSHL);
                }
                mv.visitLdcInsn(mask);
                mv.visitInsn(LAND);
                mv.visitInsn(LOR);
                narrow(op.type);
                f.store(op.dst);
            }
            case TRUNC -> {
                f.push(op.args[0]);
                mv.visitInsn(L2I);
                f.store(op.dst);
            }
            case EXTU -> {
                f.push(op.args[0]);
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xffffffffL);
                mv.visitInsn(LAND);
                f.store(op.dst);
            }
            case EXTS -> {
                f.push(op.args[0]);
                mv.visitInsn(I2L);
                f.store(op.dst);
            }
            case SETCOND -> {
                Label t = new Label(), end = new Label();
                condJump(op.cond, op.args[0], op.args[1], t);
                f.constant(op.type, 0);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(t);
                f.constant(op.type, 1);
                mv.visitLabel(end);
                f.store(op.dst);
            }
            case MOVCOND -> {
                Label t = new Label(), end = new Label();
                condJump(op.cond, op.args[0], op.args[1], t);
                f.push(op.args[3]);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(t);
                f.push(op.args[2]);
                mv.visitLabel(end);
                f.store(op.dst);
            }
            case LOAD -> memory.load(op);
            case STORE -> memory.store(op);
            case CALL -> call(op);
            default -> throw new IllegalStateException("JIT: unexpected op " + op);
        }
    }

    /** long on stack to the op width. */
    private void narrow(Type t) {
        MethodVisitor mv = f.mv;
        if (t == Type.I32) {
            mv.visitInsn(L2I);
        }
    }

    /** Jumps to target when {@code c(a, b)} holds. */
    void condJump(Cond c, Val a, Val b, Label target) {
        MethodVisitor mv = f.mv;
        boolean w = a.type() == Type.I64;
        if (c == Cond.LTU || c == Cond.LEU || c == Cond.GTU || c == Cond.GEU) {
            // unsigned order = signed order of both operands with the sign bit flipped (no call to
            // compareUnsigned, which C1 leaves out of line in the hot flag computations)
            f.push(a);
            flipSign(w);
            f.push(b);
            flipSign(w);
            int zeroForm = c == Cond.LTU ? IFLT : c == Cond.LEU ? IFLE : c == Cond.GTU ? IFGT : IFGE;
            if (w) {
                mv.visitInsn(LCMP);
                mv.visitJumpInsn(zeroForm, target);
            } else {
                mv.visitJumpInsn(zeroForm + (IF_ICMPEQ - IFEQ), target);
            }
            return;
        }
        f.push(a);
        f.push(b);
        switch (c) {
            case TSTEQ, TSTNE -> {
                if (w) {
                    mv.visitInsn(LAND);
                    mv.visitInsn(LCONST_0);
                    mv.visitInsn(LCMP);
                } else {
                    mv.visitInsn(IAND);
                }
                mv.visitJumpInsn(c == Cond.TSTEQ ? IFEQ : IFNE, target);
            }
            case LTU, LEU, GTU, GEU -> {
                if (w) {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
                } else {
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
                }
                mv.visitJumpInsn(c == Cond.LTU ? IFLT : c == Cond.LEU ? IFLE : c == Cond.GTU ? IFGT : IFGE, target);
            }
            default -> {
                int zeroForm = switch (c) {
                    case EQ -> IFEQ; case NE -> IFNE; case LT -> IFLT; case LE -> IFLE; case GT -> IFGT; default -> IFGE;
                };
                if (w) {
                    mv.visitInsn(LCMP);
                    mv.visitJumpInsn(zeroForm, target);
                } else {
                    mv.visitJumpInsn(zeroForm + (IF_ICMPEQ - IFEQ), target);
                }
            }
        }
    }

    private void flipSign(boolean wide) {
        if (wide) {
            f.mv.visitLdcInsn(Long.MIN_VALUE);
            f.mv.visitInsn(LXOR);
        } else {
            f.mv.visitLdcInsn(Integer.MIN_VALUE);
            f.mv.visitInsn(IXOR);
        }
    }

    /** A helper call: globals the helper may read are stored first; those it may write are reloaded after. */
    private void call(Op op) {
        MethodVisitor mv = f.mv;
        var h = op.helper;
        if (h.readsGlobals() || h.writesGlobals()) {
            f.writeBack(f.dirty);
            f.dirty = new BitSet();
        }
        if (h.takesCpu()) {
            mv.visitVarInsn(ALOAD, L_ST);
        }
        for (Val a : op.args) {
            f.push(a);
        }
        mv.visitMethodInsn(INVOKESTATIC, org.objectweb.asm.Type.getInternalName(h.owner()), h.name(), h.descriptor(),
                h.owner().isInterface());
        if (op.dst != null) {
            f.store(op.dst);
        } else if (h.returnType() != null) {
            mv.visitInsn(h.returnType() == Type.I64 ? POP2 : POP);
        }
        if (h.writesGlobals()) {
            BitSet reload = (BitSet) f.usedGlobals.clone();
            if (op.dst != null && op.dst.isGlobal()) {
                reload.clear(op.dst.index()); // the result just assigned wins over the field
            }
            f.loadGlobals(reload);
        }
    }

}
