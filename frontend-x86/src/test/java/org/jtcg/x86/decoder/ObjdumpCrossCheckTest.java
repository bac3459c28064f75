package org.jtcg.x86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Assembles a generated list of instructions with GNU as and compares every instruction's length
 * and normalised Intel text with {@code objdump -d -M intel}. Skipped when binutils are absent.
 */
class ObjdumpCrossCheckTest {

    static final String[] MEMS = {
        "[rax]", "[rbp]", "[rsp]", "[r12]", "[r13]", "[rax+0x8]", "[rax-0x80]", "[rbp+0x1000]",
        "[rbx+rcx*4-0x8]", "[r8+r12*8+0x10]", "[rsp+rax*2]", "[r13+rax*1]", "[rip+0x100]",
        "[rcx*2+0x10]", "fs:[rax]", "gs:[r9+0x8]", "[eax]", "[esp+0x4]", "[r10d+r11d*4+0x7f]",
    };
    static final String[][] REGS = {
        {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh", "spl", "bpl", "sil", "dil", "r8b", "r15b"},
        {"ax", "cx", "sp", "r9w"},
        {"eax", "ecx", "ebp", "esi", "r10d", "r14d"},
        {"rax", "rdx", "rsp", "rdi", "r11", "r13"},
    };
    static final String[] PTR = {"byte", "word", "dword", "qword"};

    /** The generated instruction list (Intel syntax, one per line). */
    static List<String> instructions() {
        List<String> l = new ArrayList<>();
        String[] alu = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "mov", "test"};
        for (String op : alu) {
            for (int w = 0; w < 4; w++) {
                String[] r = REGS[w];
                for (int i = 0; i < r.length; i++) {
                    String a = r[i];
                    String b = r[(i + 1) % r.length];
                    if (w == 0 && isHigh(a) != isHigh(b) && (isRex(a) || isRex(b))) {
                        continue;
                    }
                    l.add(op + " " + a + ", " + b);
                }
                l.add(op + " " + r[0] + ", 0x7f");
                l.add(op + " " + r[1] + ", 0x12");
                if (w > 0) {
                    l.add(op + " " + r[1] + ", -0x2");
                    l.add(op + " " + r[2] + ", 0x1234");
                    l.add(op + " " + r[0] + ", 0x1234");
                }
                for (String m : MEMS) {
                    String reg = r[w == 0 ? 1 : 2];
                    l.add(op + " " + PTR[w] + " ptr " + m + ", " + reg);
                    if (!op.equals("test")) {
                        l.add(op + " " + reg + ", " + PTR[w] + " ptr " + m);
                    }
                    l.add(op + " " + PTR[w] + " ptr " + m + ", 0x5");
                }
            }
        }
        for (String op : new String[] {"not", "neg", "mul", "imul", "div", "idiv", "inc", "dec"}) {
            for (int w = 0; w < 4; w++) {
                l.add(op + " " + REGS[w][1]);
                l.add(op + " " + PTR[w] + " ptr [rbx+rsi*8+0x20]");
            }
        }
        for (String op : new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"}) {
            for (int w = 0; w < 4; w++) {
                l.add(op + " " + REGS[w][1] + ", 1");
                l.add(op + " " + REGS[w][1] + ", cl");
                l.add(op + " " + REGS[w][1] + ", 0x5");
                l.add(op + " " + PTR[w] + " ptr [rdi], 0x3");
                l.add(op + " " + PTR[w] + " ptr [rdi], cl");
            }
        }
        for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
            for (int w = 1; w < 4; w++) {
                l.add(op + " " + REGS[w][0] + ", " + REGS[w][1]);
                l.add(op + " " + PTR[w] + " ptr [rax], " + REGS[w][1]);
                l.add(op + " " + REGS[w][0] + ", 0x1f");
            }
        }
        for (String op : new String[] {"bsf", "bsr", "tzcnt", "lzcnt", "popcnt", "imul", "cmovne", "cmovae",
            "cmovg", "cmovs", "cmovo", "cmovp", "cmovbe", "cmovle"}) {
            for (int w = 1; w < 4; w++) {
                l.add(op + " " + REGS[w][0] + ", " + REGS[w][3 % REGS[w].length]);
                l.add(op + " " + REGS[w][2] + ", " + PTR[w] + " ptr [rip+0x40]");
            }
        }
        for (String cc : new String[] {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"}) {
            l.add("set" + cc + " al");
            l.add("set" + cc + " byte ptr [rsi]");
            l.add("set" + cc + " r12b");
            l.add("j" + cc + " .+0x10");
            l.add("j" + cc + " .+0x1000");
            l.add("j" + cc + " .-0x200");
        }
        String[] misc = {
            "mov rax, 0x1122334455667788", "mov eax, 0x12345678", "mov r9, -1", "mov r9d, 0xffffffff",
            "mov ax, 0x1234", "mov al, 0x12", "mov r15b, 0x1", "mov ah, 0x1",
            "mov qword ptr [rax], -1", "mov dword ptr [rip+0x10], 0x1", "mov word ptr [rbx], 0x1234",
            "movabs al, ds:0x1122334455667788", "movabs rax, ds:0x1122334455667788",
            "movabs ds:0x1122334455667788, eax",
            "movzx eax, byte ptr [rax]", "movzx ecx, dl", "movzx rax, word ptr [rsp+0x8]", "movzx edx, ah",
            "movsx eax, byte ptr [rax]", "movsx rcx, dl", "movsx rax, word ptr [rsp+0x8]", "movsx ax, bl",
            "movsxd rax, dword ptr [rax]", "movsxd rdx, ecx", "movsxd r8, r9d",
            "lea rax, [rip+0x2f3e]", "lea rdi, [rsp+0x10]", "lea eax, [rdi+rsi*1]", "lea r8, [r9+r10*8-0x1000]",
            "lea rax, [rax*8+0x0]", "lea ecx, [eax+ebx*2]",
            "xchg rax, rcx", "xchg eax, r9d", "xchg ax, dx", "xchg qword ptr [rdi], rax", "xchg cl, byte ptr [rax]",
            "push rax", "push r12", "push 0x10", "push 0x12345678", "push qword ptr [rax+0x8]", "push -0x1", "push ax",
            "pop rbx", "pop r15", "pop qword ptr [rsp+0x8]",
            "call qword ptr [rip+0x100]", "call rax", "call r11", "call .+0x1234", "jmp .+0x5", "jmp .+0x5000",
            "jmp rax", "jmp qword ptr [rax*8+0x401000]", "ret", "ret 0x8", "loop .", "loope .+0x10", "loopne .-0x10",
            "jrcxz .+0x20", "enter 0x10, 0x0", "enter 0x20, 0x1", "leave",
            "imul eax, ecx, 0x10", "imul rax, qword ptr [rbx], -0x3", "imul ax, cx, 0x1234", "imul r8d, r9d, 0x12345",
            "shld eax, ecx, 0x4", "shld qword ptr [rax], rdx, cl", "shrd rax, rdx, 0x8", "shrd dx, ax, cl",
            "bswap eax", "bswap r12", "bswap rdi",
            "cbw", "cwde", "cdqe", "cwd", "cdq", "cqo",
            "movsb", "movsw", "movsd", "movsq", "rep movsb", "rep movsq", "stosb", "stosd", "rep stosq",
            "lodsb", "lodsq", "cmpsb", "repe cmpsb", "repne cmpsq", "scasb", "repne scasb", "repe scasd",
            "cmpxchg dword ptr [rdi], esi", "lock cmpxchg qword ptr [rdi], rsi", "lock cmpxchg byte ptr [rdi], cl",
            "cmpxchg8b qword ptr [rdi]", "lock cmpxchg16b xmmword ptr [rdi]", "xadd eax, ecx",
            "lock xadd dword ptr [rax], edx", "lock add qword ptr [rax], 0x1", "lock inc dword ptr [rdi]",
            "lock dec qword ptr fs:[rax]", "lock or byte ptr [rsp], 0x0", "lock bts dword ptr [rax], 0x3",
            "lock xchg qword ptr [rax], rdx",
            "cpuid", "rdtsc", "rdtscp", "syscall", "nop", "nop dword ptr [rax]", "nop dword ptr [rax+0x0]",
            "nop word ptr [rax+rax*1+0x0]", "nop dword ptr [rax+rax*1+0x0]", "nop word ptr cs:[rax+rax*1+0x0]",
            "endbr64", "pause", "prefetcht0 byte ptr [rax]", "prefetcht1 byte ptr [rdi+0x40]",
            "prefetcht2 byte ptr [rsi]", "prefetchnta byte ptr [rsi+0x100]", "prefetchw byte ptr [rax]",
            "ud2", "hlt", "int3", "int 0x80", "lahf", "sahf", "pushf", "popf", "clc", "stc", "cmc", "cld", "std",
            "xgetbv", "test al, 0x1", "test eax, 0x100", "test rax, -0x1", "test byte ptr [rdi], 0x80",
            "test word ptr [rdi], 0x8000", "fwait", "mov eax, fs", "mov fs, eax", "rdrand eax", "rdrand rax",
            "movbe eax, dword ptr [rdi]", "movbe qword ptr [rdi], rax", "crc32 eax, byte ptr [rdi]",
            "crc32 rax, qword ptr [rdi]", "crc32 ecx, dx",
            "mov eax, dword ptr fs:0x28", "mov rax, qword ptr fs:0x28", "mov rax, qword ptr [0x404000]",
            "mov rax, qword ptr [eax+0x10]", "add byte ptr [r12+r13*2+0x7f], bl",
        };
        l.addAll(List.of(misc));
        String[] sseXmm = {"movups", "movupd", "movaps", "movapd", "movdqa", "movdqu", "pxor", "por", "pand",
            "pandn", "paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq", "pcmpeqb", "pcmpeqw",
            "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd", "pminub", "pmaxub", "pminsw", "pmaxsw", "punpcklbw",
            "punpcklwd", "punpckldq", "punpcklqdq", "punpckhbw", "punpckhwd", "punpckhdq", "punpckhqdq",
            "packsswb", "packssdw", "packuswb", "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "paddusb",
            "paddusw", "psubusb", "psubusw", "paddsb", "paddsw", "psubsb", "psubsw", "pavgb", "pavgw", "psadbw",
            "psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad", "addps", "addpd", "subps",
            "subpd", "mulps", "mulpd", "divps", "divpd", "sqrtps", "sqrtpd", "minps", "minpd", "maxps", "maxpd",
            "andps", "andpd", "andnps", "andnpd", "orps", "orpd", "xorps", "xorpd", "cvtdq2ps", "cvtps2dq",
            "cvttps2dq", "cvtpd2dq", "cvttpd2dq", "cvtpd2ps", "unpcklps", "unpcklpd", "unpckhps", "unpckhpd",
            "pshufb", "ptest", "pcmpeqq", "pcmpgtq", "pminsb", "pminsd", "pminuw", "pminud", "pmaxsb", "pmaxsd",
            "pmaxuw", "pmaxud", "pmulld", "rcpps", "rsqrtps", "movsldup", "movshdup"};
        for (String op : sseXmm) {
            l.add(op + " xmm0, xmm1");
            l.add(op + " xmm9, xmm15");
            l.add(op + " xmm2, xmmword ptr [rax+0x10]");
        }
        for (String op : new String[] {"movups", "movupd", "movaps", "movapd", "movdqa", "movdqu"}) {
            l.add(op + " xmmword ptr [rsp+0x20], xmm3");
            l.add(op + " xmmword ptr [r8], xmm12");
        }
        String[][] scalar = {{"ss", "dword"}, {"sd", "qword"}};
        for (String[] s : scalar) {
            for (String op : new String[] {"add", "sub", "mul", "div", "sqrt", "min", "max", "mov"}) {
                l.add(op + s[0] + " xmm0, xmm1");
                l.add(op + s[0] + " xmm8, " + s[1] + " ptr [rip+0x40]");
            }
            l.add("mov" + s[0] + " " + s[1] + " ptr [rdi], xmm5");
            l.add("ucomi" + s[0] + " xmm0, xmm1");
            l.add("ucomi" + s[0] + " xmm0, " + s[1] + " ptr [rax]");
            l.add("comi" + s[0] + " xmm3, xmm4");
            l.add("cvtsi2" + s[0] + " xmm0, eax");
            l.add("cvtsi2" + s[0] + " xmm0, rax");
            l.add("cvtsi2" + s[0] + " xmm1, dword ptr [rax]");
            l.add("cvtsi2" + s[0] + " xmm1, qword ptr [rax]");
            l.add("cvt" + s[0] + "2si eax, xmm1");
            l.add("cvtt" + s[0] + "2si rax, xmm1");
            l.add("cvtt" + s[0] + "2si eax, " + s[1] + " ptr [rax]");
            l.add("cmp" + s[0] + " xmm0, xmm1, 0x1");
            l.add("cmp" + s[0] + " xmm0, xmm1, 0x9");
            l.add("round" + s[0] + " xmm0, xmm1, 0x4");
            l.add("rcp" + s[0].replace("sd", "ss") + " xmm0, xmm1");
        }
        String[] sseMisc = {
            "cvtss2sd xmm0, xmm1", "cvtsd2ss xmm0, xmm1", "cvtss2sd xmm0, dword ptr [rax]",
            "cvtsd2ss xmm0, qword ptr [rax]", "cvtdq2pd xmm0, xmm1", "cvtdq2pd xmm0, qword ptr [rax]",
            "cvtps2pd xmm0, xmm1", "cvtps2pd xmm0, qword ptr [rax]", "cmpps xmm0, xmm1, 0x2", "cmppd xmm0, xmm1, 0x4",
            "cmpps xmm0, xmmword ptr [rax], 0x7", "shufps xmm0, xmm1, 0x1b", "shufpd xmm0, xmm1, 0x1",
            "pshufd xmm0, xmm1, 0x1b", "pshuflw xmm0, xmmword ptr [rax], 0x0", "pshufhw xmm0, xmm1, 0xff",
            "psllw xmm0, 0x3", "pslld xmm1, 0x4", "psllq xmm2, 0x5", "psrlw xmm3, 0x3", "psrld xmm4, 0x1",
            "psrlq xmm15, 0x20", "psraw xmm0, 0x2", "psrad xmm9, 0x1f", "pslldq xmm0, 0x8", "psrldq xmm12, 0x4",
            "movd xmm0, eax", "movd eax, xmm0", "movq xmm0, rax", "movq rax, xmm0", "movd xmm1, dword ptr [rax]",
            "movd dword ptr [rax], xmm1", "movq xmm0, qword ptr [rax]", "movq qword ptr [rax], xmm0",
            "movq xmm0, xmm1", "movhps xmm0, qword ptr [rax]", "movhps qword ptr [rax], xmm0",
            "movlps xmm0, qword ptr [rax]", "movlps qword ptr [rax], xmm0", "movhpd xmm0, qword ptr [rax]",
            "movhpd qword ptr [rax], xmm0", "movlpd xmm0, qword ptr [rax]", "movlpd qword ptr [rax], xmm0",
            "movhlps xmm0, xmm1", "movlhps xmm0, xmm1", "pmovmskb eax, xmm0", "pmovmskb r8d, xmm9",
            "movmskps eax, xmm1", "movmskpd ecx, xmm2", "ldmxcsr dword ptr [rsp]", "stmxcsr dword ptr [rsp+0x4]",
            "fxsave [rsp]", "fxrstor [rsp]", "fxsave64 [rsp]", "fxrstor64 [rdi]", "xsave [rsp]", "xrstor [rsp]",
            "xsavec [rsp]", "xsave64 [rsp]", "xsavec64 [rsp]", "xrstor64 [rsp]",
            "movnti dword ptr [rdi], eax", "movnti qword ptr [rdi], rax", "movntdq xmmword ptr [rdi], xmm0",
            "movntps xmmword ptr [rdi], xmm1", "lfence", "mfence", "sfence", "clflush byte ptr [rdi]",
            "palignr xmm0, xmm1, 0x8", "pcmpistri xmm0, xmmword ptr [rdi], 0x1a", "pcmpistri xmm0, xmm1, 0x3a",
            "pextrw eax, xmm0, 0x3", "pinsrw xmm0, eax, 0x2", "pinsrw xmm0, word ptr [rax], 0x2",
            "pextrd eax, xmm0, 0x1", "pextrq rax, xmm0, 0x1", "pinsrd xmm0, eax, 0x1", "pinsrq xmm0, rax, 0x1",
            "movddup xmm0, xmm1", "movddup xmm0, qword ptr [rax]",
        };
        l.addAll(List.of(sseMisc));
        String[] x87 = {
            "fld dword ptr [rax]", "fld qword ptr [rax]", "fld tbyte ptr [rax]", "fld st(1)", "fld st(0)",
            "fst dword ptr [rax]", "fst qword ptr [rax]", "fst st(2)", "fstp dword ptr [rax]", "fstp qword ptr [rax]",
            "fstp tbyte ptr [rax]", "fstp st(1)", "fild word ptr [rax]", "fild dword ptr [rax]", "fild qword ptr [rax]",
            "fist word ptr [rax]", "fist dword ptr [rax]", "fistp word ptr [rax]", "fistp dword ptr [rax]",
            "fistp qword ptr [rax]", "fisttp word ptr [rax]", "fisttp dword ptr [rax]", "fisttp qword ptr [rax]",
            "fadd dword ptr [rax]", "fadd qword ptr [rax]", "fadd st, st(1)", "fadd st(1), st", "faddp st(1), st",
            "fsub dword ptr [rax]", "fsub qword ptr [rax]", "fsub st, st(2)", "fsub st(2), st", "fsubp st(1), st",
            "fsubr dword ptr [rax]", "fsubr qword ptr [rax]", "fsubr st, st(2)", "fsubr st(2), st", "fsubrp st(1), st",
            "fmul dword ptr [rax]", "fmul qword ptr [rax]", "fmul st, st(3)", "fmul st(3), st", "fmulp st(1), st",
            "fdiv dword ptr [rax]", "fdiv qword ptr [rax]", "fdiv st, st(1)", "fdiv st(1), st", "fdivp st(1), st",
            "fdivr dword ptr [rax]", "fdivr qword ptr [rax]", "fdivr st, st(1)", "fdivr st(1), st", "fdivrp st(1), st",
            "fiadd dword ptr [rax]", "fimul word ptr [rax]", "fidiv dword ptr [rax]", "fisub word ptr [rax]",
            "fxch st(1)", "fucomi st, st(1)", "fucomip st, st(1)", "fcomi st, st(2)", "fcomip st, st(3)",
            "fucom st(1)", "fucomp st(1)", "fucompp", "fcom st(1)", "fcomp st(2)", "fcompp",
            "fcom dword ptr [rax]", "fcomp qword ptr [rax]", "fchs", "fabs", "fsqrt", "frndint",
            "fscale", "fprem", "fprem1", "fld1", "fldz", "fldl2e", "fldl2t", "fldlg2", "fldln2", "fldpi",
            "fnstcw word ptr [rsp]", "fldcw word ptr [rsp+0x2]", "fnstsw ax", "fnstsw word ptr [rax]",
            "fnstenv [rsp]", "fldenv [rsp]", "ffree st(1)", "fxam", "ftst", "fcmovb st, st(1)", "fcmove st, st(2)",
            "fcmovnbe st, st(3)", "fcmovu st, st(1)", "fnclex", "fninit", "fsin", "fcos", "fsincos", "fptan",
            "fpatan", "f2xm1", "fyl2x", "fyl2xp1", "fxtract", "fnop", "fincstp", "fdecstp", "fbld tbyte ptr [rax]",
            "fbstp tbyte ptr [rax]", "fnsave [rax]", "frstor [rax]",
        };
        l.addAll(List.of(x87));
        return l;
    }

    private static boolean isHigh(String r) {
        return r.length() == 2 && r.charAt(1) == 'h';
    }

    private static boolean isRex(String r) {
        return r.endsWith("l") && r.length() == 3 || r.startsWith("r");
    }

    @Test
    void everyGeneratedInstructionMatchesObjdump(@TempDir Path dir) throws Exception {
        assumeTrue(Binutils.available("as") && Binutils.available("objdump"),
                "GNU as and objdump not found on PATH: objdump cross-check skipped");
        List<String> insns = instructions();
        StringBuilder src = new StringBuilder(".intel_syntax noprefix\n.text\n");
        for (String s : insns) {
            src.append(s).append('\n');
        }
        Binutils.write(dir, "gen.s", src.toString());
        Binutils.run(dir, "as", "-o", "gen.o", "gen.s");
        List<Binutils.Line> lines = Binutils.disassemble(dir, "gen.o", ".text");
        long[] text = Binutils.section(dir, "gen.o", ".text");
        byte[] file = Files.readAllBytes(dir.resolve("gen.o"));
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
                continue;
            }
            if (d.length() != end - start) {
                problems.add(insns.get(i) + ": length " + d.length() + " != " + (end - start) + "   objdump: " + want);
                continue;
            }
            String got = Binutils.normalise(X86Disassembler.format(d));
            if (!got.equals(want)) {
                problems.add(insns.get(i) + ": text '" + got + "' != objdump '" + want + "'  [" + d.hexBytes() + "]");
            }
        }
        System.out.println("objdump cross-check: " + insns.size() + " instructions, " + problems.size() + " problems");
        assertTrue(problems.isEmpty(), problems.size() + " mismatches:\n" + String.join("\n", problems));
    }
}
