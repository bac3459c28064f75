package org.jtcg.x86.translate;

import org.jtcg.x86.decoder.Mnemonic;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.lib;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * rcpps, rcpss, rsqrtps, rsqrtss: "xmm, xmm/mem" approximations ({@code org.jtcg.x86.sse.ApproxReciprocal}: the
 * results of the AMD EPYC jtcg is checked on). They raise no exception and ignore MXCSR, so each is one helper
 * call with no fault check; an m128 source is alignment-checked like other legacy SSE operands, an m32 one is not.
 * The VEX forms (vrcpps/vrsqrtps 128/256, vrcpss/vrsqrtss with vvvv) come from {@code AvxOps} by shape.
 */
final class SseApproxOps {
    private SseApproxOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Mnemonic op : new Mnemonic[] {Mnemonic.RCPPS, Mnemonic.RCPSS, Mnemonic.RSQRTPS, Mnemonic.RSQRTSS}) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.call(lib(name), null, c.c(d), c.c(s));
            });
        }
    }
}
