package org.jtcg.x86.translate;

import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.checkXm;
import static org.jtcg.x86.translate.SseOperands.isXmm;
import static org.jtcg.x86.translate.SseOperands.libV2;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE4.1 (and pcmpgtq of SSE4.2, an IR vector compare like pcmpeqq). The lane-wise min/max and
 * qword compares are IR vector ops (compiled inline by the JIT); ptest writes ZF/CF in the explicit
 * lazy-flag mode; round and dot products check #XM; extracts write a GPR (zero-extended) or a
 * narrow memory operand; inserts read one; everything else is one library call ({@link
 * SseV2LibHelpers}). pmovsx/pmovzx read an m16/m32/m64 (no alignment check); 16-byte memory
 * operands are alignment-checked (#GP) like every legacy SSE operand.
 */
final class Sse41Ops {
    private Sse41Ops() {}

    private static final Mnemonic[] BINARY = {
        Mnemonic.BLENDVPS, Mnemonic.BLENDVPD, Mnemonic.PBLENDVB, Mnemonic.PMULDQ, Mnemonic.PMULLD, Mnemonic.PACKUSDW,
        Mnemonic.PHMINPOSUW, Mnemonic.PMOVSXBW, Mnemonic.PMOVSXBD, Mnemonic.PMOVSXBQ, Mnemonic.PMOVSXWD,
        Mnemonic.PMOVSXWQ, Mnemonic.PMOVSXDQ, Mnemonic.PMOVZXBW, Mnemonic.PMOVZXBD, Mnemonic.PMOVZXBQ,
        Mnemonic.PMOVZXWD, Mnemonic.PMOVZXWQ, Mnemonic.PMOVZXDQ,
    };
    private static final Mnemonic[] WITH_IMM = {Mnemonic.BLENDPS, Mnemonic.BLENDPD, Mnemonic.PBLENDW, Mnemonic.MPSADBW};
    private static final Mnemonic[] FP_WITH_IMM = {
        Mnemonic.ROUNDPS, Mnemonic.ROUNDPD, Mnemonic.ROUNDSS, Mnemonic.ROUNDSD, Mnemonic.DPPS, Mnemonic.DPPD,
    };

    /** IR vector op and lane size of the lane-wise forms. */
    private record Vector(Opcode opc, int esize) {}

    private static final Map<Mnemonic, Vector> VECTOR = Map.ofEntries(
            Map.entry(Mnemonic.PMINSB, new Vector(Opcode.VMINS, 8)), Map.entry(Mnemonic.PMINSD, new Vector(Opcode.VMINS, 32)),
            Map.entry(Mnemonic.PMINUW, new Vector(Opcode.VMINU, 16)), Map.entry(Mnemonic.PMINUD, new Vector(Opcode.VMINU, 32)),
            Map.entry(Mnemonic.PMAXSB, new Vector(Opcode.VMAXS, 8)), Map.entry(Mnemonic.PMAXSD, new Vector(Opcode.VMAXS, 32)),
            Map.entry(Mnemonic.PMAXUW, new Vector(Opcode.VMAXU, 16)), Map.entry(Mnemonic.PMAXUD, new Vector(Opcode.VMAXU, 32)),
            Map.entry(Mnemonic.PCMPEQQ, new Vector(Opcode.VCMPEQ, 64)), Map.entry(Mnemonic.PCMPGTQ, new Vector(Opcode.VCMPGTS, 64)));

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Map.Entry<Mnemonic, Vector> e : VECTOR.entrySet()) {
            Vector v = e.getValue();
            m.put(e.getKey(), c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                c.b.vectors().binary(v.opc(), v.esize(), d, d, s);
            });
        }
        for (Mnemonic op : BINARY) {
            Ssse3Ops.binary(m, op);
        }
        for (Mnemonic op : WITH_IMM) {
            Ssse3Ops.withImm(m, op);
        }
        for (Mnemonic op : FP_WITH_IMM) {
            String name = op.mnemonic();
            m.put(op, c -> {
                int d = xmm(c, 0);
                int s = source(c, 1);
                checkXm(c, c.b.callValue(libV2(name), c.c(d), c.c(s), c.c(SseOperands.imm(c, 2))));
            });
        }
        m.put(Mnemonic.PTEST, c -> {
            int d = xmm(c, 0);
            int s = source(c, 1);
            c.flags.setExplicit(c.b.callValue(libV2("ptest"), c.c(d), c.c(s)));
        });
        m.put(Mnemonic.MOVNTDQA, c -> {
            Val[] v = SseOperands.load128(c, (Operand.Mem) c.op(1), true);
            SseOperands.set(c, xmm(c, 0), v[0], v[1]);
        });
        m.put(Mnemonic.PEXTRB, c -> extract(c, "pextrb"));
        m.put(Mnemonic.PEXTRD, c -> extract(c, "pextrd"));
        m.put(Mnemonic.PEXTRQ, c -> extract(c, "pextrq"));
        m.put(Mnemonic.EXTRACTPS, c -> extract(c, "pextrd"));
        m.put(Mnemonic.PINSRB, c -> insert(c, "pinsrb"));
        m.put(Mnemonic.PINSRD, c -> insert(c, "pinsrd"));
        m.put(Mnemonic.PINSRQ, c -> insert(c, "pinsrq"));
        m.put(Mnemonic.INSERTPS, c -> {
            int d = xmm(c, 0);
            Val imm = c.c(SseOperands.imm(c, 2));
            if (isXmm(c.op(1))) {
                c.b.call(libV2("insertps"), null, c.c(d), c.c(xmm(c, 1)), imm);
            } else {
                c.b.call(libV2("insertpsValue"), null, c.c(d), c.read(c.op(1), 4), imm);
            }
        });
    }

    /** "op r/m, xmm, imm8": the lane to a GPR (32-bit writes zero-extend) or to memory of the operand's size. */
    private static void extract(Ctx c, String name) {
        Val v = c.b.callValue(libV2(name), c.c(xmm(c, 1)), c.c(SseOperands.imm(c, 2)));
        c.write(c.op(0), SseOperands.size(c.op(0)), v);
    }

    /** "op xmm, r/m, imm8": the low bits of a GPR or the memory operand into one lane. */
    private static void insert(Ctx c, String name) {
        int d = xmm(c, 0);
        Val v = c.read(c.op(1), SseOperands.size(c.op(1)));
        c.b.call(libV2(name), null, c.c(d), v, c.c(SseOperands.imm(c, 2)));
    }
}
