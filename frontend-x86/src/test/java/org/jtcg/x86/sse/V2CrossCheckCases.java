package org.jtcg.x86.sse;

import org.jtcg.core.ir.VectorSemantics;

import java.util.List;
import java.util.function.LongBinaryOperator;

/**
 * The x86-64-v2 instruction variants of the native cross-check (SSE3, SSSE3, SSE4.1, SSE4.2):
 * every form with the immediates that matter (all of them where the imm8 is a selector), families
 * named by extension so the test reports the coverage of each. The Java side finds the GPR input
 * "g" in xmm{@link #G}'s low half and the blendv mask {g, ~g} in the whole of it.
 */
final class V2CrossCheckCases {
    private V2CrossCheckCases() {}

    /** Register holding {g, ~g} on the Java side. */
    static final int G = 15;

    private static final Inputs.Kind I = Inputs.Kind.INT, S = Inputs.Kind.F32, D = Inputs.Kind.F64, T = Inputs.Kind.TEXT;
    private static final int FP = 3000, INT = 250;

    static void add(List<CrossCheckCases.Case> c) {
        sse3(c);
        ssse3(c);
        sse41(c);
        sse42(c);
    }

    private static CrossCheckCases.Case xmm(String fam, String name, String asm, Inputs.Kind k, int n, CrossCheckCases.JavaOp op) {
        return new CrossCheckCases.Case(fam, name, asm, k, CrossCheckCases.Result.XMM, op, n);
    }

    private static CrossCheckCases.Case gpr(String fam, String name, String asm, Inputs.Kind k, int n, CrossCheckCases.JavaOp op) {
        return new CrossCheckCases.Case(fam, name, asm, k, CrossCheckCases.Result.GPR, op, n);
    }

    private static CrossCheckCases.Case flags(String fam, String name, String asm, Inputs.Kind k, int n, CrossCheckCases.JavaOp op) {
        return new CrossCheckCases.Case(fam, name, asm + "\npushfq\npopq %[r]", k, CrossCheckCases.Result.FLAGS, op, n);
    }

    /** "name %[b], %[a]" over (dst 0, src 1). */
    private static CrossCheckCases.Case binary(String fam, String name, Inputs.Kind k, int n, CrossCheckCases.VoidOp op) {
        return xmm(fam, name, name + " %[b], %[a]", k, n, s -> { op.run(s, 0, 1); return 0; });
    }

    interface IntOp { int run(SseState s, int dst, int src); }

    private static CrossCheckCases.Case fp(String fam, String name, Inputs.Kind k, IntOp op) {
        return xmm(fam, name, name + " %[b], %[a]", k, FP, s -> op.run(s, 0, 1));
    }

    interface ImmVoidOp { void run(SseState s, int dst, int src, int imm8); }

    private static CrossCheckCases.Case imm(String fam, String name, int imm, Inputs.Kind k, int n, ImmVoidOp op) {
        return xmm(fam, name + "/" + imm, name + " $" + imm + ", %[b], %[a]", k, n, s -> { op.run(s, 0, 1, imm); return 0; });
    }

    private static void sse3(List<CrossCheckCases.Case> c) {
        String f = "sse3";
        c.add(fp(f, "addsubps", S, Sse3Float::addsubps));
        c.add(fp(f, "addsubpd", D, Sse3Float::addsubpd));
        c.add(fp(f, "haddps", S, Sse3Float::haddps));
        c.add(fp(f, "haddpd", D, Sse3Float::haddpd));
        c.add(fp(f, "hsubps", S, Sse3Float::hsubps));
        c.add(fp(f, "hsubpd", D, Sse3Float::hsubpd));
        c.add(binary(f, "movddup", I, INT, SseShuffle::movddup));
        c.add(binary(f, "movsldup", I, INT, SseShuffle::movsldup));
        c.add(binary(f, "movshdup", I, INT, SseShuffle::movshdup));
    }

    private static void ssse3(List<CrossCheckCases.Case> c) {
        String f = "ssse3";
        c.add(binary(f, "pshufb", I, 4 * INT, Ssse3::pshufb));
        c.add(binary(f, "phaddw", I, INT, Ssse3::phaddw));
        c.add(binary(f, "phaddd", I, INT, Ssse3::phaddd));
        c.add(binary(f, "phaddsw", I, INT, Ssse3::phaddsw));
        c.add(binary(f, "phsubw", I, INT, Ssse3::phsubw));
        c.add(binary(f, "phsubd", I, INT, Ssse3::phsubd));
        c.add(binary(f, "phsubsw", I, INT, Ssse3::phsubsw));
        c.add(binary(f, "pmaddubsw", I, INT, Ssse3::pmaddubsw));
        c.add(binary(f, "pmulhrsw", I, INT, Ssse3::pmulhrsw));
        c.add(binary(f, "psignb", I, INT, Ssse3::psignb));
        c.add(binary(f, "psignw", I, INT, Ssse3::psignw));
        c.add(binary(f, "psignd", I, INT, Ssse3::psignd));
        c.add(binary(f, "pabsb", I, INT, Ssse3::pabsb));
        c.add(binary(f, "pabsw", I, INT, Ssse3::pabsw));
        c.add(binary(f, "pabsd", I, INT, Ssse3::pabsd));
        for (int k : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 24, 30, 31, 32, 33, 100, 255}) {
            c.add(imm(f, "palignr", k, I, 20, Ssse3::palignr));
        }
    }

    /** A lane op the translator emits as an IR vector op, checked through the IR's semantics. */
    private static CrossCheckCases.Case vector(String fam, String name, LongBinaryOperator word) {
        return xmm(fam, name, name + " %[b], %[a]", I, INT, s -> {
            s.set(0, word.applyAsLong(s.lo(0), s.lo(1)), word.applyAsLong(s.hi(0), s.hi(1)));
            return 0;
        });
    }

    /** blendv with the mask {g, ~g} in xmm0 (the Java side moves dst out of xmm0 first). */
    private static CrossCheckCases.Case blendv(String fam, String name, CrossCheckCases.VoidOp op) {
        return xmm(fam, name, "movdqa %[m], %%xmm0\n" + name + " %%xmm0, %[b], %[a]", I, INT, s -> {
            s.set(2, s.lo(0), s.hi(0));
            s.set(0, s.lo(G), s.hi(G));
            op.run(s, 2, 1);
            s.set(0, s.lo(2), s.hi(2));
            return 0;
        });
    }

    private static void sse41(List<CrossCheckCases.Case> c) {
        String f = "sse4.1";
        for (String[] p : new String[][] {{"pminsb", "mins", "8"}, {"pminsd", "mins", "32"}, {"pminuw", "minu", "16"},
                {"pminud", "minu", "32"}, {"pmaxsb", "maxs", "8"}, {"pmaxsd", "maxs", "32"}, {"pmaxuw", "maxu", "16"},
                {"pmaxud", "maxu", "32"}, {"pcmpeqq", "cmpeq", "64"}}) {
            int bits = Integer.parseInt(p[2]);
            LongBinaryOperator w = switch (p[1]) {
                case "mins" -> (a, b) -> VectorSemantics.mins(a, b, bits);
                case "minu" -> (a, b) -> VectorSemantics.minu(a, b, bits);
                case "maxs" -> (a, b) -> VectorSemantics.maxs(a, b, bits);
                case "maxu" -> (a, b) -> VectorSemantics.maxu(a, b, bits);
                default -> (a, b) -> VectorSemantics.cmpeq(a, b, bits);
            };
            c.add(vector(f, p[0], w));
        }
        c.add(binary(f, "pmuldq", I, INT, Sse41Int::pmuldq));
        c.add(binary(f, "pmulld", I, INT, Sse41Int::pmulld));
        c.add(binary(f, "packusdw", I, INT, Sse41Int::packusdw));
        c.add(binary(f, "phminposuw", I, INT, Sse41Int::phminposuw));
        for (String w : new String[] {"bw", "bd", "bq", "wd", "wq", "dq"}) {
            c.add(binary(f, "pmovsx" + w, I, INT, SIGN.get(w)));
            c.add(binary(f, "pmovzx" + w, I, INT, ZERO.get(w)));
        }
        c.add(blendv(f, "blendvps", Sse41Int::blendvps));
        c.add(blendv(f, "blendvpd", Sse41Int::blendvpd));
        c.add(blendv(f, "pblendvb", Sse41Int::pblendvb));
        c.add(flags(f, "ptest", "ptest %[b], %[a]", I, 4 * INT, s -> Sse41Int.ptest(s, 0, 1)));
        for (int k = 0; k < 16; k++) c.add(imm(f, "blendps", k, I, 10, Sse41Int::blendps));
        for (int k = 0; k < 4; k++) c.add(imm(f, "blendpd", k, I, 10, Sse41Int::blendpd));
        for (int k = 0; k < 256; k += 7) c.add(imm(f, "pblendw", k, I, 10, Sse41Int::pblendw));
        for (int k = 0; k < 8; k++) c.add(imm(f, "mpsadbw", k, I, 40, Sse41Int::mpsadbw));
        for (int k = 0; k < 256; k++) c.add(imm(f, "insertps", k, I, 4, Sse41Int::insertps));
        for (int k = 0; k < 16; k++) {
            int imm = k;
            c.add(gpr(f, "pextrb/" + k, "pextrb $" + k + ", %[b], %k[r]", I, 10, s -> Sse41Int.pextrb(s, 1, imm)));
            c.add(xmm(f, "pinsrb/" + k, "pinsrb $" + k + ", %k[g], %[a]", I, 10,
                    s -> { Sse41Int.pinsrb(s, 0, s.lo(G), imm); return 0; }));
        }
        for (int k = 0; k < 4; k++) {
            int imm = k;
            c.add(gpr(f, "pextrd/" + k, "pextrd $" + k + ", %[b], %k[r]", I, 10, s -> Sse41Int.pextrd(s, 1, imm)));
            c.add(gpr(f, "extractps/" + k, "extractps $" + k + ", %[b], %k[r]", I, 10, s -> Sse41Int.pextrd(s, 1, imm)));
            c.add(xmm(f, "pinsrd/" + k, "pinsrd $" + k + ", %k[g], %[a]", I, 10,
                    s -> { Sse41Int.pinsrd(s, 0, s.lo(G), imm); return 0; }));
        }
        for (int k = 0; k < 2; k++) {
            int imm = k;
            c.add(gpr(f, "pextrq/" + k, "pextrq $" + k + ", %[b], %[r]", I, 10, s -> Sse41Int.pextrq(s, 1, imm)));
            c.add(xmm(f, "pinsrq/" + k, "pinsrq $" + k + ", %[g], %[a]", I, 10,
                    s -> { Sse41Int.pinsrq(s, 0, s.lo(G), imm); return 0; }));
        }
        for (int k = 0; k < 16; k++) {
            int imm = k;
            c.add(xmm(f, "roundps/" + k, "roundps $" + k + ", %[b], %[a]", S, FP / 8, s -> Sse41Float.roundps(s, 0, 1, imm)));
            c.add(xmm(f, "roundss/" + k, "roundss $" + k + ", %[b], %[a]", S, FP / 8, s -> Sse41Float.roundss(s, 0, 1, imm)));
            c.add(xmm(f, "roundpd/" + k, "roundpd $" + k + ", %[b], %[a]", D, FP / 8, s -> Sse41Float.roundpd(s, 0, 1, imm)));
            c.add(xmm(f, "roundsd/" + k, "roundsd $" + k + ", %[b], %[a]", D, FP / 8, s -> Sse41Float.roundsd(s, 0, 1, imm)));
        }
        for (int k = 0; k < 256; k++) {
            int imm = k;
            c.add(xmm(f, "dpps/" + k, "dpps $" + k + ", %[b], %[a]", S, 30, s -> Sse41Float.dpps(s, 0, 1, imm)));
            if ((k & 0xcc) == 0) {
                c.add(xmm(f, "dppd/" + k, "dppd $" + k + ", %[b], %[a]", D, 200, s -> Sse41Float.dppd(s, 0, 1, imm)));
            }
        }
    }

    private static final java.util.Map<String, CrossCheckCases.VoidOp> SIGN = java.util.Map.of(
            "bw", Sse41Int::pmovsxbw, "bd", Sse41Int::pmovsxbd, "bq", Sse41Int::pmovsxbq,
            "wd", Sse41Int::pmovsxwd, "wq", Sse41Int::pmovsxwq, "dq", Sse41Int::pmovsxdq);
    private static final java.util.Map<String, CrossCheckCases.VoidOp> ZERO = java.util.Map.of(
            "bw", Sse41Int::pmovzxbw, "bd", Sse41Int::pmovzxbd, "bq", Sse41Int::pmovzxbq,
            "wd", Sse41Int::pmovzxwd, "wq", Sse41Int::pmovzxwq, "dq", Sse41Int::pmovzxdq);

    private static void sse42(List<CrossCheckCases.Case> c) {
        String f = "sse4.2";
        c.add(vector(f, "pcmpgtq", (a, b) -> VectorSemantics.cmpgts(a, b, 64)));
        String lengths = "mov %[g], %%rax\nmov %[g], %%rdx\nshr $32, %%rdx\n";
        // ecx (rcx preset to all ones: the write zero-extends) | RFLAGS << 32
        String indexAndFlags = "\npushfq\npopq %%rax\nand $0x8d5, %%rax\nshl $32, %%rax\nor %%rax, %%rcx\nmov %%rcx, %[r]";
        for (int k : immediates()) {
            int imm = k;
            c.add(gpr(f, "pcmpistri/" + k, "mov $-1, %%rcx\npcmpistri $" + k + ", %[b], %[a]" + indexAndFlags, T, 30, s -> {
                long r = StringCompare.pcmpistr(s, 0, 1, imm);
                return StringCompare.index(r, imm) | (StringCompare.flags(r) & 0x8d5) << 32;
            }));
            c.add(gpr(f, "pcmpestri/" + k, lengths + "mov $-1, %%rcx\npcmpestri $" + k + ", %[b], %[a]" + indexAndFlags, T, 30, s -> {
                long r = StringCompare.pcmpestr(s, 0, 1, StringCompare.explicitLength(s.lo(G), 32, imm),
                        StringCompare.explicitLength(s.lo(G) >>> 32, 32, imm), imm);
                return StringCompare.index(r, imm) | (StringCompare.flags(r) & 0x8d5) << 32;
            }));
            c.add(xmm(f, "pcmpistrm/" + k, "pcmpistrm $" + k + ", %[b], %[a]\nmovdqa %%xmm0, %[a]", T, 15, s -> {
                StringCompare.mask(s, StringCompare.pcmpistr(s, 0, 1, imm), imm);
                return 0;
            }));
            c.add(xmm(f, "pcmpestrm/" + k, lengths + "pcmpestrm $" + k + ", %[b], %[a]\nmovdqa %%xmm0, %[a]", T, 15, s -> {
                StringCompare.mask(s, StringCompare.pcmpestr(s, 0, 1, StringCompare.explicitLength(s.lo(G), 32, imm),
                        StringCompare.explicitLength(s.lo(G) >>> 32, 32, imm), imm), imm);
                return 0;
            }));
        }
        String[][] crc = {{"crc32b %b[g], %k[r]", "1"}, {"crc32w %w[g], %k[r]", "2"}, {"crc32l %k[g], %k[r]", "4"},
            {"crc32q %[g], %[r]", "8"}, {"crc32b %b[g], %[r]", "1"}};
        for (String[] form : crc) {
            int bytes = Integer.parseInt(form[1]);
            c.add(gpr(f, form[0], "movq %[a], %[r]\n" + form[0], I, 4 * INT, s -> Crc32c.crc32(s.lo(0), s.lo(G), bytes)));
        }
    }

    /** All 128 modes (imm8 bit 7 is ignored) and a few with bit 7 set. */
    private static int[] immediates() {
        int[] k = new int[132];
        for (int i = 0; i < 128; i++) k[i] = i;
        k[128] = 0x80;
        k[129] = 0x8c;
        k[130] = 0xc4;
        k[131] = 0xff;
        return k;
    }
}
