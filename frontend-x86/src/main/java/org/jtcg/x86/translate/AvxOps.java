package org.jtcg.x86.translate;

import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.jtcg.x86.translate.AvxOperands.SCRATCH;
import static org.jtcg.x86.translate.AvxOperands.TEMP;
import static org.jtcg.x86.translate.AvxOperands.TEMP_HI;
import static org.jtcg.x86.translate.AvxOperands.emitWith;
import static org.jtcg.x86.translate.AvxOperands.half;
import static org.jtcg.x86.translate.AvxOperands.halfNum;
import static org.jtcg.x86.translate.AvxOperands.isYmm;
import static org.jtcg.x86.translate.AvxOperands.num;
import static org.jtcg.x86.translate.AvxOperands.ops;
import static org.jtcg.x86.translate.AvxOperands.preload;
import static org.jtcg.x86.translate.AvxOperands.upper;
import static org.jtcg.x86.translate.AvxOperands.writeTemp;
import static org.jtcg.x86.translate.AvxOperands.xmmReg;
import static org.jtcg.x86.translate.AvxOperands.zeroUpper;

/**
 * The VEX forms of the SSE..SSE4.2 instructions, mapped by shape onto their 128-bit translations
 * (the legacy {@link InsnTable} emitters), so the semantics live in one place:
 * <ul>
 * <li>{@link #NDS} "op x/ymm1, x/ymm2, x/ymm3/m [, imm8]": TEMP = src1; legacy(TEMP, src2) per half;
 *     scalar ones take bits 127:32/64 from src1 the same way;</li>
 * <li>{@link #UNARY} "op x/ymm1, x/ymm2/m [, imm8]": legacy(TEMP, src) per half;</li>
 * <li>{@link #PASS} 128-bit-only forms whose result is a GPR, flags or memory, or an xmm written from
 *     a GPR/scalar: the legacy emitter as is, then bits 255:128 of an xmm destination zeroed;</li>
 * <li>shifts by imm8 (vvvv is the destination), whole-register moves, movss/movsd, widening and
 *     narrowing conversions, masks and ptest of 256 bits, compares with the 32 VEX predicates, and
 *     variable blends: small emitters here.</li>
 * </ul>
 * Every VEX.128 form zeroes bits 255:128 of its xmm destination; legacy SSE forms leave them.
 */
final class AvxOps {
    private AvxOps() {}

    static final Mnemonic[] NDS = {
        Mnemonic.ADDPS, Mnemonic.ADDPD, Mnemonic.SUBPS, Mnemonic.SUBPD, Mnemonic.MULPS, Mnemonic.MULPD, Mnemonic.DIVPS,
        Mnemonic.DIVPD, Mnemonic.MINPS, Mnemonic.MINPD, Mnemonic.MAXPS, Mnemonic.MAXPD, Mnemonic.ANDPS, Mnemonic.ANDPD,
        Mnemonic.ANDNPS, Mnemonic.ANDNPD, Mnemonic.ORPS, Mnemonic.ORPD, Mnemonic.XORPS, Mnemonic.XORPD,
        Mnemonic.UNPCKLPS, Mnemonic.UNPCKLPD, Mnemonic.UNPCKHPS, Mnemonic.UNPCKHPD, Mnemonic.SHUFPS, Mnemonic.SHUFPD,
        Mnemonic.ADDSUBPS, Mnemonic.ADDSUBPD, Mnemonic.HADDPS, Mnemonic.HADDPD, Mnemonic.HSUBPS, Mnemonic.HSUBPD,
        Mnemonic.BLENDPS, Mnemonic.BLENDPD, Mnemonic.DPPS, Mnemonic.DPPD,
        Mnemonic.PUNPCKLBW, Mnemonic.PUNPCKLWD, Mnemonic.PUNPCKLDQ, Mnemonic.PACKSSWB, Mnemonic.PCMPGTB,
        Mnemonic.PCMPGTW, Mnemonic.PCMPGTD, Mnemonic.PACKUSWB, Mnemonic.PUNPCKHBW, Mnemonic.PUNPCKHWD,
        Mnemonic.PUNPCKHDQ, Mnemonic.PACKSSDW, Mnemonic.PUNPCKLQDQ, Mnemonic.PUNPCKHQDQ, Mnemonic.PCMPEQB,
        Mnemonic.PCMPEQW, Mnemonic.PCMPEQD, Mnemonic.PADDQ, Mnemonic.PMULLW, Mnemonic.PSUBUSB, Mnemonic.PSUBUSW,
        Mnemonic.PMINUB, Mnemonic.PAND, Mnemonic.PADDUSB, Mnemonic.PADDUSW, Mnemonic.PMAXUB, Mnemonic.PANDN,
        Mnemonic.PAVGB, Mnemonic.PAVGW, Mnemonic.PMULHUW, Mnemonic.PMULHW, Mnemonic.PSUBSB, Mnemonic.PSUBSW,
        Mnemonic.PMINSW, Mnemonic.POR, Mnemonic.PADDSB, Mnemonic.PADDSW, Mnemonic.PMAXSW, Mnemonic.PXOR,
        Mnemonic.PMULUDQ, Mnemonic.PMADDWD, Mnemonic.PSADBW, Mnemonic.PSUBB, Mnemonic.PSUBW, Mnemonic.PSUBD,
        Mnemonic.PSUBQ, Mnemonic.PADDB, Mnemonic.PADDW, Mnemonic.PADDD, Mnemonic.PSHUFB, Mnemonic.PCMPEQQ,
        Mnemonic.PCMPGTQ, Mnemonic.PMINSB, Mnemonic.PMINSD, Mnemonic.PMINUW, Mnemonic.PMINUD, Mnemonic.PMAXSB,
        Mnemonic.PMAXSD, Mnemonic.PMAXUW, Mnemonic.PMAXUD, Mnemonic.PMULLD, Mnemonic.PALIGNR, Mnemonic.PHADDW,
        Mnemonic.PHADDD, Mnemonic.PHADDSW, Mnemonic.PMADDUBSW, Mnemonic.PHSUBW, Mnemonic.PHSUBD, Mnemonic.PHSUBSW,
        Mnemonic.PSIGNB, Mnemonic.PSIGNW, Mnemonic.PSIGND, Mnemonic.PMULHRSW, Mnemonic.PMULDQ, Mnemonic.PACKUSDW,
        Mnemonic.PBLENDW, Mnemonic.MPSADBW,
        // scalar: bits above the element come from src1
        Mnemonic.ADDSS, Mnemonic.ADDSD, Mnemonic.SUBSS, Mnemonic.SUBSD, Mnemonic.MULSS, Mnemonic.MULSD, Mnemonic.DIVSS,
        Mnemonic.DIVSD, Mnemonic.MINSS, Mnemonic.MINSD, Mnemonic.MAXSS, Mnemonic.MAXSD, Mnemonic.SQRTSS, Mnemonic.SQRTSD,
        Mnemonic.RSQRTSS, Mnemonic.RCPSS, Mnemonic.ROUNDSS, Mnemonic.ROUNDSD, Mnemonic.CVTSS2SD,
        Mnemonic.CVTSD2SS, Mnemonic.INSERTPS, Mnemonic.CVTSI2SS, Mnemonic.CVTSI2SD, Mnemonic.PINSRW, Mnemonic.PINSRB,
        Mnemonic.PINSRD, Mnemonic.PINSRQ, Mnemonic.MOVHLPS, Mnemonic.MOVLHPS,
    };

    /**
     * 256-bit forms whose imm8 has separate bits for the high half: that half sees imm8 shifted right by
     * this much (vblendps bits 7:4, vblendpd and vshufpd bits 3:2, vmpsadbw bits 5:3).
     */
    private static final Map<Mnemonic, Integer> HIGH_IMM_SHIFT = Map.of(
            Mnemonic.BLENDPS, 4, Mnemonic.BLENDPD, 2, Mnemonic.SHUFPD, 2, Mnemonic.MPSADBW, 3);

    static final Mnemonic[] UNARY = {
        Mnemonic.SQRTPS, Mnemonic.SQRTPD, Mnemonic.RSQRTPS, Mnemonic.RCPPS, Mnemonic.CVTDQ2PS, Mnemonic.CVTPS2DQ,
        Mnemonic.CVTTPS2DQ, Mnemonic.PSHUFD, Mnemonic.PSHUFHW, Mnemonic.PSHUFLW, Mnemonic.ROUNDPS, Mnemonic.ROUNDPD,
        Mnemonic.PABSB, Mnemonic.PABSW, Mnemonic.PABSD, Mnemonic.MOVSHDUP, Mnemonic.MOVSLDUP, Mnemonic.PHMINPOSUW,
        Mnemonic.MOVDDUP,
    };

    static final Mnemonic[] PASS = {
        Mnemonic.UCOMISS, Mnemonic.UCOMISD, Mnemonic.COMISS, Mnemonic.COMISD, Mnemonic.CVTTSS2SI, Mnemonic.CVTTSD2SI,
        Mnemonic.CVTSS2SI, Mnemonic.CVTSD2SI, Mnemonic.PEXTRB, Mnemonic.PEXTRW, Mnemonic.PEXTRD, Mnemonic.PEXTRQ,
        Mnemonic.EXTRACTPS, Mnemonic.MOVD, Mnemonic.MOVQ, Mnemonic.PCMPESTRI, Mnemonic.PCMPISTRI, Mnemonic.LDMXCSR,
        Mnemonic.STMXCSR,
    };

    /** Widening conversions: 256-bit forms read a source of half the width (the 128-bit form the half of that). */
    static final Mnemonic[] WIDEN = {
        Mnemonic.CVTPS2PD, Mnemonic.CVTDQ2PD, Mnemonic.PMOVSXBW, Mnemonic.PMOVSXBD, Mnemonic.PMOVSXBQ,
        Mnemonic.PMOVSXWD, Mnemonic.PMOVSXWQ, Mnemonic.PMOVSXDQ, Mnemonic.PMOVZXBW, Mnemonic.PMOVZXBD,
        Mnemonic.PMOVZXBQ, Mnemonic.PMOVZXWD, Mnemonic.PMOVZXWQ, Mnemonic.PMOVZXDQ,
    };

    /** Narrowing conversions: 2 (or 4 from ymm) doubles to the low 64 (128) bits of an xmm. */
    static final Mnemonic[] NARROW = {Mnemonic.CVTPD2PS, Mnemonic.CVTPD2DQ, Mnemonic.CVTTPD2DQ};

    static final Mnemonic[] SHIFTS = {
        Mnemonic.PSRLW, Mnemonic.PSRLD, Mnemonic.PSRLQ, Mnemonic.PSRAW, Mnemonic.PSRAD, Mnemonic.PSLLW,
        Mnemonic.PSLLD, Mnemonic.PSLLQ,
    };

    static void register(Map<Mnemonic, InsnTable.Emitter> m, Function<Mnemonic, InsnTable.Emitter> legacy) {
        for (Mnemonic op : NDS) {
            m.put(op, nds(need(legacy, op), HIGH_IMM_SHIFT.getOrDefault(op, 0)));
        }
        for (Mnemonic op : UNARY) {
            m.put(op, unary(need(legacy, op)));
        }
        for (Mnemonic op : PASS) {
            InsnTable.Emitter e = need(legacy, op);
            boolean writesXmm = op == Mnemonic.MOVD || op == Mnemonic.MOVQ; // the others only read op 0 when it is an xmm
            m.put(op, c -> {
                if (writesXmm) {
                    pass(c, e);
                } else {
                    e.emit(c);
                }
            });
        }
        for (Mnemonic op : SHIFTS) {
            InsnTable.Emitter e = need(legacy, op);
            InsnTable.Emitter byXmm = nds(e);
            m.put(op, c -> {
                if (c.op(c.insn.operandCount() - 1) instanceof Operand.Imm) {
                    shiftImm(c, e);
                } else {
                    byXmm.emit(c);
                }
            });
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.PSLLDQ, Mnemonic.PSRLDQ}) {
            InsnTable.Emitter e = need(legacy, op);
            m.put(op, c -> shiftImm(c, e));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.PCMPESTRM, Mnemonic.PCMPISTRM}) {
            InsnTable.Emitter e = need(legacy, op);
            m.put(op, c -> {
                e.emit(c);
                zeroUpper(c, 0); // the result goes to xmm0
            });
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.MOVLPS, Mnemonic.MOVLPD, Mnemonic.MOVHPS, Mnemonic.MOVHPD}) {
            InsnTable.Emitter e = need(legacy, op);
            InsnTable.Emitter load = nds(e);
            m.put(op, c -> {
                if (c.op(0) instanceof Operand.Mem) {
                    e.emit(c);
                } else {
                    load.emit(c);
                }
            });
        }
        for (Mnemonic op : WIDEN) {
            InsnTable.Emitter e = need(legacy, op);
            InsnTable.Emitter narrow = unary(e);
            m.put(op, c -> {
                if (isYmm(c.op(0))) {
                    widen(c, e);
                } else {
                    narrow.emit(c);
                }
            });
        }
        for (Mnemonic op : NARROW) {
            InsnTable.Emitter e = need(legacy, op);
            m.put(op, c -> narrow(c, e));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.MOVAPS, Mnemonic.MOVAPD, Mnemonic.MOVDQA, Mnemonic.MOVNTPS,
            Mnemonic.MOVNTPD, Mnemonic.MOVNTDQ, Mnemonic.MOVNTDQA}) {
            m.put(op, c -> move(c, true));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.MOVUPS, Mnemonic.MOVUPD, Mnemonic.MOVDQU, Mnemonic.LDDQU}) {
            m.put(op, c -> move(c, false));
        }
        m.put(Mnemonic.MOVSS, c -> movScalar(c, 4, need(legacy, Mnemonic.MOVSS)));
        m.put(Mnemonic.MOVSD, c -> movScalar(c, 8, need(legacy, Mnemonic.MOVSD)));
        m.put(Mnemonic.MOVMSKPS, c -> mask(c, need(legacy, Mnemonic.MOVMSKPS), 4));
        m.put(Mnemonic.MOVMSKPD, c -> mask(c, need(legacy, Mnemonic.MOVMSKPD), 2));
        m.put(Mnemonic.PMOVMSKB, c -> mask(c, need(legacy, Mnemonic.PMOVMSKB), 16));
        m.put(Mnemonic.PTEST, c -> test(c, "ptest"));
        for (Mnemonic op : new Mnemonic[] {Mnemonic.CMPPS, Mnemonic.CMPPD, Mnemonic.CMPSS, Mnemonic.CMPSD}) {
            String name = op.mnemonic() + "Vex";
            m.put(op, nds(c -> {
                int d = SseOperands.xmm(c, 0);
                int s = SseOperands.source(c, 1, false);
                SseOperands.checkXm(c, c.b.callValue(AvxOnlyOps.avx(name), c.c(d), c.c(s), c.c(SseOperands.imm(c, 2))));
            }));
        }
        for (Mnemonic op : new Mnemonic[] {Mnemonic.BLENDVPS, Mnemonic.BLENDVPD, Mnemonic.PBLENDVB}) {
            int bits = op == Mnemonic.BLENDVPS ? 32 : op == Mnemonic.BLENDVPD ? 64 : 8;
            m.put(op, c -> blendv(c, bits));
        }
    }

    /** The 128-bit emitter, or null (the VEX form is then dropped by {@link #build}: SIGILL like the legacy form). */
    private static InsnTable.Emitter need(Function<Mnemonic, InsnTable.Emitter> legacy, Mnemonic op) {
        return legacy.apply(op);
    }

    /** "op dst, src1, src2 [, rest]": per half TEMP = src1; legacy(TEMP, src2, rest); dst = TEMP. */
    static InsnTable.Emitter nds(InsnTable.Emitter legacy) {
        return nds(legacy, 0);
    }

    /** {@link #nds(InsnTable.Emitter)} where the high half sees the imm8 shifted right by {@code highImmShift}. */
    static InsnTable.Emitter nds(InsnTable.Emitter legacy, int highImmShift) {
        return c -> {
            List<Operand> all = c.insn.operands();
            Operand dst = all.get(0);
            Operand src1 = all.get(1);
            Operand src2 = preload(c, all.get(2), 0);
            List<Operand> rest = all.subList(3, all.size());
            boolean wide = isYmm(dst);
            for (int h = 0; h < (wide ? 2 : 1); h++) {
                int t = h == 0 ? TEMP : TEMP_HI;
                c.b.vectors().mov(t, halfNum(src1, h));
                List<Operand> r = rest;
                if (h == 1 && highImmShift > 0 && rest.get(0) instanceof Operand.Imm imm) {
                    r = List.of(new Operand.Imm((imm.value() & 0xff) >> highImmShift, imm.size()));
                }
                emitWith(c, legacy, ops(xmmReg(t), half(src2, h), r));
            }
            writeTemp(c, num(dst), wide);
        };
    }

    /** "op dst, src [, rest]": per half legacy(TEMP, src, rest); dst = TEMP. */
    static InsnTable.Emitter unary(InsnTable.Emitter legacy) {
        return c -> {
            List<Operand> all = c.insn.operands();
            Operand dst = all.get(0);
            Operand src = preload(c, all.get(1), 0);
            List<Operand> rest = all.subList(2, all.size());
            boolean wide = isYmm(dst);
            for (int h = 0; h < (wide ? 2 : 1); h++) {
                emitWith(c, legacy, ops(xmmReg(h == 0 ? TEMP : TEMP_HI), half(src, h), rest));
            }
            writeTemp(c, num(dst), wide);
        };
    }

    /** The 128-bit form as it is; an xmm destination (operand 0) then has bits 255:128 zeroed. */
    private static void pass(Ctx c, InsnTable.Emitter legacy) {
        legacy.emit(c);
        if (AvxOperands.isVectorReg(c.op(0))) {
            zeroUpper(c, num(c.op(0)));
        }
    }

    /** "op dst(vvvv), src, imm8": per half TEMP = src; legacy(TEMP, imm8); dst = TEMP. */
    private static void shiftImm(Ctx c, InsnTable.Emitter legacy) {
        Operand dst = c.op(0), src = c.op(1), imm = c.op(2);
        boolean wide = isYmm(dst);
        for (int h = 0; h < (wide ? 2 : 1); h++) {
            int t = h == 0 ? TEMP : TEMP_HI;
            c.b.vectors().mov(t, halfNum(src, h));
            emitWith(c, legacy, List.of(xmmReg(t), imm));
        }
        writeTemp(c, num(dst), wide);
    }

    /** 256-bit widening: the low half from the source's low bytes, the high half from the next ones. */
    private static void widen(Ctx c, InsnTable.Emitter legacy) {
        Operand src = c.op(1);
        int bytes;
        if (src instanceof Operand.Mem m) {
            bytes = m.size();
            if (bytes == 16) {
                preload(c, src, 0);
            } else {
                SseOperands.set(c, SCRATCH, c.load(c.ea(m), bytes), c.c(0));
            }
        } else {
            bytes = widenedSourceBytes(c.insn.op());
            c.b.vectors().mov(SCRATCH, num(src));
        }
        emitWith(c, legacy, List.of(xmmReg(TEMP), xmmReg(SCRATCH)));
        // shift the scratch right by half the source bytes, then the upper half
        Val lo = c.b.vectors().get(64, SCRATCH, 0), hi = c.b.vectors().get(64, SCRATCH, 1);
        int shift = bytes * 4;  // bits = bytes / 2 * 8
        Val nlo = shift == 64 ? hi : c.b.or(c.b.shr(lo, c.c(shift)), c.b.shl(hi, c.c(64 - shift)));
        Val nhi = shift == 64 ? c.c(0) : c.b.shr(hi, c.c(shift));
        SseOperands.set(c, SCRATCH, nlo, nhi);
        emitWith(c, legacy, List.of(xmmReg(TEMP_HI), xmmReg(SCRATCH)));
        writeTemp(c, num(c.op(0)), true);
    }

    /** Bytes of source the 256-bit form of a widening conversion reads. */
    private static int widenedSourceBytes(Mnemonic op) {
        return switch (op) {
            case PMOVSXBD, PMOVZXBD, PMOVSXWQ, PMOVZXWQ -> 8;
            case PMOVSXBQ, PMOVZXBQ -> 4;
            default -> 16;
        };
    }

    /** cvtpd2ps / cvt(t)pd2dq: each half gives 64 bits; from a ymm source they are packed into one xmm. */
    private static void narrow(Ctx c, InsnTable.Emitter legacy) {
        Operand dst = c.op(0);
        Operand src = preload(c, c.op(1), 0);
        emitWith(c, legacy, List.of(xmmReg(TEMP), half(src, 0)));
        if (isYmm(src)) {
            emitWith(c, legacy, List.of(xmmReg(TEMP_HI), half(src, 1)));
            c.b.vectors().set(64, TEMP, 1, c.b.vectors().get(64, TEMP_HI, 0));
        }
        writeTemp(c, num(dst), false);
    }

    /** Whole-register moves: loads zero bits 255:128 of an xmm destination; aligned forms check 16/32. */
    private static void move(Ctx c, boolean aligned) {
        Operand d = c.op(0), s = c.op(1);
        boolean wide = isYmm(d) || isYmm(s);
        int align = aligned ? (wide ? 32 : 16) : 0;
        if (d instanceof Operand.Mem m) {
            AvxOperands.store(c, m, s, align);
            return;
        }
        if (s instanceof Operand.Mem m && m.size() == 0) {
            s = new Operand.Mem(m.segment(), m.base(), m.index(), m.scale(), m.disp(), m.ripRelative(), m.addressSize(),
                    wide ? 32 : 16, m.dispSize());  // vlddqu's operand has no size in the table
        }
        Operand src = preload(c, s, align);
        c.b.vectors().mov(num(d), halfNum(src, 0));
        if (isYmm(d)) {
            c.b.vectors().mov(upper(num(d)), halfNum(src, 1));
        } else {
            zeroUpper(c, num(d));
        }
    }

    /** vmovss/vmovsd: load (rest zeroed), store, or "dst = src1 with the low element of src2". */
    private static void movScalar(Ctx c, int size, InsnTable.Emitter legacy) {
        if (c.insn.operandCount() == 2) {
            pass(c, legacy);  // load zeroes bits 127:size, store writes the element
            return;
        }
        nds(legacy).emit(c);  // legacy register form merges the low element into TEMP = src1
    }

    /** vmovmskps/pd, vpmovmskb: a 256-bit source gives the high half's bits above the low half's. */
    private static void mask(Ctx c, InsnTable.Emitter legacy, int bitsPerHalf) {
        Operand src = c.op(1);
        if (!isYmm(src)) {
            legacy.emit(c);
            return;
        }
        Operand.Reg dst = (Operand.Reg) c.op(0);
        emitWith(c, legacy, List.of(dst, half(src, 1)));
        Val hi = c.readGpr(dst.num(), 8);
        emitWith(c, legacy, List.of(dst, half(src, 0)));
        Val lo = c.readGpr(dst.num(), 8);
        c.writeGpr(dst.num(), dst.size() == 8 ? 8 : 4, c.b.or(lo, c.b.shl(hi, c.c(bitsPerHalf))));
    }

    /** vptest / vtestps / vtestpd over 128 or 256 bits: ZF and CF, the other flags cleared. */
    static void test(Ctx c, String name) {
        Operand a = c.op(0);
        Operand b = preload(c, c.op(1), 0);
        boolean wide = isYmm(a);
        Val flags = c.b.callValue(AvxOnlyOps.avx(name), c.c(halfNum(a, 0)), c.c(halfNum(b, 0)),
                c.c(wide ? halfNum(a, 1) : -1), c.c(wide ? halfNum(b, 1) : -1));
        c.flags.setExplicit(flags);
    }

    /** vblendvps/pd, vpblendvb: lanes of src2 where the mask register's lane has its sign bit set, else src1. */
    private static void blendv(Ctx c, int bits) {
        Operand dst = c.op(0), src1 = c.op(1), mask = c.op(3);
        Operand src2 = preload(c, c.op(2), 0);
        boolean wide = isYmm(dst);
        for (int h = 0; h < (wide ? 2 : 1); h++) {
            int t = h == 0 ? TEMP : TEMP_HI;
            c.b.call(AvxOnlyOps.avx("blendv"), null, c.c(t), c.c(halfNum(src1, h)), c.c(halfNum(src2, h)),
                    c.c(halfNum(mask, h)), c.c(bits));
        }
        writeTemp(c, num(dst), wide);
    }

    /** The VEX table: these plus {@link AvxOnlyOps}. */
    static Map<Mnemonic, InsnTable.Emitter> build(Function<Mnemonic, InsnTable.Emitter> legacy) {
        Map<Mnemonic, InsnTable.Emitter> m = new EnumMap<>(Mnemonic.class);
        register(m, legacy);
        // a VEX form is translated only where its 128-bit form is (rcpps/rsqrtps are not: both SIGILL)
        m.keySet().removeIf(op -> legacy.apply(op) == null);
        AvxOnlyOps.register(m);
        AvxGatherOps.register(m);
        return m;
    }
}
