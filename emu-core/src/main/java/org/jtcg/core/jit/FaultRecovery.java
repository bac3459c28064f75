package org.jtcg.core.jit;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which pure ops the generated code can skip because their result is needed only if a later
 * memory access faults, and how the fault handler recomputes them (QEMU's restore-state-at-fault
 * model, with the per-instruction data being the skipped ops themselves).
 *
 * <p>A pure op writing global g is <em>fault-only</em> when, in a straight line after it (no label,
 * branch, exit or non-pure call), g is written again before anything reads it, and loads/stores lie
 * in between: on every normal path the value is dead (the IR's dead-code pass keeps it only because
 * a load or store may fault and a fault stores every global). Lazy-flag and NZCV writes followed by a
 * memory access and the next flag-setting instruction are the common case. Such an op is not
 * emitted; each access inside its window is a <em>fault point</em> that gets a recovery id, which the
 * code stores into a local right before the access. The fault handler switches on that id and runs
 * the skipped ops of the window (plus the skipped temp computations feeding them) from the locals as
 * they are at the fault, then stores every written global as before. This is exact because the
 * skipped op's operands are required to be unchanged between the op and each of its fault points
 * (checked here), so recomputing gives the value the op would have written.
 *
 * <p>A pure op writing a temp is skipped too when every reader is skipped, it reaches them in a
 * straight line, and its operands are unchanged up to the last fault point of its readers.
 *
 * <p>The IR and the interpreter are untouched: the interpreter simply computes everything, so the
 * engine-equivalence property test (random programs with faulting loads and stores) checks this
 * plan against the eager reference. {@code -Djtcg.faultRecovery=false} turns it off (for A/B runs).
 */
final class FaultRecovery {
    static final boolean ENABLED = !"false".equals(System.getProperty("jtcg.faultRecovery"));

    private final boolean[][] skipped;
    private final int[][] recoveryId;
    private final List<Integer> recoveryBlock = new ArrayList<>();
    private final List<List<Op>> recoveryOps = new ArrayList<>();
    private int skippedCount;
    /** Across region jumps (see {@link RegionCarry}): per block its tail writes carried to successors. */
    private final RegionCarry carry;

    FaultRecovery(List<IrBlock> blocks) {
        this(blocks, noTargets(blocks));
    }

    /** @param targets per block and exit: the region block a direct exit continues at, or -1 */
    FaultRecovery(List<IrBlock> blocks, int[][] targets) {
        int n = blocks.size();
        skipped = new boolean[n][];
        recoveryId = new int[n][];
        recoveryBlock.add(-1); // id 0: nothing to recompute
        recoveryOps.add(List.of());
        carry = ENABLED ? new RegionCarry(blocks, targets) : null;
        for (int m = 0; m < n; m++) {
            plan(m, blocks.get(m).ops());
        }
    }

    private static int[][] noTargets(List<IrBlock> blocks) {
        int[][] t = new int[blocks.size()][];
        for (int m = 0; m < t.length; m++) {
            t[m] = new int[blocks.get(m).exits().size()];
            java.util.Arrays.fill(t[m], -1);
        }
        return t;
    }

    /** Carried-tail information (never null while enabled with any carried edge). */
    RegionCarry carry() {
        return carry;
    }

    /** Whether some region jump carries skipped writes (the method then keeps a carry-id local). */
    boolean anyCarry() {
        return carry != null && carry.any();
    }

    /** Whether any access needs recovery code (the method then keeps a recovery-id local). */
    boolean any() {
        return recoveryOps.size() > 1;
    }

    /** Whether op i of block m is left out of the normal path. */
    boolean skipped(int m, int i) {
        return skipped[m][i];
    }

    /** The recovery id of the access at op i of block m (0: none). */
    int recoveryId(int m, int i) {
        return recoveryId[m][i];
    }

    /** Recovery ids are 1..count(). */
    int count() {
        return recoveryOps.size() - 1;
    }

    int blockOf(int id) {
        return recoveryBlock.get(id);
    }

    /** The skipped ops to run, in program order, when the access with this id faults. */
    List<Op> opsOf(int id) {
        return recoveryOps.get(id);
    }

    int skippedCount() {
        return skippedCount;
    }

    private void plan(int m, List<Op> ops) {
        int n = ops.size();
        boolean[] skip = new boolean[n];
        int[] ids = new int[n];
        skipped[m] = skip;
        recoveryId[m] = ids;
        if (!ENABLED) {
            return;
        }
        // fault points of each skipped global write; horizon = last fault point that may need op i
        @SuppressWarnings("unchecked")
        List<Integer>[] faults = new List[n];
        int[] horizon = new int[n];
        for (int i = 0; i < n; i++) {
            Op op = ops.get(i);
            if (op.opc.isPure() && op.dst != null && op.dst.isGlobal()) {
                List<Integer> fp = globalWriteWindow(ops, i);
                if (fp != null) {
                    skip[i] = true;
                    faults[i] = fp;
                    horizon[i] = fp.get(fp.size() - 1);
                }
            }
        }
        if (carry != null && carry.carriesFrom(m)) {
            // tail writes observed only at the block's exits: skipped here, recomputed at the exits
            // that do not carry them, carried into the successors that overwrite them
            for (int i : carry.tailWrites(m)) {
                skip[i] = true;
                faults[i] = carry.tailFaultPoints(m, i);
                horizon[i] = n;
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = n - 1; d >= 0; d--) {
                if (!skip[d] && skippableTemp(ops, d, skip, horizon)) {
                    skip[d] = true;
                    changed = true;
                }
            }
        }
        // recovery sets per fault point: the skipped global writes whose window holds it + feeding temps
        BitSet[] needed = new BitSet[n];
        BitSet tail = new BitSet();
        for (int i = 0; i < n; i++) {
            if (faults[i] == null) {
                continue;
            }
            BitSet slice = new BitSet();
            addSlice(ops, i, skip, slice);
            if (horizon[i] == n) {
                tail.or(slice);
            }
            for (int p : faults[i]) {
                if (needed[p] == null) {
                    needed[p] = new BitSet();
                }
                needed[p].or(slice);
            }
        }
        for (int p = 0; p < n; p++) {
            if (needed[p] != null) {
                List<Op> list = new ArrayList<>();
                for (int k = needed[p].nextSetBit(0); k >= 0; k = needed[p].nextSetBit(k + 1)) {
                    list.add(ops.get(k));
                }
                ids[p] = recoveryOps.size();
                recoveryOps.add(list);
                recoveryBlock.add(m);
            }
        }
        for (boolean s : skip) {
            skippedCount += s ? 1 : 0;
        }
        if (!tail.isEmpty()) {
            List<Op> list = new ArrayList<>();
            for (int k = tail.nextSetBit(0); k >= 0; k = tail.nextSetBit(k + 1)) {
                list.add(ops.get(k));
            }
            carry.setMaterialize(m, list);
        }
    }

    /**
     * For the pure global write at i: the accesses between it and the next write of its global,
     * or null when the write is not fault-only (read before being overwritten, control flow or a
     * non-pure call in between, no access in between, or an operand changes before an access).
     */
    private static List<Integer> globalWriteWindow(List<Op> ops, int i) {
        Op op = ops.get(i);
        Val g = op.dst;
        int firstClobber = Integer.MAX_VALUE;
        List<Integer> fp = new ArrayList<>();
        for (int j = i + 1; j < ops.size(); j++) {
            Op q = ops.get(j);
            if (reads(q, g)) {
                return null;
            }
            if (q.opc == Opcode.LOAD || q.opc == Opcode.STORE) {
                if (j > firstClobber) {
                    return null; // an operand changed before this access (a load's own dst is written after it faults)
                }
                fp.add(j);
            } else if (!passesThrough(q)) {
                return null;
            }
            if (q.dst != null) {
                if (q.dst.equals(g)) {
                    return fp.isEmpty() ? null : fp;
                }
                if (firstClobber == Integer.MAX_VALUE && reads(op, q.dst)) {
                    firstClobber = j;
                }
            }
        }
        return null;
    }

    /** Ops inside a window that neither fault nor observe globals nor change control flow. */
    static boolean passesThrough(Op q) {
        return q.opc.isPure() || q.opc == Opcode.INSN_START || q.opc.isVector()
                || (q.opc == Opcode.CALL && q.helper.isPure());
    }

    /**
     * A pure temp definition at d whose readers are all skipped, that reaches them in a straight
     * line, is the temp's only definition, and whose operands stay unchanged up to the readers'
     * last fault point.
     */
    private static boolean skippableTemp(List<Op> ops, int d, boolean[] skip, int[] horizon) {
        Op op = ops.get(d);
        if (!op.opc.isPure() || op.dst == null || !op.dst.isTemp()) {
            return false;
        }
        Val t = op.dst;
        int last = -1, lastReader = -1;
        for (int j = 0; j < ops.size(); j++) {
            Op q = ops.get(j);
            if (j != d && t.equals(q.dst)) {
                return false; // more than one definition
            }
            if (reads(q, t)) {
                if (!skip[j] || j < d) {
                    return false;
                }
                last = Math.max(last, horizon[j]);
                lastReader = j;
            }
        }
        if (last < 0) {
            return false; // unread: the dead-code pass's business
        }
        for (int j = d + 1; j < Math.min(last, ops.size()); j++) {
            Op q = ops.get(j);
            if (j < lastReader && (q.opc == Opcode.LABEL || q.opc == Opcode.BR || q.opc == Opcode.BRCOND || q.opc.isTerminal())) {
                return false; // the definition must reach its readers in a straight line
            }
            if (q.dst != null && reads(op, q.dst)) {
                return false;
            }
        }
        horizon[d] = last;
        return true;
    }

    /** Adds op i and the skipped temp definitions it reads, transitively. */
    private static void addSlice(List<Op> ops, int i, boolean[] skip, BitSet slice) {
        if (slice.get(i)) {
            return;
        }
        slice.set(i);
        for (Val a : ops.get(i).args) {
            if (!a.isTemp()) {
                continue;
            }
            for (int d = i - 1; d >= 0; d--) {
                if (a.equals(ops.get(d).dst)) {
                    if (skip[d]) {
                        addSlice(ops, d, skip, slice);
                    }
                    break;
                }
            }
        }
    }

    static boolean reads(Op q, Val v) {
        for (Val a : q.args) {
            if (a.equals(v)) {
                return true;
            }
        }
        return false;
    }
}
