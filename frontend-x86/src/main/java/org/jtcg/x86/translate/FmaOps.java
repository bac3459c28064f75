package org.jtcg.x86.translate;

import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.sse.Fma3;

import java.util.List;
import java.util.Map;

/**
 * FMA3: vfmadd/vfmsub/vfnmadd/vfnmsub (ps pd ss sd) and vfmaddsub/vfmsubadd (ps pd) in the 132/213/231
 * operand orders, 128 and 256 bits. One {@link Fma3} library call per 128-bit half computes into
 * {@code TEMP}/{@code TEMP_HI} (exact single rounding, MXCSR as the SSE ops); an unmasked exception raises
 * #XM with the destination unchanged; the destination is written at the end, bits 255:128 zeroed by the
 * VEX.128 and scalar forms (scalar forms keep bits 127:32/64 of the first source, the destination).
 */
final class FmaOps {
    private FmaOps() {}

    private static final HelperRef FMA = HelperRef.of(V3LibHelpers.class, "fma", 0);
    private static final List<String> KINDS = List.of("FMADD", "FMSUB", "FNMADD", "FNMSUB", "FMADDSUB", "FMSUBADD");
    private static final List<String> ORDERS = List.of("132", "213", "231");

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (int k = 0; k < KINDS.size(); k++) {
            for (int o = 0; o < ORDERS.size(); o++) {
                for (String type : k < 4 ? List.of("PS", "PD", "SS", "SD") : List.of("PS", "PD")) {
                    int control = k | o << 4 | (type.endsWith("D") ? Fma3.DOUBLE : 0)
                            | (type.startsWith("S") ? Fma3.SCALAR : 0);
                    m.put(Mnemonic.valueOf("V" + KINDS.get(k) + ORDERS.get(o) + type), c -> fma(c, control));
                }
            }
        }
    }

    private static void fma(Ctx c, int control) {
        Operand dst = c.op(0), src2 = c.op(1), src3 = c.op(2);
        boolean wide = AvxOperands.isYmm(dst);
        Operand third;
        if (src3 instanceof Operand.Mem mem && (control & Fma3.SCALAR) != 0) {
            SseOperands.set(c, AvxOperands.SCRATCH, c.load(c.ea(mem), mem.size()), c.c(0));
            third = AvxOperands.xmmReg(AvxOperands.SCRATCH);
        } else {
            third = AvxOperands.preload(c, src3, 0);
        }
        for (int h = 0; h < (wide ? 2 : 1); h++) {
            int t = h == 0 ? AvxOperands.TEMP : AvxOperands.TEMP_HI;
            c.b.vectors().mov(t, AvxOperands.halfNum(dst, h));
            Val fault = c.b.callValue(FMA, c.c(t), c.c(AvxOperands.halfNum(src2, h)),
                    c.c(AvxOperands.halfNum(third, h)), c.c(control));
            SseOperands.checkXm(c, fault);
        }
        AvxOperands.writeTemp(c, AvxOperands.num(dst), wide);
    }
}
