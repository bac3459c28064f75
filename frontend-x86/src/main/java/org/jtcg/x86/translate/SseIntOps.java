package org.jtcg.x86.translate;

import org.jtcg.x86.decoder.Op;
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
    private static final Op[] BINARY = {
        Op.PAND, Op.PANDN, Op.POR, Op.PXOR, Op.ANDPS, Op.ANDPD, Op.ANDNPS, Op.ANDNPD, Op.ORPS, Op.ORPD,
        Op.XORPS, Op.XORPD,
        Op.PCMPEQB, Op.PCMPEQW, Op.PCMPEQD, Op.PCMPGTB, Op.PCMPGTW, Op.PCMPGTD,
        Op.PMINUB, Op.PMAXUB, Op.PMINSW, Op.PMAXSW,
        Op.PADDB, Op.PADDW, Op.PADDD, Op.PADDQ, Op.PSUBB, Op.PSUBW, Op.PSUBD, Op.PSUBQ,
        Op.PADDUSB, Op.PADDUSW, Op.PSUBUSB, Op.PSUBUSW, Op.PADDSB, Op.PADDSW, Op.PSUBSB, Op.PSUBSW,
        Op.PAVGB, Op.PAVGW, Op.PMULLW, Op.PMULHW, Op.PMULHUW, Op.PMULUDQ, Op.PMADDWD, Op.PSADBW,
        Op.PACKSSWB, Op.PACKSSDW, Op.PACKUSWB,
        Op.PUNPCKLBW, Op.PUNPCKLWD, Op.PUNPCKLDQ, Op.PUNPCKLQDQ, Op.PUNPCKHBW, Op.PUNPCKHWD,
        Op.PUNPCKHDQ, Op.PUNPCKHQDQ, Op.UNPCKLPS, Op.UNPCKLPD, Op.UNPCKHPS, Op.UNPCKHPD,
    };

    /** "op xmm, xmm/m128, imm8". */
    private static final Op[] SHUFFLE = {Op.PSHUFD, Op.PSHUFLW, Op.PSHUFHW, Op.SHUFPS, Op.SHUFPD};

    /** Shifts by an xmm/m128 count or by imm8 (library {@code name} / {@code nameImm}). */
    private static final Op[] SHIFT = {Op.PSLLW, Op.PSLLD, Op.PSLLQ, Op.PSRLW, Op.PSRLD, Op.PSRLQ, Op.PSRAW, Op.PSRAD};

    static void register(Map<Op, InsnTable.Emitter> m) {
        for (Op op : BINARY) {
            String name = op.mnemonic();
            m.put(op, c -> c.b.call(lib(name), null, c.c(xmm(c, 0)), c.c(source(c, 1))));
        }
        for (Op op : SHUFFLE) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.call(lib(name), null, c.c(d), c.c(s), c.c(SseOperands.imm(c, 2)));
            });
        }
        for (Op op : SHIFT) {
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
        m.put(Op.PSLLDQ, c -> c.b.call(lib("pslldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
        m.put(Op.PSRLDQ, c -> c.b.call(lib("psrldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
    }
}
