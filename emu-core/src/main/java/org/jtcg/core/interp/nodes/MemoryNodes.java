package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Type;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.RawMemory;

import java.lang.invoke.VarHandle;

/**
 * Guest memory accesses and helper calls: the nodes that may fault (a {@link org.jtcg.core.memory.GuestFault}
 * leaves through {@link NodeBlock}, which knows the faulting node's instruction) and the ones that let code
 * outside the block see the CPU state. Loads and stores probe the thread's soft TLB inline, as translated code
 * does ({@link ColdTlbProbe}), and call {@link GuestMemory} only on a miss, a page-crossing access or without
 * the raw table (it fills the entry or raises the fault).
 */
final class MemoryNodes {
    private MemoryNodes() {}

    /** LOAD: d = mem[a], sign- or zero-extended from {@code size} bytes, normalised to the op's type. */
    static final class Load extends Node {
        private final int d, a, size;
        private final boolean signed, bigEndian, ordered, i32;
        /** Whether the inline probe applies (a 1, 2, 4 or 8-byte access; GuestMemory rejects any other size). */
        private final boolean probe;

        Load(Op op, int d, int a) {
            this.d = d;
            this.a = a;
            this.size = op.aux1;
            this.signed = op.signed;
            this.bigEndian = op.bigEndian;
            this.ordered = op.aux2 == Op.ORDERED;
            this.i32 = op.type == Type.I32;
            this.probe = ColdTlbProbe.plainSize(size);
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long va = f[a];
            long v;
            long entry = probe ? ColdTlbProbe.entry(ctx.tlb, va) : 0;
            if (entry != 0 && RawMemory.hostLong(entry) == ((va + size - 1) & GuestMemory.PAGE_MASK)) {
                long host = va + RawMemory.hostLong(entry + ColdTlbProbe.ADDEND);
                switch (size) { // here, not in a helper: C1 inlines callees of up to 35 bytes only
                    case 1 -> v = RawMemory.ld8(host);
                    case 2 -> v = bigEndian ? RawMemory.ld16be(host) : RawMemory.ld16le(host);
                    case 4 -> v = bigEndian ? RawMemory.ld32be(host) : RawMemory.ld32le(host);
                    default -> v = bigEndian ? RawMemory.ld64be(host) : RawMemory.ld64le(host);
                }
            } else {
                v = ctx.memory.load(va, size, bigEndian); // miss, page cross or no raw table: the checked path
            }
            if (signed) {
                v = size == 1 ? (byte) v : size == 2 ? (short) v : (int) v;
            }
            f[d] = i32 ? (int) v : v;
            if (ordered) {
                VarHandle.acquireFence(); // TSO guests: see Op.ORDERED
            }
            return next;
        }
    }

    /** STORE: mem[a] = value slot {@code v}. */
    static final class Store extends Node {
        private final int v, a, size;
        private final boolean bigEndian, ordered;
        private final boolean probe;

        Store(Op op, int v, int a) {
            this.v = v;
            this.a = a;
            this.size = op.aux1;
            this.bigEndian = op.bigEndian;
            this.ordered = op.aux2 == Op.ORDERED;
            this.probe = ColdTlbProbe.plainSize(size);
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            if (ordered) {
                VarHandle.releaseFence();
            }
            long va = f[a];
            long entry = probe ? ColdTlbProbe.entry(ctx.tlb, va) : 0;
            if (entry != 0 && RawMemory.hostLong(entry + ColdTlbProbe.WRITE_TAG) == ((va + size - 1) & GuestMemory.PAGE_MASK)) {
                long host = va + RawMemory.hostLong(entry + ColdTlbProbe.ADDEND), x = f[v];
                switch (size) {
                    case 1 -> RawMemory.st8(host, x);
                    case 2 -> { if (bigEndian) RawMemory.st16be(host, x); else RawMemory.st16le(host, x); }
                    case 4 -> { if (bigEndian) RawMemory.st32be(host, x); else RawMemory.st32le(host, x); }
                    default -> { if (bigEndian) RawMemory.st64be(host, x); else RawMemory.st64le(host, x); }
                }
            } else {
                ctx.memory.store(va, size, f[v], bigEndian);
            }
            return next;
        }
    }

    /**
     * CALL: the frame's written globals go to the CPU state first when the helper reads or writes CPU
     * fields, and every global of the frame is reloaded after a helper that writes them (the same points
     * at which the JIT writes back and reloads its register locals).
     */
    static final class Call extends Node {
        private final Op op;
        private final int[] args;
        /** Destination slot, or -1. */
        private final int d;
        private final Type dType;
        private final FrameGlobals globals;
        private final boolean storeBefore, loadAfter;

        Call(Op op, int[] args, int d, FrameGlobals globals) {
            this.op = op;
            this.args = args;
            this.d = d;
            this.dType = op.dst == null ? null : op.dst.type();
            this.globals = globals;
            this.storeBefore = op.helper.readsGlobals() || op.helper.writesGlobals();
            this.loadAfter = op.helper.writesGlobals();
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long[] values = new long[args.length];
            for (int k = 0; k < values.length; k++) {
                values[k] = f[args[k]];
            }
            if (storeBefore) {
                globals.store(f, cpu);
            }
            long r;
            try {
                r = op.helper.invoke(cpu, values);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("helper " + op.helper + " threw " + e, e);
            }
            if (loadAfter) {
                globals.load(f, cpu);
            }
            if (d >= 0) {
                f[d] = dType.norm(r);
            }
            return next;
        }
    }
}
