package org.jtcg.core.ir;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Generates the {@link HelperInvoker} of one helper: a small hidden class whose {@code invoke} casts the CPU
 * state, loads each argument from the array ({@code l2i} for I32), calls the helper with invokestatic and widens
 * the result, as the JIT's code does.
 *
 * <p>Why not a method handle: adapting a helper's handle to one shape (filters, a spreader, casts) spins several
 * LambdaForm classes per helper at run time, in HotSpot's bytecode interpreter and its class-file library while
 * nothing is compiled yet (a cold hello called 6-11 helpers and spent ~25 ms of its start-up there, plus C1
 * compiling the class-file library). One tiny class per helper, written with the ASM the JIT already uses, costs
 * less; the handle remains the fallback for a helper a generated class cannot reach.
 */
final class HelperInvokerClass {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String NAME = HelperInvokerClass.class.getName().replace('.', '/')
            .replace("HelperInvokerClass", "GeneratedHelperInvoker");
    private static final String SUPER = HelperInvoker.class.getName().replace('.', '/');

    private HelperInvokerClass() {}

    static HelperInvoker generateOrFallBack(HelperRef helper) {
        Class<?>[] params = helper.methodType().parameterArray();
        if (!reachable(helper.owner()) || (helper.takesCpu() && !reachable(params[0]))) {
            return new HelperInvoker.ByHandle(helper);
        }
        try {
            MethodHandles.Lookup hidden = LOOKUP.defineHiddenClass(bytes(helper), true);
            return (HelperInvoker) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            return new HelperInvoker.ByHandle(helper); // correct, only slower to set up
        }
    }

    /**
     * Whether generated code names {@code c} safely: public, and the same class when resolved through this class's
     * loader (the generated class links its references through it, and only when it first runs).
     */
    private static boolean reachable(Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers()) || c.isArray()) {
            return false;
        }
        try {
            return Class.forName(c.getName(), false, HelperInvokerClass.class.getClassLoader()) == c;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static byte[] bytes(HelperRef helper) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS); // straight-line code: no stack-map frames needed
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, SUPER, null);
        GeneratedConstructor.emit(cw, 0, SUPER);

        MethodVisitor mv = cw.visitMethod(0, "invoke", "(Lorg/jtcg/core/cpu/CpuState;[J)J", null, null);
        mv.visitCode();
        final int cpu = 1, args = 2;
        if (helper.takesCpu()) {
            mv.visitVarInsn(Opcodes.ALOAD, cpu);
            mv.visitTypeInsn(Opcodes.CHECKCAST, helper.methodType().parameterType(0).getName().replace('.', '/'));
        }
        List<Type> argTypes = helper.argTypes();
        for (int i = 0; i < argTypes.size(); i++) {
            mv.visitVarInsn(Opcodes.ALOAD, args);
            mv.visitLdcInsn(i);
            mv.visitInsn(Opcodes.LALOAD);
            if (argTypes.get(i) == Type.I32) {
                mv.visitInsn(Opcodes.L2I);
            }
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, helper.owner().getName().replace('.', '/'), helper.name(),
                helper.descriptor(), false);
        if (helper.returnType() == null) {
            mv.visitInsn(Opcodes.LCONST_0);
        } else if (helper.returnType() == Type.I32) {
            mv.visitInsn(Opcodes.I2L);
        }
        mv.visitInsn(Opcodes.LRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
