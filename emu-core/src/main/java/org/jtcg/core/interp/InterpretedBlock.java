package org.jtcg.core.interp;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrSemantics;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;
import org.jtcg.core.ir.VectorSemantics;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;

import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * An IR block prepared for interpretation: the reference semantics of the IR. Globals are read
 * and written directly in the CPU state (no caching), temps live in a fresh zeroed array per run,
 * I32 values are kept sign-extended, memory goes through {@link GuestMemory#load}/{@link GuestMemory#store}.
 */
final class InterpretedBlock extends BlockCode {
    private final Op[] ops;
    /** Per op: operand slots; temp i is i, global g is -(g+1). */
    private final int[][] argSlots;
    private final int[] dstSlot;
    /** Per op: the op index a label id resolves to (BR/BRCOND). */
    private final int[] target;
    private final int[] exitIndex;
    private final VarHandle[] globals;
    private final int temps;
    private final long startPc;
    /** Whether the block has vector ops (only then is the CPU's vector file fetched). */
    private final boolean usesVectors;

    InterpretedBlock(IrBlock block) {
        List<Op> list = block.ops();
        int n = list.size();
        ops = list.toArray(new Op[0]);
        argSlots = new int[n][];
        dstSlot = new int[n];
        target = new int[n];
        exitIndex = new int[n];
        int[] labelAt = new int[block.labelCount()];
        int exits = 0;
        for (int i = 0; i < n; i++) {
            Op op = ops[i];
            if (op.opc == Opcode.LABEL) {
                labelAt[op.aux1] = i;
            }
            if (op.opc.isExit()) {
                exitIndex[i] = exits++;
            }
            argSlots[i] = new int[op.args.length];
            for (int a = 0; a < op.args.length; a++) {
                argSlots[i][a] = slot(op.args[a]);
            }
            dstSlot[i] = op.dst == null ? 0 : slot(op.dst);
        }
        for (int i = 0; i < n; i++) {
            if (ops[i].opc == Opcode.BR || ops[i].opc == Opcode.BRCOND) {
                target[i] = labelAt[ops[i].aux1];
            }
        }
        var fields = block.layout().fields();
        globals = new VarHandle[fields.size()];
        for (int g = 0; g < globals.length; g++) {
            globals[g] = fields.get(g).handle();
        }
        temps = block.tempTypes().size();
        startPc = block.startPc();
        usesVectors = list.stream().anyMatch(op -> op.opc.isVector());
    }

    private static int slot(Val v) {
        return v.isTemp() ? v.index() : -(v.index() + 1);
    }

    private long get(long[] t, CpuState cpu, int s) {
        return s >= 0 ? t[s] : (long) globals[-s - 1].get(cpu);
    }

    private void set(long[] t, CpuState cpu, int s, long v) {
        if (s >= 0) {
            t[s] = v;
        } else {
            globals[-s - 1].set(cpu, v);
        }
    }

    @Override
    public int exec(CpuState cpu, ExecContext ctx) {
        long[] t = new long[temps];
        long curPc = startPc;
        GuestMemory mem = ctx.memory;
        long[] vf = usesVectors ? cpu.vectorFile() : null;
        int ip = 0;
        try {
            for (;;) {
                int i = ip++;
                Op op = ops[i];
                int[] a = argSlots[i];
                switch (op.opc) {
                    case CONST -> set(t, cpu, dstSlot[i], op.imm);
                    case SETCOND -> set(t, cpu, dstSlot[i],
                            IrSemantics.cond(op.cond, op.type, get(t, cpu, a[0]), get(t, cpu, a[1])) ? 1 : 0);
                    case MOVCOND -> set(t, cpu, dstSlot[i],
                            IrSemantics.cond(op.cond, op.args[0].type(), get(t, cpu, a[0]), get(t, cpu, a[1]))
                                    ? get(t, cpu, a[2]) : get(t, cpu, a[3]));
                    case BRCOND -> {
                        if (IrSemantics.cond(op.cond, op.type, get(t, cpu, a[0]), get(t, cpu, a[1]))) {
                            ip = target[i];
                        }
                    }
                    case BR -> ip = target[i];
                    case LABEL -> { }
                    case INSN_START -> curPc = op.imm;
                    case LOAD -> {
                        long v = mem.load(get(t, cpu, a[0]), op.aux1, op.bigEndian);
                        if (op.signed) {
                            v = switch (op.aux1) {
                                case 1 -> (byte) v;
                                case 2 -> (short) v;
                                default -> (int) v;
                            };
                        }
                        set(t, cpu, dstSlot[i], op.type.norm(v));
                        if (op.aux2 == Op.ORDERED) {
                            java.lang.invoke.VarHandle.acquireFence(); // TSO guests: see Op.ORDERED
                        }
                    }
                    case STORE -> {
                        if (op.aux2 == Op.ORDERED) {
                            java.lang.invoke.VarHandle.releaseFence();
                        }
                        mem.store(get(t, cpu, a[1]), op.aux1, get(t, cpu, a[0]), op.bigEndian);
                    }
                    case CALL -> {
                        long[] args = new long[a.length];
                        for (int k = 0; k < a.length; k++) {
                            args[k] = get(t, cpu, a[k]);
                        }
                        long r = invoke(op, cpu, args);
                        if (op.dst != null) {
                            set(t, cpu, dstSlot[i], op.dst.type().norm(r));
                        }
                    }
                    case GOTO_DIRECT, EXIT_SYSCALL, EXIT_HALT -> {
                        cpu.pc = op.imm;
                        return exitIndex[i];
                    }
                    case GOTO_INDIRECT -> {
                        cpu.pc = get(t, cpu, a[0]);
                        return exitIndex[i];
                    }
                    case EXIT_SIGNAL -> {
                        ctx.signalAddress = get(t, cpu, a[0]);
                        cpu.pc = op.imm;
                        return exitIndex[i];
                    }
                    case VMOV, VADD, VSUB, VADDSS, VADDUS, VSUBSS, VSUBUS, VAND, VOR, VXOR, VANDC, VCMPEQ, VCMPGTS,
                            VCMPGTU, VMINS, VMINU, VMAXS, VMAXU, VSHLI, VSHRI, VSARI, VSET -> vector(op, vf, t, cpu, a);
                    case VGET -> set(t, cpu, dstSlot[i], VectorSemantics.get(vf[2 * op.va()], vf[2 * op.va() + 1], op.vb(), op.esize()));
                    default -> {
                        long x = get(t, cpu, a[0]);
                        long y = a.length > 1 ? get(t, cpu, a[1]) : 0;
                        set(t, cpu, dstSlot[i], IrSemantics.eval(op, x, y));
                    }
                }
            }
        } catch (GuestFault f) {
            cpu.pc = curPc;
            ctx.faultSiCode = f.siCode();
            ctx.faultAddress = f.address();
            return FAULT;
        }
    }

    /**
     * A vector op writing register vd: word by word (lanes never cross a word, and word w of the
     * result reads only word w of the sources, so vd may equal a source).
     */
    private void vector(Op op, long[] v, long[] t, CpuState cpu, int[] a) {
        int d = 2 * op.vd(), x = 2 * op.va(), y = 2 * op.vb(), es = op.esize();
        switch (op.opc) {
            case VMOV -> {
                v[d] = v[x];
                v[d + 1] = v[x + 1];
            }
            case VSHLI, VSHRI, VSARI -> {
                v[d] = VectorSemantics.shift(op.opc, v[x], op.vb(), es);
                v[d + 1] = VectorSemantics.shift(op.opc, v[x + 1], op.vb(), es);
            }
            case VSET -> {
                long value = get(t, cpu, a[0]);
                v[d] = VectorSemantics.setWord(v[d], 0, value, op.vb(), es);
                v[d + 1] = VectorSemantics.setWord(v[d + 1], 1, value, op.vb(), es);
            }
            default -> {
                v[d] = VectorSemantics.binary(op.opc, v[x], v[y], es);
                v[d + 1] = VectorSemantics.binary(op.opc, v[x + 1], v[y + 1], es);
            }
        }
    }

    private static long invoke(Op op, CpuState cpu, long[] args) {
        try {
            return op.helper.invoke(cpu, args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("helper " + op.helper + " threw " + e, e);
        }
    }

}
