package org.jtcg.core.engine;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Translator;
import org.jtcg.core.ir.Val;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.signal.Signals;

/**
 * A made-up ISA with 1-byte opcodes (plus a rel8 byte for jumps) over {@link TestCpu}, for block
 * cache and engine tests:
 * <pre>
 * 0x00        halt                       0x1r  inc rR          0x2r  dec rR
 * 0x3r        r0 += rR                   0x40 d jmp  next+d    0x41 d jnz r1, next+d
 * 0x50        syscall                    0x6r  st8 [rR] = r0   0x7r  jmp rR (indirect)
 * 0x8r        rR = ld64 [r3]             anything else: SIGILL (ILL_ILLOPC = 1)
 * </pre>
 */
public final class ToyTranslator implements Translator {
    public static final int ILL_ILLOPC = 1;

    @Override
    public IrBlock translate(TranslationRequest req) {
        IrBuilder b = req.newBuilder();
        long pc = req.pc();
        byte[] code = new byte[2];
        for (int n = 0; n < req.maxInsns(); n++) {
            int got;
            try {
                got = req.fetch(pc, code, 0, 2);
            } catch (GuestFault f) {
                if (n == 0) {
                    throw f;
                }
                b.gotoDirect(pc); // the next block faults when it is fetched
                return b.finish(pc);
            }
            int op = code[0] & 0xff;
            int r = op & 7;
            long next = pc + 1;
            b.insnStart(pc);
            switch (op >> 4) {
                case 0x1 -> b.add(b.global(r), b.global(r), b.const64(1));
                case 0x2 -> b.sub(b.global(r), b.global(r), b.const64(1));
                case 0x3 -> b.add(b.global(0), b.global(0), b.global(r));
                case 0x6 -> b.store(b.global(0), b.global(r), 1, false);
                case 0x8 -> b.load(b.global(r), b.global(3), 8, false, false);
                case 0x7 -> {
                    b.gotoIndirect(b.global(r));
                    return b.finish(next);
                }
                case 0x5 -> {
                    if (op != 0x50) {
                        return illegal(b, pc);
                    }
                    b.exitSyscall(next);
                    return b.finish(next);
                }
                case 0x4 -> {
                    if (got < 2 || op > 0x41) {
                        return illegal(b, pc);
                    }
                    next = pc + 2;
                    long target = next + code[1];
                    if (op == 0x40) {
                        b.gotoDirect(target);
                    } else {
                        Label taken = b.newLabel();
                        b.brcond(Cond.NE, b.global(1), b.const64(0), taken);
                        b.gotoDirect(next);
                        b.setLabel(taken);
                        b.gotoDirect(target);
                    }
                    return b.finish(next);
                }
                case 0x0 -> {
                    if (op != 0) {
                        return illegal(b, pc);
                    }
                    b.exitHalt(next);
                    return b.finish(next);
                }
                default -> {
                    return illegal(b, pc);
                }
            }
            pc = next;
            if ((pc & (GuestMemory.PAGE_SIZE - 1)) == 0) {
                break; // next instruction is on another page
            }
        }
        b.gotoDirect(pc);
        return b.finish(pc);
    }

    private static IrBlock illegal(IrBuilder b, long pc) {
        b.exitSignal(Signals.SIGILL, ILL_ILLOPC, pc, pc);
        return b.finish(pc + 1);
    }

    @Override
    public String disassemble(GuestMemory memory, long pc) {
        byte[] c = new byte[2];
        int got = memory.fetch(pc, c, 0, 2);
        int op = c[0] & 0xff, r = op & 7;
        return switch (op >> 4) {
            case 0x1 -> "inc r" + r;
            case 0x2 -> "dec r" + r;
            case 0x3 -> "add r0, r" + r;
            case 0x6 -> "st8 [r" + r + "], r0";
            case 0x8 -> "ld64 r" + r + ", [r3]";
            case 0x7 -> "jmp r" + r;
            case 0x5 -> op == 0x50 ? "syscall" : "(bad)";
            case 0x4 -> got < 2 || op > 0x41 ? "(bad)" : (op == 0x40 ? "jmp " : "jnz r1, ") + String.format("0x%x", pc + 2 + c[1]);
            case 0x0 -> op == 0 ? "halt" : "(bad)";
            default -> "(bad)";
        };
    }
}
