package org.jtcg.core.ir;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.AtomicOp;

import java.lang.invoke.VarHandle;

/**
 * Guest atomics and memory barriers in IR: helper calls into the atomic API of
 * {@link org.jtcg.core.memory.GuestMemory} (host atomics on the guest RAM) and into {@link VarHandle}'s fences.
 *
 * <p>Why helpers and not new opcodes: a helper already has one definition that the interpreter
 * ({@link HelperRef#invoke}) and the JIT (an INVOKESTATIC that C2 inlines) both run, faults already become
 * the guest's SIGSEGV at the current instruction, and a non-pure call is already a barrier every pass keeps
 * in place (no pass moves, merges or deletes it, nor moves a LOAD or STORE across it). A fence helper is a
 * static method C2 inlines down to the fence itself, so it constrains the JIT's reordering exactly like the
 * fence would inline; an atomic is a compare-and-set loop whose call overhead is small next to the locked
 * host instruction. Frontends use the {@code emit...} methods, never the raw helpers.
 *
 * <p>Every atomic is also a full fence for the guest (the host CAS is volatile: nothing moves across it),
 * which is what x86 locked instructions and s390x CS/interlocked-access promise, and more than an arm64
 * exclusive needs.
 */
public final class GuestAtomics {
    private GuestAtomics() {}

    private static final int BIG_ENDIAN = 0x10;

    /** The old high half of this thread's last {@link #cas128} (a helper returns one value; each guest thread is one JVM thread). */
    private static final ThreadLocal<long[]> LAST_OLD_128 = ThreadLocal.withInitial(() -> new long[2]);

    // ---- helpers (public for HelperRef; frontends call the emit methods) ----

    public static long cas(CpuState cpu, long va, long expected, long replacement, int form) {
        return cpu.memory().atomicCompareAndSwap(va, form & 0xf, expected, replacement, (form & BIG_ENDIAN) != 0);
    }

    public static long fetchOp(CpuState cpu, long va, long operand, int form) {
        return cpu.memory().atomicFetchAndOp(va, form & 0xf, AtomicOp.ofCode(form >>> 8), operand, (form & BIG_ENDIAN) != 0);
    }

    public static long cas128(CpuState cpu, long va, long expectedLow, long expectedHigh, long newLow, long newHigh, int form) {
        long[] old = LAST_OLD_128.get();
        cpu.memory().atomicCompareAndSwap128(va, (form & BIG_ENDIAN) != 0, expectedLow, expectedHigh, newLow, newHigh, old);
        return old[0];
    }

    public static long load128(CpuState cpu, long va, int form) {
        long[] old = LAST_OLD_128.get();
        cpu.memory().atomicLoad128(va, (form & BIG_ENDIAN) != 0, old);
        return old[0];
    }

    /** The high half found by this thread's last {@link #cas128} or {@link #load128}. */
    public static long lastHigh128() {
        return LAST_OLD_128.get()[1];
    }

    public static void fullFence() {
        VarHandle.fullFence();
    }

    public static void acquireFence() {
        VarHandle.acquireFence();
    }

    public static void releaseFence() {
        VarHandle.releaseFence();
    }

    public static void storeStoreFence() {
        VarHandle.storeStoreFence();
    }

    public static void loadLoadFence() {
        VarHandle.loadLoadFence();
    }

    private static final HelperRef CAS = HelperRef.of(GuestAtomics.class, "cas", 0);
    private static final HelperRef FETCH_OP = HelperRef.of(GuestAtomics.class, "fetchOp", 0);
    private static final HelperRef CAS128 = HelperRef.of(GuestAtomics.class, "cas128", 0);
    private static final HelperRef LOAD128 = HelperRef.of(GuestAtomics.class, "load128", 0);
    private static final HelperRef LAST_HIGH_128 = HelperRef.of(GuestAtomics.class, "lastHigh128", 0);
    private static final HelperRef FULL_FENCE = HelperRef.of(GuestAtomics.class, "fullFence", 0);
    private static final HelperRef ACQUIRE_FENCE = HelperRef.of(GuestAtomics.class, "acquireFence", 0);
    private static final HelperRef RELEASE_FENCE = HelperRef.of(GuestAtomics.class, "releaseFence", 0);
    private static final HelperRef STORE_STORE_FENCE = HelperRef.of(GuestAtomics.class, "storeStoreFence", 0);
    private static final HelperRef LOAD_LOAD_FENCE = HelperRef.of(GuestAtomics.class, "loadLoadFence", 0);

    /** The barriers a frontend can ask for. */
    public enum Fence {
        /** Orders everything before against everything after (x86 mfence, arm64 dmb ish, s390x bcr 14/15,0). */
        FULL(FULL_FENCE),
        /** Earlier loads before later loads and stores (arm64 dmb ishld, after a load-acquire). */
        ACQUIRE(ACQUIRE_FENCE),
        /** Earlier loads and stores before later stores (before a store-release). */
        RELEASE(RELEASE_FENCE),
        /** Earlier stores before later stores (x86 sfence, arm64 dmb ishst). */
        STORE_STORE(STORE_STORE_FENCE),
        /** Earlier loads before later loads (x86 lfence). */
        LOAD_LOAD(LOAD_LOAD_FENCE);

        final HelperRef helper;

        Fence(HelperRef helper) {
            this.helper = helper;
        }
    }

    private static Val form(IrBuilder b, int size, boolean bigEndian, int extra) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            throw new IllegalStateException("atomic: size must be 1, 2, 4 or 8 bytes, got " + size);
        }
        return b.constant(Type.I32, size | (bigEndian ? BIG_ENDIAN : 0) | extra);
    }

    /** old = mem[addr] (size bytes, zero-extended, I64); if old == low size bytes of expected, mem[addr] = replacement. */
    public static Val emitCompareAndSwap(IrBuilder b, Val addr, Val expected, Val replacement, int size, boolean bigEndian) {
        return b.callValue(CAS, addr, expected, replacement, form(b, size, bigEndian, 0));
    }

    /** old = mem[addr] (size bytes, zero-extended, I64); mem[addr] = op(old, operand). */
    public static Val emitFetchAndOp(IrBuilder b, AtomicOp op, Val addr, Val operand, int size, boolean bigEndian) {
        return b.callValue(FETCH_OP, addr, operand, form(b, size, bigEndian, op.code() << 8));
    }

    /**
     * 16-byte compare-and-swap: returns {old low, old high} (I64 each, halves as in GuestMemory.load128); it stored
     * the replacement exactly when old equals expected.
     */
    public static Val[] emitCompareAndSwap128(IrBuilder b, Val addr, Val expectedLow, Val expectedHigh, Val newLow,
                                              Val newHigh, boolean bigEndian) {
        Val low = b.callValue(CAS128, addr, expectedLow, expectedHigh, newLow, newHigh,
                b.constant(Type.I32, bigEndian ? BIG_ENDIAN : 0));
        return new Val[]{low, b.callValue(LAST_HIGH_128)};
    }

    /** A 16-byte load atomic against 16-byte compare-and-swaps: {low, high} (needs read permission). */
    public static Val[] emitLoad128(IrBuilder b, Val addr, boolean bigEndian) {
        Val low = b.callValue(LOAD128, addr, b.constant(Type.I32, bigEndian ? BIG_ENDIAN : 0));
        return new Val[]{low, b.callValue(LAST_HIGH_128)};
    }

    public static void emitFence(IrBuilder b, Fence fence) {
        b.call(fence.helper, null);
    }
}
