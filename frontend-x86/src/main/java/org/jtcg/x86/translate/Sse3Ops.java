package org.jtcg.x86.translate;

import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.checkXm;
import static org.jtcg.x86.translate.SseOperands.libV2;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE3: addsubps/pd, haddps/pd, hsubps/pd (one library call, #XM → SIGFPE like addps), the
 * duplicating moves movddup/movsldup/movshdup, and lddqu (an unaligned 16-byte load). fisttp is the
 * x87 family's.
 */
final class Sse3Ops {
    private Sse3Ops() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Mnemonic op : new Mnemonic[] {Mnemonic.ADDSUBPS, Mnemonic.ADDSUBPD, Mnemonic.HADDPS, Mnemonic.HADDPD,
                Mnemonic.HSUBPS, Mnemonic.HSUBPD}) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                checkXm(c, c.b.callValue(libV2(name), c.c(d), c.c(s)));
            });
        }
        // movddup reads an m64 (no alignment check), movs[lh]dup an aligned m128
        for (Mnemonic op : new Mnemonic[] {Mnemonic.MOVDDUP, Mnemonic.MOVSLDUP, Mnemonic.MOVSHDUP}) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.call(SseOperands.lib(name), null, c.c(d), c.c(s));
            });
        }
        m.put(Mnemonic.LDDQU, c -> {
            Val[] v = SseOperands.load128(c, (Operand.Mem) c.op(1), false);
            SseOperands.set(c, xmm(c, 0), v[0], v[1]);
        });
    }
}
