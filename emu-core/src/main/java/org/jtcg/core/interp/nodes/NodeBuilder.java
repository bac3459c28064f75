package org.jtcg.core.interp.nodes;

import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a {@link NodeBlock} from an IR block in two linear sweeps: the first assigns frame slots (temp i is
 * slot i, the block's globals follow in order of first use) and finds the constant temps, the second makes
 * one node per op that does something at run time and resolves labels to node indices.
 *
 * <p>The frame is reused between runs, so a run starts by setting the temps that need a value: a temp is
 * set to its constant at entry instead of getting a CONST node when its only definition is that CONST, the
 * CONST comes before the block's first label or branch (so every run passes it before anything else), and
 * no op reads the temp before it: every read then sees the value the reference interpreter would. Temps
 * written in that prefix before any read need nothing; every other temp that is read is set to 0 (the
 * reference interpreter's fresh temps).
 *
 * <p>A fault reports the PC of the last INSN_START executed. Without branches from one instruction into
 * another (what frontends emit) that is the INSN_START before the faulting op in program order, known when
 * the block is built ({@link NodeBlock}'s per-node PCs); a block with such a branch (the random programs of
 * the property test have them) gets a node per INSN_START that keeps the PC in a frame slot instead.
 */
final class NodeBuilder {
    private final IrBlock block;
    private final Op[] ops;
    private final int temps;
    private final long[] template;
    private final boolean[] preset;
    /** The temps every run sets at entry: constants, and temps that may be read before they are written (0). */
    private final boolean[] initialised;
    private final FrameGlobals globals;
    /** The frame slot INSN_START nodes keep the PC in, or -1 when the per-node PCs are exact. */
    private final int pcSlot;

    private NodeBuilder(IrBlock block) {
        this.block = block;
        this.ops = block.ops().toArray(new Op[0]);
        this.temps = block.tempTypes().size();
        int layoutSize = block.layout().size();
        boolean[] used = new boolean[layoutSize];
        boolean[] written = new boolean[layoutSize];
        int globalsEnd = 0; // one past the highest field the block uses
        int[] defs = new int[temps];
        int[] firstUse = new int[temps];
        Arrays.fill(firstUse, Integer.MAX_VALUE);
        int firstControl = ops.length;
        for (int i = 0; i < ops.length; i++) {
            Op op = ops[i];
            if (firstControl == ops.length && (op.opc == Opcode.LABEL || op.opc == Opcode.BR || op.opc == Opcode.BRCOND)) {
                firstControl = i;
            }
            for (Val v : op.args) {
                if (v.isGlobal()) {
                    used[v.index()] = true;
                    globalsEnd = Math.max(globalsEnd, v.index() + 1);
                } else if (firstUse[v.index()] == Integer.MAX_VALUE) {
                    firstUse[v.index()] = i;
                }
            }
            if (op.dst != null) {
                if (op.dst.isGlobal()) {
                    used[op.dst.index()] = true;
                    written[op.dst.index()] = true;
                    globalsEnd = Math.max(globalsEnd, op.dst.index() + 1);
                } else {
                    defs[op.dst.index()]++;
                }
            }
        }
        this.globals = new FrameGlobals(GlobalAccess.of(block.layout()), temps, indicesOf(used), indicesOf(written));
        this.pcSlot = branchesBetweenInstructions(ops, block.labelCount()) ? temps + globalsEnd : -1;
        this.template = new long[temps + globalsEnd + (pcSlot >= 0 ? 1 : 0)];
        if (pcSlot >= 0) {
            template[pcSlot] = block.startPc();
        }
        this.preset = new boolean[temps];
        this.initialised = new boolean[temps];
        for (int t = 0; t < temps; t++) {
            initialised[t] = firstUse[t] != Integer.MAX_VALUE; // a temp nothing reads needs no value
        }
        for (int i = 0; i < firstControl; i++) {
            Op op = ops[i];
            if (op.dst == null || !op.dst.isTemp() || firstUse[op.dst.index()] <= i) {
                continue;
            }
            // defined before the first label or branch and before any read: written before read on every path
            initialised[op.dst.index()] = false;
            if (op.opc == Opcode.CONST && defs[op.dst.index()] == 1) {
                preset[op.dst.index()] = true;
                initialised[op.dst.index()] = true;
                template[op.dst.index()] = op.imm;
            }
        }
    }

    /** Whether a branch goes to a label that belongs to another instruction (counting INSN_STARTs in program order). */
    private static boolean branchesBetweenInstructions(Op[] ops, int labels) {
        int[] labelInsn = new int[labels];
        int insn = 0;
        for (Op op : ops) {
            if (op.opc == Opcode.INSN_START) {
                insn++;
            } else if (op.opc == Opcode.LABEL) {
                labelInsn[op.aux1] = insn;
            }
        }
        insn = 0;
        for (Op op : ops) {
            if (op.opc == Opcode.INSN_START) {
                insn++;
            } else if ((op.opc == Opcode.BR || op.opc == Opcode.BRCOND) && labelInsn[op.aux1] != insn) {
                return true;
            }
        }
        return false;
    }

    private static int[] indicesOf(boolean[] set) {
        int n = 0;
        int[] out = new int[set.length];
        for (int i = 0; i < set.length; i++) {
            if (set[i]) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static NodeBlock build(IrBlock block) {
        return new NodeBuilder(block).build();
    }

    private int slot(Val v) {
        return v.isTemp() ? v.index() : globals.slot(v.index());
    }

    private int arg(Op op, int k) {
        return slot(op.args[k]);
    }

    private NodeBlock build() {
        List<Node> nodes = new ArrayList<>(ops.length);
        long[] pcs = new long[ops.length];
        int[] labelNode = new int[block.labelCount()];
        long pc = block.startPc();
        int exits = 0;
        for (Op op : ops) {
            Node node;
            switch (op.opc) {
                case LABEL -> {
                    labelNode[op.aux1] = nodes.size();
                    continue;
                }
                case INSN_START -> {
                    pc = op.imm;
                    if (pcSlot < 0) {
                        continue;
                    }
                    node = new ValueNodes.Const(pcSlot, op.imm);
                }
                case CONST -> {
                    if (op.dst.isTemp() && preset[op.dst.index()]) {
                        continue;
                    }
                    node = new ValueNodes.Const(slot(op.dst), op.imm);
                }
                case SETCOND -> node = new ValueNodes.SetCond(op, slot(op.dst), arg(op, 0), arg(op, 1));
                case MOVCOND -> node = new ValueNodes.MovCond(op, slot(op.dst), arg(op, 0), arg(op, 1), arg(op, 2), arg(op, 3));
                case BR -> node = new ControlNodes.Goto(op.aux1);
                case BRCOND -> node = ControlNodes.brcond(op, arg(op, 0), arg(op, 1));
                case LOAD -> node = new MemoryNodes.Load(op, slot(op.dst), arg(op, 0));
                case STORE -> node = new MemoryNodes.Store(op, arg(op, 0), arg(op, 1));
                case CALL -> {
                    int[] args = new int[op.args.length];
                    for (int k = 0; k < args.length; k++) {
                        args[k] = arg(op, k);
                    }
                    node = new MemoryNodes.Call(op, args, op.dst == null ? -1 : slot(op.dst), globals);
                }
                case GOTO_DIRECT, EXIT_SYSCALL, EXIT_HALT -> node = new ControlNodes.ExitTo(op.imm, exits++, globals);
                case GOTO_INDIRECT -> node = new ControlNodes.ExitIndirect(arg(op, 0), exits++, globals);
                case EXIT_SIGNAL -> node = new ControlNodes.ExitSignal(arg(op, 0), op.imm, exits++, globals);
                default -> {
                    if (op.opc.isVector()) {
                        int s = op.opc == Opcode.VSET ? arg(op, 0) : op.opc == Opcode.VGET ? slot(op.dst) : 0;
                        node = VectorNodes.of(op, s);
                    } else {
                        node = ValueNodes.of(op, slot(op.dst), arg(op, 0), op.args.length > 1 ? arg(op, 1) : 0);
                    }
                }
            }
            node.next = nodes.size() + 1;
            pcs[nodes.size()] = pc;
            nodes.add(node);
        }
        Node[] array = nodes.toArray(new Node[0]);
        for (Node n : array) {
            if (n.label() >= 0) {
                n.resolve(labelNode[n.label()]);
            }
        }
        int inits = 0;
        int[] initSlots = new int[temps + 1];
        long[] initValues = new long[temps + 1];
        for (int t = 0; t < temps; t++) {
            if (initialised[t]) {
                initSlots[inits] = t;
                initValues[inits++] = template[t];
            }
        }
        if (pcSlot >= 0) {
            initSlots[inits] = pcSlot;
            initValues[inits++] = template[pcSlot];
        }
        return new NodeBlock(array, Arrays.copyOf(pcs, array.length), pcSlot, template.length,
                Arrays.copyOf(initSlots, inits), Arrays.copyOf(initValues, inits), globals);
    }
}
