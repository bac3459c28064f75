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
public final class Passes {
    private Passes() {}

    /**
     * The standard pipeline: unreachable code, constant folding + copy propagation, redundant extensions
     * ({@link KnownWidth}, {@link DemandedBits}), dead code, repeated.
     */
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

    /**
     * The pipeline for a block that starts in the cold tier: {@link #optimize} without the narrowing passes.
     * Most cold blocks run a few times and never tier up; narrowing them cost more start-up CPU than it saved
     * (an x86-64 hello spent ~25 ms more in the passes, interpreted, and C1 compiled them). {@link #narrow}
     * completes it when the block tiers up or joins a region.
     */
    public static IrBlock optimizeCold(IrBlock block) {
        IrBlock b = block;
        for (int round = 0; round < 2; round++) {
            b = removeUnreachable(b);
            b = foldAndPropagate(b);
            b = eliminateDeadCode(b);
        }
        return b;
    }

    /**
     * The narrowing half of {@link #optimize} for a block {@link #optimizeCold} already optimised: redundant
     * extensions and masks ({@link KnownWidth}, {@link DemandedBits}), then what they expose to folding and dead
     * code. Keeps the block's exits in order (the engine indexes them).
     */
    public static IrBlock narrow(IrBlock block) {
        IrBlock b = KnownWidth.narrow(block);
        b = DemandedBits.narrow(b);
        b = foldAndPropagate(b);
        return eliminateDeadCode(b);
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
        FactTable facts = FactTable.forBlock(block);
        // pure expression -> the temp holding its value, while neither the temp nor an operand changed
        Map<Expr, Available> available = new HashMap<>();
        List<Op> out = new ArrayList<>(block.ops().size());
        for (Op op : block.ops()) {
            if (op.opc == Opcode.LABEL) {
                facts.newStretch();
                available.clear();
                out.add(op);
                continue;
            }
            // substitute copies in args
            Val[] args = op.args;
            Val[] na = null;
            for (int i = 0; i < args.length; i++) {
                Val src = facts.copyOf(args[i]);
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
            Op folded = fold(op, facts);
            if (folded == null) {
                continue; // never-taken brcond
            }
            op = fuseCondition(folded, facts);
            Expr expr = null;
            if (op.opc.isPure() && op.opc != Opcode.CONST && op.opc != Opcode.MOV && op.dst != null) {
                expr = new Expr(op);
                Available a = available.get(expr);
                Val holder = a != null && a.holds(expr, facts) ? a.holder : null;
                if (holder != null && !holder.equals(op.dst)) {
                    op = Op.move(op.dst, holder); // the same value was computed above
                    expr = null;
                }
            }
            out.add(op);
            // what this op invalidates: every fact about or through its destination (versions)
            if (op.dst != null) {
                facts.written(op.dst);
            }
            if (expr != null && op.dst.isTemp() && !expr.reads(op.dst)) {
                available.put(expr, new Available(op.dst, expr, facts));
            }
            if (op.opc == Opcode.CALL && op.helper.writesGlobals()) {
                facts.allGlobalsWritten();
            }
            if (op.opc == Opcode.SETCOND && op.dst.isTemp() && !op.dst.equals(op.args[0]) && !op.dst.equals(op.args[1])) {
                facts.setCondition(op.dst, op);
            } else if (op.opc == Opcode.XOR && op.dst.isTemp() && facts.condition(op.args[0]) != null
                    && Long.valueOf(1).equals(facts.constant(op.args[1]))) {
                // t = setcond c, a, b; u = t ^ 1  is  u = setcond !c, a, b (a negated flag, e.g. jne after ZF)
                Op set = facts.condition(op.args[0]);
                if (!op.dst.equals(set.args[0]) && !op.dst.equals(set.args[1])) {
                    facts.setCondition(op.dst, new Op(Opcode.SETCOND, set.type, op.dst, set.args, 0, 0, 0, set.cond.invert(),
                            false, false, null));
                }
            }
            // what it establishes
            if (op.opc == Opcode.CONST) {
                facts.setConstant(op.dst, op.imm);
            } else if (op.opc == Opcode.MOV && !op.args[0].equals(op.dst)) {
                Long c = facts.constant(op.args[0]);
                if (c != null) {
                    facts.setConstant(op.dst, c);
                }
                facts.setCopy(op.dst, op.args[0]);
            }
            if (op.opc.isTerminal()) {
                facts.newStretch();
                available.clear();
            }
        }
        return block.withOps(out);
    }

    /** An available expression's holder and the versions of it and the expression's operands when it was computed. */
    private static final class Available {
        final Val holder;
        private final long holderVersion;
        private final long[] argVersions;
        private final int stretch;

        Available(Val holder, Expr expr, FactTable facts) {
            this.holder = holder;
            this.holderVersion = facts.versionOf(holder);
            this.argVersions = new long[expr.args().size()];
            for (int i = 0; i < argVersions.length; i++) {
                argVersions[i] = facts.versionOf(expr.args().get(i));
            }
            this.stretch = facts.stretch();
        }

        /** Whether the holder still holds the value: nothing involved was written since. */
        boolean holds(Expr expr, FactTable facts) {
            if (stretch != facts.stretch() || holderVersion != facts.versionOf(holder)) {
                return false;
            }
            for (int i = 0; i < argVersions.length; i++) {
                if (argVersions[i] != facts.versionOf(expr.args().get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A pure op's computation without its destination: equal keys compute equal values from equal inputs. */
    private record Expr(Opcode opc, Type type, Type dstType, List<Val> args, long imm, int aux1, int aux2, Cond cond,
                        boolean signed) {
        Expr(Op op) {
            this(op.opc, op.type, op.dst.type(), List.of(op.args), op.imm, op.aux1, op.aux2, op.cond, op.signed);
        }

        /*
         * equals and hashCode written out: a record's generated ones are an invokedynamic call site
         * (ObjectMethods) whose first use spins method handles, and which runs through LambdaForms in
         * HotSpot's bytecode interpreter; this pass runs on every block a guest's start-up translates, before
         * C1 has compiled anything (a hello: ~30 ms of CPU in linking and running those call sites).
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Expr e && opc == e.opc && type == e.type && dstType == e.dstType && imm == e.imm
                    && aux1 == e.aux1 && aux2 == e.aux2 && cond == e.cond && signed == e.signed && args.equals(e.args);
        }

        @Override
        public int hashCode() {
            int h = opc.hashCode() * 31 + args.hashCode();
            h = h * 31 + Long.hashCode(imm);
            return h * 31 + aux1 * 7 + aux2;
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
    private static Op fuseCondition(Op op, FactTable facts) {
        if (op.opc != Opcode.BRCOND || (op.cond != Cond.NE && op.cond != Cond.EQ)) {
            return op;
        }
        Long zero = facts.constant(op.args[1]);
        Op set = facts.condition(op.args[0]);
        if (set == null || zero == null || zero != 0) {
            return op;
        }
        Cond c = op.cond == Cond.NE ? set.cond : set.cond.invert();
        return new Op(Opcode.BRCOND, set.type, null, new Val[]{set.args[0], set.args[1]}, 0, op.aux1, 0, c,
                false, false, null);
    }

    private static Op fold(Op op, FactTable facts) {
        if (op.opc == Opcode.BRCOND) {
            Long a = facts.constant(op.args[0]), b = facts.constant(op.args[1]);
            if (a != null && b != null) {
                return IrSemantics.cond(op.cond, op.type, a, b) ? Op.branch(op.aux1) : null;
            }
            return op;
        }
        if (!op.opc.isPure() || op.opc == Opcode.CONST) {
            return op;
        }
        if (op.opc == Opcode.SETCOND) {
            Long a = facts.constant(op.args[0]), b = facts.constant(op.args[1]);
            return a != null && b != null ? Op.constant(op.dst, IrSemantics.cond(op.cond, op.type, a, b) ? 1 : 0) : op;
        }
        if (op.opc == Opcode.MOVCOND) {
            Long a = facts.constant(op.args[0]), b = facts.constant(op.args[1]);
            if (a != null && b != null) {
                Val pick = IrSemantics.cond(op.cond, op.args[0].type(), a, b) ? op.args[2] : op.args[3];
                Long c = facts.constant(pick);
                return c != null ? Op.constant(op.dst, c) : Op.move(op.dst, pick);
            }
            return op;
        }
        Long a = facts.constant(op.args[0]);
        Long b = op.args.length > 1 ? facts.constant(op.args[1]) : Long.valueOf(0);
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

    /** Temp indexes a pass must size its arrays for: the declared temps and any op's temp beyond them. */
    static int tempCount(IrBlock block) {
        int temps = block.tempTypes().size();
        for (Op op : block.ops()) {
            if (op.dst != null && op.dst.isTemp()) {
                temps = Math.max(temps, op.dst.index() + 1);
            }
            for (Val v : op.args) {
                if (v.isTemp()) {
                    temps = Math.max(temps, v.index() + 1);
                }
            }
        }
        return temps;
    }

    /**
     * Dead-code elimination: pure ops (and pure helper calls) whose temp result is never read
     * anywhere, and dead global writes: a pure op writing global g is dropped when, on every path
     * through the block's branches (backward ones included), g is written again before anything can
     * observe it (a read of g, an exit, a load/store (may fault) or a non-pure helper call); see
     * {@link #liveGlobalsAfter}. This is the dead-flag elimination of lazy-flag frontends.
     */
    public static IrBlock eliminateDeadCode(IrBlock block) {
        List<Op> ops = block.ops();
        // reads of each temp anywhere in the block (deadness of temps is flow-insensitive), kept up to
        // date as ops are removed, so a chain of dead temps goes in one backward sweep
        int temps = tempCount(block);
        int[] reads = new int[temps];
        for (Op op : ops) {
            for (Val v : op.args) {
                if (v.isTemp()) {
                    reads[v.index()]++;
                }
            }
        }
        int[] lastDef = new int[temps];
        boolean again = true;
        while (again) {
            // Another sweep is needed only when a removal may make an op dead that this sweep has already
            // passed: a removed op read a global (global liveness shrinks) or was the last reader of a
            // temp that is also written later in the block.
            again = false;
            java.util.Arrays.fill(lastDef, -1);
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.dst != null && op.dst.isTemp()) {
                    lastDef[op.dst.index()] = i;
                }
            }
            GlobalLiveness liveAfter = GlobalLiveness.compute(ops, false);
            List<Op> kept = new ArrayList<>(ops.size());
            boolean removedAny = false;
            for (int i = ops.size() - 1; i >= 0; i--) {
                Op op = ops.get(i);
                // VGET only reads the vector file: unread, it is as dead as a pure op
                boolean removable = op.opc.isPure() || op.opc == Opcode.VGET || (op.opc == Opcode.CALL && op.helper.isPure());
                boolean dead = false;
                if (removable && op.dst != null) {
                    dead = op.dst.isTemp() ? reads[op.dst.index()] == 0 : !liveAfter.liveAfter(i, op.dst.index());
                    if (op.opc == Opcode.MOV && op.dst.equals(op.args[0])) {
                        dead = true;
                    }
                }
                if (op.opc == Opcode.CALL && op.helper.isPure() && op.dst == null) {
                    dead = true;
                }
                if (!dead) {
                    kept.add(op);
                    continue;
                }
                removedAny = true;
                for (Val v : op.args) {
                    if (v.isGlobal()) {
                        again = true;
                    } else if (--reads[v.index()] == 0 && lastDef[v.index()] > i) {
                        again = true;
                    }
                }
            }
            if (!removedAny) {
                break;
            }
            java.util.Collections.reverse(kept);
            ops = kept;
        }
        return ops == block.ops() ? block : block.withOps(ops);
    }

    /**
     * Backward liveness of globals over the block's control-flow graph (labels, forward and
     * backward branches): element i is the set of global indices that may be read after op i
     * before being written. Exits, loads/stores (a fault stores every global) and non-pure calls
     * read every global the block mentions; a global the block does not mention is never written
     * here, so it needs no tracking.
     */
    static BitSet[] liveGlobalsAfter(List<Op> ops) {
        GlobalLiveness live = GlobalLiveness.compute(ops, true);
        BitSet[] after = new BitSet[ops.size()];
        for (int i = 0; i < after.length; i++) {
            after[i] = live.after(i);
        }
        return after;
    }
}
