package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.memory.AtomicOp;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.signal.SigCodes;

import java.util.Map;

/**
 * cmpxchg cmpxchg8b cmpxchg16b xadd. With LOCK each is one host atomic on guest memory
 * ({@link GuestAtomics}: compare-and-swap, 16-byte compare-and-swap, fetch-and-add); without it, a
 * plain load and store, as the unlocked instruction is not atomic on hardware either. A memory
 * destination is always written (as the hardware cycle does; the atomic needs write permission too),
 * so a read-only page faults whether or not the comparison succeeds; a register destination only on
 * success. Flags are the same either way.
 */
final class AtomicOps {
    private AtomicOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.CMPXCHG, AtomicOps::cmpxchg);
        m.put(Mnemonic.CMPXCHG8B, c -> cmpxchgDouble(c, 4));
        m.put(Mnemonic.CMPXCHG16B, c -> cmpxchgDouble(c, 8));
        m.put(Mnemonic.XADD, AtomicOps::xadd);
    }

    private static void cmpxchg(Ctx c) {
        IrBuilder b = c.b;
        int size = c.osize();
        Ctx.Loc d = c.loc(0);
        boolean locked = d.isMem() && c.insn.lock();
        Val t;
        Val src;
        Val acc;
        if (locked) { // the atomic stores src on success and leaves memory alone on failure
            src = c.read(1);
            acc = c.readGpr(0, size);
            t = GuestAtomics.emitCompareAndSwap(b, d.addr, acc, src, size, false);
        } else {
            t = d.read();
            src = c.read(1);
            acc = c.readGpr(0, size);
        }
        Val rax = b.mov(c.gpr(0));
        Val eq = b.setcond(Cond.EQ, acc, t);
        if (d.isMem()) {
            if (!locked) {
                d.write(b.movcond(Cond.NE, eq, c.c(0), src, t));
            }
        } else {
            // a register destination is written only on success (a failing 32-bit cmpxchg keeps its upper half)
            int n = ((Operand.Reg) c.op(0)).num();
            Val old = b.mov(c.gpr(n));
            d.write(src);
            b.movcond(Cond.NE, c.gpr(n), eq, c.c(0), c.gpr(n), old);
        }
        // the accumulator is loaded only on failure (a 32-bit load zero-extends rax then)
        Val newAcc = size == 8 ? t : size == 4 ? t : b.deposit(rax, t, 0, 8 * size);
        // on success the accumulator keeps its current value, which is the new one when it was the destination
        b.movcond(Cond.NE, c.gpr(0), eq, c.c(0), c.gpr(0), newAcc);
        c.flags.set(LazyFlags.SUB, size, c.zext(b.sub(acc, t), size), acc, t, true);
    }

    /** cmpxchg8b (half = 4) / cmpxchg16b (half = 8): edx:eax vs memory; on success store ecx:ebx. */
    private static void cmpxchgDouble(Ctx c, int half) {
        IrBuilder b = c.b;
        Val addr = c.ea((Operand.Mem) c.op(0));
        if (half == 8) {
            // cmpxchg16b needs a 16-byte aligned operand (#GP otherwise)
            c.signalIf(Cond.TSTNE, addr, c.c(15), Signals.SIGSEGV, SigCodes.SI_KERNEL, 0);
        }
        Val lo, hi, eq;
        if (c.insn.lock()) {
            if (half == 8) {
                Val[] old = GuestAtomics.emitCompareAndSwap128(b, addr, c.readGpr(0, 8), c.readGpr(2, 8),
                        c.readGpr(3, 8), c.readGpr(1, 8), false);
                lo = old[0];
                hi = old[1];
            } else {
                Val expected = b.or(c.readGpr(0, 4), b.shl(c.readGpr(2, 4), c.c(32)));
                Val replacement = b.or(c.readGpr(3, 4), b.shl(c.readGpr(1, 4), c.c(32)));
                Val old = GuestAtomics.emitCompareAndSwap(b, addr, expected, replacement, 8, false);
                lo = b.ext32u(old);
                hi = b.shr(old, c.c(32));
            }
            eq = b.and(b.setcond(Cond.EQ, lo, c.readGpr(0, half)), b.setcond(Cond.EQ, hi, c.readGpr(2, half)));
        } else {
            lo = c.load(addr, half);
            Val hiAddr = b.add(addr, c.c(half));
            hi = c.load(hiAddr, half);
            eq = b.and(b.setcond(Cond.EQ, lo, c.readGpr(0, half)), b.setcond(Cond.EQ, hi, c.readGpr(2, half)));
            Val newLo = b.movcond(Cond.NE, eq, c.c(0), c.readGpr(3, half), lo);
            Val newHi = b.movcond(Cond.NE, eq, c.c(0), c.readGpr(1, half), hi);
            c.store(addr, half, newLo);
            c.store(hiAddr, half, newHi);
        }
        Val rax = b.mov(c.gpr(0)), rdx = b.mov(c.gpr(2));
        b.movcond(Cond.NE, c.gpr(0), eq, c.c(0), rax, lo);
        b.movcond(Cond.NE, c.gpr(2), eq, c.c(0), rdx, hi);
        Val f = b.andc(c.flags.value(), c.c(LazyFlags.ZF));
        c.flags.setExplicit(b.or(f, b.shl(eq, c.c(6))));
    }

    private static void xadd(Ctx c) {
        int size = c.osize();
        Ctx.Loc d = c.loc(0);
        if (d.isMem() && c.insn.lock()) {
            Val v = c.read(1);
            Val a = GuestAtomics.emitFetchAndOp(c.b, AtomicOp.ADD, d.addr, v, size, false);
            Val sum = c.zext(c.b.add(a, v), size);
            c.write(c.op(1), size, a);
            c.flags.set(LazyFlags.ADD, size, sum, a, v, true);
            return;
        }
        Val a = d.read();
        Val v = c.read(1);
        Val sum = c.zext(c.b.add(a, v), size);
        c.write(c.op(1), size, a);
        d.write(sum);
        c.flags.set(LazyFlags.ADD, size, sum, a, v, true);
    }
}
