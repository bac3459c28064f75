package org.jtcg.x86.translate;

import org.jtcg.core.ir.Opcode;
import org.jtcg.x86.decoder.Op;
import org.jtcg.x86.decoder.Operand;

import java.util.EnumMap;
import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.lib;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE/SSE2 bitwise logic (integer and ps/pd spellings), packed integer arithmetic/compare/shift,
 * packs, unpacks and shuffles over "xmm, xmm/m128" (memory in the scratch register, 16-byte
 * aligned) plus an imm8 where the instruction has one. None raise SIMD exceptions.
 *
 * <p>The lane-wise ops the IR has ({@link #VECTOR}: logic, add/sub with and without saturation,
 * compares, min/max, shifts by imm8) are IR vector ops on the xmm file, which the JIT compiles
 * inline; the rest are one call of the library op ({@link SseLibHelpers}).
 */
final class SseIntOps {
    private SseIntOps() {}

    /** An IR vector op: {@code dst = dst opc src} at esize, or {@code dst = src opc dst} when swapped. */
    private record Vector(Opcode opc, int esize, boolean swapped) {}

    /** "op xmm, xmm/m128" as one IR vector op. */
    private static final Map<Op, Vector> VECTOR = new EnumMap<>(Op.class);

    static {
        for (Op op : new Op[] {Op.PAND, Op.ANDPS, Op.ANDPD}) {
            VECTOR.put(op, new Vector(Opcode.VAND, 64, false));
        }
        for (Op op : new Op[] {Op.PANDN, Op.ANDNPS, Op.ANDNPD}) {
            VECTOR.put(op, new Vector(Opcode.VANDC, 64, true)); // ~dst & src = src andc dst
        }
        for (Op op : new Op[] {Op.POR, Op.ORPS, Op.ORPD}) {
            VECTOR.put(op, new Vector(Opcode.VOR, 64, false));
        }
        for (Op op : new Op[] {Op.PXOR, Op.XORPS, Op.XORPD}) {
            VECTOR.put(op, new Vector(Opcode.VXOR, 64, false));
        }
        lanes(Opcode.VCMPEQ, Op.PCMPEQB, Op.PCMPEQW, Op.PCMPEQD, null);
        lanes(Opcode.VCMPGTS, Op.PCMPGTB, Op.PCMPGTW, Op.PCMPGTD, null);
        lanes(Opcode.VADD, Op.PADDB, Op.PADDW, Op.PADDD, Op.PADDQ);
        lanes(Opcode.VSUB, Op.PSUBB, Op.PSUBW, Op.PSUBD, Op.PSUBQ);
        lanes(Opcode.VADDUS, Op.PADDUSB, Op.PADDUSW, null, null);
        lanes(Opcode.VSUBUS, Op.PSUBUSB, Op.PSUBUSW, null, null);
        lanes(Opcode.VADDSS, Op.PADDSB, Op.PADDSW, null, null);
        lanes(Opcode.VSUBSS, Op.PSUBSB, Op.PSUBSW, null, null);
        VECTOR.put(Op.PMINUB, new Vector(Opcode.VMINU, 8, false));
        VECTOR.put(Op.PMAXUB, new Vector(Opcode.VMAXU, 8, false));
        VECTOR.put(Op.PMINSW, new Vector(Opcode.VMINS, 16, false));
        VECTOR.put(Op.PMAXSW, new Vector(Opcode.VMAXS, 16, false));
    }

    /** The b/w/d/q forms of one lane op (null: the form does not exist). */
    private static void lanes(Opcode opc, Op b, Op w, Op d, Op q) {
        Op[] forms = {b, w, d, q};
        for (int k = 0; k < 4; k++) {
            if (forms[k] != null) {
                VECTOR.put(forms[k], new Vector(opc, 8 << k, false));
            }
        }
    }

    /** Shifts by imm8 as IR vector shifts (counts above the lane width give 0 or the sign, as in x86). */
    private static final Map<Op, Vector> SHIFT_IMM = Map.of(
            Op.PSLLW, new Vector(Opcode.VSHLI, 16, false), Op.PSLLD, new Vector(Opcode.VSHLI, 32, false),
            Op.PSLLQ, new Vector(Opcode.VSHLI, 64, false), Op.PSRLW, new Vector(Opcode.VSHRI, 16, false),
            Op.PSRLD, new Vector(Opcode.VSHRI, 32, false), Op.PSRLQ, new Vector(Opcode.VSHRI, 64, false),
            Op.PSRAW, new Vector(Opcode.VSARI, 16, false), Op.PSRAD, new Vector(Opcode.VSARI, 32, false));

    /** "op xmm, xmm/m128": library op name (the lower-case mnemonic). */
    private static final Op[] BINARY = {
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
        for (Map.Entry<Op, Vector> e : VECTOR.entrySet()) {
            Vector v = e.getValue();
            m.put(e.getKey(), c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.vectors().binary(v.opc(), v.esize(), d, v.swapped() ? s : d, v.swapped() ? d : s);
            });
        }
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
                    Vector v = SHIFT_IMM.get(op);
                    c.b.vectors().shift(v.opc(), v.esize(), d, d, (int) SseOperands.imm(c, 1));
                } else {
                    c.b.call(lib(name), null, c.c(d), c.c(source(c, 1)));
                }
            });
        }
        m.put(Op.PSLLDQ, c -> c.b.call(lib("pslldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
        m.put(Op.PSRLDQ, c -> c.b.call(lib("psrldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
    }
}
