package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.jtcg.x86.translate.AvxOperands.SCRATCH;
import static org.jtcg.x86.translate.AvxOperands.TEMP;
import static org.jtcg.x86.translate.AvxOperands.TEMP_HI;
import static org.jtcg.x86.translate.AvxOperands.halfNum;
import static org.jtcg.x86.translate.AvxOperands.isYmm;
import static org.jtcg.x86.translate.AvxOperands.num;
import static org.jtcg.x86.translate.AvxOperands.preload;
import static org.jtcg.x86.translate.AvxOperands.upper;
import static org.jtcg.x86.translate.AvxOperands.writeTemp;
import static org.jtcg.x86.translate.AvxOperands.zeroUpper;

/**
 * AVX and AVX2 instructions without an SSE form: vzeroupper/vzeroall, broadcasts, 128-bit lane
 * inserts/extracts/permutes, vpermil*, vperm{d,q,ps,pd}, masked loads and stores, vtestps/pd,
 * variable shifts and vpblendd. Lane moves are IR vector ops; the rest are {@link AvxLibHelpers}.
 */
final class AvxOnlyOps {
    private AvxOnlyOps() {}

    private static final Map<String, HelperRef> CACHE = new ConcurrentHashMap<>();

    static HelperRef avx(String name) {
        return CACHE.computeIfAbsent(name, n -> HelperRef.of(AvxLibHelpers.class, n, 0));
    }

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.VZEROUPPER, c -> {
            for (int r = 0; r < 16; r++) {
                zeroUpper(c, r);
            }
        });
        m.put(Mnemonic.VZEROALL, c -> {
            for (int r = 0; r < 16; r++) {
                SseOperands.set(c, r, c.c(0), c.c(0));
                zeroUpper(c, r);
            }
        });
        m.put(Mnemonic.VBROADCASTSS, c -> broadcast(c, 32));
        m.put(Mnemonic.VBROADCASTSD, c -> broadcast(c, 64));
        m.put(Mnemonic.VPBROADCASTB, c -> broadcast(c, 8));
        m.put(Mnemonic.VPBROADCASTW, c -> broadcast(c, 16));
        m.put(Mnemonic.VPBROADCASTD, c -> broadcast(c, 32));
        m.put(Mnemonic.VPBROADCASTQ, c -> broadcast(c, 64));
        m.put(Mnemonic.VBROADCASTF128, AvxOnlyOps::broadcast128);
        m.put(Mnemonic.VBROADCASTI128, AvxOnlyOps::broadcast128);
        m.put(Mnemonic.VINSERTF128, AvxOnlyOps::insert128);
        m.put(Mnemonic.VINSERTI128, AvxOnlyOps::insert128);
        m.put(Mnemonic.VEXTRACTF128, AvxOnlyOps::extract128);
        m.put(Mnemonic.VEXTRACTI128, AvxOnlyOps::extract128);
        m.put(Mnemonic.VPERM2F128, AvxOnlyOps::perm2x128);
        m.put(Mnemonic.VPERM2I128, AvxOnlyOps::perm2x128);
        m.put(Mnemonic.VPERMILPS, c -> permil(c, true));
        m.put(Mnemonic.VPERMILPD, c -> permil(c, false));
        m.put(Mnemonic.VPERMD, AvxOnlyOps::permd);
        m.put(Mnemonic.VPERMPS, AvxOnlyOps::permd);
        m.put(Mnemonic.VPERMQ, AvxOnlyOps::permq);
        m.put(Mnemonic.VPERMPD, AvxOnlyOps::permq);
        m.put(Mnemonic.VTESTPS, c -> AvxOps.test(c, "testps"));
        m.put(Mnemonic.VTESTPD, c -> AvxOps.test(c, "testpd"));
        m.put(Mnemonic.VMASKMOVPS, c -> maskMove(c, 32));
        m.put(Mnemonic.VMASKMOVPD, c -> maskMove(c, 64));
        m.put(Mnemonic.VPMASKMOVD, c -> maskMove(c, 32));
        m.put(Mnemonic.VPMASKMOVQ, c -> maskMove(c, 64));
        m.put(Mnemonic.VPSLLVD, c -> shiftVar(c, 32, 0));
        m.put(Mnemonic.VPSLLVQ, c -> shiftVar(c, 64, 0));
        m.put(Mnemonic.VPSRLVD, c -> shiftVar(c, 32, 1));
        m.put(Mnemonic.VPSRLVQ, c -> shiftVar(c, 64, 1));
        m.put(Mnemonic.VPSRAVD, c -> shiftVar(c, 32, 2));
        m.put(Mnemonic.VPBLENDD, AvxOnlyOps::blendd);
    }

    /** The element (low {@code bits} of an xmm or memory) replicated over the destination. */
    private static void broadcast(Ctx c, int bits) {
        Operand src = c.op(1);
        Val v = src instanceof Operand.Mem m ? c.load(c.ea(m), bits / 8) : c.b.vectors().get(bits, num(src), 0);
        Val word = switch (bits) {
            case 8 -> c.b.mul(v, c.c(0x0101_0101_0101_0101L));
            case 16 -> c.b.mul(v, c.c(0x0001_0001_0001_0001L));
            case 32 -> c.b.or(v, c.b.shl(v, c.c(32)));
            default -> v;
        };
        int d = num(c.op(0));
        SseOperands.set(c, d, word, word);
        if (isYmm(c.op(0))) {
            SseOperands.set(c, upper(d), word, word);
        } else {
            zeroUpper(c, d);
        }
    }

    private static void broadcast128(Ctx c) {
        preload(c, c.op(1), 0);
        int d = num(c.op(0));
        c.b.vectors().mov(d, SCRATCH);
        c.b.vectors().mov(upper(d), SCRATCH);
    }

    /** vinsertf128/vinserti128: src1 with the 128-bit half imm8[0] replaced by src2. */
    private static void insert128(Ctx c) {
        Operand src1 = c.op(1);
        Operand src2 = preload(c, c.op(2), 0);
        int sel = (int) SseOperands.imm(c, 3) & 1;
        c.b.vectors().mov(TEMP, halfNum(src1, 0));
        c.b.vectors().mov(TEMP_HI, halfNum(src1, 1));
        c.b.vectors().mov(sel == 0 ? TEMP : TEMP_HI, num(src2));
        writeTemp(c, num(c.op(0)), true);
    }

    /** vextractf128/vextracti128: the 128-bit half imm8[0] to an xmm (upper zeroed) or m128. */
    private static void extract128(Ctx c) {
        int sel = (int) SseOperands.imm(c, 2) & 1;
        int h = halfNum(c.op(1), sel);
        if (c.op(0) instanceof Operand.Mem m) {
            AvxOperands.store(c, m, AvxOperands.xmmReg(h), 0);
        } else {
            int d = num(c.op(0));
            c.b.vectors().mov(d, h);
            zeroUpper(c, d);
        }
    }

    /** vperm2f128/vperm2i128: each destination half picks one of the four source halves, or zero (bit 3). */
    private static void perm2x128(Ctx c) {
        Operand src1 = c.op(1);
        Operand src2 = preload(c, c.op(2), 0);
        int imm = (int) SseOperands.imm(c, 3);
        int[] halves = {halfNum(src1, 0), halfNum(src1, 1), halfNum(src2, 0), halfNum(src2, 1)};
        for (int h = 0; h < 2; h++) {
            int sel = imm >> (4 * h);
            int t = h == 0 ? TEMP : TEMP_HI;
            if ((sel & 8) != 0) {
                SseOperands.set(c, t, c.c(0), c.c(0));
            } else {
                c.b.vectors().mov(t, halves[sel & 3]);
            }
        }
        writeTemp(c, num(c.op(0)), true);
    }

    /** vpermilps/vpermilpd with a control register (3 operands) or imm8 (2 operands + imm). */
    private static void permil(Ctx c, boolean singles) {
        Operand dst = c.op(0);
        boolean wide = isYmm(dst);
        if (c.op(2) instanceof Operand.Imm) {
            Operand src = preload(c, c.op(1), 0);
            int imm = (int) SseOperands.imm(c, 2);
            for (int h = 0; h < (wide ? 2 : 1); h++) {
                int t = h == 0 ? TEMP : TEMP_HI;
                if (singles) {
                    AvxOperands.emitWith(c, InsnTable.get(Mnemonic.PSHUFD),
                            List.of(AvxOperands.xmmReg(t), AvxOperands.half(src, h), c.op(2)));
                } else {
                    c.b.call(avx("permilpdImm"), null, c.c(t), c.c(halfNum(src, h)), c.c(imm >> (2 * h) & 3));
                }
            }
        } else {
            Operand src = c.op(1);
            Operand ctrl = preload(c, c.op(2), 0);
            for (int h = 0; h < (wide ? 2 : 1); h++) {
                c.b.call(avx(singles ? "permilpsVar" : "permilpdVar"), null, c.c(h == 0 ? TEMP : TEMP_HI),
                        c.c(halfNum(src, h)), c.c(halfNum(ctrl, h)));
            }
        }
        writeTemp(c, num(dst), wide);
    }

    /** vpermd/vpermps: indices in src1 (vvvv), data in src2. */
    private static void permd(Ctx c) {
        Operand idx = c.op(1);
        Operand src = preload(c, c.op(2), 0);
        c.b.call(avx("permd"), null, c.c(TEMP), c.c(TEMP_HI), c.c(halfNum(idx, 0)), c.c(halfNum(idx, 1)),
                c.c(halfNum(src, 0)), c.c(halfNum(src, 1)));
        writeTemp(c, num(c.op(0)), true);
    }

    private static void permq(Ctx c) {
        Operand src = preload(c, c.op(1), 0);
        c.b.call(avx("permq"), null, c.c(TEMP), c.c(TEMP_HI), c.c(halfNum(src, 0)), c.c(halfNum(src, 1)),
                c.c(SseOperands.imm(c, 2)));
        writeTemp(c, num(c.op(0)), true);
    }

    private static void shiftVar(Ctx c, int bits, int kind) {
        Operand dst = c.op(0), a = c.op(1);
        Operand counts = preload(c, c.op(2), 0);
        boolean wide = isYmm(dst);
        for (int h = 0; h < (wide ? 2 : 1); h++) {
            c.b.call(avx("shiftVar"), null, c.c(h == 0 ? TEMP : TEMP_HI), c.c(halfNum(a, h)), c.c(halfNum(counts, h)),
                    c.c(bits), c.c(kind));
        }
        writeTemp(c, num(dst), wide);
    }

    /** vpblendd: dword i from src2 where imm8 bit i is set (the high half uses bits 7:4). */
    private static void blendd(Ctx c) {
        Operand dst = c.op(0), src1 = c.op(1);
        Operand src2 = preload(c, c.op(2), 0);
        int imm = (int) SseOperands.imm(c, 3);
        boolean wide = isYmm(dst);
        for (int h = 0; h < (wide ? 2 : 1); h++) {
            int t = h == 0 ? TEMP : TEMP_HI;
            int a = halfNum(src1, h), b = halfNum(src2, h);
            for (int i = 0; i < 4; i++) {
                boolean fromB = (imm >> (4 * h + i) & 1) != 0;
                c.b.vectors().set(32, t, i, c.b.vectors().get(32, fromB ? b : a, i));
            }
        }
        writeTemp(c, num(dst), wide);
    }

    /**
     * vmaskmovps/pd, vpmaskmovd/q: a load (3 operands, memory last) reads only the elements whose mask
     * sign bit is set and zeroes the others; a store (memory first) writes only those elements. Masked-off
     * elements never fault.
     */
    private static void maskMove(Ctx c, int bits) {
        int bytes = bits / 8;
        boolean load = !(c.op(0) instanceof Operand.Mem);
        Operand.Mem mem = (Operand.Mem) (load ? c.op(2) : c.op(0));
        Operand mask = c.op(1);
        Operand data = load ? c.op(0) : c.op(2);
        boolean wide = isYmm(mask);
        int perHalf = 128 / bits;
        if (load) {
            SseOperands.set(c, TEMP, c.c(0), c.c(0));
            SseOperands.set(c, TEMP_HI, c.c(0), c.c(0));
        }
        for (int h = 0; h < (wide ? 2 : 1); h++) {
            for (int i = 0; i < perHalf; i++) {
                Label skip = c.label();
                Val m = c.b.vectors().get(bits, halfNum(mask, h), i);
                c.b.brcond(Cond.TSTEQ, m, c.c(1L << (bits - 1)), skip);
                Val addr = c.b.add(c.ea(mem), c.c((long) (h * perHalf + i) * bytes));
                if (load) {
                    c.b.vectors().set(bits, h == 0 ? TEMP : TEMP_HI, i, c.load(addr, bytes));
                } else {
                    c.store(addr, bytes, c.b.vectors().get(bits, halfNum(data, h), i));
                }
                c.place(skip);
            }
        }
        if (load) {
            writeTemp(c, num(data), wide);
        }
    }
}
