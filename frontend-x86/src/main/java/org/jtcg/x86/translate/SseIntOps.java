package org.jtcg.x86.translate;

import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Op;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;
import org.jtcg.x86.sse.SseState;

import java.util.EnumMap;
import java.util.Map;

/**
 * Translation of the SSE/SSE2 moves, logic and packed-integer instructions (helpers in
 * {@link SseIntHelpers}). Floating-point SSE arithmetic/conversion/compare is not here: it stays
 * SIGILL until the SSE library is wired (one {@code InsnTable} entry per family emitting a helper call
 * in the same shape as {@link #binary}).
 */
final class SseIntOps {
    private SseIntOps() {}

    private static final int SCRATCH = SseState.SCRATCH;
    private static final Map<String, HelperRef> HELPERS = new java.util.HashMap<>();

    static HelperRef h(String name) {
        return HELPERS.computeIfAbsent(name, n -> HelperRef.of(SseIntHelpers.class, n, 0));
    }

    /** Packed binary ops "xmm, xmm/m128" (memory operands must be 16-byte aligned) and their helper. */
    private static final Map<Op, String> BINARY = new EnumMap<>(Op.class);

    static {
        String[][] t = {
            {"PAND", "pand"}, {"ANDPS", "pand"}, {"ANDPD", "pand"}, {"PANDN", "pandn"}, {"ANDNPS", "pandn"},
            {"ANDNPD", "pandn"}, {"POR", "por"}, {"ORPS", "por"}, {"ORPD", "por"}, {"PXOR", "pxor"},
            {"XORPS", "pxor"}, {"XORPD", "pxor"},
            {"PCMPEQB", "pcmpeqb"}, {"PCMPEQW", "pcmpeqw"}, {"PCMPEQD", "pcmpeqd"}, {"PCMPGTB", "pcmpgtb"},
            {"PCMPGTW", "pcmpgtw"}, {"PCMPGTD", "pcmpgtd"}, {"PMINUB", "pminub"}, {"PMAXUB", "pmaxub"},
            {"PMINSW", "pminsw"}, {"PMAXSW", "pmaxsw"},
            {"PADDB", "paddb"}, {"PADDW", "paddw"}, {"PADDD", "paddd"}, {"PADDQ", "paddq"}, {"PSUBB", "psubb"},
            {"PSUBW", "psubw"}, {"PSUBD", "psubd"}, {"PSUBQ", "psubq"}, {"PADDUSB", "paddusb"},
            {"PADDUSW", "paddusw"}, {"PSUBUSB", "psubusb"}, {"PSUBUSW", "psubusw"}, {"PADDSB", "paddsb"},
            {"PADDSW", "paddsw"}, {"PSUBSB", "psubsb"}, {"PSUBSW", "psubsw"}, {"PAVGB", "pavgb"},
            {"PAVGW", "pavgw"}, {"PMULLW", "pmullw"}, {"PMULHW", "pmulhw"}, {"PMULHUW", "pmulhuw"},
            {"PMULUDQ", "pmuludq"}, {"PMADDWD", "pmaddwd"}, {"PSADBW", "psadbw"},
            {"PACKSSWB", "packsswb"}, {"PACKSSDW", "packssdw"}, {"PACKUSWB", "packuswb"},
            {"PUNPCKLBW", "punpcklbw"}, {"PUNPCKLWD", "punpcklwd"}, {"PUNPCKLDQ", "punpckldq"},
            {"PUNPCKLQDQ", "punpcklqdq"}, {"PUNPCKHBW", "punpckhbw"}, {"PUNPCKHWD", "punpckhwd"},
            {"PUNPCKHDQ", "punpckhdq"}, {"PUNPCKHQDQ", "punpckhqdq"}, {"UNPCKLPS", "punpckldq"},
            {"UNPCKLPD", "punpcklqdq"}, {"UNPCKHPS", "punpckhdq"}, {"UNPCKHPD", "punpckhqdq"},
        };
        for (String[] r : t) {
            BINARY.put(Op.valueOf(r[0]), r[1]);
        }
    }

    private static final Map<Op, String> SHUFFLE = Map.of(Op.PSHUFD, "pshufd", Op.PSHUFLW, "pshuflw",
            Op.PSHUFHW, "pshufhw", Op.SHUFPS, "shufps", Op.SHUFPD, "shufpd");
    private static final Map<Op, String> SHIFT = Map.of(Op.PSLLW, "psllw", Op.PSLLD, "pslld", Op.PSLLQ, "psllq",
            Op.PSRLW, "psrlw", Op.PSRLD, "psrld", Op.PSRLQ, "psrlq", Op.PSRAW, "psraw", Op.PSRAD, "psrad",
            Op.PSLLDQ, "pslldq", Op.PSRLDQ, "psrldq");

    static void register(Map<Op, InsnTable.Emitter> m) {
        BINARY.forEach((op, name) -> m.put(op, c -> binary(c, h(name))));
        SHUFFLE.forEach((op, name) -> m.put(op, c -> shuffle(c, h(name))));
        SHIFT.forEach((op, name) -> m.put(op, c -> shift(c, h(name))));
        for (Op op : new Op[] {Op.MOVDQA, Op.MOVAPS, Op.MOVAPD, Op.MOVNTDQ, Op.MOVNTPS, Op.MOVNTPD}) {
            m.put(op, c -> move128(c, true));
        }
        for (Op op : new Op[] {Op.MOVDQU, Op.MOVUPS, Op.MOVUPD}) {
            m.put(op, c -> move128(c, false));
        }
        m.put(Op.MOVD, c -> movdq(c, 4));
        m.put(Op.MOVQ, c -> movdq(c, 8));
        m.put(Op.MOVSS, c -> movScalar(c, 4));
        m.put(Op.MOVSD, c -> movScalar(c, 8));
        m.put(Op.MOVLPS, c -> movHalf(c, false));
        m.put(Op.MOVLPD, c -> movHalf(c, false));
        m.put(Op.MOVHPS, c -> movHalf(c, true));
        m.put(Op.MOVHPD, c -> movHalf(c, true));
        m.put(Op.MOVHLPS, c -> c.b.call(h("setLo"), null, c.c(xmm(c, 0)), c.b.callValue(h("getHi"), c.c(xmm(c, 1)))));
        m.put(Op.MOVLHPS, c -> c.b.call(h("setHi"), null, c.c(xmm(c, 0)), c.b.callValue(h("getLo"), c.c(xmm(c, 1)))));
        m.put(Op.PMOVMSKB, c -> toGpr(c, c.b.callValue(h("pmovmskb"), c.c(xmm(c, 1)))));
        m.put(Op.MOVMSKPS, c -> toGpr(c, c.b.callValue(h("movmskps"), c.c(xmm(c, 1)))));
        m.put(Op.MOVMSKPD, c -> toGpr(c, c.b.callValue(h("movmskpd"), c.c(xmm(c, 1)))));
        m.put(Op.PEXTRW, c -> toGpr(c, c.b.callValue(h("pextrw"), c.c(xmm(c, 1)), c.c(imm(c, 2)))));
        m.put(Op.PINSRW, c -> c.b.call(h("pinsrw"), null, c.c(xmm(c, 0)), c.read(c.op(1), 2), c.c(imm(c, 2))));
        m.put(Op.LDMXCSR, c -> c.b.call(h("setMxcsr"), null, c.read(c.op(0), 4)));
        m.put(Op.STMXCSR, c -> c.write(c.op(0), 4, c.b.callValue(h("getMxcsr"))));
    }

    private static int xmm(Ctx c, int i) {
        Operand o = c.op(i);
        if (o instanceof Operand.Reg r && r.kind() == RegKind.XMM) {
            return r.num();
        }
        throw new Ctx.Unsupported("expected an xmm operand: " + o);
    }

    private static long imm(Ctx c, int i) {
        return ((Operand.Imm) c.op(i)).value();
    }

    private static boolean isXmm(Operand o) {
        return o instanceof Operand.Reg r && r.kind() == RegKind.XMM;
    }

    /** The xmm number holding operand i: a register, or the scratch register loaded from memory. */
    private static int source(Ctx c, int i, boolean aligned) {
        Operand o = c.op(i);
        if (isXmm(o)) {
            return ((Operand.Reg) o).num();
        }
        c.b.call(h(aligned ? "loadAligned" : "load"), null, c.c(SCRATCH), c.ea((Operand.Mem) o));
        return SCRATCH;
    }

    private static void binary(Ctx c, HelperRef op) {
        int d = xmm(c, 0);
        int s = source(c, 1, true);
        c.b.call(op, null, c.c(d), c.c(s));
    }

    private static void shuffle(Ctx c, HelperRef op) {
        int d = xmm(c, 0);
        int s = source(c, 1, true);
        c.b.call(op, null, c.c(d), c.c(s), c.c(imm(c, 2) & 0xff));
    }

    private static void shift(Ctx c, HelperRef op) {
        int d = xmm(c, 0);
        Val count;
        if (c.op(1) instanceof Operand.Imm i) {
            count = c.c(i.value() & 0xff);
        } else {
            count = c.b.callValue(h("getLo"), c.c(source(c, 1, true)));
        }
        c.b.call(op, null, c.c(d), count);
    }

    private static void move128(Ctx c, boolean aligned) {
        Operand d = c.op(0), s = c.op(1);
        if (isXmm(d) && isXmm(s)) {
            c.b.call(h("move"), null, c.c(xmm(c, 0)), c.c(xmm(c, 1)));
        } else if (isXmm(d)) {
            c.b.call(h(aligned ? "loadAligned" : "load"), null, c.c(xmm(c, 0)), c.ea((Operand.Mem) s));
        } else {
            c.b.call(h(aligned ? "storeAligned" : "store"), null, c.c(xmm(c, 1)), c.ea((Operand.Mem) d));
        }
    }

    /** movd/movq in all directions: xmm <- r/m (zero-extended), r/m <- xmm low, xmm <- xmm/m64 low (F3 0F 7E, 66 0F D6). */
    private static void movdq(Ctx c, int size) {
        Operand d = c.op(0), s = c.op(1);
        if (isXmm(d) && isXmm(s)) {
            Val lo = c.b.callValue(h("getLo"), c.c(xmm(c, 1)));
            c.b.call(h("setScalar"), null, c.c(xmm(c, 0)), c.zext(lo, size));
        } else if (isXmm(d)) {
            c.b.call(h("setScalar"), null, c.c(xmm(c, 0)), c.read(s, size));
        } else {
            Val lo = c.b.callValue(h("getLo"), c.c(xmm(c, 1)));
            c.write(d, size, c.zext(lo, size));
        }
    }

    /** movss/movsd: a load zeroes the rest of the register, a register move keeps it, a store writes the scalar. */
    private static void movScalar(Ctx c, int size) {
        Operand d = c.op(0), s = c.op(1);
        if (isXmm(d) && isXmm(s)) {
            if (size == 8) {
                c.b.call(h("setLo"), null, c.c(xmm(c, 0)), c.b.callValue(h("getLo"), c.c(xmm(c, 1))));
            } else {
                c.b.call(h("mergeLow32"), null, c.c(xmm(c, 0)), c.c(xmm(c, 1)));
            }
        } else if (isXmm(d)) {
            c.b.call(h("setScalar"), null, c.c(xmm(c, 0)), c.read(s, size));
        } else {
            c.write(d, size, c.zext(c.b.callValue(h("getLo"), c.c(xmm(c, 1))), size));
        }
    }

    /** movlps/movlpd/movhps/movhpd: 64-bit memory to or from one half. */
    private static void movHalf(Ctx c, boolean high) {
        Operand d = c.op(0);
        if (isXmm(d)) {
            c.b.call(h(high ? "setHi" : "setLo"), null, c.c(xmm(c, 0)), c.read(c.op(1), 8));
        } else {
            c.write(d, 8, c.b.callValue(h(high ? "getHi" : "getLo"), c.c(xmm(c, 1))));
        }
    }

    private static void toGpr(Ctx c, Val v) {
        c.write(c.op(0), c.osize() == 8 ? 8 : 4, v);
    }
}
