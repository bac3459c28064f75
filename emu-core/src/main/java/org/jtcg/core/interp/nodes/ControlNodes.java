package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrSemantics;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Type;

/**
 * Branches and exits. A branch returns its resolved target's node index; an exit stores the frame's
 * written globals back, then sets {@code cpu.pc} (and the signal address) as the reference interpreter
 * does, and returns {@code -1 - exitIndex}. In that order: a layout may hold the PC as a global (x86's
 * "pc" field is {@code CpuState.pc}), and the exit's PC is the one that counts.
 */
final class ControlNodes {
    private ControlNodes() {}

    /** A BRCOND node: EQ/NE/TSTNE/TSTEQ at I64 have their own class, the rest ask {@link IrSemantics#cond}. */
    static Node brcond(Op op, int a, int b) {
        if (op.type == Type.I64) {
            switch (op.cond) {
                case EQ: return new BranchEq(op.aux1, a, b);
                case NE: return new BranchNe(op.aux1, a, b);
                case TSTNE: return new BranchTestNe(op.aux1, a, b);
                default: break;
            }
        }
        return new BranchCond(op.aux1, a, b, op.cond, op.type);
    }

    /** A branch to an IR label, resolved to a node index once the block's nodes exist. */
    abstract static class Branch extends Node {
        private final int label;
        int target;

        Branch(int label) {
            this.label = label;
        }

        @Override
        final int label() {
            return label;
        }

        @Override
        final void resolve(int target) {
            this.target = target;
        }
    }

    /** BR. */
    static final class Goto extends Branch {
        Goto(int label) {
            super(label);
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            return target;
        }
    }

    abstract static class CompareBranch extends Branch {
        final int a, b;

        CompareBranch(int label, int a, int b) {
            super(label);
            this.a = a;
            this.b = b;
        }
    }

    static final class BranchEq extends CompareBranch {
        BranchEq(int label, int a, int b) { super(label, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { return f[a] == f[b] ? target : next; }
    }

    static final class BranchNe extends CompareBranch {
        BranchNe(int label, int a, int b) { super(label, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { return f[a] != f[b] ? target : next; }
    }

    static final class BranchTestNe extends CompareBranch {
        BranchTestNe(int label, int a, int b) { super(label, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { return (f[a] & f[b]) != 0 ? target : next; }
    }

    static final class BranchCond extends CompareBranch {
        private final Cond cond;
        private final Type type;

        BranchCond(int label, int a, int b, Cond cond, Type type) {
            super(label, a, b);
            this.cond = cond;
            this.type = type;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            return IrSemantics.cond(cond, type, f[a], f[b]) ? target : next;
        }
    }

    /** GOTO_DIRECT, EXIT_SYSCALL, EXIT_HALT: the pc is a constant. */
    static final class ExitTo extends Node {
        private final long pc;
        private final int code;
        private final FrameGlobals globals;

        ExitTo(long pc, int exit, FrameGlobals globals) {
            this.pc = pc;
            this.code = -1 - exit;
            this.globals = globals;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            globals.store(f, cpu);
            cpu.pc = pc;
            return code;
        }
    }

    /** GOTO_INDIRECT: the pc is in slot {@code a}. */
    static final class ExitIndirect extends Node {
        private final int a;
        private final int code;
        private final FrameGlobals globals;

        ExitIndirect(int a, int exit, FrameGlobals globals) {
            this.a = a;
            this.code = -1 - exit;
            this.globals = globals;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long target = f[a];
            globals.store(f, cpu);
            cpu.pc = target;
            return code;
        }
    }

    /** EXIT_SIGNAL: the signal's address is in slot {@code a}. */
    static final class ExitSignal extends Node {
        private final int a;
        private final long pc;
        private final int code;
        private final FrameGlobals globals;

        ExitSignal(int a, long pc, int exit, FrameGlobals globals) {
            this.a = a;
            this.pc = pc;
            this.code = -1 - exit;
            this.globals = globals;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            globals.store(f, cpu);
            ctx.signalAddress = f[a];
            cpu.pc = pc;
            return code;
        }
    }
}
