package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.decoder.Op;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/**
 * movs stos lods cmps scas, all element sizes, with rep / repe / repne. A repeated instruction is an
 * IR loop inside the block: each iteration updates rsi/rdi/rcx in the globals, so a fault in the
 * middle leaves exactly the architectural state the CPU would have (the remaining count in rcx).
 * DF selects the direction at run time. With 67, esi/edi/ecx are used.
 */
final class StringOps {
    private StringOps() {}

    private static final int RCX = 1, RSI = 6, RDI = 7;

    static void register(Map<Op, InsnTable.Emitter> m) {
        m.put(Op.MOVS, c -> string(c, Op.MOVS));
        m.put(Op.STOS, c -> string(c, Op.STOS));
        m.put(Op.LODS, c -> string(c, Op.LODS));
        m.put(Op.CMPS, c -> string(c, Op.CMPS));
        m.put(Op.SCAS, c -> string(c, Op.SCAS));
    }

    private static void string(Ctx c, Op op) {
        IrBuilder b = c.b;
        int size = c.osize();
        int as = c.insn.addressSize();
        boolean rep = c.insn.rep() || c.insn.repne();
        // element step: -size when DF is set
        Val df = b.and(c.global(X86Cpu.RFLAGS_REST), c.c(LazyFlags.DF));
        Val step = b.movcond(Cond.NE, df, c.c(0), c.c(-size), c.c(size));
        Label top = null, done = null;
        if (rep) {
            top = c.label();
            done = c.label();
            c.place(top);
            b.brcond(Cond.EQ, c.readGpr(RCX, as), c.c(0), done);
        }
        Val srcSeg = segmentBase(c);
        switch (op) {
            case MOVS -> {
                Val v = c.load(addr(c, RSI, as, srcSeg), size);
                c.store(addr(c, RDI, as, null), size, v);
                advance(c, RSI, as, step);
                advance(c, RDI, as, step);
            }
            case STOS -> {
                c.store(addr(c, RDI, as, null), size, c.readGpr(0, size));
                advance(c, RDI, as, step);
            }
            case LODS -> {
                c.writeGpr(0, size, c.load(addr(c, RSI, as, srcSeg), size));
                advance(c, RSI, as, step);
            }
            case CMPS -> {
                Val a = c.load(addr(c, RSI, as, srcSeg), size);
                Val v = c.load(addr(c, RDI, as, null), size);
                c.flags.set(LazyFlags.SUB, size, c.zext(b.sub(a, v), size), a, v, true);
                advance(c, RSI, as, step);
                advance(c, RDI, as, step);
            }
            default -> {
                Val a = c.readGpr(0, size);
                Val v = c.load(addr(c, RDI, as, null), size);
                c.flags.set(LazyFlags.SUB, size, c.zext(b.sub(a, v), size), a, v, true);
                advance(c, RDI, as, step);
            }
        }
        if (rep) {
            c.writeGpr(RCX, as, b.sub(c.gpr(RCX), c.c(1)));
            if (op == Op.CMPS || op == Op.SCAS) {
                // repe stops when ZF = 0, repne when ZF = 1
                Val zf = c.flags.cond(4);
                b.brcond(c.insn.repne() ? Cond.NE : Cond.EQ, zf, c.c(0), done);
            }
            b.br(top);
            c.place(done);
        }
    }

    /** FS/GS base of a segment override on the source operand (ds:[rsi]), or null. */
    private static Val segmentBase(Ctx c) {
        for (Operand o : c.insn.operands()) {
            if (o instanceof Operand.Mem m && m.base() == RSI) {
                if (m.segment() == Operand.FS) {
                    return c.global(X86Cpu.FS_BASE);
                }
                if (m.segment() == Operand.GS) {
                    return c.global(X86Cpu.GS_BASE);
                }
            }
        }
        return null;
    }

    private static Val addr(Ctx c, int reg, int as, Val segBase) {
        Val a = c.readGpr(reg, as);
        return segBase == null ? a : c.b.add(a, segBase);
    }

    private static void advance(Ctx c, int reg, int as, Val step) {
        c.writeGpr(reg, as, c.b.add(c.gpr(reg), step));
    }
}
