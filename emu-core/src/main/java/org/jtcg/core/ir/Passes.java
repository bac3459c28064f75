package org.jtcg.core.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IR optimisation passes. Each takes a block and returns an equivalent one:
 * identical final globals, memory, exit and fault behaviour (the property test runs every
 * random program with and without them under both engines).
 *
 * <p>Facts (constants, copies) are tracked only inside straight-line regions: every label
 * forgets them, since another path may reach it.
 */
public final class Passes {
    private Passes() {}

    /** The standard pipeline: unreachable code, constant folding + copy propagation, dead code, repeated. */
    public static IrBlock optimize(IrBlock block) {
        IrBlock b = block;
        for (int round = 0; round < 2; round++) {
            b = removeUnreachable(b);
            b = foldAndPropagate(b);
            b = eliminateDeadCode(b);
        }
        return b;
    }

    /** Drops ops after an unconditional exit/br up to the next label, and labels nobody branches to. */
    public static IrBlock removeUnreachable(IrBlock block) {
        BitSet used = new BitSet();
        for (Op op : block.ops()) {
            if (op.opc == Opcode.BR || op.opc == Opcode.BRCOND) {
                used.set(op.aux1);
            }
        }
        List<Op> out = new ArrayList<>();
        boolean dead = false;
        for (Op op : block.ops()) {
            if (op.opc == Opcode.LABEL) {
                if (!used.get(op.aux1)) {
                    continue; // unreferenced: only fallthrough reaches it
                }
                dead = false;
            }
            if (dead) {
                continue;
            }
            // a br to the label that immediately follows is a no-op; keep it simple: leave it
            out.add(op);
            if (op.opc.isTerminal()) {
                dead = true;
            }
        }
        return block.withOps(out);
    }

    /**
     * Forward constant folding and copy propagation within straight-line regions. Pure ops with
     * all-constant inputs become CONST; brcond with constant inputs becomes br or disappears;
     * a few identities (x+0, x*1, x&-1, x|0, x^0, shifts by 0) become MOV.
     */
    public static IrBlock foldAndPropagate(IrBlock block) {
        Map<Val, Long> consts = new HashMap<>();
        Map<Val, Val> copies = new HashMap<>();
        List<Op> out = new ArrayList<>();
        for (Op op : block.ops()) {
            if (op.opc == Opcode.LABEL) {
                consts.clear();
                copies.clear();
                out.add(op);
                continue;
            }
            // substitute copies in args
            Val[] args = op.args;
            Val[] na = null;
            for (int i = 0; i < args.length; i++) {
                Val src = copies.get(args[i]);
                if (src != null) {
                    if (na == null) {
                        na = args.clone();
                    }
                    na[i] = src;
                }
            }
            if (na != null) {
                op = op.withArgs(na);
            }
            Op folded = fold(op, consts);
            if (folded == null) {
                continue; // never-taken brcond
            }
            op = folded;
            out.add(op);
            // what this op invalidates
            if (op.dst != null) {
                kill(op.dst, consts, copies);
            }
            if (op.opc == Opcode.CALL && op.helper.writesGlobals()) {
                consts.keySet().removeIf(Val::isGlobal);
                copies.entrySet().removeIf(e -> e.getKey().isGlobal() || e.getValue().isGlobal());
            }
            // what it establishes
            if (op.opc == Opcode.CONST) {
                consts.put(op.dst, op.imm);
            } else if (op.opc == Opcode.MOV && !op.args[0].equals(op.dst)) {
                Long c = consts.get(op.args[0]);
                if (c != null) {
                    consts.put(op.dst, c);
                }
                copies.put(op.dst, op.args[0]);
            }
            if (op.opc.isTerminal()) {
                consts.clear();
                copies.clear();
            }
        }
        return block.withOps(out);
    }

    private static void kill(Val v, Map<Val, Long> consts, Map<Val, Val> copies) {
        consts.remove(v);
        copies.remove(v);
        copies.values().removeIf(v::equals);
    }

    private static Op fold(Op op, Map<Val, Long> consts) {
        if (op.opc == Opcode.BRCOND) {
            Long a = consts.get(op.args[0]), b = consts.get(op.args[1]);
            if (a != null && b != null) {
                return IrSemantics.cond(op.cond, op.type, a, b) ? Op.branch(op.aux1) : null;
            }
            return op;
        }
        if (!op.opc.isPure() || op.opc == Opcode.CONST) {
            return op;
        }
        if (op.opc == Opcode.SETCOND) {
            Long a = consts.get(op.args[0]), b = consts.get(op.args[1]);
            return a != null && b != null ? Op.constant(op.dst, IrSemantics.cond(op.cond, op.type, a, b) ? 1 : 0) : op;
        }
        if (op.opc == Opcode.MOVCOND) {
            Long a = consts.get(op.args[0]), b = consts.get(op.args[1]);
            if (a != null && b != null) {
                Val pick = IrSemantics.cond(op.cond, op.args[0].type(), a, b) ? op.args[2] : op.args[3];
                Long c = consts.get(pick);
                return c != null ? Op.constant(op.dst, c) : Op.move(op.dst, pick);
            }
            return op;
        }
        Long a = consts.get(op.args[0]);
        Long b = op.args.length > 1 ? consts.get(op.args[1]) : Long.valueOf(0);
        if (a != null && b != null) {
            return Op.constant(op.dst, IrSemantics.eval(op, a, b));
        }
        if (op.args.length == 2 && b != null) {
            long k = b;
            boolean identity = switch (op.opc) {
                case ADD, SUB, OR, XOR -> op.type.norm(k) == 0;
                case SHL, SHR, SAR, ROTL, ROTR -> (k & (op.type.bits - 1)) == 0;
                case MUL -> k == 1;
                case AND -> op.type.norm(k) == -1;
                default -> false;
            };
            if (identity) {
                return Op.move(op.dst, op.args[0]);
            }
        }
        return op;
    }

    /**
     * Dead-code elimination: pure ops (and pure helper calls) whose temp result is never read
     * anywhere, and dead global writes: a pure op writing global g is dropped when, later in the
     * same straight-line region, g is written again before anything can observe it (a read of g,
     * a label, a branch, an exit, a load/store (may fault) or a non-pure helper call). This is the
     * dead-flag elimination of lazy-flag frontends.
     */
    public static IrBlock eliminateDeadCode(IrBlock block) {
        List<Op> ops = new ArrayList<>(block.ops());
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<Val> readTemps = new HashSet<>();
            for (Op op : ops) {
                for (Val v : op.args) {
                    if (v.isTemp()) {
                        readTemps.add(v);
                    }
                }
            }
            Set<Val> overwritten = new HashSet<>();
            List<Op> kept = new ArrayList<>(ops.size());
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op op = ops.get(i);
                boolean removable = op.opc.isPure() || (op.opc == Opcode.CALL && op.helper.isPure());
                if (removable && op.dst != null) {
                    boolean dead = op.dst.isTemp() ? !readTemps.contains(op.dst) : overwritten.contains(op.dst);
                    if (op.opc == Opcode.MOV && op.dst.equals(op.args[0])) {
                        dead = true;
                    }
                    if (dead) {
                        changed = true;
                        continue;
                    }
                }
                if (op.opc == Opcode.CALL && op.helper.isPure() && op.dst == null) {
                    changed = true;
                    continue;
                }
                kept.add(op);
                // state just before op: its write, then its reads, then anything that may observe
                // all globals first (a faulting load observes the old value of its own destination)
                if (op.dst != null && op.dst.isGlobal()) {
                    overwritten.add(op.dst);
                }
                for (Val v : op.args) {
                    overwritten.remove(v);
                }
                if (op.opc == Opcode.LABEL || op.opc == Opcode.BR || op.opc == Opcode.BRCOND || op.mayObserveGlobals()) {
                    overwritten.clear();
                }
            }
            java.util.Collections.reverse(kept);
            ops = kept;
        }
        return block.withOps(ops);
    }
}
