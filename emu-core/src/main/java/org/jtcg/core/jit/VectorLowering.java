package org.jtcg.core.jit;

import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.objectweb.asm.MethodVisitor;

import static org.objectweb.asm.Opcodes.*;

/**
 * Lowers the IR's vector ops to bytecode over the CPU's vector register file (a {@code long[]}
 * held in {@link MethodFrame#vectorFileLocal}; register v is elements 2v and 2v+1). Each 128-bit
 * op is two independent 64-bit word operations: bitwise ops and 64-bit lane add/sub are single
 * JVM instructions, the other lane ops call the word functions of
 * {@link org.jtcg.core.ir.VectorSemantics} (the interpreter's definition; small enough for
 * HotSpot to inline). Word w of a result reads only word w of the sources, so storing word 0
 * before computing word 1 is right even when the destination is a source.
 */
final class VectorLowering {
    private static final String SEM = "org/jtcg/core/ir/VectorSemantics";

    private final MethodFrame f;

    VectorLowering(MethodFrame frame) {
        this.f = frame;
    }

    void emit(Op op) {
        switch (op.opc) {
            case VMOV -> {
                for (int w = 0; w < 2; w++) {
                    element(op.vd(), w);
                    load(op.va(), w);
                    f.mv.visitInsn(LASTORE);
                }
            }
            case VSHLI, VSHRI, VSARI -> {
                for (int w = 0; w < 2; w++) {
                    element(op.vd(), w);
                    load(op.va(), w);
                    shift(op.opc, op.vb(), op.esize());
                    f.mv.visitInsn(LASTORE);
                }
            }
            case VGET -> get(op);
            case VSET -> set(op);
            default -> {
                for (int w = 0; w < 2; w++) {
                    element(op.vd(), w);
                    load(op.va(), w);
                    load(op.vb(), w);
                    binary(op.opc, op.esize());
                    f.mv.visitInsn(LASTORE);
                }
            }
        }
    }

    /** Pushes the vector file and the index of word w of register reg (for a later LALOAD/LASTORE). */
    private void element(int reg, int w) {
        f.mv.visitVarInsn(ALOAD, f.vectorFileLocal);
        f.intConst(2 * reg + w);
    }

    /** Pushes word w of register reg. */
    private void load(int reg, int w) {
        element(reg, w);
        f.mv.visitInsn(LALOAD);
    }

    /** With two words on the stack, leaves {@code a opc b}. */
    private void binary(Opcode opc, int esize) {
        MethodVisitor mv = f.mv;
        switch (opc) {
            case VAND -> mv.visitInsn(LAND);
            case VOR -> mv.visitInsn(LOR);
            case VXOR -> mv.visitInsn(LXOR);
            case VANDC -> {
                mv.visitLdcInsn(-1L);
                mv.visitInsn(LXOR);
                mv.visitInsn(LAND);
            }
            default -> {
                if (esize == 64 && (opc == Opcode.VADD || opc == Opcode.VSUB)) {
                    mv.visitInsn(opc == Opcode.VADD ? LADD : LSUB);
                } else {
                    f.intConst(esize);
                    mv.visitMethodInsn(INVOKESTATIC, SEM, wordFunction(opc), "(JJI)J", false);
                }
            }
        }
    }

    /** With a word on the stack, leaves it shifted lane-wise. */
    private void shift(Opcode opc, int count, int esize) {
        MethodVisitor mv = f.mv;
        if (esize == 64 && count < 64) {
            f.intConst(count);
            mv.visitInsn(opc == Opcode.VSHLI ? LSHL : opc == Opcode.VSHRI ? LUSHR : LSHR);
        } else {
            f.intConst(count);
            f.intConst(esize);
            mv.visitMethodInsn(INVOKESTATIC, SEM, wordFunction(opc), "(JII)J", false);
        }
    }

    /** VADD → "add", VCMPGTS → "cmpgts", VSHLI → "shli": the VectorSemantics method of one word. */
    private static String wordFunction(Opcode opc) {
        return opc.name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** dst = lane vb() of va, zero-extended. */
    private void get(Op op) {
        MethodVisitor mv = f.mv;
        int bit = op.vb() * op.esize();
        load(op.va(), bit >> 6);
        if (op.esize() < 64) {
            if ((bit & 63) != 0) {
                f.intConst(bit & 63);
                mv.visitInsn(LUSHR);
            }
            mv.visitLdcInsn((1L << op.esize()) - 1);
            mv.visitInsn(LAND);
        }
        f.store(op.dst);
    }

    /** Lane vb() of vd = the low esize bits of args[0]. */
    private void set(Op op) {
        MethodVisitor mv = f.mv;
        int bit = op.vb() * op.esize();
        element(op.vd(), bit >> 6);
        if (op.esize() == 64) {
            f.pushLong(op.args[0]);
        } else {
            mv.visitInsn(DUP2);
            mv.visitInsn(LALOAD);
            f.pushLong(op.args[0]);
            f.intConst(bit & 63);
            f.intConst(op.esize());
            f.sem("deposit", "(JJII)J");
        }
        mv.visitInsn(LASTORE);
    }
}
