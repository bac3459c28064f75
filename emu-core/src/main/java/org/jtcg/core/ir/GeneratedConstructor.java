package org.jtcg.core.ir;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The no-argument constructor every class jtcg generates (helper invokers, global accessors, regions) needs. */
public final class GeneratedConstructor {
    private GeneratedConstructor() {}

    /** Emits {@code <access> <init>() { super(); }} into {@code cv}, whose superclass is {@code superName}. */
    public static void emit(ClassVisitor cv, int access, String superName) {
        MethodVisitor init = cv.visitMethod(access, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
    }
}
