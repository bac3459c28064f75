package org.jtcg.core.jit;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which guest memory accesses of a method share one soft-TLB probe ({@link GuestMemoryAccess}, raw mode).
 *
 * <p>A method keeps one cached page per access kind (read, write) in locals: the page a probe matched and
 * its host addend. A later access of the same kind whose last byte lies in that page skips the probe (one
 * compare with a local instead of the index computation and two host loads). The cache lives only inside
 * a <em>segment</em>: straight-line code between two join points. A segment ends at every LABEL (a join:
 * other paths did not fill the cache) and every CALL (conservatively: helpers run arbitrary Java), and every
 * exit or BR ends its path; a method's blocks start new segments. So a cached page is always one this
 * thread's TLB held, with that permission, earlier on the same straight path through no loop; the window in
 * which another thread's munmap/mprotect shoot-down is not yet seen grows from one access to one segment,
 * which stays bounded (no back edge inside). Stores to pages with translated code never hit (their write
 * tag is never filled), so they still reach the self-modifying-code check; faults still come from the
 * slow path at the faulting access itself.
 *
 * <p>Which accesses use the cache is a heuristic (the cache is correct for any address): the address's
 * <em>root</em> is followed through MOV and through ADD/SUB of a constant, so {@code 8(%rsp)} and
 * {@code 16(%rsp)}, a push sequence ({@code rsp = rsp - 8} each), or struct fields off one pointer share a
 * root. An access <em>fills</em> the cache only when the next access of its kind in the segment has its
 * root (a fill costs two local stores), and that next access <em>uses</em> it (a use that misses costs one
 * compare before the full probe), so alternating roots (a stack slot and an array) keep the plain probe.
 */
final class PageReusePlan {
    /** The access compares its page with the cache before probing. */
    static final int USE = 1;
    /** The access's probe, when it hits, stores its page and addend in the cache. */
    static final int FILL = 2;

    private final Map<Op, Integer> flags = new IdentityHashMap<>();
    private final Map<Op, Boolean> seen = new IdentityHashMap<>();
    /** Accesses seen more than once (a shared Op object): always plain. */
    private final Map<Op, Boolean> repeated = new IdentityHashMap<>();

    PageReusePlan(List<IrBlock> blocks) {
        for (IrBlock block : blocks) {
            planBlock(block.ops());
        }
        for (Op op : repeated.keySet()) {
            flags.remove(op);
        }
    }

    /** USE and FILL bits for a LOAD or STORE op (0: the plain probe). */
    int flags(Op op) {
        return flags.getOrDefault(op, 0);
    }

    /** Whether any access of the method uses the cache (its locals are needed). */
    boolean any() {
        return !flags.isEmpty();
    }

    private record Access(Op op, boolean write, int root) {}

    private void planBlock(List<Op> ops) {
        Roots roots = new Roots();
        List<Access> segment = new ArrayList<>();
        for (Op op : ops) {
            switch (op.opc) {
                case LABEL -> {
                    planSegment(segment);
                    roots = new Roots(); // values reaching a join may differ per path
                }
                case CALL -> {
                    planSegment(segment);
                    roots = new Roots(); // the helper may write globals
                }
                case LOAD -> segment.add(access(op, false, roots.of(op.args[0])));
                case STORE -> segment.add(access(op, true, roots.of(op.args[1])));
                default -> {
                    if (op.opc.isTerminal()) {
                        planSegment(segment);
                    }
                }
            }
            if (op.dst != null) {
                roots.define(op);
            }
        }
        planSegment(segment);
    }

    private Access access(Op op, boolean write, int root) {
        if (seen.put(op, Boolean.TRUE) != null) {
            repeated.put(op, Boolean.TRUE);
        }
        return new Access(op, write, root);
    }

    /**
     * Decides USE/FILL for one segment's accesses and empties the list: an access uses the cache when the
     * previous access of its kind (read or write) has its root, and fills it when the next one has.
     */
    private void planSegment(List<Access> segment) {
        Access[] last = new Access[2]; // per kind: the previous access
        for (Access a : segment) {
            int kind = a.write ? 1 : 0;
            Access prev = last[kind];
            if (prev != null && prev.root == a.root) {
                flags.merge(prev.op, FILL, (x, y) -> x | y);
                flags.merge(a.op, USE, (x, y) -> x | y);
            }
            last[kind] = a;
        }
        segment.clear();
    }

    /** Address roots of a block's values: ids shared by values that differ from one another by a constant. */
    private static final class Roots {
        private final Map<Val, Integer> root = new HashMap<>();
        private final BitSet constantTemps = new BitSet();
        private int next;

        int of(Val v) {
            Integer r = root.get(v);
            if (r == null) {
                r = next++;
                root.put(v, r);
            }
            return r;
        }

        void define(Op op) {
            Val d = op.dst;
            int r;
            if (op.opc == Opcode.MOV) {
                r = of(op.args[0]);
            } else if (op.opc == Opcode.ADD && isConstant(op.args[1])) {
                r = of(op.args[0]);
            } else if (op.opc == Opcode.ADD && isConstant(op.args[0])) {
                r = of(op.args[1]);
            } else if (op.opc == Opcode.SUB && isConstant(op.args[1])) {
                r = of(op.args[0]);
            } else {
                r = next++;
            }
            root.put(d, r);
            if (d.isTemp()) {
                constantTemps.set(d.index(), op.opc == Opcode.CONST);
            }
        }

        private boolean isConstant(Val v) {
            return v.isTemp() && constantTemps.get(v.index());
        }
    }
}
