package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/** jmp jcc call ret loop loope loopne jrcxz: every one ends the block. */
final class BranchOps {
    private BranchOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.JMP, BranchOps::jmp);
        m.put(Mnemonic.JCC, c -> branchIf(c, c.flags.cond(c.insn.cond())));
        m.put(Mnemonic.CALL, BranchOps::call);
        m.put(Mnemonic.RET, BranchOps::ret);
        m.put(Mnemonic.LOOP, c -> loop(c, -1));
        m.put(Mnemonic.LOOPE, c -> loop(c, 4));
        m.put(Mnemonic.LOOPNE, c -> loop(c, 5));
        m.put(Mnemonic.JRCXZ, BranchOps::jrcxz);
    }

    private static void jmp(Ctx c) {
        Operand t = c.op(0);
        if (t instanceof Operand.Rel) {
            c.b.gotoDirect(c.insn.branchTarget());
        } else {
            c.b.gotoIndirect(c.read(t, 8));
        }
        c.endBlock();
    }

    /** Taken when v (0/1) is non-zero. */
    static void branchIf(Ctx c, Val v) {
        IrBuilder b = c.b;
        Label taken = b.newLabel();
        b.brcond(Cond.NE, v, c.c(0), taken);
        b.gotoDirect(c.next());
        b.setLabel(taken);
        b.gotoDirect(c.insn.branchTarget());
        c.endBlock();
    }

    private static void call(Ctx c) {
        Operand t = c.op(0);
        if (t instanceof Operand.Rel) {
            StackOps.push(c, c.c(c.next()), 8);
            c.b.gotoDirect(c.insn.branchTarget());
        } else {
            Val target = c.read(t, 8);           // read before the push: the operand may use rsp
            StackOps.push(c, c.c(c.next()), 8);
            c.b.gotoIndirect(target);
        }
        c.endBlock();
    }

    private static void ret(Ctx c) {
        Val target = StackOps.pop(c, 8);
        if (c.insn.operandCount() > 0) {
            long n = ((Operand.Imm) c.op(0)).value() & 0xffff;
            c.b.add(c.gpr(4), c.gpr(4), c.c(n));
        }
        c.b.gotoIndirect(target);
        c.endBlock();
    }

    /** Count register (rcx or ecx with 67) for loop/jrcxz. */
    private static int countSize(Ctx c) {
        return c.insn.addressSize();
    }

    private static void loop(Ctx c, int zfCond) {
        IrBuilder b = c.b;
        int as = countSize(c);
        Val cnt = c.zext(b.sub(c.gpr(1), c.c(1)), as);
        Val zf = zfCond >= 0 ? c.flags.cond(zfCond) : null; // flags are not changed by loop
        c.writeGpr(1, as, cnt);
        Val go = b.setcond(Cond.NE, cnt, c.c(0));
        if (zf != null) {
            go = b.and(go, zf);
        }
        branchIf(c, go);
    }

    private static void jrcxz(Ctx c) {
        branchIf(c, c.b.setcond(Cond.EQ, c.readGpr(1, countSize(c)), c.c(0)));
    }
}
