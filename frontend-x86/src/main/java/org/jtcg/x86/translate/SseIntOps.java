package org.jtcg.x86.translate;

import org.jtcg.core.ir.Opcode;
import org.jtcg.x86.decoder.Mnemonic;
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
    private static final Map<Mnemonic, Vector> VECTOR = new EnumMap<>(Mnemonic.class);

    static {
        for (Mnemonic op : new Mnemonic[] {Mnemonic.PAND, Mnemonic.ANDPS, Mnemonic.ANDPD}) {
            VECTOR.put(op, new Vector(Opcode.VAND, 64, false));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.PANDN, Mnemonic.ANDNPS, Mnemonic.ANDNPD}) {
            VECTOR.put(op, new Vector(Opcode.VANDC, 64, true)); // ~dst & src = src andc dst
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.POR, Mnemonic.ORPS, Mnemonic.ORPD}) {
            VECTOR.put(op, new Vector(Opcode.VOR, 64, false));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.PXOR, Mnemonic.XORPS, Mnemonic.XORPD}) {
            VECTOR.put(op, new Vector(Opcode.VXOR, 64, false));
        }
        lanes(Opcode.VCMPEQ, Mnemonic.PCMPEQB, Mnemonic.PCMPEQW, Mnemonic.PCMPEQD, null);
        lanes(Opcode.VCMPGTS, Mnemonic.PCMPGTB, Mnemonic.PCMPGTW, Mnemonic.PCMPGTD, null);
        lanes(Opcode.VADD, Mnemonic.PADDB, Mnemonic.PADDW, Mnemonic.PADDD, Mnemonic.PADDQ);
        lanes(Opcode.VSUB, Mnemonic.PSUBB, Mnemonic.PSUBW, Mnemonic.PSUBD, Mnemonic.PSUBQ);
        lanes(Opcode.VADDUS, Mnemonic.PADDUSB, Mnemonic.PADDUSW, null, null);
        lanes(Opcode.VSUBUS, Mnemonic.PSUBUSB, Mnemonic.PSUBUSW, null, null);
        lanes(Opcode.VADDSS, Mnemonic.PADDSB, Mnemonic.PADDSW, null, null);
        lanes(Opcode.VSUBSS, Mnemonic.PSUBSB, Mnemonic.PSUBSW, null, null);
        VECTOR.put(Mnemonic.PMINUB, new Vector(Opcode.VMINU, 8, false));
        VECTOR.put(Mnemonic.PMAXUB, new Vector(Opcode.VMAXU, 8, false));
        VECTOR.put(Mnemonic.PMINSW, new Vector(Opcode.VMINS, 16, false));
        VECTOR.put(Mnemonic.PMAXSW, new Vector(Opcode.VMAXS, 16, false));
    }

    /** The b/w/d/q forms of one lane op (null: the form does not exist). */
    private static void lanes(Opcode opc, Mnemonic b, Mnemonic w, Mnemonic d, Mnemonic q) {
        Mnemonic[] forms = {b, w, d, q};
        for (int k = 0; k < 4; k++) {
            if (forms[k] != null) {
                VECTOR.put(forms[k], new Vector(opc, 8 << k, false));
            }
        }
    }

    /** Shifts by imm8 as IR vector shifts (counts above the lane width give 0 or the sign, as in x86). */
    private static final Map<Mnemonic, Vector> SHIFT_IMM = Map.of(
            Mnemonic.PSLLW, new Vector(Opcode.VSHLI, 16, false), Mnemonic.PSLLD, new Vector(Opcode.VSHLI, 32, false),
            Mnemonic.PSLLQ, new Vector(Opcode.VSHLI, 64, false), Mnemonic.PSRLW, new Vector(Opcode.VSHRI, 16, false),
            Mnemonic.PSRLD, new Vector(Opcode.VSHRI, 32, false), Mnemonic.PSRLQ, new Vector(Opcode.VSHRI, 64, false),
            Mnemonic.PSRAW, new Vector(Opcode.VSARI, 16, false), Mnemonic.PSRAD, new Vector(Opcode.VSARI, 32, false));

    /** "op xmm, xmm/m128": library op name (the lower-case mnemonic). */
    private static final Mnemonic[] BINARY = {
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
        for (Map.Entry<Mnemonic, Vector> e : VECTOR.entrySet()) {
            Vector v = e.getValue();
            m.put(e.getKey(), c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.vectors().binary(v.opc(), v.esize(), d, v.swapped() ? s : d, v.swapped() ? d : s);
            });
        }
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
                    Vector v = SHIFT_IMM.get(op);
                    c.b.vectors().shift(v.opc(), v.esize(), d, d, (int) SseOperands.imm(c, 1));
                } else {
                    c.b.call(lib(name), null, c.c(d), c.c(source(c, 1)));
                }
            });
        }
        m.put(Mnemonic.PSLLDQ, c -> c.b.call(lib("pslldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
        m.put(Mnemonic.PSRLDQ, c -> c.b.call(lib("psrldq"), null, c.c(xmm(c, 0)), c.c(SseOperands.imm(c, 1))));
    }
}
