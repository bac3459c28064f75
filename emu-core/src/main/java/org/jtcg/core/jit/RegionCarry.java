package org.jtcg.core.jit;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/**
 * Flag liveness across the blocks of a region: a block's last writes of flag-like globals that
 * its region successor overwrites before reading them (the next compare of a loop) are skipped,
 * and recomputed only where something could observe them.
 *
 * <p>For block A, a <em>tail write</em> is a pure write of global g after which A neither reads
 * nor writes g (control flow inside A only forward, no non-pure call, no operand changed later in
 * A) and whose value can be <em>rematerialised from globals</em> at A's end: its operands are
 * globals A does not write afterwards, temps a later {@code h = mov t} still holds in h, or temps
 * recomputed the same way. A direct exit of A into region block B <em>carries</em> A's tail writes
 * when B, in a straight line from its start (no label, branch, exit or non-pure call first),
 * overwrites every carried global before reading it, and B's loads/stores either come before the
 * first write of a carried global or of a global the rematerialisation reads (position
 * {@link #carryReset}), or after all carried globals are overwritten.
 *
 * <p>Where the values are needed instead:
 * <ul>
 * <li>a fault in A after the write: A's own recovery id (as inside one block);</li>
 * <li>any exit of A that does not carry them, including the leave path of a carried jump (code
 * written, exit requested): {@link #materialize} ops emitted inline before the write-back;</li>
 * <li>a fault in B before {@link #carryReset}: the jump stored {@link #carryId} in a local, and the
 * fault handler runs {@link #carriedOps} (the rematerialisation, over A's temps) first.</li>
 * </ul>
 */
final class RegionCarry {
    private final List<IrBlock> blocks;
    private final int[][] targets;
    /** Per block: indices of its tail writes (empty when it carries nothing). */
    private final int[][] tailWrites;
    @SuppressWarnings("unchecked")
    private final List<Integer>[][] tailFaults;
    private final List<Op>[] remat;
    private final BitSet[] carried, inputs;
    /** Per block and exit: whether that exit carries the tail writes. */
    private final boolean[][] carries;
    private final int[] reset;
    private final int[] carryId;
    private final List<Op>[] materialize;
    private final List<Integer> idBlock = new ArrayList<>();
    private boolean any;

    @SuppressWarnings("unchecked")
    RegionCarry(List<IrBlock> blocks, int[][] targets) {
        this.blocks = blocks;
        this.targets = targets;
        int n = blocks.size();
        tailWrites = new int[n][];
        tailFaults = new List[n][];
        remat = new List[n];
        carried = new BitSet[n];
        inputs = new BitSet[n];
        carries = new boolean[n][];
        reset = new int[n];
        carryId = new int[n];
        materialize = new List[n];
        idBlock.add(-1);
        for (int m = 0; m < n; m++) {
            findTail(m);
            carries[m] = new boolean[targets[m].length];
            reset[m] = -1;
            materialize[m] = List.of();
        }
        if (n > 1 || hasInternalTarget()) {
            chooseEdges();
        }
        for (int m = 0; m < n; m++) {
            boolean c = false;
            for (boolean b : carries[m]) {
                c |= b;
            }
            if (c) {
                carryId[m] = idBlock.size();
                idBlock.add(m);
                any = true;
            } else {
                tailWrites[m] = new int[0];
            }
        }
    }

    private boolean hasInternalTarget() {
        for (int[] row : targets) {
            for (int t : row) {
                if (t >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean any() {
        return any;
    }

    boolean carriesFrom(int m) {
        return carryId[m] > 0;
    }

    int[] tailWrites(int m) {
        return tailWrites[m];
    }

    List<Integer> tailFaultPoints(int m, int i) {
        for (int k = 0; k < tailWrites[m].length; k++) {
            if (tailWrites[m][k] == i) {
                return tailFaults[m][k];
            }
        }
        throw new IllegalArgumentException("not a tail write: " + i);
    }

    /** Whether exit e of block m carries the block's tail writes into its region target. */
    boolean carries(int m, int e) {
        return carries[m][e];
    }

    /** The carry id a carried jump out of block m stores (1..count). */
    int carryId(int m) {
        return carryId[m];
    }

    int count() {
        return idBlock.size() - 1;
    }

    int blockOf(int id) {
        return idBlock.get(id);
    }

    /** The rematerialisation of block blockOf(id)'s tail writes from globals (emit with that block's temps). */
    List<Op> carriedOps(int id) {
        return remat[idBlock.get(id)];
    }

    /** Op index in block m before which the carry-id local is cleared, or -1. */
    int carryReset(int m) {
        return reset[m];
    }

    /** Ops recomputing block m's skipped tail writes at an exit that does not carry them. */
    List<Op> materialize(int m) {
        return materialize[m];
    }

    void setMaterialize(int m, List<Op> ops) {
        materialize[m] = ops;
    }

    // ---- analysis ----

    private void findTail(int m) {
        List<Op> ops = blocks.get(m).ops();
        int n = ops.size();
        int[] firstBranchTo = new int[blocks.get(m).labelCount()];
        java.util.Arrays.fill(firstBranchTo, Integer.MAX_VALUE);
        for (int j = 0; j < n; j++) {
            Op q = ops.get(j);
            if (q.opc == Opcode.BR || q.opc == Opcode.BRCOND) {
                firstBranchTo[q.aux1] = Math.min(firstBranchTo[q.aux1], j);
            }
        }
        List<Integer> writes = new ArrayList<>();
        List<List<Integer>> faults = new ArrayList<>();
        TreeMap<Integer, Op> slice = new TreeMap<>();
        BitSet c = new BitSet(), in = new BitSet();
        for (int i = 0; i < n; i++) {
            Op op = ops.get(i);
            if (!op.opc.isPure() || op.dst == null || !op.dst.isGlobal()) {
                continue;
            }
            List<Integer> fp = tailWindow(ops, i, firstBranchTo);
            if (fp == null) {
                continue;
            }
            TreeMap<Integer, Op> mine = new TreeMap<>();
            if (!rematerialize(ops, i, mine)) {
                continue;
            }
            writes.add(i);
            faults.add(fp);
            slice.putAll(mine);
            c.set(op.dst.index());
        }
        for (Op r : slice.values()) {
            for (Val a : r.args) {
                if (a.isGlobal()) {
                    in.set(a.index());
                }
            }
        }
        if (in.intersects(c)) { // a recomputation would read a skipped (stale) global
            writes.clear();
        }
        tailWrites[m] = writes.stream().mapToInt(Integer::intValue).toArray();
        @SuppressWarnings("unchecked")
        List<Integer>[] f = faults.toArray(new List[0]);
        tailFaults[m] = f;
        remat[m] = new ArrayList<>(slice.values());
        carried[m] = writes.isEmpty() ? new BitSet() : c;
        inputs[m] = in;
    }

    /**
     * The accesses after the pure global write at i, or null unless nothing after it in the block
     * reads or writes its global or changes one of its operands, control flow after it is forward
     * only (and no label after it is reached from before it), and no non-pure call follows.
     */
    private static List<Integer> tailWindow(List<Op> ops, int i, int[] firstBranchTo) {
        Op op = ops.get(i);
        Val g = op.dst;
        List<Integer> fp = new ArrayList<>();
        for (int j = i + 1; j < ops.size(); j++) {
            Op q = ops.get(j);
            if (FaultRecovery.reads(q, g) || g.equals(q.dst)) {
                return null;
            }
            if (q.dst != null && FaultRecovery.reads(op, q.dst)) {
                return null;
            }
            switch (q.opc) {
                case LOAD, STORE -> fp.add(j);
                case LABEL -> {
                    if (firstBranchTo[q.aux1] < i) {
                        return null;
                    }
                }
                case BR, BRCOND -> {
                    if (labelBefore(ops, q.aux1, j)) {
                        return null; // backward
                    }
                }
                default -> {
                    if (!q.opc.isExit() && !FaultRecovery.passesThrough(q)) {
                        return null;
                    }
                }
            }
        }
        return fp;
    }

    private static boolean labelBefore(List<Op> ops, int label, int j) {
        for (int k = 0; k < j; k++) {
            if (ops.get(k).opc == Opcode.LABEL && ops.get(k).aux1 == label) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds to out the ops that recompute op i from globals as they are at the block's end; false
     * when some operand is not available there.
     */
    private static boolean rematerialize(List<Op> ops, int i, TreeMap<Integer, Op> out) {
        if (out.containsKey(i)) {
            return true;
        }
        Op op = ops.get(i);
        if (!op.opc.isPure()) {
            return false;
        }
        Val[] args = op.args.clone();
        for (int k = 0; k < args.length; k++) {
            Val a = args[k];
            if (a.isGlobal()) {
                if (writtenAfter(ops, a, i)) {
                    return false;
                }
            } else {
                int d = uniqueDefinition(ops, a, i);
                if (d < 0) {
                    return false;
                }
                Val alias = globalHolding(ops, a, d);
                if (alias != null) {
                    args[k] = alias;
                } else if (!rematerialize(ops, d, out)) {
                    return false;
                }
            }
        }
        out.put(i, op.withArgs(args));
        return true;
    }

    private static boolean writtenAfter(List<Op> ops, Val v, int i) {
        for (int j = i + 1; j < ops.size(); j++) {
            if (v.equals(ops.get(j).dst)) {
                return true;
            }
        }
        return false;
    }

    /** The only op defining temp t, if it is before i; else -1. */
    private static int uniqueDefinition(List<Op> ops, Val t, int i) {
        int d = -1;
        for (int j = 0; j < ops.size(); j++) {
            if (t.equals(ops.get(j).dst)) {
                if (d >= 0) {
                    return -1;
                }
                d = j;
            }
        }
        return d < i ? d : -1;
    }

    /** A global h with {@code h = mov t} after d that nothing writes afterwards: h holds t at the block's end. */
    private static Val globalHolding(List<Op> ops, Val t, int d) {
        for (int j = d + 1; j < ops.size(); j++) {
            Op q = ops.get(j);
            if (q.opc == Opcode.MOV && q.dst.isGlobal() && q.args[0].equals(t) && !writtenAfter(ops, q.dst, j)) {
                return q.dst;
            }
        }
        return null;
    }

    /** Accepts the direct region jumps whose target overwrites the carried globals in time. */
    private void chooseEdges() {
        int n = blocks.size();
        boolean changed = true;
        while (changed) {
            changed = false;
            int[] v = new int[n];
            java.util.Arrays.fill(v, Integer.MAX_VALUE);
            for (boolean[] row : carries) {
                java.util.Arrays.fill(row, false);
            }
            for (int a = 0; a < n; a++) {
                if (tailWrites[a].length == 0) {
                    continue;
                }
                List<Op> exits = blocks.get(a).exits();
                for (int e = 0; e < exits.size(); e++) {
                    int b = targets[a][e];
                    if (b < 0 || exits.get(e).opc != Opcode.GOTO_DIRECT) {
                        continue;
                    }
                    int first = firstWrite(b, a);
                    carries[a][e] = first >= 0;
                    if (first >= 0) {
                        v[b] = Math.min(v[b], first);
                    }
                }
            }
            // with the earliest reset of each target, every carried edge must still be exact
            for (int a = 0; a < n; a++) {
                for (int e = 0; e < carries[a].length; e++) {
                    if (carries[a][e] && !exactWith(targets[a][e], a, v[targets[a][e]])) {
                        carries[a][e] = false;
                        tailWrites[a] = new int[0]; // conservative: one failure drops the block's carry
                        changed = true;
                    }
                }
            }
            if (!changed) {
                for (int b = 0; b < n; b++) {
                    reset[b] = v[b] == Integer.MAX_VALUE ? -1 : v[b];
                }
            }
        }
    }

    /** In block b: the first write of a carried or input global of block a, or -1 if the edge cannot carry. */
    private int firstWrite(int b, int a) {
        BitSet watch = (BitSet) carried[a].clone();
        watch.or(inputs[a]);
        List<Op> ops = blocks.get(b).ops();
        for (int j = 0; j < ops.size(); j++) {
            Op q = ops.get(j);
            if (q.dst != null && q.dst.isGlobal() && watch.get(q.dst.index())) {
                return exactWith(b, a, j) ? j : -1;
            }
            if (!q.opc.isPure() && q.opc != Opcode.INSN_START && q.opc != Opcode.LOAD && q.opc != Opcode.STORE
                    && !q.opc.isVector()) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Whether block b, with the carry id cleared before op {@code resetAt}, overwrites block a's
     * carried globals before reading them or leaving its straight-line start, with no access
     * between the reset and the last of those overwrites.
     */
    private boolean exactWith(int b, int a, int resetAt) {
        BitSet open = (BitSet) carried[a].clone();
        List<Op> ops = blocks.get(b).ops();
        for (int j = 0; j < ops.size() && !open.isEmpty(); j++) {
            Op q = ops.get(j);
            for (Val x : q.args) {
                if (x.isGlobal() && open.get(x.index())) {
                    return false;
                }
            }
            boolean access = q.opc == Opcode.LOAD || q.opc == Opcode.STORE;
            if (access && j >= resetAt) {
                return false;
            }
            if (!access && !q.opc.isPure() && q.opc != Opcode.INSN_START && !q.opc.isVector()
                    && !(q.opc == Opcode.CALL && q.helper.isPure())) {
                return false;
            }
            if (j < resetAt && q.dst != null && q.dst.isGlobal() && inputs[a].get(q.dst.index())) {
                return false; // a recomputation input changes before the reset
            }
            if (q.dst != null && q.dst.isGlobal()) {
                open.clear(q.dst.index());
            }
        }
        return open.isEmpty();
    }
}
