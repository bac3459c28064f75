package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.cpuid.X86Extension;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/**
 * bt bts btr btc (register and immediate offsets; a register offset into memory addresses the
 * operand-sized unit the signed bit offset falls in), bsf bsr tzcnt lzcnt popcnt.
 */
final class BitOps {
    private BitOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.BT, c -> bitTest(c, 0));
        m.put(Mnemonic.BTS, c -> bitTest(c, 1));
        m.put(Mnemonic.BTR, c -> bitTest(c, 2));
        m.put(Mnemonic.BTC, c -> bitTest(c, 3));
        m.put(Mnemonic.BSF, c -> bitScan(c, false));
        m.put(Mnemonic.BSR, c -> bitScan(c, true));
        m.put(Mnemonic.TZCNT, c -> countOrScan(c, X86Extension.BMI1, false));
        m.put(Mnemonic.LZCNT, c -> countOrScan(c, X86Extension.LZCNT, true));
        m.put(Mnemonic.POPCNT, BitOps::popcnt);
    }

    /** action: 0 test, 1 set, 2 reset, 3 complement. CF = the bit; ZF kept; OF SF AF PF as before (see docs). */
    private static void bitTest(Ctx c, int action) {
        IrBuilder b = c.b;
        int size = c.osize();
        int bits = 8 * size;
        Operand dst = c.op(0), off = c.op(1);
        Val bit;
        Ctx.Loc loc;
        if (dst instanceof Operand.Mem m && off instanceof Operand.Reg) {
            Val o = c.sext(c.read(off, size), size);
            Val addr = b.add(c.ea(m), b.shl(b.sar(o, c.c(Integer.numberOfTrailingZeros(bits))),
                    c.c(Integer.numberOfTrailingZeros(size))));
            bit = b.and(o, c.c(bits - 1));
            loc = null;
            Val v = c.load(addr, size);
            update(c, action, v, bit, size, val -> c.store(addr, size, val));
            return;
        }
        bit = b.and(c.read(off, size), c.c(bits - 1));
        loc = c.loc(0);
        Ctx.Loc l = loc;
        update(c, action, loc.read(), bit, size, l::write);
    }

    private static void update(Ctx c, int action, Val v, Val bit, int size, java.util.function.Consumer<Val> write) {
        IrBuilder b = c.b;
        Val cf = b.and(b.shr(v, bit), c.c(1));
        Val f = c.flags.value();
        if (action != 0) {
            Val mask = b.shl(c.c(1), bit);
            Val r = switch (action) {
                case 1 -> b.or(v, mask);
                case 2 -> b.andc(v, mask);
                default -> b.xor(v, mask);
            };
            write.accept(c.zext(r, size));
        }
        c.flags.setExplicit(b.or(b.and(f, c.c(~(long) LazyFlags.CF)), cf));
    }

    /**
     * bsf/bsr: ZF = (source == 0). A zero source leaves the whole 64-bit destination unchanged,
     * even for 32-bit operands (no zero-extension): what the hardware oracle (AMD, and the
     * SDM's "undefined" read on Intel parts in practice) does, found by jtcg fuzz.
     */
    private static void bitScan(Ctx c, boolean reverse) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val s = c.read(1);
        int n = ((Operand.Reg) c.op(0)).num();
        Val oldFull = b.mov(c.gpr(n));
        Val idx = reverse ? b.sub(c.c(63), b.clz(s)) : b.ctz(s);
        c.writeGpr(n, size, idx);
        b.movcond(Cond.EQ, c.gpr(n), s, c.c(0), oldFull, c.gpr(n));
        Val zf = b.movcond(Cond.EQ, s, c.c(0), c.c(LazyFlags.ZF), c.c(0));
        c.flags.setExplicit(zf);
    }

    /**
     * F3 0F BC / F3 0F BD: tzcnt / lzcnt when the CPU model advertises BMI1 / LZCNT, otherwise what a CPU
     * without them executes, bsf / bsr with an ignored REP prefix (x86-64-v1/v2; gcc emits "rep bsf" for
     * __builtin_ctz relying on exactly that). Decided at translation: the model is fixed for the run.
     */
    private static void countOrScan(Ctx c, X86Extension ext, boolean leading) {
        if (CpuidModel.active().has(ext)) {
            count(c, leading);
        } else {
            bitScan(c, leading);
        }
    }

    /** tzcnt/lzcnt: the count at operand width; CF = (source == 0), ZF = (result == 0). */
    private static void count(Ctx c, boolean leading) {
        IrBuilder b = c.b;
        int size = c.osize();
        int bits = 8 * size;
        Val s = c.read(1);
        Val r;
        if (leading) {
            r = b.sub(b.clz(s), c.c(64 - bits));
        } else {
            r = b.movcond(Cond.EQ, s, c.c(0), c.c(bits), b.ctz(s));
        }
        c.write(c.op(0), size, r);
        Val cf = b.setcond(Cond.EQ, s, c.c(0));
        Val zf = b.shl(b.setcond(Cond.EQ, r, c.c(0)), c.c(6));
        c.flags.setExplicit(b.or(cf, zf));
    }

    private static void popcnt(Ctx c) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val s = c.read(1);
        c.write(c.op(0), size, b.popcnt(s));
        c.flags.setExplicit(b.shl(b.setcond(Cond.EQ, s, c.c(0)), c.c(6)));
    }
}
