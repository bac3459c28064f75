package org.jtcg.x86.translate;

import org.jtcg.x86.decoder.Mnemonic;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.libV2;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSSE3 on xmm registers (66 0F 38 / 66 0F 3A 0F; the MMX forms without 66 are not decoded): pshufb,
 * palignr, phadd/phsub, pmaddubsw, pmulhrsw, psign, pabs. Each is one library call ({@link
 * SseV2LibHelpers}) over "xmm, xmm/m128" (memory aligned, in the scratch register); none raise
 * SIMD exceptions.
 */
final class Ssse3Ops {
    private Ssse3Ops() {}

    private static final Mnemonic[] BINARY = {
        Mnemonic.PSHUFB, Mnemonic.PHADDW, Mnemonic.PHADDD, Mnemonic.PHADDSW, Mnemonic.PHSUBW, Mnemonic.PHSUBD,
        Mnemonic.PHSUBSW, Mnemonic.PMADDUBSW, Mnemonic.PMULHRSW, Mnemonic.PSIGNB, Mnemonic.PSIGNW, Mnemonic.PSIGND,
        Mnemonic.PABSB, Mnemonic.PABSW, Mnemonic.PABSD,
    };

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Mnemonic op : BINARY) {
            binary(m, op);
        }
        withImm(m, Mnemonic.PALIGNR);
    }

    /** "op xmm, xmm/m(size)" as one library call of the op's name. */
    static void binary(Map<Mnemonic, InsnTable.Emitter> m, Mnemonic op) {
        String name = op.mnemonic();
        m.put(op, c -> {
            int d = xmm(c, 0);
            int s = source(c, 1);
            c.b.call(libV2(name), null, c.c(d), c.c(s));
        });
    }

    /** "op xmm, xmm/m128, imm8" as one library call of the op's name. */
    static void withImm(Map<Mnemonic, InsnTable.Emitter> m, Mnemonic op) {
        String name = op.mnemonic();
        m.put(op, c -> {
            int d = xmm(c, 0);
            int s = source(c, 1);
            c.b.call(libV2(name), null, c.c(d), c.c(s), c.c(SseOperands.imm(c, 2)));
        });
    }
}
