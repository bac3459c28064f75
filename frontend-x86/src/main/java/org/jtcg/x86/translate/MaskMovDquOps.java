package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * maskmovdqu xmm1, xmm2 (SSE2) and its VEX.128 form vmaskmovdqu: byte i of xmm1 is stored to ds:[rdi + i]
 * (edi with a 67 prefix; an FS/GS override applies) when bit 7 of byte i of xmm2 is set. One guarded byte
 * store per element, lowest address first, like the AVX masked stores: a masked-off byte is never accessed,
 * so it cannot fault; a fault at byte i leaves bytes 0..i-1 written (the SDM allows either, and the
 * non-temporal hint has no visible effect here). No alignment requirement, no register written.
 */
final class MaskMovDquOps {
    private MaskMovDquOps() {}

    private static final int RDI = 7;

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.MASKMOVDQU, MaskMovDquOps::emit);
    }

    static void emit(Ctx c) {
        int data = xmm(c, 0);
        int mask = xmm(c, 1);
        Operand.Mem dest = new Operand.Mem(c.insn.segment(), RDI, Operand.NONE, 1, 0, false, c.insn.addressSize(), 16, 0);
        Val base = c.ea(dest);
        for (int i = 0; i < 16; i++) {
            Label skip = c.label();
            c.b.brcond(Cond.TSTEQ, c.b.vectors().get(8, mask, i), c.c(0x80), skip);
            c.store(i == 0 ? base : c.b.add(base, c.c(i)), 1, c.b.vectors().get(8, data, i));
            c.place(skip);
        }
    }
}
