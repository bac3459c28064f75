package org.jtcg.x86.sse;

import java.util.ArrayList;
import java.util.List;

/** The instruction variants the native cross-check runs: host asm text + the Java op under test. */
final class CrossCheckCases {
    private CrossCheckCases() {}

    /** What the instruction writes. */
    enum Result { XMM, GPR, FLAGS }

    /** Runs the op with dst = xmm0 (operand a), src = xmm1 (operand b); GPR sources get b.lo. */
    interface JavaOp { long run(SseState s); }

    record Case(String family, String name, String asm, Inputs.Kind kind, Result result, JavaOp op, int iterations) {}

    private static final int FP_ITERATIONS = 5000;
    private static final int INT_ITERATIONS = 250;

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        floatingPoint(c);
        conversions(c);
        integer(c);
        shuffles(c);
        V2CrossCheckCases.add(c);
        if (ApproxHost.reproducible()) {
            approximations(c);
        }
        return c;
    }

    /** rcpps/rcpss/rsqrtps/rsqrtss: only on the CPU family whose bits {@link ApproxReciprocal} reproduces. */
    private static void approximations(List<Case> c) {
        Inputs.Kind s = Inputs.Kind.F32;
        String fam = "approximations (AMD family 0x1a)";
        c.add(xmm(fam, "rcpps", s, st -> { ApproxReciprocal.rcpps(st, 0, 1); return 0; }));
        c.add(xmm(fam, "rcpss", s, st -> { ApproxReciprocal.rcpss(st, 0, 1); return 0; }));
        c.add(xmm(fam, "rsqrtps", s, st -> { ApproxReciprocal.rsqrtps(st, 0, 1); return 0; }));
        c.add(xmm(fam, "rsqrtss", s, st -> { ApproxReciprocal.rsqrtss(st, 0, 1); return 0; }));
    }

    private static Case xmm(String family, String name, Inputs.Kind k, JavaOp op) {
        return new Case(family, name, name + " %[b], %[a]", k, Result.XMM, op,
                k == Inputs.Kind.INT ? INT_ITERATIONS : FP_ITERATIONS);
    }

    private static void floatingPoint(List<Case> c) {
        Inputs.Kind s = Inputs.Kind.F32, d = Inputs.Kind.F64;
        String fam = "fp arithmetic";
        c.add(xmm(fam, "addps", s, st -> SseFloat.addps(st, 0, 1)));
        c.add(xmm(fam, "addss", s, st -> SseFloat.addss(st, 0, 1)));
        c.add(xmm(fam, "addpd", d, st -> SseFloat.addpd(st, 0, 1)));
        c.add(xmm(fam, "addsd", d, st -> SseFloat.addsd(st, 0, 1)));
        c.add(xmm(fam, "subps", s, st -> SseFloat.subps(st, 0, 1)));
        c.add(xmm(fam, "subss", s, st -> SseFloat.subss(st, 0, 1)));
        c.add(xmm(fam, "subpd", d, st -> SseFloat.subpd(st, 0, 1)));
        c.add(xmm(fam, "subsd", d, st -> SseFloat.subsd(st, 0, 1)));
        c.add(xmm(fam, "mulps", s, st -> SseFloat.mulps(st, 0, 1)));
        c.add(xmm(fam, "mulss", s, st -> SseFloat.mulss(st, 0, 1)));
        c.add(xmm(fam, "mulpd", d, st -> SseFloat.mulpd(st, 0, 1)));
        c.add(xmm(fam, "mulsd", d, st -> SseFloat.mulsd(st, 0, 1)));
        c.add(xmm(fam, "divps", s, st -> SseFloat.divps(st, 0, 1)));
        c.add(xmm(fam, "divss", s, st -> SseFloat.divss(st, 0, 1)));
        c.add(xmm(fam, "divpd", d, st -> SseFloat.divpd(st, 0, 1)));
        c.add(xmm(fam, "divsd", d, st -> SseFloat.divsd(st, 0, 1)));
        c.add(xmm(fam, "sqrtps", s, st -> SseFloat.sqrtps(st, 0, 1)));
        c.add(xmm(fam, "sqrtss", s, st -> SseFloat.sqrtss(st, 0, 1)));
        c.add(xmm(fam, "sqrtpd", d, st -> SseFloat.sqrtpd(st, 0, 1)));
        c.add(xmm(fam, "sqrtsd", d, st -> SseFloat.sqrtsd(st, 0, 1)));
        fam = "fp min/max";
        c.add(xmm(fam, "minps", s, st -> SseFloat.minps(st, 0, 1)));
        c.add(xmm(fam, "minss", s, st -> SseFloat.minss(st, 0, 1)));
        c.add(xmm(fam, "minpd", d, st -> SseFloat.minpd(st, 0, 1)));
        c.add(xmm(fam, "minsd", d, st -> SseFloat.minsd(st, 0, 1)));
        c.add(xmm(fam, "maxps", s, st -> SseFloat.maxps(st, 0, 1)));
        c.add(xmm(fam, "maxss", s, st -> SseFloat.maxss(st, 0, 1)));
        c.add(xmm(fam, "maxpd", d, st -> SseFloat.maxpd(st, 0, 1)));
        c.add(xmm(fam, "maxsd", d, st -> SseFloat.maxsd(st, 0, 1)));
        fam = "fp logic";
        c.add(xmm(fam, "andps", s, st -> { SseFloat.andps(st, 0, 1); return 0; }));
        c.add(xmm(fam, "andnps", s, st -> { SseFloat.andnps(st, 0, 1); return 0; }));
        c.add(xmm(fam, "orpd", d, st -> { SseFloat.orpd(st, 0, 1); return 0; }));
        c.add(xmm(fam, "xorpd", d, st -> { SseFloat.xorpd(st, 0, 1); return 0; }));
        fam = "fp compare";
        for (int p = 0; p < 8; p++) {
            final int imm = p;
            c.add(new Case(fam, "cmpps/" + p, "cmpps $" + p + ", %[b], %[a]", s, Result.XMM,
                    st -> SseFloat.cmpps(st, 0, 1, imm), FP_ITERATIONS / 4));
            c.add(new Case(fam, "cmpss/" + p, "cmpss $" + p + ", %[b], %[a]", s, Result.XMM,
                    st -> SseFloat.cmpss(st, 0, 1, imm), FP_ITERATIONS / 4));
            c.add(new Case(fam, "cmppd/" + p, "cmppd $" + p + ", %[b], %[a]", d, Result.XMM,
                    st -> SseFloat.cmppd(st, 0, 1, imm), FP_ITERATIONS / 4));
            c.add(new Case(fam, "cmpsd/" + p, "cmpsd $" + p + ", %[b], %[a]", d, Result.XMM,
                    st -> SseFloat.cmpsd(st, 0, 1, imm), FP_ITERATIONS / 4));
        }
        String flags = "\npushfq\npopq %[r]";
        c.add(new Case(fam, "ucomiss", "ucomiss %[b], %[a]" + flags, s, Result.FLAGS, st -> SseFloat.ucomiss(st, 0, 1), FP_ITERATIONS));
        c.add(new Case(fam, "ucomisd", "ucomisd %[b], %[a]" + flags, d, Result.FLAGS, st -> SseFloat.ucomisd(st, 0, 1), FP_ITERATIONS));
        c.add(new Case(fam, "comiss", "comiss %[b], %[a]" + flags, s, Result.FLAGS, st -> SseFloat.comiss(st, 0, 1), FP_ITERATIONS));
        c.add(new Case(fam, "comisd", "comisd %[b], %[a]" + flags, d, Result.FLAGS, st -> SseFloat.comisd(st, 0, 1), FP_ITERATIONS));
    }

    private static void conversions(List<Case> c) {
        Inputs.Kind s = Inputs.Kind.F32, d = Inputs.Kind.F64, i = Inputs.Kind.INT;
        String fam = "fp conversions";
        c.add(xmm(fam, "cvtss2sd", s, st -> SseConvert.cvtss2sd(st, 0, 1)));
        c.add(xmm(fam, "cvtsd2ss", d, st -> SseConvert.cvtsd2ss(st, 0, 1)));
        c.add(xmm(fam, "cvtps2pd", s, st -> SseConvert.cvtps2pd(st, 0, 1)));
        c.add(xmm(fam, "cvtpd2ps", d, st -> SseConvert.cvtpd2ps(st, 0, 1)));
        c.add(xmm(fam, "cvtps2dq", s, st -> SseConvert.cvtps2dq(st, 0, 1)));
        c.add(xmm(fam, "cvttps2dq", s, st -> SseConvert.cvttps2dq(st, 0, 1)));
        c.add(xmm(fam, "cvtpd2dq", d, st -> SseConvert.cvtpd2dq(st, 0, 1)));
        c.add(xmm(fam, "cvttpd2dq", d, st -> SseConvert.cvttpd2dq(st, 0, 1)));
        c.add(new Case(fam, "cvtdq2ps", "cvtdq2ps %[b], %[a]", i, Result.XMM, st -> SseConvert.cvtdq2ps(st, 0, 1), FP_ITERATIONS));
        c.add(new Case(fam, "cvtdq2pd", "cvtdq2pd %[b], %[a]", i, Result.XMM,
                st -> { SseConvert.cvtdq2pd(st, 0, 1); return 0; }, INT_ITERATIONS));
        c.add(new Case(fam, "cvtsi2ss32", "cvtsi2ssl %k[g], %[a]", i, Result.XMM,
                st -> SseConvert.cvtsi2ss32(st, 0, (int) st.lo(1)), FP_ITERATIONS));
        c.add(new Case(fam, "cvtsi2ss64", "cvtsi2ssq %[g], %[a]", i, Result.XMM,
                st -> SseConvert.cvtsi2ss64(st, 0, st.lo(1)), FP_ITERATIONS));
        c.add(new Case(fam, "cvtsi2sd32", "cvtsi2sdl %k[g], %[a]", i, Result.XMM,
                st -> SseConvert.cvtsi2sd32(st, 0, (int) st.lo(1)), INT_ITERATIONS));
        c.add(new Case(fam, "cvtsi2sd64", "cvtsi2sdq %[g], %[a]", i, Result.XMM,
                st -> SseConvert.cvtsi2sd64(st, 0, st.lo(1)), FP_ITERATIONS));
        c.add(gpr(fam, "cvtss2si32", "cvtss2si %[b], %k[r]", s, st -> SseConvert.cvtss2si32(st, 1)));
        c.add(gpr(fam, "cvtss2si64", "cvtss2si %[b], %[r]", s, st -> SseConvert.cvtss2si64(st, 1)));
        c.add(gpr(fam, "cvttss2si32", "cvttss2si %[b], %k[r]", s, st -> SseConvert.cvttss2si32(st, 1)));
        c.add(gpr(fam, "cvttss2si64", "cvttss2si %[b], %[r]", s, st -> SseConvert.cvttss2si64(st, 1)));
        c.add(gpr(fam, "cvtsd2si32", "cvtsd2si %[b], %k[r]", d, st -> SseConvert.cvtsd2si32(st, 1)));
        c.add(gpr(fam, "cvtsd2si64", "cvtsd2si %[b], %[r]", d, st -> SseConvert.cvtsd2si64(st, 1)));
        c.add(gpr(fam, "cvttsd2si32", "cvttsd2si %[b], %k[r]", d, st -> SseConvert.cvttsd2si32(st, 1)));
        c.add(gpr(fam, "cvttsd2si64", "cvttsd2si %[b], %[r]", d, st -> SseConvert.cvttsd2si64(st, 1)));
    }

    /** A void op over (dst = xmm0, src = xmm1). */
    interface VoidOp { void run(SseState s, int dst, int src); }

    private static Case intOp(String family, String name, VoidOp op) {
        return xmm(family, name, Inputs.Kind.INT, st -> { op.run(st, 0, 1); return 0; });
    }

    /** A void op with an imm8 over (dst, src, imm8) or (dst, imm8). */
    interface ImmOp { void run(SseState s, int imm8); }

    private static Case immOp(String family, String name, String asm, Inputs.Kind k, int iterations, ImmOp op, int imm) {
        return new Case(family, name + "/" + imm, asm.replace("IMM", Integer.toString(imm)), k, Result.XMM,
                st -> { op.run(st, imm); return 0; }, iterations);
    }

    private static void integer(List<Case> c) {
        String fam = "integer arithmetic";
        c.add(intOp(fam, "pand", SseInt::pand));
        c.add(intOp(fam, "pandn", SseInt::pandn));
        c.add(intOp(fam, "por", SseInt::por));
        c.add(intOp(fam, "pxor", SseInt::pxor));
        c.add(intOp(fam, "paddb", SseInt::paddb));
        c.add(intOp(fam, "paddw", SseInt::paddw));
        c.add(intOp(fam, "paddd", SseInt::paddd));
        c.add(intOp(fam, "paddq", SseInt::paddq));
        c.add(intOp(fam, "psubb", SseInt::psubb));
        c.add(intOp(fam, "psubw", SseInt::psubw));
        c.add(intOp(fam, "psubd", SseInt::psubd));
        c.add(intOp(fam, "psubq", SseInt::psubq));
        c.add(intOp(fam, "paddusb", SseInt::paddusb));
        c.add(intOp(fam, "paddusw", SseInt::paddusw));
        c.add(intOp(fam, "psubusb", SseInt::psubusb));
        c.add(intOp(fam, "psubusw", SseInt::psubusw));
        c.add(intOp(fam, "paddsb", SseInt::paddsb));
        c.add(intOp(fam, "paddsw", SseInt::paddsw));
        c.add(intOp(fam, "psubsb", SseInt::psubsb));
        c.add(intOp(fam, "psubsw", SseInt::psubsw));
        c.add(intOp(fam, "pcmpeqb", SseInt::pcmpeqb));
        c.add(intOp(fam, "pcmpeqw", SseInt::pcmpeqw));
        c.add(intOp(fam, "pcmpeqd", SseInt::pcmpeqd));
        c.add(intOp(fam, "pcmpgtb", SseInt::pcmpgtb));
        c.add(intOp(fam, "pcmpgtw", SseInt::pcmpgtw));
        c.add(intOp(fam, "pcmpgtd", SseInt::pcmpgtd));
        c.add(intOp(fam, "pminub", SseInt::pminub));
        c.add(intOp(fam, "pmaxub", SseInt::pmaxub));
        c.add(intOp(fam, "pminsw", SseInt::pminsw));
        c.add(intOp(fam, "pmaxsw", SseInt::pmaxsw));
        c.add(intOp(fam, "pavgb", SseInt::pavgb));
        c.add(intOp(fam, "pavgw", SseInt::pavgw));
        c.add(intOp(fam, "psadbw", SseInt::psadbw));
        c.add(intOp(fam, "pmullw", SseInt::pmullw));
        c.add(intOp(fam, "pmulhw", SseInt::pmulhw));
        c.add(intOp(fam, "pmulhuw", SseInt::pmulhuw));
        c.add(intOp(fam, "pmuludq", SseInt::pmuludq));
        c.add(intOp(fam, "pmaddwd", SseInt::pmaddwd));
        fam = "integer shifts";
        Inputs.Kind sh = Inputs.Kind.SHIFT;
        c.add(xmm(fam, "psllw", sh, st -> { SseInt.psllw(st, 0, 1); return 0; }));
        c.add(xmm(fam, "pslld", sh, st -> { SseInt.pslld(st, 0, 1); return 0; }));
        c.add(xmm(fam, "psllq", sh, st -> { SseInt.psllq(st, 0, 1); return 0; }));
        c.add(xmm(fam, "psrlw", sh, st -> { SseInt.psrlw(st, 0, 1); return 0; }));
        c.add(xmm(fam, "psrld", sh, st -> { SseInt.psrld(st, 0, 1); return 0; }));
        c.add(xmm(fam, "psrlq", sh, st -> { SseInt.psrlq(st, 0, 1); return 0; }));
        c.add(xmm(fam, "psraw", sh, st -> { SseInt.psraw(st, 0, 1); return 0; }));
        c.add(xmm(fam, "psrad", sh, st -> { SseInt.psrad(st, 0, 1); return 0; }));
        Inputs.Kind i = Inputs.Kind.INT;
        for (int imm : new int[] {0, 1, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255}) {
            c.add(immOp(fam, "psllw", "psllw $IMM, %[a]", i, 20, (st, n) -> SseInt.psllwImm(st, 0, n), imm));
            c.add(immOp(fam, "pslld", "pslld $IMM, %[a]", i, 20, (st, n) -> SseInt.pslldImm(st, 0, n), imm));
            c.add(immOp(fam, "psllq", "psllq $IMM, %[a]", i, 20, (st, n) -> SseInt.psllqImm(st, 0, n), imm));
            c.add(immOp(fam, "psrlw", "psrlw $IMM, %[a]", i, 20, (st, n) -> SseInt.psrlwImm(st, 0, n), imm));
            c.add(immOp(fam, "psrld", "psrld $IMM, %[a]", i, 20, (st, n) -> SseInt.psrldImm(st, 0, n), imm));
            c.add(immOp(fam, "psrlq", "psrlq $IMM, %[a]", i, 20, (st, n) -> SseInt.psrlqImm(st, 0, n), imm));
            c.add(immOp(fam, "psraw", "psraw $IMM, %[a]", i, 20, (st, n) -> SseInt.psrawImm(st, 0, n), imm));
            c.add(immOp(fam, "psrad", "psrad $IMM, %[a]", i, 20, (st, n) -> SseInt.psradImm(st, 0, n), imm));
        }
        for (int imm : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 100, 255}) {
            c.add(immOp(fam, "pslldq", "pslldq $IMM, %[a]", i, 20, (st, n) -> SseInt.pslldq(st, 0, n), imm));
            c.add(immOp(fam, "psrldq", "psrldq $IMM, %[a]", i, 20, (st, n) -> SseInt.psrldq(st, 0, n), imm));
        }
    }

    private static void shuffles(List<Case> c) {
        String fam = "moves and shuffles";
        Inputs.Kind i = Inputs.Kind.INT;
        c.add(xmm(fam, "movss", i, st -> { SseShuffle.movssMerge(st, 0, 1); return 0; }));
        c.add(xmm(fam, "movsd", i, st -> { SseShuffle.movsdMerge(st, 0, 1); return 0; }));
        c.add(xmm(fam, "movq", i, st -> { SseShuffle.movsdLoad(st, 0, 1); return 0; }));
        c.add(xmm(fam, "movhlps", i, st -> { SseShuffle.movhlps(st, 0, 1); return 0; }));
        c.add(xmm(fam, "movlhps", i, st -> { SseShuffle.movlhps(st, 0, 1); return 0; }));
        c.add(intOp(fam, "punpcklbw", SseShuffle::punpcklbw));
        c.add(intOp(fam, "punpcklwd", SseShuffle::punpcklwd));
        c.add(intOp(fam, "punpckldq", SseShuffle::punpckldq));
        c.add(intOp(fam, "punpcklqdq", SseShuffle::punpcklqdq));
        c.add(intOp(fam, "punpckhbw", SseShuffle::punpckhbw));
        c.add(intOp(fam, "punpckhwd", SseShuffle::punpckhwd));
        c.add(intOp(fam, "punpckhdq", SseShuffle::punpckhdq));
        c.add(intOp(fam, "punpckhqdq", SseShuffle::punpckhqdq));
        c.add(intOp(fam, "unpcklps", SseShuffle::unpcklps));
        c.add(intOp(fam, "unpckhpd", SseShuffle::unpckhpd));
        c.add(intOp(fam, "packsswb", SseShuffle::packsswb));
        c.add(intOp(fam, "packssdw", SseShuffle::packssdw));
        c.add(intOp(fam, "packuswb", SseShuffle::packuswb));
        for (int imm = 0; imm < 256; imm++) {
            c.add(immOp(fam, "pshufd", "pshufd $IMM, %[b], %[a]", i, 3, (st, n) -> SseShuffle.pshufd(st, 0, 1, n), imm));
            c.add(immOp(fam, "pshuflw", "pshuflw $IMM, %[b], %[a]", i, 3, (st, n) -> SseShuffle.pshuflw(st, 0, 1, n), imm));
            c.add(immOp(fam, "pshufhw", "pshufhw $IMM, %[b], %[a]", i, 3, (st, n) -> SseShuffle.pshufhw(st, 0, 1, n), imm));
            c.add(immOp(fam, "shufps", "shufps $IMM, %[b], %[a]", i, 3, (st, n) -> SseShuffle.shufps(st, 0, 1, n), imm));
        }
        for (int imm = 0; imm < 4; imm++) {
            c.add(immOp(fam, "shufpd", "shufpd $IMM, %[b], %[a]", i, 20, (st, n) -> SseShuffle.shufpd(st, 0, 1, n), imm));
        }
        for (int imm = 0; imm < 8; imm++) {
            final int k = imm;
            c.add(new Case(fam, "pextrw/" + k, "pextrw $" + k + ", %[b], %k[r]", i, Result.GPR,
                    st -> SseShuffle.pextrw(st, 1, k), 20));
            c.add(new Case(fam, "pinsrw/" + k, "pinsrw $" + k + ", %k[g], %[a]", i, Result.XMM,
                    st -> { SseShuffle.pinsrw(st, 0, (int) st.lo(1), k); return 0; }, 20));
        }
        c.add(new Case(fam, "movmskps", "movmskps %[b], %k[r]", Inputs.Kind.F32, Result.GPR,
                st -> SseShuffle.movmskps(st, 1), INT_ITERATIONS));
        c.add(new Case(fam, "movmskpd", "movmskpd %[b], %k[r]", Inputs.Kind.F64, Result.GPR,
                st -> SseShuffle.movmskpd(st, 1), INT_ITERATIONS));
        c.add(new Case(fam, "pmovmskb", "pmovmskb %[b], %k[r]", i, Result.GPR,
                st -> SseShuffle.pmovmskb(st, 1), INT_ITERATIONS));
    }

    private static Case gpr(String family, String name, String asm, Inputs.Kind k, JavaOp op) {
        return new Case(family, name, asm, k, Result.GPR, op, FP_ITERATIONS);
    }
}
