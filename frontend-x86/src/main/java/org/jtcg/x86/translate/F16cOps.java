package org.jtcg.x86.translate;

import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.sse.HalfConvert;

import java.util.Map;

/**
 * F16C: vcvtph2ps (4 or 8 halves → singles) and vcvtps2ph (singles → halves, rounding by imm8), 128 and
 * 256 bits, one {@link HalfConvert} call each into {@code TEMP}; #XM for an unmasked exception with the
 * destination unchanged. The half-precision side is an xmm register or 8/16 bytes of memory; a register
 * destination of vcvtps2ph gets the halves in its low 64 (128) bits and zeros above, up to bit 255.
 */
final class F16cOps {
    private F16cOps() {}

    private static final HelperRef PH2PS = HelperRef.of(V3LibHelpers.class, "ph2ps", 0);
    private static final HelperRef PS2PH = HelperRef.of(V3LibHelpers.class, "ps2ph", 0);

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.VCVTPH2PS, F16cOps::ph2ps);
        m.put(Mnemonic.VCVTPS2PH, F16cOps::ps2ph);
    }

    private static void ph2ps(Ctx c) {
        Operand dst = c.op(0), src = c.op(1);
        boolean wide = AvxOperands.isYmm(dst);
        int s;
        if (src instanceof Operand.Mem mem) {
            Val addr = c.ea(mem);
            Val hi = mem.size() == 16 ? c.load(c.b.add(addr, c.c(8)), 8) : c.c(0);
            SseOperands.set(c, AvxOperands.SCRATCH, c.load(addr, 8), hi);
            s = AvxOperands.SCRATCH;
        } else {
            s = AvxOperands.num(src);
        }
        Val fault = c.b.callValue(PH2PS, c.c(AvxOperands.TEMP), c.c(wide ? AvxOperands.TEMP_HI : -1), c.c(s));
        SseOperands.checkXm(c, fault);
        AvxOperands.writeTemp(c, AvxOperands.num(dst), wide);
    }

    private static void ps2ph(Ctx c) {
        Operand dst = c.op(0), src = c.op(1);
        boolean wide = AvxOperands.isYmm(src);
        long imm8 = SseOperands.imm(c, 2);
        Val fault = c.b.callValue(PS2PH, c.c(AvxOperands.TEMP), c.c(AvxOperands.halfNum(src, 0)),
                c.c(wide ? AvxOperands.halfNum(src, 1) : -1), c.c(imm8));
        SseOperands.checkXm(c, fault);
        if (dst instanceof Operand.Mem mem) {
            Val addr = c.ea(mem);
            Val w0 = c.b.vectors().get(64, AvxOperands.TEMP, 0);
            if (wide) {
                c.store(c.b.add(addr, c.c(8)), 8, c.b.vectors().get(64, AvxOperands.TEMP, 1));
            }
            c.store(addr, 8, w0);
        } else {
            int d = AvxOperands.num(dst);
            c.b.vectors().mov(d, AvxOperands.TEMP);
            AvxOperands.zeroUpper(c, d);
        }
    }
}
