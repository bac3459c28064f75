package org.jtcg.x86.translate;

import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/** push pop enter leave pushf popf (64-bit stack; 66 selects 16-bit pushes and pops). */
final class StackOps {
    private StackOps() {}

    private static final int RSP = 4, RBP = 5;

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.PUSH, c -> push(c, c.read(c.op(0), c.osize()), c.osize()));
        m.put(Mnemonic.POP, StackOps::pop);
        m.put(Mnemonic.LEAVE, StackOps::leave);
        m.put(Mnemonic.ENTER, StackOps::enter);
        m.put(Mnemonic.PUSHF, c -> push(c, rflags(c), c.osize()));
        m.put(Mnemonic.POPF, StackOps::popf);
    }

    /** Pushes the low size bytes of v. */
    static void push(Ctx c, Val v, int size) {
        Val sp = c.b.sub(c.gpr(RSP), c.c(size));
        c.store(sp, size, v);
        c.b.mov(c.gpr(RSP), sp);
    }

    /** Pops size bytes (zero-extended); rsp is updated before the caller writes the destination. */
    static Val pop(Ctx c, int size) {
        Val v = c.load(c.gpr(RSP), size);
        c.b.add(c.gpr(RSP), c.gpr(RSP), c.c(size));
        return v;
    }

    private static void pop(Ctx c) {
        int size = c.osize();
        Operand d = c.op(0);
        if (d instanceof Operand.Mem m) {
            // the address uses rsp after the pop (SDM: "pop [rsp+x]" computes the address after incrementing)
            Val v = c.load(c.gpr(RSP), size);
            Val sp = c.b.add(c.gpr(RSP), c.c(size));
            Val old = c.b.mov(c.gpr(RSP));
            c.b.mov(c.gpr(RSP), sp);
            // a copy: for "pop [rsp]" ea() is the rsp global itself, which is restored on the next line
            Val addr = c.b.mov(c.ea(m));
            c.b.mov(c.gpr(RSP), old);   // a faulting store must leave rsp unchanged
            c.store(addr, size, v);
            c.b.mov(c.gpr(RSP), sp);
            return;
        }
        Val v = pop(c, size);
        c.write(d, size, v);
    }

    private static void leave(Ctx c) {
        int size = c.osize();
        Val v = c.load(c.gpr(RBP), size);
        c.b.add(c.gpr(RSP), c.gpr(RBP), c.c(size));
        c.writeGpr(RBP, size, v);
    }

    private static void enter(Ctx c) {
        IrBuilder b = c.b;
        int frameSize = (int) ((Operand.Imm) c.op(0)).value() & 0xffff;
        int level = (int) ((Operand.Imm) c.op(1)).value() & 31;
        int size = c.osize();
        Val rbp = c.gpr(RBP);
        Val sp = b.sub(c.gpr(RSP), c.c(size));
        c.store(sp, size, rbp);
        Val frame = sp;
        for (int i = 1; i < level; i++) {
            Val v = c.load(b.sub(rbp, c.c((long) i * size)), size);
            sp = b.sub(sp, c.c(size));
            c.store(sp, size, v);
        }
        if (level > 0) {
            sp = b.sub(sp, c.c(size));
            c.store(sp, size, frame);
        }
        c.writeGpr(RBP, size, frame);
        b.sub(c.gpr(RSP), sp, c.c(frameSize));
    }

    /** RFLAGS as pushf/syscall see it (RF and VM read as 0). */
    static Val rflags(Ctx c) {
        Val rest = c.b.and(c.global(X86Cpu.RFLAGS_REST), c.c(~(long) LazyFlags.OSZAPC & ~0x30000L));
        return c.b.or(c.flags.value(), rest);
    }

    private static void popf(Ctx c) {
        IrBuilder b = c.b;
        Val v = pop(c, c.osize());
        long writable = X86Cpu.RFLAGS_USER_WRITABLE & LazyFlags.mask(c.osize());
        Val rest = c.global(X86Cpu.RFLAGS_REST);
        Val kept = b.and(rest, c.c(~(writable & ~(long) LazyFlags.OSZAPC)));
        Val set = b.and(v, c.c(writable & ~(long) LazyFlags.OSZAPC));
        b.or(rest, b.or(kept, set), c.c(2));
        c.flags.setExplicit(b.and(v, c.c(LazyFlags.OSZAPC)));
    }
}
