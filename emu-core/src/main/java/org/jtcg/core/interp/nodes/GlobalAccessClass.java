package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuLayout;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;

/**
 * Generates the {@link GlobalAccess} of one CPU layout: a hidden class whose {@code get}/{@code set}
 * are a tableswitch over the field index with one GETFIELD/PUTFIELD per case. One class per layout
 * (per guest arch), defined once per process.
 */
final class GlobalAccessClass {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String SUPER = Type.getInternalName(GlobalAccess.class);
    private static final String CPU = "Lorg/jtcg/core/cpu/CpuState;";

    private GlobalAccessClass() {}

    static GlobalAccess generateOrFallBack(CpuLayout layout) {
        Class<?> state = layout.stateClass();
        if (!Modifier.isPublic(state.getModifiers()) || layout.size() == 0) {
            return new GlobalAccess.ByHandles(layout);
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes(layout), true);
            return (GlobalAccess) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            // e.g. a field the generated class cannot see (not public): correct, only slower
            return new GlobalAccess.ByHandles(layout);
        }
    }

    static byte[] bytes(CpuLayout layout) {
        String owner = Type.getInternalName(layout.stateClass());
        String name = Type.getInternalName(GlobalAccessClass.class).replace("GlobalAccessClass", "GeneratedGlobalAccess");
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, SUPER, null);
        MethodVisitor init = cw.visitMethod(0, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, SUPER, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        int n = layout.size();

        MethodVisitor get = cw.visitMethod(0, "get", "(" + CPU + "I)J", null, null);
        get.visitCode();
        Label[] cases = labels(n);
        Label bad = new Label();
        get.visitVarInsn(Opcodes.ILOAD, 2);
        get.visitTableSwitchInsn(0, n - 1, bad, cases);
        for (int i = 0; i < n; i++) {
            get.visitLabel(cases[i]);
            get.visitVarInsn(Opcodes.ALOAD, 1);
            get.visitTypeInsn(Opcodes.CHECKCAST, owner);
            get.visitFieldInsn(Opcodes.GETFIELD, owner, layout.field(i).fieldName(), "J");
            get.visitInsn(Opcodes.LRETURN);
        }
        get.visitLabel(bad);
        throwBadIndex(get);
        get.visitMaxs(0, 0);
        get.visitEnd();

        MethodVisitor set = cw.visitMethod(0, "set", "(" + CPU + "IJ)V", null, null);
        set.visitCode();
        cases = labels(n);
        bad = new Label();
        set.visitVarInsn(Opcodes.ILOAD, 2);
        set.visitTableSwitchInsn(0, n - 1, bad, cases);
        for (int i = 0; i < n; i++) {
            set.visitLabel(cases[i]);
            set.visitVarInsn(Opcodes.ALOAD, 1);
            set.visitTypeInsn(Opcodes.CHECKCAST, owner);
            set.visitVarInsn(Opcodes.LLOAD, 3);
            set.visitFieldInsn(Opcodes.PUTFIELD, owner, layout.field(i).fieldName(), "J");
            set.visitInsn(Opcodes.RETURN);
        }
        set.visitLabel(bad);
        throwBadIndex(set);
        set.visitMaxs(0, 0);
        set.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static Label[] labels(int n) {
        Label[] l = new Label[n];
        for (int i = 0; i < n; i++) {
            l[i] = new Label();
        }
        return l;
    }

    private static void throwBadIndex(MethodVisitor mv) {
        String ex = "java/lang/IndexOutOfBoundsException";
        mv.visitTypeInsn(Opcodes.NEW, ex);
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, ex, "<init>", "()V", false);
        mv.visitInsn(Opcodes.ATHROW);
    }
}
