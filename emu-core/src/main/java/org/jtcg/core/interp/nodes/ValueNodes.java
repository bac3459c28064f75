package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrSemantics;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Type;

/**
 * Nodes that compute a value into a frame slot. The frequent I64 ops have a class each (one JVM
 * instruction, exactly what the JIT emits for them); everything else, including every I32 op, goes
 * through {@link IrSemantics}, the one definition of the IR's values.
 */
final class ValueNodes {
    private ValueNodes() {}

    /** The node computing a pure op ({@link org.jtcg.core.ir.Opcode#isPure}) from slots {@code a}, {@code b} into {@code d}. */
    static Node of(Op op, int d, int a, int b) {
        if (op.type == Type.I64) {
            switch (op.opc) {
                case MOV: return new Mov(d, a);
                case ADD: return new Add(d, a, b);
                case SUB: return new Sub(d, a, b);
                case AND: return new And(d, a, b);
                case OR: return new Or(d, a, b);
                case XOR: return new Xor(d, a, b);
                case SHL: return new Shl(d, a, b);
                case SHR: return new Shr(d, a, b);
                case SAR: return new Sar(d, a, b);
                case MUL: return new Mul(d, a, b);
                case EXT32U: return new Ext32u(d, a);
                case EXT8U: return new Ext8u(d, a);
                case EXTU: return new Ext32u(d, a);
                case EXT32S: case EXTS: return new Ext32s(d, a);
                default: break;
            }
        }
        return new Generic(op, d, a, b);
    }

    /** d = constant. */
    static final class Const extends Node {
        private final int d;
        private final long value;

        Const(int d, long value) {
            this.d = d;
            this.value = value;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            f[d] = value;
            return next;
        }
    }

    static final class Mov extends Node {
        private final int d, a;

        Mov(int d, int a) {
            this.d = d;
            this.a = a;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            f[d] = f[a];
            return next;
        }
    }

    /** The frequent binary I64 ops: same operand fields, one subclass per operation. */
    abstract static class Binary extends Node {
        final int d, a, b;

        Binary(int d, int a, int b) {
            this.d = d;
            this.a = a;
            this.b = b;
        }
    }

    static final class Add extends Binary {
        Add(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] + f[b]; return next; }
    }

    static final class Sub extends Binary {
        Sub(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] - f[b]; return next; }
    }

    static final class And extends Binary {
        And(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] & f[b]; return next; }
    }

    static final class Or extends Binary {
        Or(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] | f[b]; return next; }
    }

    static final class Xor extends Binary {
        Xor(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] ^ f[b]; return next; }
    }

    /** Shift counts are taken modulo 64 by the JVM, as the IR defines them. */
    static final class Shl extends Binary {
        Shl(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] << f[b]; return next; }
    }

    static final class Shr extends Binary {
        Shr(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] >>> f[b]; return next; }
    }

    static final class Sar extends Binary {
        Sar(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] >> f[b]; return next; }
    }

    static final class Mul extends Binary {
        Mul(int d, int a, int b) { super(d, a, b); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] * f[b]; return next; }
    }

    static final class Ext32u extends Binary {
        Ext32u(int d, int a) { super(d, a, 0); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] & 0xffffffffL; return next; }
    }

    static final class Ext32s extends Binary {
        Ext32s(int d, int a) { super(d, a, 0); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = (int) f[a]; return next; }
    }

    static final class Ext8u extends Binary {
        Ext8u(int d, int a) { super(d, a, 0); }
        @Override int run(long[] f, CpuState cpu, ExecContext ctx) { f[d] = f[a] & 0xff; return next; }
    }

    /** Any pure value op through {@link IrSemantics#eval}; {@code b} is unused by unary ops. */
    static final class Generic extends Binary {
        private final Op op;
        private final boolean binary;

        Generic(Op op, int d, int a, int b) {
            super(d, a, b);
            this.op = op;
            this.binary = op.args.length > 1;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            f[d] = IrSemantics.eval(op, f[a], binary ? f[b] : 0);
            return next;
        }
    }

    /** d = cond(a, b) ? 1 : 0. */
    static final class SetCond extends Binary {
        private final Cond cond;
        private final Type type;

        SetCond(Op op, int d, int a, int b) {
            super(d, a, b);
            this.cond = op.cond;
            this.type = op.type;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            f[d] = IrSemantics.cond(cond, type, f[a], f[b]) ? 1 : 0;
            return next;
        }
    }

    /** d = cond(a, b) ? x : y, compared at the type of the first operand. */
    static final class MovCond extends Binary {
        private final Cond cond;
        private final Type type;
        private final int x, y;

        MovCond(Op op, int d, int a, int b, int x, int y) {
            super(d, a, b);
            this.cond = op.cond;
            this.type = op.args[0].type();
            this.x = x;
            this.y = y;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            f[d] = IrSemantics.cond(cond, type, f[a], f[b]) ? f[x] : f[y];
            return next;
        }
    }
}
