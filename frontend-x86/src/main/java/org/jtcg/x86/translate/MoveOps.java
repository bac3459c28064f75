package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.Val;
import org.jtcg.core.memory.AtomicOp;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;

import java.util.Map;

/** mov movzx movsx movsxd lea xchg cmovcc setcc bswap movbe movnti and the accumulator extensions cbw..cqo. */
final class MoveOps {
    private MoveOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.MOV, MoveOps::mov);
        m.put(Mnemonic.MOVNTI, MoveOps::mov);
        m.put(Mnemonic.MOVZX, c -> c.write(c.op(0), c.osize(), c.read(c.op(1), sizeOf(c.op(1)))));
        m.put(Mnemonic.MOVSX, MoveOps::movsx);
        m.put(Mnemonic.MOVSXD, MoveOps::movsx);
        m.put(Mnemonic.LEA, MoveOps::lea);
        m.put(Mnemonic.XCHG, MoveOps::xchg);
        m.put(Mnemonic.CMOVCC, MoveOps::cmov);
        m.put(Mnemonic.SETCC, c -> c.write(c.op(0), 1, c.flags.cond(c.insn.cond())));
        m.put(Mnemonic.BSWAP, MoveOps::bswap);
        m.put(Mnemonic.MOVBE, MoveOps::movbe);
        m.put(Mnemonic.CBW, c -> extendAccumulator(c, 1));
        m.put(Mnemonic.CWDE, c -> extendAccumulator(c, 2));
        m.put(Mnemonic.CDQE, c -> extendAccumulator(c, 4));
        m.put(Mnemonic.CWD, MoveOps::signToDx);
        m.put(Mnemonic.CDQ, MoveOps::signToDx);
        m.put(Mnemonic.CQO, MoveOps::signToDx);
    }

    static int sizeOf(Operand o) {
        if (o instanceof Operand.Reg r) {
            return r.size();
        }
        if (o instanceof Operand.Mem m) {
            return m.size();
        }
        if (o instanceof Operand.Imm i) {
            return Math.max(i.size(), 1);
        }
        throw new Ctx.Unsupported("operand " + o);
    }

    private static void mov(Ctx c) {
        Operand d = c.op(0), s = c.op(1);
        if (d instanceof Operand.Reg r && r.kind() == RegKind.SEG) {
            throw new Ctx.Unsupported("mov to a segment register");
        }
        int size = sizeOf(d);
        if (s instanceof Operand.Reg r && r.kind() == RegKind.SEG) {
            c.write(d, size, c.read(s, 2)); // selector, zero-extended for a register destination
            return;
        }
        c.write(d, size, c.read(s, size));
    }

    private static void movsx(Ctx c) {
        Operand s = c.op(1);
        int ss = sizeOf(s);
        c.write(c.op(0), c.osize(), c.zext(c.sext(c.read(s, ss), ss), c.osize()));
    }

    private static void lea(Ctx c) {
        c.write(c.op(0), c.osize(), c.ea((Operand.Mem) c.op(1)));
    }

    /** xchg with memory is always locked: one host atomic exchange. */
    private static void xchg(Ctx c) {
        int memIndex = c.op(0) instanceof Operand.Mem ? 0 : c.op(1) instanceof Operand.Mem ? 1 : -1;
        if (memIndex >= 0) {
            int size = c.osize();
            Val addr = c.ea((Operand.Mem) c.op(memIndex));
            Operand reg = c.op(1 - memIndex);
            Val old = GuestAtomics.emitFetchAndOp(c.b, AtomicOp.XCHG, addr, c.read(reg, size), size, false);
            c.write(reg, size, old);
            return;
        }
        if (c.op(0) instanceof Operand.Reg r && c.op(0).equals(c.op(1))) {
            // a register with itself: `66 90` (xchg %ax,%ax) is gcc's two-byte nop, run where code falls into an
            // aligned loop head; only the 32-bit form changes anything (it zero-extends)
            if (c.osize() == 4 && r.kind() == RegKind.GPR) {
                c.writeGpr(r.num(), 4, c.readGpr(r.num(), 4));
            }
            return;
        }
        Ctx.Loc a = c.loc(0), b = c.loc(1);
        Val va = a.read(), vb = b.read();
        a.write(vb);
        b.write(va);
    }

    private static void cmov(Ctx c) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val v = c.read(1);                       // the source is read (and may fault) either way
        Val old = c.readGpr(((Operand.Reg) c.op(0)).num(), size);
        Val cond = c.flags.cond(c.insn.cond());
        c.write(c.op(0), size, b.movcond(Cond.NE, cond, c.c(0), v, old)); // 32-bit: zero-extends even if false
    }

    private static void bswap(Ctx c) {
        int n = ((Operand.Reg) c.op(0)).num();
        switch (c.osize()) {
            case 8 -> c.b.bswap64(c.gpr(n), c.gpr(n));
            case 4 -> c.writeGpr(n, 4, c.b.bswap32(c.gpr(n)));
            default -> c.writeGpr(n, 2, c.c(0)); // 16-bit bswap is undefined; Intel CPUs clear the word
        }
    }

    private static void movbe(Ctx c) {
        int size = c.osize();
        Val v = c.read(1);
        Val r = switch (size) {
            case 8 -> c.b.bswap64(v);
            case 4 -> c.b.bswap32(v);
            default -> c.b.bswap16(v);
        };
        c.write(c.op(0), size, r);
    }

    /** cbw / cwde / cdqe: the accumulator's low half sign-extended into the whole operand. */
    private static void extendAccumulator(Ctx c, int from) {
        c.writeGpr(0, from * 2, c.zext(c.sext(c.gpr(0), from), from * 2));
    }

    /** cwd / cdq / cqo: rdx = the accumulator's sign. */
    private static void signToDx(Ctx c) {
        int size = c.osize();
        Val s = c.b.sar(c.sext(c.gpr(0), size), c.c(63));
        c.writeGpr(2, size, c.zext(s, size));
    }
}
