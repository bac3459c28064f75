package org.jtcg.x86.translate;

import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.isXmm;
import static org.jtcg.x86.translate.SseOperands.lib;
import static org.jtcg.x86.translate.SseOperands.sse;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE/SSE2 data movement: whole-register moves (aligned forms #GP on a misaligned address), movd/movq,
 * movss/movsd (a load zeroes the rest of the register, a register move merges), the 64-bit half moves,
 * sign masks, pextrw/pinsrw and LDMXCSR/STMXCSR. Memory is read and written by IR; register-to-register
 * semantics are the library's ({@link SseLibHelpers}).
 */
final class SseMoveOps {
    private SseMoveOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        for (Mnemonic op : new Mnemonic[] {Mnemonic.MOVDQA, Mnemonic.MOVAPS, Mnemonic.MOVAPD, Mnemonic.MOVNTDQ, Mnemonic.MOVNTPS, Mnemonic.MOVNTPD}) {
            m.put(op, c -> move128(c, true));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.MOVDQU, Mnemonic.MOVUPS, Mnemonic.MOVUPD}) {
            m.put(op, c -> move128(c, false));
        }
        m.put(Mnemonic.MOVD, SseMoveOps::movdq);
        m.put(Mnemonic.MOVQ, SseMoveOps::movdq);
        m.put(Mnemonic.MOVSS, c -> movScalar(c, 4, "movssMerge"));
        m.put(Mnemonic.MOVSD, c -> movScalar(c, 8, "movsdMerge"));
        m.put(Mnemonic.MOVLPS, c -> movHalf(c, false));
        m.put(Mnemonic.MOVLPD, c -> movHalf(c, false));
        m.put(Mnemonic.MOVHPS, c -> movHalf(c, true));
        m.put(Mnemonic.MOVHPD, c -> movHalf(c, true));
        m.put(Mnemonic.MOVHLPS, c -> c.b.call(lib("movhlps"), null, c.c(xmm(c, 0)), c.c(xmm(c, 1))));
        m.put(Mnemonic.MOVLHPS, c -> c.b.call(lib("movlhps"), null, c.c(xmm(c, 0)), c.c(xmm(c, 1))));
        m.put(Mnemonic.PMOVMSKB, c -> toGpr(c, c.b.callValue(lib("pmovmskb"), c.c(xmm(c, 1)))));
        m.put(Mnemonic.MOVMSKPS, c -> toGpr(c, c.b.callValue(lib("movmskps"), c.c(xmm(c, 1)))));
        m.put(Mnemonic.MOVMSKPD, c -> toGpr(c, c.b.callValue(lib("movmskpd"), c.c(xmm(c, 1)))));
        // 66 0F C5 (to r32) and SSE4.1's 66 0F 3A 15 (to r32 or m16)
        m.put(Mnemonic.PEXTRW, c -> c.write(c.op(0), SseOperands.size(c.op(0)),
                c.b.callValue(lib("pextrw"), c.c(xmm(c, 1)), c.c(SseOperands.imm(c, 2)))));
        m.put(Mnemonic.PINSRW, c -> c.b.call(lib("pinsrw"), null, c.c(xmm(c, 0)), c.read(c.op(1), 2),
                c.c(SseOperands.imm(c, 2))));
        m.put(Mnemonic.LDMXCSR, c -> c.b.call(sse("ldmxcsr"), null, c.read(c.op(0), 4)));
        m.put(Mnemonic.STMXCSR, c -> c.write(c.op(0), 4, c.b.callValue(sse("stmxcsr"))));
    }

    private static void move128(Ctx c, boolean aligned) {
        Operand d = c.op(0), s = c.op(1);
        if (isXmm(d) && isXmm(s)) {
            c.b.vectors().mov(xmm(c, 0), xmm(c, 1));
        } else if (isXmm(d)) {
            Val[] v = SseOperands.load128(c, (Operand.Mem) s, aligned);
            SseOperands.set(c, xmm(c, 0), v[0], v[1]);
        } else {
            SseOperands.store128(c, (Operand.Mem) d, xmm(c, 1), aligned);
        }
    }

    private static Val lo(Ctx c, int reg) {
        return c.b.vectors().get(64, reg, 0);
    }

    /** movd/movq: xmm <- r/m (zero-extended), r/m <- xmm low, xmm <- xmm/m64 low with the rest zeroed. */
    private static void movdq(Ctx c) {
        Operand d = c.op(0), s = c.op(1);
        if (isXmm(d) && isXmm(s)) {
            c.b.call(lib("movsdLoad"), null, c.c(xmm(c, 0)), c.c(xmm(c, 1)));
        } else if (isXmm(d)) {
            int size = SseOperands.size(s);
            SseOperands.set(c, xmm(c, 0), c.read(s, size), c.c(0));
        } else {
            int size = SseOperands.size(d);
            c.write(d, size, c.zext(lo(c, xmm(c, 1)), size));
        }
    }

    /** movss/movsd: a load zeroes the rest of the register, a register move keeps it, a store writes the scalar. */
    private static void movScalar(Ctx c, int size, String merge) {
        Operand d = c.op(0), s = c.op(1);
        if (isXmm(d) && isXmm(s)) {
            c.b.call(lib(merge), null, c.c(xmm(c, 0)), c.c(xmm(c, 1)));
        } else if (isXmm(d)) {
            SseOperands.set(c, xmm(c, 0), c.read(s, size), c.c(0));
        } else {
            c.write(d, size, c.zext(lo(c, xmm(c, 1)), size));
        }
    }

    /** movlps/movlpd/movhps/movhpd: 64-bit memory to or from one half. */
    private static void movHalf(Ctx c, boolean high) {
        Operand d = c.op(0);
        if (isXmm(d)) {
            c.b.vectors().set(64, xmm(c, 0), high ? 1 : 0, c.read(c.op(1), 8));
        } else {
            c.write(d, 8, c.b.vectors().get(64, xmm(c, 1), high ? 1 : 0));
        }
    }

    private static void toGpr(Ctx c, Val v) {
        c.write(c.op(0), SseOperands.size(c.op(0)) == 8 ? 8 : 4, v);
    }
}
