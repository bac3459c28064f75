package org.jtcg.core.interp;

import org.jtcg.core.cpu.CpuField;
import org.jtcg.core.cpu.CpuLayout;
import org.jtcg.core.cpu.CpuState;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.WeakHashMap;

import static org.objectweb.asm.Opcodes.*;

/**
 * Reads and writes the globals (hot register fields) of one {@link CpuLayout} by index, for the IR
 * interpreter. One class is generated per layout: a {@code tableswitch} over the index to a plain
 * {@code getfield}/{@code putfield}. A {@link java.lang.invoke.VarHandle} taken from an array is not a
 * constant, so HotSpot cannot inline it and every access went through its generic invocation path; with
 * jtcg's C1-only VM that made each global access of an interpreted op several calls.
 */
public abstract class GlobalAccessor {
    private static final Map<CpuLayout, GlobalAccessor> BY_LAYOUT = new WeakHashMap<>();
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    protected GlobalAccessor() {}

    /** The value of global {@code index} (a {@link CpuField#index()}) of {@code cpu}. */
    public abstract long get(CpuState cpu, int index);

    public abstract void set(CpuState cpu, int index, long value);

    /** The accessor of {@code layout}, generated on first use. */
    public static GlobalAccessor of(CpuLayout layout) {
        synchronized (BY_LAYOUT) {
            return BY_LAYOUT.computeIfAbsent(layout, GlobalAccessor::generate);
        }
    }

    private static GlobalAccessor generate(CpuLayout layout) {
        Class<?> state = layout.stateClass();
        if (!Modifier.isPublic(state.getModifiers()) || layout.size() == 0) {
            return new ByVarHandle(layout); // the generated class could not name it
        }
        String owner = Type.getInternalName(state);
        String self = Type.getInternalName(GlobalAccessor.class);
        String cpuDesc = Type.getDescriptor(CpuState.class);
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return "java/lang/Object"; // no merge of distinct types happens
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, self + "Impl", null, self, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, self, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        int n = layout.size();
        for (boolean write : new boolean[] {false, true}) {
            MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, write ? "set" : "get",
                    "(" + cpuDesc + "I" + (write ? "J)V" : ")J"), null, null);
            mv.visitCode();
            mv.visitVarInsn(ALOAD, 1);
            mv.visitTypeInsn(CHECKCAST, owner);
            if (write) {
                mv.visitVarInsn(LLOAD, 3);
            }
            mv.visitVarInsn(ILOAD, 2);
            Label[] cases = new Label[n];
            for (int i = 0; i < n; i++) {
                cases[i] = new Label();
            }
            Label bad = new Label();
            mv.visitTableSwitchInsn(0, n - 1, bad, cases);
            for (int i = 0; i < n; i++) {
                mv.visitLabel(cases[i]);
                mv.visitFieldInsn(write ? PUTFIELD : GETFIELD, owner, layout.field(i).fieldName(), "J");
                mv.visitInsn(write ? RETURN : LRETURN);
            }
            mv.visitLabel(bad);
            mv.visitTypeInsn(NEW, "java/lang/IndexOutOfBoundsException");
            mv.visitInsn(DUP);
            mv.visitVarInsn(ILOAD, 2);
            mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IndexOutOfBoundsException", "<init>", "(I)V", false);
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(cw.toByteArray(), true);
            return (GlobalAccessor) hidden.findConstructor(hidden.lookupClass(), java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot generate the global accessor of " + state.getName(), e);
        }
    }

    /** The fallback for a state class the generated code cannot name: the fields' VarHandles. */
    private static final class ByVarHandle extends GlobalAccessor {
        private final java.lang.invoke.VarHandle[] handles;

        ByVarHandle(CpuLayout layout) {
            handles = layout.fields().stream().map(CpuField::handle).toArray(java.lang.invoke.VarHandle[]::new);
        }

        @Override
        public long get(CpuState cpu, int index) {
            return (long) handles[index].get(cpu);
        }

        @Override
        public void set(CpuState cpu, int index, long value) {
            handles[index].set(cpu, value);
        }
    }
}
