package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.signal.SigCodes;

import java.util.Map;

/**
 * mul, imul (one, two and three operands), div, idiv in every width. Division by zero or a quotient
 * that does not fit raises SIGFPE (FPE_INTDIV) at the instruction, as Linux does for #DE.
 */
final class MulDivOps {
    private MulDivOps() {}

    private static final HelperRef U_OVF = HelperRef.of(DivHelpers.class, "udivOverflow", HelperRef.PURE);
    private static final HelperRef U_QUO = HelperRef.of(DivHelpers.class, "udivQuotient", HelperRef.PURE);
    private static final HelperRef U_REM = HelperRef.of(DivHelpers.class, "udivRemainder", HelperRef.PURE);
    private static final HelperRef S_OVF = HelperRef.of(DivHelpers.class, "sdivOverflow", HelperRef.PURE);
    private static final HelperRef S_QUO = HelperRef.of(DivHelpers.class, "sdivQuotient", HelperRef.PURE);
    private static final HelperRef S_REM = HelperRef.of(DivHelpers.class, "sdivRemainder", HelperRef.PURE);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.MUL, c -> mulAcc(c, false));
        m.put(Mnemonic.IMUL, c -> {
            if (c.insn.operandCount() == 1) {
                mulAcc(c, true);
            } else {
                imulN(c);
            }
        });
        m.put(Mnemonic.DIV, c -> div(c, false));
        m.put(Mnemonic.IDIV, c -> div(c, true));
    }

    /** Low half and overflow flag (0/1) of a*b at size, signed or not. */
    private static Val[] product(Ctx c, Val a, Val v, int size, boolean signed) {
        IrBuilder b = c.b;
        if (size == 8) {
            Val lo = b.mul(a, v);
            Val hi = signed ? b.mulhs(a, v) : b.mulhu(a, v);
            Val ovf = signed ? b.setcond(Cond.NE, hi, b.sar(lo, c.c(63))) : b.setcond(Cond.NE, hi, c.c(0));
            return new Val[] {lo, hi, ovf};
        }
        Val p = signed ? b.mul(c.sext(a, size), c.sext(v, size)) : b.mul(a, v);
        Val lo = c.zext(p, size);
        Val hi = c.zext(b.shr(p, c.c(8L * size)), size);
        Val ovf = signed ? b.setcond(Cond.NE, c.sext(p, size), p) : b.setcond(Cond.NE, hi, c.c(0));
        return new Val[] {lo, hi, ovf};
    }

    private static void mulAcc(Ctx c, boolean signed) {
        int size = c.osize();
        Val v = c.read(0);
        Val a = c.readGpr(0, size);
        Val[] r = product(c, a, v, size, signed);
        if (size == 1) {
            c.writeGpr(0, 2, c.b.or(r[0], c.b.shl(r[1], c.c(8))));
        } else {
            c.writeGpr(0, size, r[0]);
            c.writeGpr(2, size, r[1]);
        }
        c.flags.set(LazyFlags.MUL, size, r[0], r[2], null);
    }

    private static void imulN(Ctx c) {
        int size = c.osize();
        Val a = c.read(1);
        Val v = c.insn.operandCount() == 3 ? c.read(2) : c.read(0);
        Val[] r = product(c, a, v, size, true);
        c.write(c.op(0), size, r[0]);
        c.flags.set(LazyFlags.MUL, size, r[0], r[2], null);
    }

    private static void div(Ctx c, boolean signed) {
        IrBuilder b = c.b;
        int size = c.osize();
        Val d = c.read(0);
        if (size == 8) {
            Val hi = c.gpr(2), lo = c.gpr(0);
            Val ovf = b.callValue(signed ? S_OVF : U_OVF, hi, lo, d);
            c.signalIf(Cond.NE, ovf, c.c(0), Signals.SIGFPE, SigCodes.FPE_INTDIV, c.pc());
            Val q = b.callValue(signed ? S_QUO : U_QUO, hi, lo, d);
            Val r = b.callValue(signed ? S_REM : U_REM, hi, lo, d);
            b.mov(c.gpr(0), q);
            b.mov(c.gpr(2), r);
            return;
        }
        c.signalIf(Cond.EQ, d, c.c(0), Signals.SIGFPE, SigCodes.FPE_INTDIV, c.pc());
        int bits = 8 * size;
        Val dividend = size == 1 ? c.readGpr(0, 2)
                : b.or(b.shl(c.readGpr(2, size), c.c(bits)), c.readGpr(0, size));
        Val q, r;
        if (signed) {
            Val n = c.sext(dividend, 2 * size);
            Val dv = c.sext(d, size);
            q = b.divs(n, dv);
            r = b.rems(n, dv);
            c.signalIf(Cond.NE, c.sext(q, size), q, Signals.SIGFPE, SigCodes.FPE_INTDIV, c.pc());
        } else {
            q = b.divu(dividend, d);
            r = b.remu(dividend, d);
            c.signalIf(Cond.GTU, q, c.c(LazyFlags.mask(size)), Signals.SIGFPE, SigCodes.FPE_INTDIV, c.pc());
        }
        if (size == 1) {
            c.writeGpr(0, 2, b.or(c.zext(q, 1), b.shl(c.zext(r, 1), c.c(8))));
        } else {
            c.writeGpr(0, size, c.zext(q, size));
            c.writeGpr(2, size, c.zext(r, size));
        }
    }
}
