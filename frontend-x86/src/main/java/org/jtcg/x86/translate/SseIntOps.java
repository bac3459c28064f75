package org.jtcg.x86.translate;

import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.lib;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE/SSE2 bitwise logic (integer and ps/pd spellings), packed integer arithmetic/compare/shift,
 * packs, unpacks and shuffles: each is one call of the library op ({@link SseLibHelpers}) over
 * "xmm, xmm/m128" (memory in the scratch register, 16-byte aligned) plus an imm8 where the
 * instruction has one. None raise SIMD exceptions.
 */
final class SseIntOps {
    private SseIntOps() {}

    /** "op xmm, xmm/m128": library op name (the lower-case mnemonic unless listed). */
    private static final Mnemonic[] BINARY = {
        Mnemonic.PAND, Mnemonic.PANDN, Mnemonic.POR, Mnemonic.PXOR, Mnemonic.ANDPS, Mnemonic.ANDPD, Mnemonic.ANDNPS, Mnemonic.ANDNPD, Mnemonic.ORPS, Mnemonic.ORPD,
        Mnemonic.XORPS, Mnemonic.XORPD,
        Mnemonic.PCMPEQB, Mnemonic.PCMPEQW, Mnemonic.PCMPEQD, Mnemonic.PCMPGTB, Mnemonic.PCMPGTW, Mnemonic.PCMPGTD,
        Mnemonic.PMINUB, Mnemonic.PMAXUB, Mnemonic.PMINSW, Mnemonic.PMAXSW,
        Mnemonic.PADDB, Mnemonic.PADDW, Mnemonic.PADDD, Mnemonic.PADDQ, Mnemonic.PSUBB, Mnemonic.PSUBW, Mnemonic.PSUBD, Mnemonic.PSUBQ,
        Mnemonic.PADDUSB, Mnemonic.PADDUSW, Mnemonic.PSUBUSB, Mnemonic.PSUBUSW, Mnemonic.PADDSB, Mnemonic.PADDSW, Mnemonic.PSUBSB, Mnemonic.PSUBSW,
        Mnemonic.PAVGB, Mnemonic.PAVGW, Mnemonic.PMULLW, Mnemonic.PMULHW, Mnemonic.PMULHUW, Mnemonic.PMULUDQ, Mnemonic.PMADDWD, Mnemonic.PSADBW,
        Mnemonic.PACKSSWB, Mnemonic.PACKSSDW, Mnemonic.PACKUSWB,
        Mnemonic.PUNPCKLBW, Mnemonic.PUNPCKLWD, Mnemonic.PUNPCKLDQ, Mnemonic.PUNPCKLQDQ, Mnemonic.PUNPCKHBW, Mnemonic.PUNPCKHWD,
        Mnemonic.PUNPCKHDQ, Mnemonic.PUNPCKHQDQ, Mnemonic.UNPCKLPS, Mnemonic.UNPCKLPD, Mnemonic.UNPCKHPS, Mnemonic.UNPCKHPD,
    };

    /** "op xmm, xmm/m128, imm8". */
    private static final Mnemonic[] SHUFFLE = {Mnemonic.PSHUFD, Mnemonic.PSHUFLW, Mnemonic.PSHUFHW, Mnemonic.SHUFPS, Mnemonic.SHUFPD};

    /** Shifts by an xmm/m128 count or by imm8 (library {@code name} / {@code nameImm}). */
    private static final Mnemonic[] SHIFT = {Mnemonic.PSLLW, Mnemonic.PSLLD, Mnemonic.PSLLQ, Mnemonic.PSRLW, Mnemonic.PSRLD, Mnemonic.PSRLQ, Mnemonic.PSRAW, Mnemonic.PSRAD};

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Mnemonic op : BINARY) {
            String name = op.mnemonic();
            m.put(op, c -> c.b.call(lib(name), null, c.c(xmm(c, 0)), c.c(source(c, 1))));
        }
        for (Mnemonic op : SHUFFLE) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.call(lib(name), null, c.c(d), c.c(s), c.c(SseOperands.imm(c, 2)));
            });
        }
        for (Mnemonic op : SHIFT) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                if (c.op(1) instanceof Operand.Imm) {
                    c.b.call(lib(name + "Imm"), null, c.c(d), c.c(SseOperands.imm(c, 1)));
                } else {
                    c.b.call(lib(name), null, c.c(d), c.c(source(c, 1)));
                }
            });
        }
        m.put(Mnemonic.PSLLDQ, c -> c.b.call(lib("pslldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
        m.put(Mnemonic.PSRLDQ, c -> c.b.call(lib("psrldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
    }
}
