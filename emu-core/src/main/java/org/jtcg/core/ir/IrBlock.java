package org.jtcg.core.ir;

import org.jtcg.core.cpu.CpuLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * One translation block in IR: guest code [startPc, startPc + guestLength) as a list of ops.
 * Built by {@link IrBuilder#finish(long)}; passes return new blocks. Exits are numbered in op order
 * ({@link #exits()}): the engines report which exit a run left by that index.
 */
public final class IrBlock {
    private final CpuLayout layout;
    private final long startPc;
    private final long guestLength;
    private final List<Op> ops;
    private final List<Type> tempTypes;
    private final int labelCount;
    private final List<Op> exits;
    private final long[] insnPcs;

    public IrBlock(CpuLayout layout, long startPc, long guestLength, List<Op> ops, List<Type> tempTypes, int labelCount) {
        this.layout = layout;
        this.startPc = startPc;
        this.guestLength = guestLength;
        this.ops = List.copyOf(ops);
        this.tempTypes = List.copyOf(tempTypes);
        this.labelCount = labelCount;
        // plain loops, no boxed PCs or streams: each pass makes a new block, and a guest's start-up translates
        // hundreds of blocks in HotSpot's bytecode interpreter, where a stream pipeline costs tens of calls
        List<Op> ex = new ArrayList<>();
        long[] pcs = new long[8];
        int n = 0;
        for (Op op : this.ops) {
            if (op.opc.isExit()) {
                ex.add(op);
            } else if (op.opc == Opcode.INSN_START) {
                if (n == pcs.length) {
                    pcs = java.util.Arrays.copyOf(pcs, n * 2);
                }
                pcs[n++] = op.imm;
            }
        }
        this.exits = List.copyOf(ex);
        this.insnPcs = n == pcs.length ? pcs : java.util.Arrays.copyOf(pcs, n);
    }

    /** Same block with other ops (what passes return). */
    public IrBlock withOps(List<Op> newOps) {
        return new IrBlock(layout, startPc, guestLength, newOps, tempTypes, labelCount);
    }

    public CpuLayout layout() { return layout; }
    public long startPc() { return startPc; }
    /** Guest bytes covered (the block's pages are those of [startPc, startPc + guestLength - 1]). */
    public long guestLength() { return guestLength; }
    public List<Op> ops() { return ops; }
    /** Type of temp {@code i}. */
    public List<Type> tempTypes() { return tempTypes; }
    public int labelCount() { return labelCount; }
    /** Exit ops in op order; an engine's exit index refers to this list. */
    public List<Op> exits() { return exits; }
    /** Guest PCs of the instructions, from insn_start markers. */
    public long[] insnPcs() { return insnPcs.clone(); }
    public int insnCount() { return insnPcs.length; }

    @Override
    public String toString() {
        return IrPrinter.print(this);
    }
}
