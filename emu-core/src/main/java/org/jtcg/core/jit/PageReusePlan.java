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
 * These two caches are slots {@link #READ_SLOT} and {@link #WRITE_SLOT}.
 *
 * <p><b>Loop slots.</b> In a region, the accesses of a block that jumps back to itself (a one-block guest
 * loop: the innermost loops, where the time goes) each get a slot of their own that lives for the whole
 * method, across its joins and back edges:
 * every such access first compares its page with its slot (USE) and, when that misses, probes and on a hit
 * stores its page and addend there (FILL). So from its loop's second iteration on, an access to the page it
 * touched last time costs one compare instead of a probe. Accesses of one segment with the same kind and
 * root share a slot. A slot holds either -1 or a (page, addend) pair this thread's TLB held with that
 * permission since the method read the TLB's generation ({@link org.jtcg.core.memory.SoftTlb#GENERATION_OFFSET})
 * at entry or since the last back edge. Every back edge compares that generation (RegionMethod) and leaves
 * the region when it changed, so the next entry starts with empty slots; the window in which another thread's
 * munmap/mprotect shoot-down or a page becoming code is not yet seen is thus bounded by one loop iteration
 * through at most the region's blocks, the same argument as for one segment above. This thread's own
 * mapping changes are syscalls, which are exits (helpers never map or unmap), so they are never inside the
 * window. Stores still never cache a page with translated code (only a write-tag hit fills a write slot),
 * and a miss still takes the probe and then the slow path at the access itself, so faults stay precise.
 * A block with a backward branch inside it (an IR loop within one guest instruction, e.g. a string op) keeps
 * the segment caches: its internal back edge has no generation check.
 *
 * <p>Why only one-block loops: slots for every block on a cycle of the region (loops of several blocks too)
 * made lzwork 7-10% slower on arm64 and s390x (CPU, 3 alternating rounds): such regions are entered millions
 * of times for a few iterations each, and every entry starts with empty slots that the first pass fills, while
 * their kernels gained nothing more than with one-block loops alone.
 */
final class PageReusePlan {
    /** The access compares its page with the cache before probing. */
    static final int USE = 1;
    /** The access's probe, when it hits, stores its page and addend in the cache. */
    static final int FILL = 2;
    /** The slot of the straight-line read cache; {@link #WRITE_SLOT} the write cache's; loop slots follow. */
    static final int READ_SLOT = 0, WRITE_SLOT = 1;

    private final Map<Op, Integer> flags = new IdentityHashMap<>();
    private final Map<Op, Integer> slots = new IdentityHashMap<>();
    private int slotCount = 2;
    private boolean loopSlots;
    private final Map<Op, Boolean> seen = new IdentityHashMap<>();
    /** Accesses seen more than once (a shared Op object): always plain. */
    private final Map<Op, Boolean> repeated = new IdentityHashMap<>();

    /**
     * {@code -Djtcg.loopPageSlots=true} turns loop slots on. Off by default since the round-9 end-of-round
     * measurement: x86-64 fpwork CPU +15-30 % with them, arm64/s390x lzwork +4-6 %, the other programs within
     * noise; only table-lookup kernels gained (docs/performance.md "Round 9 — end of round").
     */
    static final boolean LOOP_SLOTS = "true".equals(System.getProperty("jtcg.loopPageSlots"));

    /** The plan of a method without region jumps (no loop slots). */
    PageReusePlan(List<IrBlock> blocks) {
        this(blocks, new int[blocks.size()][0]);
    }

    /** @param targets per block and exit: the region block that exit jumps to, or -1 (RegionMethod's table) */
    PageReusePlan(List<IrBlock> blocks, int[][] targets) {
        for (int m = 0; m < blocks.size(); m++) {
            List<Op> ops = blocks.get(m).ops();
            planBlock(ops, LOOP_SLOTS && jumpsToItself(targets[m], m) && !hasInternalBackBranch(ops));
        }
        for (Op op : repeated.keySet()) {
            flags.remove(op);
            slots.remove(op);
        }
        loopSlots = slots.values().stream().anyMatch(k -> k > WRITE_SLOT);
    }

    /** USE and FILL bits for a LOAD or STORE op (0: the plain probe). */
    int flags(Op op) {
        return flags.getOrDefault(op, 0);
    }

    /** Whether any access of the method uses the cache (its locals are needed). */
    boolean any() {
        return !flags.isEmpty();
    }

    /** The slot whose locals an access with flags uses ({@link #READ_SLOT}, {@link #WRITE_SLOT} or a loop slot). */
    int slot(Op op) {
        return slots.getOrDefault(op, -1);
    }

    /** Number of slots the method's locals must hold (the first two exist even when unused). */
    int slotCount() {
        return slotCount;
    }

    /** Whether some slot lives across back edges: the method must compare the TLB generation there. */
    boolean hasLoopSlots() {
        return loopSlots;
    }

    /** Whether one of a block's exits jumps back to the block itself (a one-block loop). */
    private static boolean jumpsToItself(int[] exitTargets, int block) {
        for (int t : exitTargets) {
            if (t == block) {
                return true;
            }
        }
        return false;
    }

    /** Whether a BR or BRCOND of the block jumps back to a label placed before it. */
    private static boolean hasInternalBackBranch(List<Op> ops) {
        BitSet placed = new BitSet();
        for (Op op : ops) {
            if (op.opc == Opcode.LABEL) {
                placed.set(op.aux1);
            } else if ((op.opc == Opcode.BR || op.opc == Opcode.BRCOND) && placed.get(op.aux1)) {
                return true;
            }
        }
        return false;
    }

    private record Access(Op op, boolean write, int root) {}

    /**
     * Plans one block's accesses. In a loop block every access gets a loop slot, shared by its segment's
     * accesses of one kind and root. Measured on x86-64 kernels (steady state, thread CPU time, round 9):
     * a CRC-32 table loop -35%, a random walk over 32 pages (slots mostly miss) and sequential/string loops
     * unchanged; slots only for addresses computed from loaded data, or only for register-plus-constant
     * addresses, each kept half of the CRC gain and lost nothing elsewhere, so every access gets one.
     * Accesses outside loop blocks take part in the segment caches.
     */
    private void planBlock(List<Op> ops, boolean loop) {
        Roots roots = new Roots();
        List<Access> segment = new ArrayList<>();
        Map<Integer, Integer> slotOf = new HashMap<>(); // loop slots of the segment: (root << 1 | kind) -> slot
        for (Op op : ops) {
            switch (op.opc) {
                case LABEL -> {
                    planSegment(segment);
                    roots = new Roots(); // values reaching a join may differ per path
                    slotOf.clear();      // (the loop slots' contents stay valid: they are checked by page)
                }
                case CALL -> {
                    planSegment(segment);
                    roots = new Roots(); // the helper may write globals
                    slotOf.clear();
                }
                case LOAD, STORE -> {
                    boolean write = op.opc == Opcode.STORE;
                    int root = roots.of(op.args[write ? 1 : 0]);
                    Access a = access(op, write, root);
                    if (loop) {
                        slots.put(op, slotOf.computeIfAbsent(root << 1 | (write ? 1 : 0), k -> slotCount++));
                        flags.put(op, USE | FILL);
                    } else {
                        segment.add(a);
                    }
                }
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
                slots.put(prev.op, kind == 1 ? WRITE_SLOT : READ_SLOT);
                slots.put(a.op, kind == 1 ? WRITE_SLOT : READ_SLOT);
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
