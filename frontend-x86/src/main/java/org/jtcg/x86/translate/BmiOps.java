package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/**
 * BMI1 (andn bextr blsi blsmsk blsr) and BMI2 (bzhi mulx pdep pext rorx sarx shlx shrx), all VEX-encoded
 * GPR instructions of 32 or 64 bits (VEX.W). Operands in Intel order as the decoder lists them: the
 * destination first, VEX.vvvv where the SDM puts it. Flags as the SDM defines them (the undefined AF/PF
 * follow from the lazy LOGIC kind or are cleared); bzhi/mulx/pdep/pext/rorx/sarx/shlx/shrx keep them —
 * except bzhi, which sets ZF/SF/CF and clears OF. The shifts mask their count to 5 (6 with W1) bits.
 */
final class BmiOps {
    private BmiOps() {}

    private static final HelperRef BEXTR = HelperRef.of(BmiHelpers.class, "bextr", HelperRef.PURE);
    private static final HelperRef PDEP = HelperRef.of(BmiHelpers.class, "pdep", HelperRef.PURE);
    private static final HelperRef PEXT = HelperRef.of(BmiHelpers.class, "pext", HelperRef.PURE);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.ANDN, BmiOps::andn);
        m.put(Mnemonic.BEXTR, BmiOps::bextr);
        m.put(Mnemonic.BLSI, c -> lowestBit(c, 0));
        m.put(Mnemonic.BLSMSK, c -> lowestBit(c, 1));
        m.put(Mnemonic.BLSR, c -> lowestBit(c, 2));
        m.put(Mnemonic.BZHI, BmiOps::bzhi);
        m.put(Mnemonic.MULX, BmiOps::mulx);
        m.put(Mnemonic.PDEP, c -> c.write(c.op(0), c.osize(), c.b.callValue(PDEP, c.read(1), c.read(2))));
        m.put(Mnemonic.PEXT, c -> c.write(c.op(0), c.osize(), c.b.callValue(PEXT, c.read(1), c.read(2))));
        m.put(Mnemonic.RORX, BmiOps::rorx);
        m.put(Mnemonic.SARX, c -> shift(c, 2));
        m.put(Mnemonic.SHLX, c -> shift(c, 0));
        m.put(Mnemonic.SHRX, c -> shift(c, 1));
    }

    /** andn dst, src1 (vvvv), src2: dst = ~src1 & src2; SF ZF from the result, CF = OF = 0. */
    private static void andn(Ctx c) {
        int size = c.osize();
        Val r = c.b.andc(c.read(2), c.read(1));
        c.write(c.op(0), size, r);
        c.flags.set(LazyFlags.LOGIC, size, r, null, null);
    }

    /** bextr dst, src, ctrl (vvvv): ZF from the result, CF = OF = 0 (SF/PF undefined: LOGIC's). */
    private static void bextr(Ctx c) {
        int size = c.osize();
        Val r = c.b.callValue(BEXTR, c.read(1), c.read(2), c.c(size));
        c.write(c.op(0), size, r);
        c.flags.set(LazyFlags.LOGIC, size, r, null, null);
    }

    /**
     * blsi (0) {@code -s & s}, blsmsk (1) {@code s ^ (s-1)}, blsr (2) {@code s & (s-1)}; dst is VEX.vvvv.
     * SF from the result; ZF from it (blsmsk: cleared); CF = (s != 0) for blsi, (s == 0) otherwise; OF = 0.
     */
    private static void lowestBit(Ctx c, int which) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val s = c.read(1);
        Val r = switch (which) {
            case 0 -> b.and(b.neg(s), s);
            case 1 -> b.xor(s, b.sub(s, c.c(1)));
            default -> b.and(s, b.sub(s, c.c(1)));
        };
        r = c.zext(r, size);
        c.write(c.op(0), size, r);
        Val cf = b.setcond(which == 0 ? Cond.NE : Cond.EQ, s, c.c(0));
        Val f = b.or(cf, signFlag(c, r, size));
        if (which != 1) f = b.or(f, zeroFlag(c, r));
        c.flags.setExplicit(f);
    }

    /** bzhi dst, src, index (vvvv): n = index[7:0]; n < width: src with bits n.. cleared, else src, CF = 1. */
    private static void bzhi(Ctx c) {
        IrBuilder b = c.b;
        int size = c.osize();
        int bits = 8 * size;
        Val s = c.read(1);
        Val n = b.and(c.read(2), c.c(0xff));
        Val cut = b.andc(s, b.shl(c.c(-1), b.and(n, c.c(63))));
        Val r = b.movcond(Cond.LTU, n, c.c(bits), cut, s);
        c.write(c.op(0), size, r);
        Val cf = b.setcond(Cond.GEU, n, c.c(bits));
        c.flags.setExplicit(b.or(cf, b.or(signFlag(c, r, size), zeroFlag(c, r))));
    }

    /**
     * mulx hi (ModRM.reg), lo (vvvv), src: unsigned rdx/edx × src; the low half is written first, so when
     * both name the same register it holds the high half (SDM). Flags unchanged.
     */
    private static void mulx(Ctx c) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val a = c.readGpr(2, size);
        Val s = c.read(2);
        Val lo, hi;
        if (size == 8) {
            lo = b.mul(a, s);
            hi = b.mulhu(a, s);
        } else {
            Val p = b.mul(a, s);
            lo = b.ext32u(p);
            hi = b.shr(p, c.c(32));
        }
        c.write(c.op(1), size, lo);
        c.write(c.op(0), size, hi);
    }

    /** rorx dst, src, imm8: rotate right by imm8 masked to 5/6 bits; flags unchanged. */
    private static void rorx(Ctx c) {
        IrBuilder b = c.b;
        int size = c.osize();
        int bits = 8 * size;
        Val s = c.read(1);
        int n = (int) (((Operand.Imm) c.op(2)).value() & (bits - 1));
        Val r = size == 8 ? b.rotr(s, c.c(n))
                : n == 0 ? s : b.ext32u(b.or(b.shr(s, c.c(n)), b.shl(s, c.c(bits - n))));
        c.write(c.op(0), size, r);
    }

    /** shlx (0) / shrx (1) / sarx (2) dst, src, count (vvvv): count masked to 5/6 bits; flags unchanged. */
    private static void shift(Ctx c, int kind) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val s = c.read(1);
        Val n = b.and(c.read(2), c.c(8 * size - 1));
        Val r = switch (kind) {
            case 0 -> b.shl(s, n);
            case 1 -> b.shr(s, n);
            default -> b.sar(c.sext(s, size), n);
        };
        c.write(c.op(0), size, c.zext(r, size));
    }

    private static Val signFlag(Ctx c, Val r, int size) {
        return c.b.shl(c.b.extract(r, 8 * size - 1, 1, false), c.c(7));
    }

    private static Val zeroFlag(Ctx c, Val r) {
        return c.b.shl(c.b.setcond(Cond.EQ, r, c.c(0)), c.c(6));
    }
}
