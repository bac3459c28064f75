package org.jtcg.core.ir;

import org.jtcg.core.cpu.CpuState;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A public static Java method that IR can call (TCG's helper). Parameters are an optional
 * leading CPU state (any supertype of the arch's state class, e.g. {@code CpuState} or the
 * arch class itself) followed by {@code long} (I64) and {@code int} (I32) arguments; the
 * return type is {@code void}, {@code long} or {@code int}.
 *
 * <p>Flags tell the engines what the helper touches, like TCG's call flags:
 * <ul>
 * <li>{@link #READS_GLOBALS}: the helper reads hot-register fields of the CPU state, so the JIT
 *     writes dirty register locals back before the call.</li>
 * <li>{@link #WRITES_GLOBALS}: the helper writes hot-register fields, so the JIT also writes
 *     dirty locals back before and reloads every register local after the call.</li>
 * <li>{@link #PURE}: the result depends only on the arguments; no side effects, never throws.
 *     Dead-code elimination may delete a pure call whose result is unused. Must not be combined
 *     with the globals flags.</li>
 * </ul>
 * A helper may throw {@link org.jtcg.core.memory.GuestFault}; the engine then raises SIGSEGV at
 * the current instruction. A helper that writes globals must throw before writing any of them
 * (the JIT's fault path writes its register locals back over the fields).
 */
public final class HelperRef {
    public static final int READS_GLOBALS = 1, WRITES_GLOBALS = 2, PURE = 4;

    private final Class<?> owner;
    private final String name;
    private final MethodType methodType;
    private final Method method;
    private final boolean takesCpu;
    private final List<Type> argTypes;
    private final Type returnType;
    private final int flags;
    /*
     * The method handle and the interpreter's invoker are made on first use, not here: a translator declares all
     * its helpers when it is built, and each handle spins LambdaForm classes at run time (a cold arm64 hello: ~200
     * of them, tens of ms) that the JIT, which calls helpers with invokestatic, never needs. A race builds one
     * twice: harmless.
     */
    private volatile MethodHandle handle;
    private volatile HelperInvoker invoker;

    private HelperRef(Class<?> owner, String name, Method method, int flags) {
        if ((flags & PURE) != 0 && (flags & (READS_GLOBALS | WRITES_GLOBALS)) != 0) {
            throw new IllegalArgumentException("helper " + name + ": PURE cannot be combined with READS/WRITES_GLOBALS");
        }
        this.owner = owner;
        this.name = name;
        this.method = method;
        this.methodType = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
        this.flags = flags;
        Class<?>[] params = methodType.parameterArray();
        this.takesCpu = params.length > 0 && CpuState.class.isAssignableFrom(params[0]);
        List<Type> types = new ArrayList<>();
        for (int i = takesCpu ? 1 : 0; i < params.length; i++) {
            types.add(typeOf(params[i], "parameter " + i));
        }
        this.argTypes = List.copyOf(types);
        Class<?> r = methodType.returnType();
        this.returnType = r == void.class ? null : typeOf(r, "return type");
    }

    private Type typeOf(Class<?> c, String what) {
        if (c == long.class) {
            return Type.I64;
        }
        if (c == int.class) {
            return Type.I32;
        }
        throw new IllegalArgumentException("helper " + owner.getName() + "." + name + ": " + what
                + " is " + c.getName() + ", only long and int (and a leading CPU state) are allowed");
    }

    /**
     * The unique public static method {@code name} of {@code owner} as a helper.
     *
     * @throws IllegalArgumentException if there is no such method, more than one, or its signature is not allowed
     */
    public static HelperRef of(Class<?> owner, String name, int flags) {
        Method found = null;
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                if (found != null) {
                    throw new IllegalArgumentException("helper " + owner.getName() + "." + name + " is overloaded");
                }
                found = m;
            }
        }
        if (found == null || !Modifier.isPublic(owner.getModifiers())) {
            throw new IllegalArgumentException("no public static method " + name + " in public class " + owner.getName());
        }
        HelperRef ref = new HelperRef(owner, name, found, flags);
        ref.checkAccessible();
        return ref;
    }

    /** What the eager unreflect used to check when the helper was declared, without making a handle. */
    private void checkAccessible() {
        if (!Modifier.isPublic(method.getModifiers()) || !owner.getModule().isExported(owner.getPackageName())) {
            throw new IllegalArgumentException("helper " + owner.getName() + "." + name + " is not accessible");
        }
    }

    /** Calls the helper; I32 arguments are passed in the low half of their slot, an I32 result comes back sign-extended. */
    public long invoke(CpuState cpu, long[] args) throws Throwable {
        HelperInvoker i = invoker;
        if (i == null) {
            invoker = i = HelperInvokerClass.generateOrFallBack(this);
        }
        return i.invoke(cpu, args);
    }

    public Class<?> owner() { return owner; }
    public String name() { return name; }
    /** JVM descriptor of the target method. */
    public String descriptor() { return methodType.toMethodDescriptorString(); }
    public MethodType methodType() { return methodType; }
    public MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            try {
                handle = h = MethodHandles.publicLookup().unreflect(method);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("helper " + this + " is not accessible", e);
            }
        }
        return h;
    }
    public boolean takesCpu() { return takesCpu; }
    public List<Type> argTypes() { return argTypes; }
    /** Null for void. */
    public Type returnType() { return returnType; }
    public int flags() { return flags; }
    public boolean readsGlobals() { return (flags & READS_GLOBALS) != 0; }
    public boolean writesGlobals() { return (flags & WRITES_GLOBALS) != 0; }
    public boolean isPure() { return (flags & PURE) != 0; }

    @Override
    public String toString() {
        return owner.getSimpleName() + "." + name;
    }
}
