package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.jtcg.x86.translate.SseOperands.checkXm;
import static org.jtcg.x86.translate.SseOperands.lib;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE/SSE2 floating point: arithmetic, min/max, sqrt, compares (cmp*, (u)comis*) and conversions.
 * Each is one library op ({@link SseLibHelpers}, bit-exact with MXCSR rounding/flags) over "xmm,
 * xmm/mem" (memory in the scratch register; m128 must be 16-byte aligned). An op that reports
 * unmasked exceptions leaves its destination unchanged and the instruction raises SIGFPE with
 * Linux's si_code. (u)comis* write ZF/PF/CF and clear OF/SF/AF in the explicit lazy-flag mode.
 * Conversions to a GPR first ask the library whether an unmasked exception would be raised.
 */
final class SseFloatOps {
    private SseFloatOps() {}

    /** "op xmm, xmm/mem" returning the unmasked-exception flags. */
    private static final Mnemonic[] ARITH = {
        Mnemonic.ADDPS, Mnemonic.ADDSS, Mnemonic.ADDPD, Mnemonic.ADDSD, Mnemonic.SUBPS, Mnemonic.SUBSS, Mnemonic.SUBPD, Mnemonic.SUBSD,
        Mnemonic.MULPS, Mnemonic.MULSS, Mnemonic.MULPD, Mnemonic.MULSD, Mnemonic.DIVPS, Mnemonic.DIVSS, Mnemonic.DIVPD, Mnemonic.DIVSD,
        Mnemonic.MINPS, Mnemonic.MINSS, Mnemonic.MINPD, Mnemonic.MINSD, Mnemonic.MAXPS, Mnemonic.MAXSS, Mnemonic.MAXPD, Mnemonic.MAXSD,
        Mnemonic.SQRTPS, Mnemonic.SQRTSS, Mnemonic.SQRTPD, Mnemonic.SQRTSD,
        Mnemonic.CVTSS2SD, Mnemonic.CVTSD2SS, Mnemonic.CVTPS2PD, Mnemonic.CVTPD2PS, Mnemonic.CVTDQ2PS, Mnemonic.CVTPS2DQ, Mnemonic.CVTTPS2DQ,
        Mnemonic.CVTPD2DQ, Mnemonic.CVTTPD2DQ,
    };

    /** Scalar ops with a {@code ...Mem(dst, value)} library form: a memory source is passed by value. */
    private static final Set<Mnemonic> SCALAR_BY_VALUE = EnumSet.of(
        Mnemonic.ADDSS, Mnemonic.ADDSD, Mnemonic.SUBSS, Mnemonic.SUBSD, Mnemonic.MULSS, Mnemonic.MULSD, Mnemonic.DIVSS, Mnemonic.DIVSD, Mnemonic.SQRTSS, Mnemonic.SQRTSD);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Mnemonic op : ARITH) {
            String name = op.mnemonic();
            boolean byValue = SCALAR_BY_VALUE.contains(op);
            m.put(op, c -> {
                int d = xmm(c, 0);
                if (byValue && c.op(1) instanceof Operand.Mem mem) {
                    // one helper call, no scratch-register round trip through the register file
                    Val v = c.load(c.ea(mem), mem.size());
                    checkXm(c, c.b.callValue(lib(name + "Mem"), c.c(d), v));
                    return;
                }
                int s = source(c, 1);
                checkXm(c, c.b.callValue(lib(name), c.c(d), c.c(s)));
            });
        }
        m.put(Mnemonic.CVTDQ2PD, c -> {
            int d = xmm(c, 0);
            int s = source(c, 1);
            c.b.call(lib("cvtdq2pd"), null, c.c(d), c.c(s)); // exact: raises nothing
        });
        for (Mnemonic op : new Mnemonic[] {Mnemonic.CMPPS, Mnemonic.CMPSS, Mnemonic.CMPPD, Mnemonic.CMPSD}) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                // legacy SSE compares use imm8[2:0]; bits 7:3 are ignored
                checkXm(c, c.b.callValue(lib(name), c.c(d), c.c(s), c.c(SseOperands.imm(c, 2) & 7)));
            });
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.UCOMISS, Mnemonic.UCOMISD, Mnemonic.COMISS, Mnemonic.COMISD}) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int a = xmm(c, 0);
                int s = source(c, 1);
                Val f = c.b.callValue(lib(name), c.c(a), c.c(s));
                // negative = XM_FAULT | unmasked flags; otherwise exactly ZF|PF|CF (OF, SF, AF cleared)
                c.fpeIf(Cond.LT, f, c.c(0), SseOperands.sse("xmSiCode"));
                c.flags.setExplicit(f);
            });
        }
        m.put(Mnemonic.CVTSI2SS, c -> fromInt(c, "cvtsi2ss"));
        m.put(Mnemonic.CVTSI2SD, c -> fromInt(c, "cvtsi2sd"));
        m.put(Mnemonic.CVTSS2SI, c -> toInt(c, false, false));
        m.put(Mnemonic.CVTTSS2SI, c -> toInt(c, false, true));
        m.put(Mnemonic.CVTSD2SI, c -> toInt(c, true, false));
        m.put(Mnemonic.CVTTSD2SI, c -> toInt(c, true, true));
    }

    /** cvtsi2ss/sd xmm, r/m32 or r/m64. */
    private static void fromInt(Ctx c, String name) {
        int d = xmm(c, 0);
        int size = SseOperands.size(c.op(1));
        Val v = c.read(c.op(1), size);
        checkXm(c, c.b.callValue(lib(name + (size == 8 ? "64" : "32")), c.c(d), v));
    }

    /** cvt(t)ss2si / cvt(t)sd2si r32/r64, xmm/m32/m64. */
    private static void toInt(Ctx c, boolean isDouble, boolean truncate) {
        Operand dst = c.op(0);
        if (!(dst instanceof Operand.Reg r)) {
            throw new Ctx.Unsupported("conversion destination " + dst);
        }
        int width = r.size() == 8 ? 64 : 32;
        int s = source(c, 1);
        Val fault = c.b.callValue(lib("toIntFault"), c.c(s), c.c(isDouble ? 1 : 0), c.c(width), c.c(truncate ? 1 : 0));
        checkXm(c, fault);
        String name = "cvt" + (truncate ? "t" : "") + (isDouble ? "sd" : "ss") + "2si" + width;
        c.writeGpr(r.num(), width / 8, c.b.callValue(lib(name), c.c(s)));
    }
}
