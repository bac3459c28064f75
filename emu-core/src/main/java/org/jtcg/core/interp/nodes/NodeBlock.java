package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.memory.GuestFault;

/**
 * An IR block as an array of pre-decoded {@link Node}s: the jit's cold tier. A run works in the context's
 * frame ({@link ExecContext#coldFrame}, reused: no allocation per run): the block's temps first (the ones that
 * are constants on every path, and those that may be read before they are written, are set at entry, so
 * constants cost no node), then the globals it uses ({@link FrameGlobals}),
 * loaded from the CPU state at entry and stored back when the block leaves (by the exit node, or here after a fault). The run is a loop of one
 * virtual call per node; the instruction a faulting node belongs to comes from {@link #insnPc}, so
 * INSN_START and LABEL ops cost nothing at run time.
 */
final class NodeBlock implements BlockCode {
    private final Node[] nodes;
    /** Per node: the guest PC of the instruction it belongs to (cpu.pc after a fault in it). */
    private final long[] insnPc;
    /** The frame slot holding the PC of the last INSN_START run, or -1 when {@link #insnPc} is exact ({@link NodeBuilder}). */
    private final int pcSlot;
    private final int frameSize;
    /** The frame slots a run must set before its first node ({@link NodeBuilder}), and their values. */
    private final int[] initSlots;
    private final long[] initValues;
    private final FrameGlobals globals;

    NodeBlock(Node[] nodes, long[] insnPc, int pcSlot, int frameSize, int[] initSlots, long[] initValues, FrameGlobals globals) {
        this.nodes = nodes;
        this.insnPc = insnPc;
        this.pcSlot = pcSlot;
        this.frameSize = frameSize;
        this.initSlots = initSlots;
        this.initValues = initValues;
        this.globals = globals;
    }

    /** Nodes per block run on a path without branches (tests and benchmarks). */
    int nodeCount() {
        return nodes.length;
    }

    @Override
    public int exec(CpuState cpu, ExecContext ctx) {
        long[] f = ctx.coldFrame;
        if (f.length < frameSize) {
            f = ctx.coldFrame = new long[Math.max(frameSize, 2 * f.length)];
        }
        int[] is = initSlots;
        long[] iv = initValues;
        for (int k = 0; k < is.length; k++) {
            f[is[k]] = iv[k];
        }
        FrameGlobals g = globals;
        g.load(f, cpu);
        Node[] ns = nodes;
        int ip = 0;
        try {
            do {
                ip = ns[ip].run(f, cpu, ctx);
            } while (ip >= 0);
        } catch (GuestFault fault) {
            g.store(f, cpu);
            cpu.pc = pcSlot < 0 ? insnPc[ip] : f[pcSlot];
            ctx.faultSiCode = fault.siCode();
            ctx.faultAddress = fault.address();
            return FAULT;
        }
        return -1 - ip; // the exit node stored the globals and set the pc
    }
}
