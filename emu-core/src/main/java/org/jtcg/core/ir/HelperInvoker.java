package org.jtcg.core.ir;

import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;

/**
 * How the IR interpreter calls one helper: {@code (cpu, args) -> result}, with I32 arguments in the low half of
 * their slot and an I32 result sign-extended ({@link HelperRef#invoke}). Normally a generated class whose one
 * method loads the arguments and calls the helper with invokestatic ({@link HelperInvokerClass}); {@link ByHandle}
 * when a generated class could not reach the helper.
 */
abstract class HelperInvoker {
    abstract long invoke(CpuState cpu, long[] args) throws Throwable;

    /** Through a method handle adapted to {@code (CpuState, long[]) long}. */
    static final class ByHandle extends HelperInvoker {
        private static final MethodHandle L2I;
        private static final MethodHandle ZERO = MethodHandles.constant(long.class, 0L);

        static {
            try {
                L2I = MethodHandles.lookup().findStatic(ByHandle.class, "l2i", MethodType.methodType(int.class, long.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @SuppressWarnings("unused")
        private static int l2i(long v) {
            return (int) v;
        }

        private final MethodHandle adapted;

        ByHandle(HelperRef helper) {
            MethodHandle h = helper.handle();
            List<Type> argTypes = helper.argTypes();
            int first = helper.takesCpu() ? 1 : 0;
            MethodHandle[] filters = new MethodHandle[argTypes.size()];
            for (int i = 0; i < filters.length; i++) {
                filters[i] = argTypes.get(i) == Type.I32 ? L2I : null;
            }
            h = MethodHandles.filterArguments(h, first, filters);
            if (helper.takesCpu()) {
                h = h.asType(h.type().changeParameterType(0, CpuState.class));
            } else {
                h = MethodHandles.dropArguments(h, 0, CpuState.class);
            }
            if (helper.returnType() == null) {
                h = MethodHandles.filterReturnValue(h, ZERO);
            } else {
                h = h.asType(h.type().changeReturnType(long.class));
            }
            h = h.asSpreader(1, long[].class, argTypes.size());
            adapted = h.asType(MethodType.methodType(long.class, CpuState.class, long[].class));
        }

        @Override
        long invoke(CpuState cpu, long[] args) throws Throwable {
            return (long) adapted.invokeExact(cpu, args);
        }
    }
}
