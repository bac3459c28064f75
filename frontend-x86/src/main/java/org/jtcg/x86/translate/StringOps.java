package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/**
 * movs stos lods cmps scas, all element sizes, with rep / repe / repne. A repeated instruction is an
 * IR loop inside the block: each iteration updates rsi/rdi/rcx in the globals, so a fault in the
 * middle leaves exactly the architectural state the CPU would have (the remaining count in rcx).
 * DF selects the direction at run time. With 67, esi/edi/ecx are used. rep movs/stos of bytes,
 * words and dwords move 8 bytes per iteration where that is exact (see {@link #wordAtATime}).
 */
final class StringOps {
    private StringOps() {}

    private static final int RCX = 1, RSI = 6, RDI = 7;

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.MOVS, c -> string(c, Mnemonic.MOVS));
        m.put(Mnemonic.STOS, c -> string(c, Mnemonic.STOS));
        m.put(Mnemonic.LODS, c -> string(c, Mnemonic.LODS));
        m.put(Mnemonic.CMPS, c -> string(c, Mnemonic.CMPS));
        m.put(Mnemonic.SCAS, c -> string(c, Mnemonic.SCAS));
    }

    private static void string(Ctx c, Mnemonic op) {
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
        if (rep && as == 8 && size < 8 && (op == Mnemonic.MOVS || op == Mnemonic.STOS)) {
            wordAtATime(c, op, size, df, srcSeg, top);
        }
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
            if (op == Mnemonic.CMPS || op == Mnemonic.SCAS) {
                // repe stops when ZF = 0, repne when ZF = 1
                Val zf = c.flags.cond(4);
                b.brcond(c.insn.repne() ? Cond.NE : Cond.EQ, zf, c.c(0), done);
            }
            b.br(top);
            c.place(done);
        }
    }

    /**
     * Fast path of rep movs/stos with byte, word or dword elements: while DF = 0, at least 8 bytes
     * remain and neither 8-byte access crosses a page, move 8 bytes with one load/store and count
     * 8 / size elements done; otherwise fall through to the element step (which the caller emits
     * next). Each 8-byte access lies in one page, so it faults before any of its elements is done,
     * leaving rcx/rsi/rdi exactly as the element loop would at that fault. For movs, a destination
     * 1-7 bytes above the source would read bytes this step writes (the element loop replicates
     * them), so that case takes the element step too.
     */
    private static void wordAtATime(Ctx c, Mnemonic op, int size, Val df, Val srcSeg, Label top) {
        IrBuilder b = c.b;
        Label element = c.label();
        int per = 8 / size;
        b.brcond(Cond.NE, df, c.c(0), element);
        b.brcond(Cond.LTU, c.readGpr(RCX, 8), c.c(per), element);
        Val dst = c.readGpr(RDI, 8);
        b.brcond(Cond.GTU, b.and(dst, c.c(0xfff)), c.c(0xff8), element);
        Val v;
        if (op == Mnemonic.MOVS) {
            Val src = addr(c, RSI, 8, srcSeg);
            b.brcond(Cond.GTU, b.and(src, c.c(0xfff)), c.c(0xff8), element);
            b.brcond(Cond.LTU, b.sub(b.sub(dst, src), c.c(1)), c.c(7), element);
            v = c.load(src, 8);
        } else {
            long spread = size == 1 ? 0x0101010101010101L : size == 2 ? 0x0001000100010001L : 0x0000000100000001L;
            v = b.mul(c.readGpr(0, size), c.c(spread));
        }
        c.store(dst, 8, v);
        if (op == Mnemonic.MOVS) {
            c.writeGpr(RSI, 8, b.add(c.gpr(RSI), c.c(8)));
        }
        c.writeGpr(RDI, 8, b.add(c.gpr(RDI), c.c(8)));
        c.writeGpr(RCX, 8, b.sub(c.gpr(RCX), c.c(per)));
        b.br(top);
        c.place(element);
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
