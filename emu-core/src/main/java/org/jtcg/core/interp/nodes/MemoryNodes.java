package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Type;

import java.lang.invoke.VarHandle;

/**
 * Guest memory accesses and helper calls: the nodes that may fault (a {@link org.jtcg.core.memory.GuestFault}
 * leaves through {@link NodeBlock}, which knows the faulting node's instruction) and the ones that let code
 * outside the block see the CPU state.
 */
final class MemoryNodes {
    private MemoryNodes() {}

    /** LOAD: d = mem[a], sign- or zero-extended from {@code size} bytes, normalised to the op's type. */
    static final class Load extends Node {
        private final int d, a, size;
        private final boolean signed, bigEndian, ordered, i32;

        Load(Op op, int d, int a) {
            this.d = d;
            this.a = a;
            this.size = op.aux1;
            this.signed = op.signed;
            this.bigEndian = op.bigEndian;
            this.ordered = op.aux2 == Op.ORDERED;
            this.i32 = op.type == Type.I32;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long v = ctx.memory.load(f[a], size, bigEndian);
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

        Store(Op op, int v, int a) {
            this.v = v;
            this.a = a;
            this.size = op.aux1;
            this.bigEndian = op.bigEndian;
            this.ordered = op.aux2 == Op.ORDERED;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            if (ordered) {
                VarHandle.releaseFence();
            }
            ctx.memory.store(f[a], size, f[v], bigEndian);
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
