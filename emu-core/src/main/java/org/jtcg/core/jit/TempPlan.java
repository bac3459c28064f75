package org.jtcg.core.jit;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;

import java.util.BitSet;
import java.util.List;

/**
 * Where the temps of one IR block live in the generated method, from a definite-assignment
 * analysis of the block:
 * <ul>
 * <li>a temp written exactly once, by a {@code CONST} op, that is defined on every path to each of
 * its reads is <em>constant</em>: it gets no local, its reads push the constant and its definition
 * emits nothing;</li>
 * <li>every other temp gets a pool slot: the n-th such I64 temp of a block uses I64 slot n, the
 * n-th I32 temp I32 slot n. Blocks of a region share the pools, so a region needs as many locals
 * as its largest block rather than the sum of all (locals are zeroed once, in the prologue, which
 * keeps the JVM verifier's merges typed; the values do not matter there);</li>
 * <li>a temp that may be read before it is written on some path (the IR semantics then read 0) is
 * zeroed at every entry of the block ({@link #zeroAtEntry}); translators normally produce none.</li>
 * </ul>
 */
final class TempPlan {
    /** Per temp: its pool slot (index into the I64 or I32 pool by its type), or -1 when constant. */
    final int[] slot;
    /** Per temp: the value of a constant temp. */
    final long[] constant;
    /** Temps to zero at each entry of the block. */
    final BitSet zeroAtEntry;
    /** Pool slots used: I64 and I32. */
    final int longSlots, intSlots;

    TempPlan(IrBlock block) {
        List<Type> types = block.tempTypes();
        int n = types.size();
        List<Op> ops = block.ops();
        int[] defs = new int[n];
        Op[] lastDef = new Op[n];
        for (Op op : ops) {
            if (op.dst != null && op.dst.isTemp()) {
                defs[op.dst.index()]++;
                lastDef[op.dst.index()] = op;
            }
        }
        zeroAtEntry = readsBeforeDefinition(block, n);
        slot = new int[n];
        constant = new long[n];
        int longs = 0, ints = 0;
        for (int t = 0; t < n; t++) {
            if (defs[t] == 1 && lastDef[t].opc == Opcode.CONST && !zeroAtEntry.get(t)) {
                slot[t] = -1;
                constant[t] = lastDef[t].imm;
            } else if (types.get(t) == Type.I64) {
                slot[t] = longs++;
            } else {
                slot[t] = ints++;
            }
        }
        longSlots = longs;
        intSlots = ints;
    }

    boolean isConstant(int temp) {
        return slot[temp] < 0;
    }

    /**
     * Temps read at some point where they are not defined on every path from the block entry
     * (must-analysis over the block's labels and branches, iterated to a fixed point).
     */
    private static BitSet readsBeforeDefinition(IrBlock block, int temps) {
        List<Op> ops = block.ops();
        BitSet[] atLabel = new BitSet[block.labelCount()]; // null: no path seen yet (= everything defined)
        BitSet undefinedReads = new BitSet();
        boolean changed = true;
        while (changed) {
            changed = false;
            undefinedReads.clear();
            BitSet cur = new BitSet(); // defined temps; null while unreachable
            for (Op op : ops) {
                if (op.opc == Opcode.LABEL) {
                    BitSet in = atLabel[op.aux1];
                    if (cur == null) {
                        cur = in == null ? null : (BitSet) in.clone();
                    } else if (in == null) {
                        atLabel[op.aux1] = (BitSet) cur.clone();
                        changed = true;
                    } else {
                        cur.and(in);
                        if (!cur.equals(in)) {
                            atLabel[op.aux1] = (BitSet) cur.clone();
                            changed = true;
                        }
                    }
                    continue;
                }
                if (cur == null) {
                    continue; // unreachable code
                }
                for (Val a : op.args) {
                    if (a.isTemp() && !cur.get(a.index())) {
                        undefinedReads.set(a.index());
                    }
                }
                if (op.dst != null && op.dst.isTemp()) {
                    cur.set(op.dst.index());
                }
                if (op.opc == Opcode.BR || op.opc == Opcode.BRCOND) {
                    BitSet in = atLabel[op.aux1];
                    if (in == null) {
                        atLabel[op.aux1] = (BitSet) cur.clone();
                        changed = true;
                    } else {
                        BitSet meet = (BitSet) in.clone();
                        meet.and(cur);
                        if (!meet.equals(in)) {
                            atLabel[op.aux1] = meet;
                            changed = true;
                        }
                    }
                }
                if (op.opc.isTerminal()) {
                    cur = null;
                }
            }
        }
        return undefinedReads;
    }
}
