package org.jtcg.core.interp.nodes;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.VectorSemantics;

/**
 * Vector ops on the CPU state's 128-bit register file, word by word through {@link VectorSemantics}
 * (lanes never cross a word, and word w of a result reads only word w of the sources, so the
 * destination may equal a source).
 */
final class VectorNodes {
    private VectorNodes() {}

    /** The node of a vector op; {@code slot} is VSET's source or VGET's destination slot. */
    static Node of(Op op, int slot) {
        int d = 2 * op.vd(), x = 2 * op.va(), es = op.esize();
        return switch (op.opc) {
            case VMOV -> new Move(d, x);
            case VSHLI, VSHRI, VSARI -> new Shift(op.opc, d, x, op.vb(), es);
            case VSET -> new SetLane(d, slot, op.vb(), es);
            case VGET -> new GetLane(slot, x, op.vb(), es);
            default -> new Binary(op.opc, d, x, 2 * op.vb(), es);
        };
    }

    static final class Move extends Node {
        private final int d, x;

        Move(int d, int x) {
            this.d = d;
            this.x = x;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long[] v = cpu.vectorFile();
            v[d] = v[x];
            v[d + 1] = v[x + 1];
            return next;
        }
    }

    static final class Binary extends Node {
        private final Opcode opc;
        private final int d, x, y, es;

        Binary(Opcode opc, int d, int x, int y, int es) {
            this.opc = opc;
            this.d = d;
            this.x = x;
            this.y = y;
            this.es = es;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long[] v = cpu.vectorFile();
            v[d] = VectorSemantics.binary(opc, v[x], v[y], es);
            v[d + 1] = VectorSemantics.binary(opc, v[x + 1], v[y + 1], es);
            return next;
        }
    }

    static final class Shift extends Node {
        private final Opcode opc;
        private final int d, x, count, es;

        Shift(Opcode opc, int d, int x, int count, int es) {
            this.opc = opc;
            this.d = d;
            this.x = x;
            this.count = count;
            this.es = es;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long[] v = cpu.vectorFile();
            v[d] = VectorSemantics.shift(opc, v[x], count, es);
            v[d + 1] = VectorSemantics.shift(opc, v[x + 1], count, es);
            return next;
        }
    }

    /** VSET: lane {@code lane} of register d = the low esize bits of slot {@code a}. */
    static final class SetLane extends Node {
        private final int d, a, lane, es;

        SetLane(int d, int a, int lane, int es) {
            this.d = d;
            this.a = a;
            this.lane = lane;
            this.es = es;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long[] v = cpu.vectorFile();
            long value = f[a];
            v[d] = VectorSemantics.setWord(v[d], 0, value, lane, es);
            v[d + 1] = VectorSemantics.setWord(v[d + 1], 1, value, lane, es);
            return next;
        }
    }

    /** VGET: slot d = lane {@code lane} of register x, zero-extended. */
    static final class GetLane extends Node {
        private final int d, x, lane, es;

        GetLane(int d, int x, int lane, int es) {
            this.d = d;
            this.x = x;
            this.lane = lane;
            this.es = es;
        }

        @Override
        int run(long[] f, CpuState cpu, ExecContext ctx) {
            long[] v = cpu.vectorFile();
            f[d] = VectorSemantics.get(v[x], v[x + 1], lane, es);
            return next;
        }
    }
}
