package org.jtcg.core.cpu;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.cpreg.RegId;
import org.jtcg.cpreg.RegisterAccess;
import org.jtcg.cpreg.RegisterNames;
import org.jtcg.cpreg.RegisterTable;

import java.util.Arrays;

/**
 * Base of every arch's CPU state, and its one source of truth.
 *
 * <p>Hot registers are {@code public long} fields of the subclass, described by its
 * {@link CpuLayout}; translated code accesses them directly. System and coprocessor
 * registers of any size live in a {@link RegisterTable} ({@link #sysregs()}). Everything
 * outside translated code reads and writes registers by canonical id through the
 * {@link RegisterAccess} methods, which have no side effects, so a save is "list ids,
 * read each" and a restore is "write each" (see {@code RegisterList}).
 */
public abstract class CpuState implements RegisterAccess {
    private static final RegisterTable NO_SYSREGS = new RegisterTable();

    /** Guest program counter of the next instruction to execute. */
    public long pc;

    /**
     * Set from any thread (a timer, another guest thread sending a signal) to make the engine running this
     * CPU leave translated code at the next block boundary or loop back edge with an
     * {@link org.jtcg.core.engine.EngineExit.Kind#INTERRUPTED} exit, so the user-mode loop can deliver an
     * asynchronous signal to a guest that loops without syscalls. The loop clears it. Volatile: translated
     * loops read it on every back edge, and the JVM must not hoist that read out of the loop.
     */
    public volatile boolean exitRequested;

    /** Asks the engine running this CPU to return soon (see {@link #exitRequested}); callable from any thread. */
    public void requestExit() {
        exitRequested = true;
    }

    private RegisterSyncHook syncHook;
    private GuestMemory memory;

    /** The address space this CPU runs in (helpers that touch memory, e.g. x86 FXSAVE, use it). */
    public GuestMemory memory() {
        return memory;
    }

    public void attachMemory(GuestMemory memory) {
        this.memory = memory;
    }

    /**
     * Lets an engine that keeps registers elsewhere (KVM) fetch them lazily before a by-id read
     * and mark them dirty after a by-id write. Null (the default) for the TCG engines, whose
     * state lives in these fields.
     */
    public void setSyncHook(RegisterSyncHook hook) {
        this.syncHook = hook;
    }

    public RegisterSyncHook syncHook() {
        return syncHook;
    }

    /**
     * The 128-bit vector register file the IR's vector ops address, or null (the default) when the
     * layout declares no vector registers. Register v is {@code [2v]} (bits 0-63) and {@code [2v+1]}
     * (bits 64-127); the array must hold {@link CpuLayout#vectorRegisters()} registers and be the
     * same array for the life of the state (translated code caches it per block run).
     */
    public long[] vectorFile() {
        return null;
    }

    /** The hot-register layout of this class (one shared instance per class). */
    public abstract CpuLayout layout();

    /** The arch's table of non-hot registers (default: none). Subclasses return their own instance. */
    public RegisterTable sysregs() {
        return NO_SYSREGS;
    }

    /** Engine-internal lazy state (e.g. lazy flags) is folded into architectural registers. */
    public void foldLazyState() {
    }

    @Override
    public long[] ids() {
        long[] hot = layout().ids();
        long[] sys = sysregs().ids();
        long[] all = Arrays.copyOf(hot, hot.length + sys.length);
        System.arraycopy(sys, 0, all, hot.length, sys.length);
        Arrays.sort(all); // all ids of one arch share the top byte, so signed order equals unsigned order
        return all;
    }

    @Override
    public long[] readWords(long id) {
        if (syncHook != null) {
            syncHook.beforeRead(id);
        }
        CpuField[] fields = layout().byId(id);
        if (fields == null) {
            return sysregs().readWords(unknownUnlessSysreg(id));
        }
        foldLazyState();
        long[] words = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            words[i] = (long) fields[i].handle().get(this);
        }
        words[words.length - 1] &= RegId.size(id).wordMask();
        return words;
    }

    @Override
    public void writeWords(long id, long[] words) {
        CpuField[] fields = layout().byId(id);
        if (fields == null) {
            sysregs().writeWords(unknownUnlessSysreg(id), words);
            afterRegisterWrite(id);
            return;
        }
        if (words.length != fields.length) {
            throw new IllegalArgumentException(RegisterNames.describe(id) + " takes " + fields.length
                    + " word(s), got " + words.length);
        }
        foldLazyState();
        for (int i = 0; i < fields.length; i++) {
            long w = i == fields.length - 1 ? words[i] & RegId.size(id).wordMask() : words[i];
            fields[i].handle().set(this, w);
        }
        afterRegisterWrite(id);
    }

    /** Reads a register of at most 64 bits by canonical id. */
    public long getReg(long id) {
        return readWords(id)[0];
    }

    /** Writes a register of at most 64 bits by canonical id. */
    public void setReg(long id, long value) {
        writeWords(id, new long[] {value});
    }

    /**
     * Called after every by-id write (subclasses that override must call super). Hook for subclasses whose lazy state depends on an architectural register
     * (e.g. x86 must re-derive lazy flags when RFLAGS is written from outside).
     */
    protected void afterRegisterWrite(long id) {
        if (syncHook != null) {
            syncHook.afterWrite(id);
        }
    }

    private long unknownUnlessSysreg(long id) {
        if (!sysregs().contains(id)) {
            throw new IllegalArgumentException("register " + RegisterNames.describe(id) + " is not part of this CPU state");
        }
        return id;
    }
}
