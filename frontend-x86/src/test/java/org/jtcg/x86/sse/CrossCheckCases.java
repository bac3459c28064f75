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

    private static final int FP_ITERATIONS = 1500;
    private static final int INT_ITERATIONS = 250;

    static List<Case> all() {
        List<Case> c = new ArrayList<>();
        floatingPoint(c);
        conversions(c);
        return c;
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

    private static Case gpr(String family, String name, String asm, Inputs.Kind k, JavaOp op) {
        return new Case(family, name, asm, k, Result.GPR, op, FP_ITERATIONS);
    }
}
