package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

/**
 * shl/sal shr sar rol ror rcl rcr shld shrd. Counts are masked to 5 bits (6 with REX.W); a zero
 * masked count leaves the flags unchanged (for a count in CL that is decided at run time with
 * movcond on the lazy-flag globals, so the code stays straight-line).
 */
final class ShiftOps {
    private ShiftOps() {}

    private static final HelperRef RCL = HelperRef.of(ShiftHelpers.class, "rcl", HelperRef.PURE);
    private static final HelperRef RCR = HelperRef.of(ShiftHelpers.class, "rcr", HelperRef.PURE);
    private static final HelperRef RCL_F = HelperRef.of(ShiftHelpers.class, "rclFlags", HelperRef.PURE);
    private static final HelperRef RCR_F = HelperRef.of(ShiftHelpers.class, "rcrFlags", HelperRef.PURE);
    private static final HelperRef SHLD = HelperRef.of(ShiftHelpers.class, "shld", HelperRef.PURE);
    private static final HelperRef SHRD = HelperRef.of(ShiftHelpers.class, "shrd", HelperRef.PURE);
    private static final HelperRef SHLD_F = HelperRef.of(ShiftHelpers.class, "shldFlags", HelperRef.PURE);
    private static final HelperRef SHRD_F = HelperRef.of(ShiftHelpers.class, "shrdFlags", HelperRef.PURE);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.SHL, c -> shift(c, LazyFlags.SHL));
        m.put(Mnemonic.SHR, c -> shift(c, LazyFlags.SHR));
        m.put(Mnemonic.SAR, c -> shift(c, LazyFlags.SAR));
        m.put(Mnemonic.ROL, c -> rotate(c, true));
        m.put(Mnemonic.ROR, c -> rotate(c, false));
        m.put(Mnemonic.RCL, c -> rotateCarry(c, RCL, RCL_F));
        m.put(Mnemonic.RCR, c -> rotateCarry(c, RCR, RCR_F));
        m.put(Mnemonic.SHLD, c -> doubleShift(c, SHLD, SHLD_F));
        m.put(Mnemonic.SHRD, c -> doubleShift(c, SHRD, SHRD_F));
    }

    /** Masked count: a constant (Long) or a Val. */
    private static Object count(Ctx c, Operand o) {
        long mask = c.osize() == 8 ? 63 : 31;
        if (o instanceof Operand.Imm imm) {
            return imm.value() & mask;
        }
        return c.b.and(c.gpr(1), c.c(mask));
    }

    private static Val countVal(Ctx c, Object cnt) {
        return cnt instanceof Long l ? c.c(l) : (Val) cnt;
    }

    private static void shift(Ctx c, int kind) {
        IrBuilder b = c.b;
        int size = c.osize();
        Object cnt = count(c, c.op(1));
        if (cnt instanceof Long l && l == 0) {
            Ctx.Loc d = c.loc(0);
            d.write(d.read()); // no flags; a 32-bit register is still zero-extended
            return;
        }
        Ctx.Loc d = c.loc(0);
        Val a = d.read();
        Val n = countVal(c, cnt);
        Val n1 = b.sub(n, c.c(1));
        Val res, src;
        switch (kind) {
            case LazyFlags.SHL -> {
                res = c.zext(b.shl(a, n), size);
                src = b.shl(a, n1);
            }
            case LazyFlags.SHR -> {
                res = b.shr(a, n);
                src = b.shr(a, n1);
            }
            default -> {
                Val s = c.sext(a, size);
                res = c.zext(b.sar(s, n), size);
                src = b.sar(s, n1);
            }
        }
        d.write(res);
        if (cnt instanceof Long) {
            c.flags.set(kind, size, res, src, a);
        } else {
            setIfNonZero(c, n, LazyFlags.op(kind, size), res, src, a);
        }
    }

    /** Lazy-flag globals := the new state when n != 0, unchanged otherwise. */
    private static void setIfNonZero(Ctx c, Val n, int op, Val dst, Val src, Val src2) {
        IrBuilder b = c.b;
        Val zero = c.c(0);
        int[] idx = {X86Cpu.CC_OP, X86Cpu.CC_DST, X86Cpu.CC_SRC, X86Cpu.CC_SRC2};
        Val[] v = {c.c(op), dst, src, src2};
        for (int i = 0; i < 4; i++) {
            Val g = c.global(idx[i]);
            b.movcond(Cond.NE, g, n, zero, v[i], g);
        }
        c.flags.forget();
    }

    private static void rotate(Ctx c, boolean left) {
        IrBuilder b = c.b;
        int size = c.osize();
        int bits = 8 * size;
        Object cnt = count(c, c.op(1));
        Ctx.Loc d = c.loc(0);
        Val a = d.read();
        Val n = countVal(c, cnt);
        Val res;
        if (size == 8) {
            res = left ? b.rotl(a, n) : b.rotr(a, n);
        } else {
            Val r = b.and(n, c.c(bits - 1));
            Val l = left ? r : b.and(b.sub(c.c(bits), r), c.c(bits - 1));
            res = c.zext(b.or(b.shl(a, l), b.shr(a, b.sub(c.c(bits), l))), size);
        }
        d.write(res);
        if (cnt instanceof Long k && k == 0) {
            return;
        }
        Val f = c.flags.value();
        Val msb = b.extract(res, bits - 1, 1, false);
        Val cf, of;
        if (left) {
            cf = b.and(res, c.c(1));
            of = b.xor(cf, msb);
        } else {
            cf = msb;
            of = b.xor(msb, b.extract(res, bits - 2, 1, false));
        }
        Val nf = b.or(b.and(f, c.c(~(long) (LazyFlags.CF | LazyFlags.OF))), b.or(cf, b.shl(of, c.c(11))));
        if (!(cnt instanceof Long)) {
            nf = b.movcond(Cond.NE, n, c.c(0), nf, f);
        }
        c.flags.setExplicit(nf);
    }

    private static void rotateCarry(Ctx c, HelperRef op, HelperRef flags) {
        int size = c.osize();
        Val n = countVal(c, count(c, c.op(1)));
        Ctx.Loc d = c.loc(0);
        Val a = d.read();
        Val f = c.flags.value();
        Val sz = c.c(size);
        d.write(c.b.callValue(op, a, n, f, sz));
        c.flags.setExplicit(c.b.callValue(flags, a, n, f, sz));
    }

    private static void doubleShift(Ctx c, HelperRef op, HelperRef flags) {
        int size = c.osize();
        Val n = countVal(c, count(c, c.op(2)));
        Ctx.Loc d = c.loc(0);
        Val a = d.read();
        Val s = c.read(1);
        Val f = c.flags.value();
        Val sz = c.c(size);
        d.write(c.b.callValue(op, a, s, n, sz));
        c.flags.setExplicit(c.b.callValue(flags, a, s, n, f, sz));
    }
}
