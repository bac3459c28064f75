package org.jtcg.x86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VEX (AVX/AVX2) rows against GNU as + objdump: every form is assembled in its 128- and 256-bit
 * variants with low and high registers and a memory operand, then length and Intel text must match.
 * Also the #UD rules of the VEX prefix. The objdump part is skipped when binutils are absent.
 */
class VexObjdumpCrossCheckTest {

    /** "op dst, src1, src2" over xmm and ymm (AVX and the AVX2 integer forms). */
    static final String[] PACKED3 = {
        "addps", "addpd", "subps", "subpd", "mulps", "mulpd", "divps", "divpd", "minps", "minpd", "maxps", "maxpd",
        "andps", "andpd", "andnps", "andnpd", "orps", "orpd", "xorps", "xorpd", "unpcklps", "unpcklpd", "unpckhps",
        "unpckhpd", "addsubps", "addsubpd", "haddps", "haddpd", "hsubps", "hsubpd",
        "punpcklbw", "punpcklwd", "punpckldq", "packsswb", "pcmpgtb", "pcmpgtw", "pcmpgtd", "packuswb", "punpckhbw",
        "punpckhwd", "punpckhdq", "packssdw", "punpcklqdq", "punpckhqdq", "pcmpeqb", "pcmpeqw", "pcmpeqd", "paddq",
        "pmullw", "psubusb", "psubusw", "pminub", "pand", "paddusb", "paddusw", "pmaxub", "pandn", "pavgb", "pavgw",
        "pmulhuw", "pmulhw", "psubsb", "psubsw", "pminsw", "por", "paddsb", "paddsw", "pmaxsw", "pxor", "pmuludq",
        "pmaddwd", "psadbw", "psubb", "psubw", "psubd", "psubq", "paddb", "paddw", "paddd", "pshufb", "pcmpeqq",
        "pcmpgtq", "pminsb", "pminsd", "pminuw", "pminud", "pmaxsb", "pmaxsd", "pmaxuw", "pmaxud", "pmulld", "phaddw",
        "phaddd", "phaddsw", "pmaddubsw", "phsubw", "phsubd", "phsubsw", "psignb", "psignw", "psignd", "pmulhrsw",
        "pmuldq", "packusdw", "permilps", "permilpd", "psllvd", "psllvq", "psrlvd", "psrlvq", "psravd",
    };
    static final String[] PACKED3_IMM = {"shufps", "shufpd", "blendps", "blendpd", "dpps", "palignr", "pblendw", "mpsadbw", "pblendd"};
    static final String[] SCALAR3 = {"addss", "addsd", "subss", "subsd", "mulss", "mulsd", "divss", "divsd", "minss", "minsd",
        "maxss", "maxsd", "sqrtss", "sqrtsd", "rsqrtss", "rcpss", "cvtss2sd", "cvtsd2ss"};
    static final String[] PACKED2 = {"sqrtps", "sqrtpd", "rsqrtps", "rcpps", "cvtdq2ps", "cvtps2dq", "cvttps2dq",
        "pabsb", "pabsw", "pabsd", "movshdup", "movsldup", "ptest", "movaps", "movapd", "movups", "movupd", "movdqa",
        "movdqu", "testps", "testpd"};

    static List<String> instructions() {
        List<String> l = new ArrayList<>();
        for (String op : PACKED3) {
            l.add("v" + op + " xmm1, xmm2, xmm3");
            l.add("v" + op + " ymm9, ymm14, ymm0");
            l.add("v" + op + " xmm8, xmm0, xmmword ptr [rax+0x10]");
            l.add("v" + op + " ymm2, ymm15, ymmword ptr [r12+rcx*4]");
        }
        for (String op : PACKED3_IMM) {
            l.add("v" + op + " xmm1, xmm2, xmm13, 0x5");
            l.add("v" + op + " ymm1, ymm2, ymmword ptr [rip+0x40], 0x81");
        }
        l.add("vdppd xmm1, xmm2, xmm3, 0x31");
        for (String op : SCALAR3) {
            l.add("v" + op + " xmm1, xmm12, xmm3");
            String sz = op.startsWith("cvt") ? (op.startsWith("cvtss") ? "dword" : "qword") : op.endsWith("ss") ? "dword" : "qword";
            l.add("v" + op + " xmm10, xmm2, " + sz + " ptr [rbx]");
        }
        for (String op : PACKED2) {
            l.add("v" + op + " xmm1, xmm12");
            l.add("v" + op + " ymm11, ymmword ptr [rdx+0x8]");
        }
        for (String op : new String[] {"movaps", "movapd", "movups", "movupd", "movdqa", "movdqu"}) {
            l.add("v" + op + " xmmword ptr [rdi], xmm9");
            l.add("v" + op + " ymmword ptr [rdi+0x20], ymm3");
        }
        for (String op : new String[] {"psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"}) {
            l.add("v" + op + " xmm1, xmm2, xmm3");
            l.add("v" + op + " ymm1, ymm2, xmm3");
            l.add("v" + op + " ymm1, ymm2, xmmword ptr [rax]");
            l.add("v" + op + " ymm10, ymm2, 0x3");
            l.add("v" + op + " xmm1, xmm12, 0x7");
        }
        l.addAll(List.of(
            "vpslldq ymm1, ymm2, 0x3", "vpsrldq xmm1, xmm9, 0x5", "vcmpps xmm1, xmm2, xmm3, 0x1f",
            "vcmppd ymm1, ymm2, ymm3, 0x15", "vcmpss xmm1, xmm2, xmm3, 0x12", "vcmpsd xmm1, xmm2, qword ptr [rax], 0x0",
            "vcmpps ymm0, ymm1, ymm2, 0x20",
            "vpshufd ymm1, ymm2, 0x1b", "vpshufhw xmm1, xmmword ptr [rax], 0x1b", "vpshuflw ymm1, ymm2, 0x1b",
            "vroundps ymm1, ymm2, 0x4", "vroundpd xmm1, xmm2, 0x1", "vroundss xmm1, xmm2, xmm3, 0x2",
            "vroundsd xmm1, xmm2, qword ptr [rax], 0x3", "vinsertps xmm1, xmm2, xmm3, 0x4d",
            "vcvtsi2ss xmm1, xmm2, eax", "vcvtsi2sd xmm1, xmm2, r9", "vcvtsi2sd xmm1, xmm2, dword ptr [rax]",
            "vpinsrw xmm1, xmm2, eax, 0x3", "vpinsrb xmm1, xmm2, byte ptr [rax], 0x3", "vpinsrd xmm1, xmm2, ebx, 0x3",
            "vpinsrq xmm1, xmm2, r11, 0x1", "vlddqu ymm1, [rax]", "vlddqu xmm1, [rax]", "vmovntdqa ymm1, [rax]",
            "vmovntps [rax], ymm3", "vmovntpd [rax], xmm3", "vmovntdq [rax], ymm4", "vphminposuw xmm1, xmm2",
            "vmovddup xmm1, qword ptr [rax]", "vmovddup ymm1, ymm2", "vpcmpistri xmm1, xmm2, 0x1a",
            "vpcmpestrm xmm1, xmmword ptr [rax], 0x3",
            "vcvtps2pd ymm1, xmm2", "vcvtps2pd xmm1, qword ptr [rax]", "vcvtdq2pd ymm1, xmmword ptr [rax]",
            "vcvtpd2ps xmm1, ymm2", "vcvtpd2ps xmm1, xmm2", "vcvtpd2dq xmm1, ymm3", "vcvttpd2dq xmm1, xmm3",
            "vpmovsxbw ymm1, xmm2", "vpmovzxbd ymm1, qword ptr [rax]", "vpmovsxbq xmm1, word ptr [rax]",
            "vpmovzxdq ymm1, xmmword ptr [rax]", "vpmovzxwq ymm3, xmm4",
            "vmovss xmm1, dword ptr [rax]", "vmovss xmm1, xmm2, xmm3", "vmovsd xmm1, qword ptr [rax]",
            "vmovsd xmm1, xmm2, xmm13", "vmovss dword ptr [rax], xmm1", "vmovsd qword ptr [rax], xmm11",
            "vmovlps xmm1, xmm2, qword ptr [rax]", "vmovhps xmm1, xmm2, qword ptr [rax]", "vmovlpd xmm1, xmm2, qword ptr [rax]",
            "vmovhpd xmm1, xmm2, qword ptr [rax]", "vmovhlps xmm1, xmm2, xmm3", "vmovlhps xmm1, xmm2, xmm3",
            "vmovlps qword ptr [rax], xmm1", "vmovhps qword ptr [rax], xmm1", "vmovlpd qword ptr [rax], xmm1", "vmovhpd qword ptr [rax], xmm1",
            "vmovd xmm1, eax", "vmovq xmm1, rax", "vmovd eax, xmm1", "vmovq rax, xmm1", "vmovq xmm1, xmm2",
            "vmovq xmm1, qword ptr [rax]", "vmovq qword ptr [rax], xmm1", "vmovd xmm1, dword ptr [rax]",
            "vpextrw eax, xmm1, 0x3", "vpextrb byte ptr [rax], xmm1, 0x3", "vpextrd eax, xmm1, 0x3", "vpextrq r8, xmm1, 0x1",
            "vextractps eax, xmm1, 0x2", "vucomiss xmm1, xmm2", "vucomisd xmm1, qword ptr [rax]", "vcomiss xmm1, xmm2",
            "vcomisd xmm9, xmm2", "vcvttss2si eax, xmm1", "vcvttsd2si rax, qword ptr [rax]", "vcvtss2si r9, xmm1",
            "vcvtsd2si eax, xmm1", "vmovmskps eax, ymm1", "vmovmskpd eax, xmm1", "vpmovmskb eax, ymm1",
            "vldmxcsr dword ptr [rax]", "vstmxcsr dword ptr [rsp]",
            "vblendvps xmm1, xmm2, xmm3, xmm4", "vblendvpd ymm1, ymm2, ymmword ptr [rax], ymm14", "vpblendvb ymm1, ymm2, ymm3, ymm4",
            "vzeroupper", "vzeroall", "vbroadcastss xmm1, dword ptr [rax]", "vbroadcastss ymm1, xmm2",
            "vbroadcastsd ymm1, qword ptr [rax]", "vbroadcastsd ymm1, xmm2", "vbroadcastf128 ymm1, xmmword ptr [rax]",
            "vinsertf128 ymm1, ymm2, xmm3, 0x1", "vinsertf128 ymm1, ymm2, xmmword ptr [rax], 0x0",
            "vextractf128 xmm1, ymm2, 0x1", "vextractf128 xmmword ptr [rax], ymm2, 0x1", "vperm2f128 ymm1, ymm2, ymm3, 0x21",
            "vpermilps xmm1, xmm2, 0x1b", "vpermilpd ymm1, ymmword ptr [rax], 0x5",
            "vmaskmovps xmm1, xmm2, xmmword ptr [rax]", "vmaskmovpd ymm1, ymm2, ymmword ptr [rax]",
            "vmaskmovps ymmword ptr [rax], ymm2, ymm1", "vmaskmovpd xmmword ptr [rax], xmm2, xmm1",
            "vpbroadcastb ymm1, xmm2", "vpbroadcastw xmm1, word ptr [rax]", "vpbroadcastd ymm1, dword ptr [rax]",
            "vpbroadcastq ymm1, xmm2", "vbroadcasti128 ymm1, xmmword ptr [rax]", "vinserti128 ymm1, ymm2, xmm3, 0x1",
            "vextracti128 xmm1, ymm2, 0x1", "vperm2i128 ymm1, ymm2, ymm3, 0x31", "vpermd ymm1, ymm2, ymm3",
            "vpermps ymm1, ymm2, ymmword ptr [rax]", "vpermq ymm1, ymm2, 0x1b", "vpermpd ymm1, ymmword ptr [rax], 0x4e",
            "vpmaskmovd xmm1, xmm2, xmmword ptr [rax]", "vpmaskmovq ymm1, ymm2, ymmword ptr [rax]",
            "vpmaskmovd ymmword ptr [rax], ymm2, ymm1", "vpmaskmovq xmmword ptr [rax], xmm2, xmm1",
            "vpgatherdd ymm0, dword ptr [rax+ymm1*4], ymm2", "vpgatherdd xmm0, dword ptr [r12+xmm9*8+0x10], xmm2",
            "vpgatherdq ymm0, qword ptr [rax+xmm1*8], ymm2", "vpgatherqd xmm0, dword ptr [rax+ymm1*4], xmm2",
            "vpgatherqq ymm10, qword ptr [rsp+ymm11*1-0x8], ymm12", "vgatherdps ymm0, dword ptr [rax+ymm4*4], ymm2",
            "vgatherdpd xmm0, qword ptr [rbp+xmm1*2], xmm2", "vgatherqps xmm0, dword ptr [rax+xmm1*4], xmm2",
            "vgatherqpd ymm0, qword ptr [rdx+ymm1*8+0x100], ymm2", "vpgatherdd ymm0, dword ptr [ymm1*4+0x20], ymm2"));
        return l;
    }

    @Test
    void everyVexFormMatchesObjdump(@TempDir Path dir) throws Exception {
        assumeTrue(Binutils.available("as") && Binutils.available("objdump"),
                "GNU as and objdump not found on PATH: objdump cross-check skipped");
        List<String> insns = instructions();
        StringBuilder src = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (String s : insns) {
            src.append(s).append('\n');
        }
        Binutils.write(dir, "vex.s", src.toString());
        Binutils.run(dir, "as", "-o", "vex.o", "vex.s");
        List<Binutils.Line> lines = Binutils.disassemble(dir, "vex.o", ".text");
        long[] text = Binutils.section(dir, "vex.o", ".text");
        byte[] file = Files.readAllBytes(dir.resolve("vex.o"));
        byte[] code = java.util.Arrays.copyOfRange(file, (int) text[2], (int) (text[2] + text[1]));
        assertEquals(insns.size(), lines.size(), "objdump listed a different number of instructions");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Binutils.Line line = lines.get(i);
            int start = (int) line.address();
            int end = i + 1 < lines.size() ? (int) lines.get(i + 1).address() : code.length;
            DecodedInsn d = X86Decoder.decode(code, start, code.length - start, start);
            String want = Binutils.normalise(line.text());
            if (!d.ok()) {
                problems.add(insns.get(i) + ": " + d.describeProblem() + "   objdump: " + want);
            } else if (d.length() != end - start) {
                problems.add(insns.get(i) + ": length " + d.length() + " != " + (end - start) + "   objdump: " + want);
            } else {
                String got = Binutils.normalise(X86Disassembler.format(d));
                if (!got.equals(want)) {
                    problems.add(insns.get(i) + ": text '" + got + "' != objdump '" + want + "'  [" + d.hexBytes() + "]");
                }
            }
        }
        System.out.println("VEX objdump cross-check: " + insns.size() + " instructions, " + problems.size() + " problems");
        assertTrue(problems.isEmpty(), problems.size() + " mismatches:\n" + String.join("\n", problems));
    }

    private static DecodedInsn decode(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return X86Decoder.decode(b, 0x1000);
    }

    @Test
    void vexFieldsAreDecoded() {
        // c4 41 34 58 c2 = vaddps ymm8, ymm9, ymm10 (R, B extended; vvvv = 9; L = 1)
        DecodedInsn d = decode(0xc4, 0x41, 0x34, 0x58, 0xc2);
        assertTrue(d.ok(), d.toString());
        assertTrue(d.isVex());
        assertEquals(1, d.vexL());
        assertEquals(9, d.vexReg());
        assertEquals("vaddps ymm8, ymm9, ymm10", X86Disassembler.format(d));
        // c5 f0 58 c2 = vaddps xmm0, xmm1, xmm2
        assertEquals("vaddps xmm0, xmm1, xmm2", X86Disassembler.format(decode(0xc5, 0xf0, 0x58, 0xc2)));
    }

    @Test
    void vexUndefinedEncodingsAreRefused() {
        // 66/F2/F3/LOCK or REX before VEX: #UD
        assertFalse(decode(0x66, 0xc5, 0xf0, 0x58, 0xc2).ok());
        assertFalse(decode(0xf3, 0xc5, 0xf0, 0x58, 0xc2).ok());
        assertFalse(decode(0xf2, 0xc5, 0xf0, 0x58, 0xc2).ok());
        assertFalse(decode(0xf0, 0xc5, 0xf0, 0x58, 0xc2).ok());
        assertFalse(decode(0x40, 0xc5, 0xf0, 0x58, 0xc2).ok());
        // a segment override or 67 before VEX is fine
        assertTrue(decode(0x64, 0xc5, 0xf0, 0x58, 0x00).ok());
        // vvvv must be 1111 when unused: vsqrtps xmm0, xmm2 with vvvv = 1 is #UD
        assertTrue(decode(0xc5, 0xf8, 0x51, 0xc2).ok());
        assertFalse(decode(0xc5, 0xf0, 0x51, 0xc2).ok());
        // VEX.L = 1 on a 128-bit-only instruction (vmovd) is #UD
        assertTrue(decode(0xc5, 0xf9, 0x6e, 0xc0).ok());
        assertFalse(decode(0xc5, 0xfd, 0x6e, 0xc0).ok());
        // gathers: destination, index and mask must differ; register form is undefined
        assertTrue(decode(0xc4, 0xe2, 0x6d, 0x90, 0x04, 0x88).ok());   // vpgatherdd ymm0, [rax+ymm1*4], ymm2
        assertFalse(decode(0xc4, 0xe2, 0x75, 0x90, 0x04, 0x88).ok());  // mask = index (ymm1)
        assertFalse(decode(0xc4, 0xe2, 0x7d, 0x90, 0x04, 0x80).ok());  // destination = index = mask 0
        assertFalse(decode(0xc4, 0xe2, 0x6d, 0x90, 0xc1).ok());        // no memory operand
        // map 4 (mmmmm = 4) is undefined
        assertFalse(decode(0xc4, 0xe4, 0x78, 0x58, 0xc2).ok());
        // a legacy SSE opcode without VEX is still its legacy form
        assertEquals("addps xmm0, xmm2", X86Disassembler.format(decode(0x0f, 0x58, 0xc2)));
    }
}
