package org.jtcg.core.ir;

import java.util.ArrayList;
import java.util.Arrays;
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
final class ReferencePasses {
    private ReferencePasses() {}

    /** The standard pipeline: unreachable code, constant folding + copy propagation, dead code, repeated. */
    public static IrBlock optimize(IrBlock block) {
        IrBlock b = block;
        for (int round = 0; round < 2; round++) {
            b = removeUnreachable(b);
            b = foldAndPropagate(b);
            b = KnownWidth.narrow(b);
            b = DemandedBits.narrow(b);
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
        // temp -> the SETCOND that defined it, while neither the temp nor its operands changed
        Map<Val, Op> conditions = new HashMap<>();
        // pure expression -> the temp holding its value, while neither the temp nor an operand changed
        Map<Expr, Val> available = new HashMap<>();
        List<Op> out = new ArrayList<>();
        for (Op op : block.ops()) {
            if (op.opc == Opcode.LABEL) {
                consts.clear();
                copies.clear();
                conditions.clear();
                available.clear();
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
            op = fuseCondition(folded, consts, conditions);
            Expr expr = null;
            if (op.opc.isPure() && op.opc != Opcode.CONST && op.opc != Opcode.MOV && op.dst != null) {
                expr = new Expr(op);
                Val holder = available.get(expr);
                if (holder != null && !holder.equals(op.dst)) {
                    op = Op.move(op.dst, holder); // the same value was computed above
                    expr = null;
                }
            }
            out.add(op);
            // what this op invalidates
            if (op.dst != null) {
                kill(op.dst, consts, copies);
                Val d = op.dst;
                conditions.entrySet().removeIf(e -> e.getKey().equals(d) || Arrays.asList(e.getValue().args).contains(d));
                available.entrySet().removeIf(e -> e.getValue().equals(d) || e.getKey().reads(d));
            }
            if (expr != null && op.dst.isTemp() && !expr.reads(op.dst)) {
                available.put(expr, op.dst);
            }
            if (op.opc == Opcode.CALL && op.helper.writesGlobals()) {
                available.entrySet().removeIf(e -> e.getKey().readsGlobal());
                consts.keySet().removeIf(Val::isGlobal);
                copies.entrySet().removeIf(e -> e.getKey().isGlobal() || e.getValue().isGlobal());
                conditions.entrySet().removeIf(e -> e.getKey().isGlobal()
                        || e.getValue().args[0].isGlobal() || e.getValue().args[1].isGlobal());
            }
            if (op.opc == Opcode.SETCOND && op.dst.isTemp() && !op.dst.equals(op.args[0]) && !op.dst.equals(op.args[1])) {
                conditions.put(op.dst, op);
            } else if (op.opc == Opcode.XOR && op.dst.isTemp() && conditions.containsKey(op.args[0])
                    && Long.valueOf(1).equals(consts.get(op.args[1]))) {
                // t = setcond c, a, b; u = t ^ 1  is  u = setcond !c, a, b (a negated flag, e.g. jne after ZF)
                Op set = conditions.get(op.args[0]);
                if (!op.dst.equals(set.args[0]) && !op.dst.equals(set.args[1])) {
                    conditions.put(op.dst, new Op(Opcode.SETCOND, set.type, op.dst, set.args, 0, 0, 0, set.cond.invert(),
                            false, false, null));
                }
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
                conditions.clear();
                available.clear();
            }
        }
        return block.withOps(out);
    }

    /** A pure op's computation without its destination: equal keys compute equal values from equal inputs. */
    private record Expr(Opcode opc, Type type, Type dstType, List<Val> args, long imm, int aux1, int aux2, Cond cond,
                        boolean signed) {
        Expr(Op op) {
            this(op.opc, op.type, op.dst.type(), List.of(op.args), op.imm, op.aux1, op.aux2, op.cond, op.signed);
        }

        boolean reads(Val v) {
            return args.contains(v);
        }

        boolean readsGlobal() {
            for (Val a : args) {
                if (a.isGlobal()) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code brcond ne t, 0} (or {@code eq}) where t = {@code setcond c, a, b} and a, b unchanged
     * since becomes {@code brcond c, a, b} (or the inverse): frontends compute a 0/1 condition and
     * branch on it; the fused form saves a compare, a select and a branch per guest jump (C1 does
     * not do this for us). The setcond stays for other readers; DCE drops it when there are none.
     */
    private static Op fuseCondition(Op op, Map<Val, Long> consts, Map<Val, Op> conditions) {
        if (op.opc != Opcode.BRCOND || (op.cond != Cond.NE && op.cond != Cond.EQ)) {
            return op;
        }
        Long zero = consts.get(op.args[1]);
        Op set = conditions.get(op.args[0]);
        if (set == null || zero == null || zero != 0) {
            return op;
        }
        Cond c = op.cond == Cond.NE ? set.cond : set.cond.invert();
        return new Op(Opcode.BRCOND, set.type, null, new Val[]{set.args[0], set.args[1]}, 0, op.aux1, 0, c,
                false, false, null);
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
        if (op.args.length == 2 && op.args[0].equals(op.args[1])) {
            switch (op.opc) {
                case XOR, SUB -> {
                    return Op.constant(op.dst, 0); // x ^ x, x - x
                }
                case AND, OR -> {
                    return Op.move(op.dst, op.args[0]);
                }
                default -> { }
            }
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
     * anywhere, and dead global writes: a pure op writing global g is dropped when, on every path
     * through the block's branches (backward ones included), g is written again before anything can
     * observe it (a read of g, an exit, a load/store (may fault) or a non-pure helper call); see
     * {@link #liveGlobalsAfter}. This is the dead-flag elimination of lazy-flag frontends.
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
            BitSet[] liveAfter = liveGlobalsAfter(ops);
            List<Op> kept = new ArrayList<>(ops.size());
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op op = ops.get(i);
                // VGET only reads the vector file: unread, it is as dead as a pure op
                boolean removable = op.opc.isPure() || op.opc == Opcode.VGET || (op.opc == Opcode.CALL && op.helper.isPure());
                if (removable && op.dst != null) {
                    boolean dead = op.dst.isTemp() ? !readTemps.contains(op.dst) : !liveAfter[i].get(op.dst.index());
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
            }
            java.util.Collections.reverse(kept);
            ops = kept;
        }
        return block.withOps(ops);
    }

    /**
     * Backward liveness of globals over the block's control-flow graph (labels, forward and
     * backward branches): element i is the set of global indices that may be read after op i
     * before being written. Exits, loads/stores (a fault stores every global) and non-pure calls
     * read every global the block mentions; a global the block does not mention is never written
     * here, so it needs no tracking.
     */
    static BitSet[] liveGlobalsAfter(List<Op> ops) {
        BitSet all = new BitSet();
        int maxLabel = -1;
        for (Op op : ops) {
            if (op.dst != null && op.dst.isGlobal()) {
                all.set(op.dst.index());
            }
            for (Val v : op.args) {
                if (v.isGlobal()) {
                    all.set(v.index());
                }
            }
            maxLabel = Math.max(maxLabel, op.label());
        }
        BitSet[] atLabel = new BitSet[maxLabel + 1];
        for (int l = 0; l <= maxLabel; l++) {
            atLabel[l] = new BitSet();
        }
        BitSet[] after = new BitSet[ops.size()];
        boolean changed = true;
        while (changed) { // backward branches: repeat until the label sets are stable
            changed = false;
            BitSet live = (BitSet) all.clone(); // falling off the end cannot happen; be conservative
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op op = ops.get(i);
                switch (op.opc) {
                    case BR -> live = (BitSet) atLabel[op.aux1].clone();
                    case BRCOND -> live.or(atLabel[op.aux1]);
                    default -> {
                        if (op.opc.isTerminal()) {
                            live = (BitSet) all.clone();
                        }
                    }
                }
                after[i] = (BitSet) live.clone();
                if (op.dst != null && op.dst.isGlobal()) {
                    live.clear(op.dst.index());
                }
                for (Val v : op.args) {
                    if (v.isGlobal()) {
                        live.set(v.index());
                    }
                }
                if (op.mayObserveGlobals()) {
                    live.or(all);
                }
                if (op.opc == Opcode.LABEL && !live.equals(atLabel[op.aux1])) {
                    atLabel[op.aux1] = (BitSet) live.clone();
                    changed = true;
                }
            }
        }
        return after;
    }
}
