package org.jtcg.cli.toy;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.signal.Signals;

/**
 * The test-only toy64 ISA, just enough to drive the whole user-mode pipeline end to end:
 * <pre>
 * 0x01              syscall (number r0, arguments r1..r6, result r0)
 * 0x1r imm64 (LE)   rR = imm
 * 0x2r              store8 [rR] = r0
 * 0x3r rel8         rR -= 1; if rR != 0 jump to next+rel8
 * anything else     SIGILL
 * </pre>
 */
public final class ToyTranslator implements Translator {
    private static final int ILL_ILLOPC = 1;

    @Override
    public IrBlock translate(TranslationRequest req) {
        IrBuilder b = req.newBuilder();
        long pc = req.pc();
        byte[] code = new byte[9];
        for (int n = 0; n < req.maxInsns(); n++) {
            try {
                req.fetch(pc, code, 0, 9);
            } catch (GuestFault f) {
                if (n == 0) {
                    throw f;
                }
                b.gotoDirect(pc);
                return b.finish(pc);
            }
            int op = code[0] & 0xff;
            int r = op & 7;
            b.insnStart(pc);
            switch (op >> 4) {
                case 0x0 -> {
                    if (op != 0x01) {
                        return illegal(b, pc, String.format("undefined toy64 instruction at 0x%x: %02x", pc, op));
                    }
                    b.exitSyscall(pc + 1);
                    return b.finish(pc + 1);
                }
                case 0x1 -> {
                    long imm = 0;
                    for (int i = 8; i >= 1; i--) {
                        imm = (imm << 8) | (code[i] & 0xff);
                    }
                    b.movi(b.global(r), imm);
                    pc += 9;
                }
                case 0x2 -> {
                    b.store(b.global(0), b.global(r), 1, false);
                    pc += 1;
                }
                case 0x3 -> {
                    long next = pc + 2;
                    long target = next + code[1];
                    b.sub(b.global(r), b.global(r), b.const64(1));
                    Label taken = b.newLabel();
                    b.brcond(Cond.NE, b.global(r), b.const64(0), taken);
                    b.gotoDirect(next);
                    b.setLabel(taken);
                    b.gotoDirect(target);
                    return b.finish(next);
                }
                default -> {
                    return illegal(b, pc, String.format("undefined toy64 instruction at 0x%x: %02x", pc, op));
                }
            }
        }
        b.gotoDirect(pc);
        return b.finish(pc);
    }

    private static IrBlock illegal(IrBuilder b, long pc, String why) {
        b.exitSignal(Signals.SIGILL, ILL_ILLOPC, b.const64(pc), pc, why);
        return b.finish(pc + 1);
    }
}
