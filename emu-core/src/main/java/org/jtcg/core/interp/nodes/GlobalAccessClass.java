package org.jtcg.core.interp.nodes;

import org.jtcg.core.ir.GeneratedConstructor;
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
 * Generates the {@link GlobalAccess} of one CPU layout: a hidden class whose {@code load}/{@code store}
 * loop over the block's fields with a tableswitch over the field index, one GETFIELD/PUTFIELD per case, and
 * whose {@code loadBelow}/{@code storeBelow} jump into one straight-line run of GETFIELDs/PUTFIELDs.
 * One class per layout (per guest arch), defined once per process.
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
        GeneratedConstructor.emit(cw, 0, SUPER);
        load(cw, layout, owner);
        store(cw, layout, owner);
        loadBelow(cw, layout, owner);
        storeBelow(cw, layout, owner);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@code load(CpuState s, long[] f, int base, int[] fields)}: for g in fields: f[base + g] = ((S) s).field(g). */
    private static void load(ClassWriter cw, CpuLayout layout, String owner) {
        MethodVisitor mv = cw.visitMethod(0, "load", "(" + CPU + "[JI[I)V", null, null);
        final int s = 1, f = 2, base = 3, fields = 4, x = 5, k = 6, g = 7;
        mv.visitCode();
        castState(mv, owner, s, x);
        Label loop = new Label(), end = new Label(), put = new Label(), bad = new Label();
        loopHead(mv, loop, end, k, fields, g);
        mv.visitVarInsn(Opcodes.ALOAD, f);
        mv.visitVarInsn(Opcodes.ILOAD, base);
        mv.visitVarInsn(Opcodes.ILOAD, g);
        mv.visitInsn(Opcodes.IADD);
        mv.visitVarInsn(Opcodes.ILOAD, g);
        Label[] cases = labels(layout.size());
        mv.visitTableSwitchInsn(0, cases.length - 1, bad, cases);
        for (int i = 0; i < cases.length; i++) {
            mv.visitLabel(cases[i]);
            mv.visitVarInsn(Opcodes.ALOAD, x);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, layout.field(i).fieldName(), "J");
            mv.visitJumpInsn(Opcodes.GOTO, put);
        }
        mv.visitLabel(put);
        mv.visitInsn(Opcodes.LASTORE);
        loopTail(mv, loop, end, k, bad);
    }

    /** {@code store(CpuState s, long[] f, int base, int[] fields)}: for g in fields: ((S) s).field(g) = f[base + g]. */
    private static void store(ClassWriter cw, CpuLayout layout, String owner) {
        MethodVisitor mv = cw.visitMethod(0, "store", "(" + CPU + "[JI[I)V", null, null);
        final int s = 1, f = 2, base = 3, fields = 4, x = 5, k = 6, g = 7;
        mv.visitCode();
        castState(mv, owner, s, x);
        Label loop = new Label(), end = new Label(), next = new Label(), bad = new Label();
        loopHead(mv, loop, end, k, fields, g);
        mv.visitVarInsn(Opcodes.ALOAD, x);
        mv.visitVarInsn(Opcodes.ALOAD, f);
        mv.visitVarInsn(Opcodes.ILOAD, base);
        mv.visitVarInsn(Opcodes.ILOAD, g);
        mv.visitInsn(Opcodes.IADD);
        mv.visitInsn(Opcodes.LALOAD);
        mv.visitVarInsn(Opcodes.ILOAD, g);
        Label[] cases = labels(layout.size());
        mv.visitTableSwitchInsn(0, cases.length - 1, bad, cases);
        for (int i = 0; i < cases.length; i++) {
            mv.visitLabel(cases[i]);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, layout.field(i).fieldName(), "J");
            mv.visitJumpInsn(Opcodes.GOTO, next);
        }
        mv.visitLabel(next);
        loopTail(mv, loop, end, k, bad);
    }

    /** {@code loadBelow(CpuState s, long[] f, int base, int n)}: a switch on n into straight-line code, field n-1 down to 0. */
    private static void loadBelow(ClassWriter cw, CpuLayout layout, String owner) {
        MethodVisitor mv = cw.visitMethod(0, "loadBelow", "(" + CPU + "[JII)V", null, null);
        final int s = 1, f = 2, base = 3, n = 4, x = 5;
        mv.visitCode();
        castState(mv, owner, s, x);
        int size = layout.size();
        Label[] entry = labels(size + 1); // entry[m]: load fields m-1 .. 0
        Label bad = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, n);
        mv.visitTableSwitchInsn(0, size, bad, entry);
        for (int m = size; m >= 1; m--) {
            mv.visitLabel(entry[m]);
            mv.visitVarInsn(Opcodes.ALOAD, f);
            mv.visitVarInsn(Opcodes.ILOAD, base);
            mv.visitLdcInsn(m - 1);
            mv.visitInsn(Opcodes.IADD);
            mv.visitVarInsn(Opcodes.ALOAD, x);
            mv.visitFieldInsn(Opcodes.GETFIELD, owner, layout.field(m - 1).fieldName(), "J");
            mv.visitInsn(Opcodes.LASTORE);
        }
        mv.visitLabel(entry[0]);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(bad);
        throwBadIndex(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code storeBelow(CpuState s, long[] f, int base, int n)}: as {@link #loadBelow}, the other way. */
    private static void storeBelow(ClassWriter cw, CpuLayout layout, String owner) {
        MethodVisitor mv = cw.visitMethod(0, "storeBelow", "(" + CPU + "[JII)V", null, null);
        final int s = 1, f = 2, base = 3, n = 4, x = 5;
        mv.visitCode();
        castState(mv, owner, s, x);
        int size = layout.size();
        Label[] entry = labels(size + 1);
        Label bad = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, n);
        mv.visitTableSwitchInsn(0, size, bad, entry);
        for (int m = size; m >= 1; m--) {
            mv.visitLabel(entry[m]);
            mv.visitVarInsn(Opcodes.ALOAD, x);
            mv.visitVarInsn(Opcodes.ALOAD, f);
            mv.visitVarInsn(Opcodes.ILOAD, base);
            mv.visitLdcInsn(m - 1);
            mv.visitInsn(Opcodes.IADD);
            mv.visitInsn(Opcodes.LALOAD);
            mv.visitFieldInsn(Opcodes.PUTFIELD, owner, layout.field(m - 1).fieldName(), "J");
        }
        mv.visitLabel(entry[0]);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(bad);
        throwBadIndex(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void castState(MethodVisitor mv, String owner, int s, int x) {
        mv.visitVarInsn(Opcodes.ALOAD, s);
        mv.visitTypeInsn(Opcodes.CHECKCAST, owner);
        mv.visitVarInsn(Opcodes.ASTORE, x);
    }

    /** for (k = 0; k < fields.length; k++) { g = fields[k]; ... */
    private static void loopHead(MethodVisitor mv, Label loop, Label end, int k, int fields, int g) {
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, k);
        mv.visitLabel(loop);
        mv.visitVarInsn(Opcodes.ILOAD, k);
        mv.visitVarInsn(Opcodes.ALOAD, fields);
        mv.visitInsn(Opcodes.ARRAYLENGTH);
        mv.visitJumpInsn(Opcodes.IF_ICMPGE, end);
        mv.visitVarInsn(Opcodes.ALOAD, fields);
        mv.visitVarInsn(Opcodes.ILOAD, k);
        mv.visitInsn(Opcodes.IALOAD);
        mv.visitVarInsn(Opcodes.ISTORE, g);
    }

    /** ... } return; and the bad-index throw. */
    private static void loopTail(MethodVisitor mv, Label loop, Label end, int k, Label bad) {
        mv.visitIincInsn(k, 1);
        mv.visitJumpInsn(Opcodes.GOTO, loop);
        mv.visitLabel(end);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitLabel(bad);
        throwBadIndex(mv);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
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
