package org.jtcg.x86.decoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hand-written byte sequences: structured decode results and prefix / addressing edge cases. */
class X86DecoderTest {

    static final long PC = 0x401000;

    static DecodedInsn d(String hex) {
        return X86Decoder.decode(HexFormat.of().parseHex(hex.replace(" ", "")), PC);
    }

    static Operand.Reg gpr(int n, int size) {
        return new Operand.Reg(RegKind.GPR, n, size);
    }

    static Operand.Mem mem(int seg, int base, int index, int scale, long disp, int size, int dispSize) {
        return new Operand.Mem(seg, base, index, scale, disp, false, 8, size, dispSize);
    }

    @Test
    void registerToRegisterAdd() {
        DecodedInsn i = d("48 01 d8");
        assertTrue(i.ok());
        assertEquals(Mnemonic.ADD, i.op());
        assertEquals(3, i.length());
        assertEquals(8, i.operandSize());
        assertEquals(List.of(gpr(0, 8), gpr(3, 8)), i.operands());
        assertEquals(0x48, i.rex());
        assertTrue(i.rexW());
    }

    @Test
    void sibWithBaseIndexScaleAndNegativeDisp() {
        DecodedInsn i = d("83 44 8b f8 01");
        assertEquals(Mnemonic.ADD, i.op());
        assertEquals(mem(-1, 3, 1, 4, -8, 4, 1), i.operand(0));
        assertEquals(new Operand.Imm(1, 4), i.operand(1));
        assertEquals("add dword ptr [rbx+rcx*4-0x8], 0x1", X86Disassembler.format(i));
    }

    @Test
    void ripRelativeResolvesAgainstNextInstruction() {
        DecodedInsn i = d("48 8b 05 3e 2f 00 00");
        Operand.Mem m = (Operand.Mem) i.operand(1);
        assertTrue(m.ripRelative());
        assertEquals(Operand.NONE, m.base());
        assertEquals(0x2f3e, m.disp());
        assertEquals(PC + 7 + 0x2f3e, i.ripTarget());
        assertEquals("mov rax, qword ptr [rip+0x2f3e]  # 0x403f45", X86Disassembler.format(i));
    }

    @Test
    void rexBDoesNotTurnRipRelativeIntoR13() {
        // mod=00 rm=101 is RIP-relative whatever REX.B says; [r13] needs mod=01 disp8=0
        assertTrue(((Operand.Mem) d("41 8b 05 10 00 00 00").operand(1)).ripRelative());
        assertEquals(mem(-1, 13, -1, 1, 0, 4, 1), d("41 8b 45 00").operand(1));
    }

    @Test
    void sibWithoutBaseAndRspR12Bases() {
        assertEquals(mem(-1, -1, -1, 1, 0x404000, 4, 4), d("8b 04 25 00 40 40 00").operand(1));
        assertEquals(mem(-1, -1, 1, 4, 0x404000, 4, 4), d("8b 04 8d 00 40 40 00").operand(1));
        assertEquals(mem(-1, 4, -1, 1, 0, 8, 0), d("48 8b 04 24").operand(1));   // [rsp] needs SIB
        assertEquals(mem(-1, 12, -1, 1, 0, 8, 0), d("49 8b 04 24").operand(1));  // [r12] too
        assertEquals(mem(-1, 0, 12, 1, 0, 8, 0), d("4a 8b 04 20").operand(1));   // index r12 is legal
        // SIB base=101 means "no base" only with mod=00; with mod=10 and REX.B it is r13 + disp32
        assertEquals(mem(-1, 13, -1, 1, 0, 8, 4), d("49 8b 84 25 00 00 00 00").operand(1));
        assertEquals("mov eax, dword ptr ds:0x404000", X86Disassembler.format(d("8b 04 25 00 40 40 00")));
    }

    @Test
    void highByteRegistersOnlyWithoutRex() {
        assertEquals(new Operand.Reg(RegKind.GPR_HIGH8, 0, 1), d("88 e0").operand(1));  // mov al, ah
        assertEquals("mov al, ah", X86Disassembler.format(d("88 e0")));
        assertEquals("mov al, spl", X86Disassembler.format(d("40 88 e0")));
        assertEquals(gpr(4, 1), d("40 88 e0").operand(1));
        assertEquals("mov r8b, sil", X86Disassembler.format(d("41 88 f0")));
    }

    @Test
    void rexIsIgnoredUnlessDirectlyBeforeOpcode() {
        DecodedInsn i = d("48 66 89 c8");
        assertEquals(0, i.rex());
        assertEquals(2, i.operandSize());
        assertEquals("mov ax, cx", X86Disassembler.format(i));
        // 66 then REX.W: REX.W wins
        assertEquals("mov rax, rcx", X86Disassembler.format(d("66 48 89 c8")));
        assertEquals(8, d("66 48 89 c8").operandSize());
        // two REX bytes: only the last counts
        assertEquals("mov rax, rcx", X86Disassembler.format(d("41 48 89 c8")));
    }

    @Test
    void operandSize16Forms() {
        assertEquals("add ax, 0xffff", X86Disassembler.format(d("66 83 c0 ff")));
        assertEquals("mov word ptr [rbx], 0x1234", X86Disassembler.format(d("66 c7 03 34 12")));
        assertEquals(5, d("66 c7 03 34 12").length());
        assertEquals("push ax", X86Disassembler.format(d("66 50")));
        assertEquals("push rax", X86Disassembler.format(d("50")));
    }

    @Test
    void immediatesAreSignExtendedAsDefined() {
        assertEquals(new Operand.Imm(-1, 8), d("48 83 c0 ff").operand(1));
        assertEquals("add rax, 0xffffffffffffffff", X86Disassembler.format(d("48 83 c0 ff")));
        assertEquals(new Operand.Imm(-1, 4), d("83 c0 ff").operand(1));
        assertEquals(new Operand.Imm(-2, 8), d("48 c7 c0 fe ff ff ff").operand(1));
        assertEquals(new Operand.Imm(0xff, 1), d("04 ff").operand(1));
        assertEquals(new Operand.Imm(-1, 8), d("6a ff").operand(0));
        DecodedInsn movabs = d("48 b8 88 77 66 55 44 33 22 11");
        assertEquals(10, movabs.length());
        assertEquals(new Operand.Imm(0x1122334455667788L, 8), movabs.operand(1));
        assertEquals("movabs rax, 0x1122334455667788", X86Disassembler.format(movabs));
        assertEquals("mov eax, 0x12345678", X86Disassembler.format(d("b8 78 56 34 12")));
        assertEquals("ret 0x8", X86Disassembler.format(d("c2 08 00")));
        assertEquals("enter 0x10, 0x0", X86Disassembler.format(d("c8 10 00 00")));
        assertEquals("imul eax, ecx, 0xffffffff", X86Disassembler.format(d("6b c1 ff")));
        assertEquals("imul eax, ecx, 0x100", X86Disassembler.format(d("69 c1 00 01 00 00")));
    }

    @Test
    void moffsUsesA64BitAddress() {
        DecodedInsn i = d("48 a1 88 77 66 55 44 33 22 11");
        assertEquals(10, i.length());
        assertEquals(new Operand.Mem(-1, -1, -1, 1, 0x1122334455667788L, false, 8, 8, 8), i.operand(1));
        assertEquals("movabs rax, ds:0x1122334455667788", X86Disassembler.format(i));
        assertEquals(6, d("67 a0 00 10 00 00").length());   // 32-bit moffs with 67
    }

    @Test
    void branchesResolveTargets() {
        assertEquals("jne 0x401020", X86Disassembler.format(d("75 1e")));
        DecodedInsn jcc = d("0f 84 fa ff ff ff");
        assertEquals(Mnemonic.JCC, jcc.op());
        assertEquals(4, jcc.cond());
        assertEquals(PC, jcc.branchTarget());
        assertEquals("call 0x401005", X86Disassembler.format(d("e8 00 00 00 00")));
        assertEquals("jmp 0x400ff2", X86Disassembler.format(d("eb f0")));
        assertEquals("call qword ptr [rax]", X86Disassembler.format(d("ff 10")));
        assertEquals(8, d("ff 10").operandSize());
        assertEquals("jmp rax", X86Disassembler.format(d("ff e0")));
        assertEquals("loop 0x401000", X86Disassembler.format(d("e2 fe")));
        assertEquals("jrcxz 0x401002", X86Disassembler.format(d("e3 00")));
        assertEquals(6, d("66 0f 85 00 00 00 00").length() - 1); // 66 ignored on near branches
    }

    @Test
    void groupOpcodesSelectByModrmReg() {
        assertEquals(Mnemonic.CMP, d("80 f9 05").op());
        assertEquals(Mnemonic.SAR, d("c1 f8 03").op());
        assertEquals("shl eax, 1", X86Disassembler.format(d("d1 e0")));
        assertEquals("shr rdx, cl", X86Disassembler.format(d("48 d3 ea")));
        assertEquals(Mnemonic.IDIV, d("48 f7 f9").op());
        assertEquals("test byte ptr [rax], 0x1", X86Disassembler.format(d("f6 00 01")));
        assertEquals(Mnemonic.DEC, d("fe c8").op());
        assertEquals("push qword ptr [rax+0x8]", X86Disassembler.format(d("ff 70 08")));
        assertEquals("bts dword ptr [rax], 0x3", X86Disassembler.format(d("0f ba 28 03")));
        assertEquals(Mnemonic.BT, d("0f ba 20 03").op());
        assertEquals(DecodeStatus.UNDEFINED, d("0f ba 00 03").status());   // 0F BA /0..3 reserved
        assertEquals(DecodeStatus.UNDEFINED, d("ff 38").status());          // FF /7
        assertEquals(DecodeStatus.UNDEFINED, d("8d c0").status());          // lea with register source
    }

    @Test
    void cmpxchg8bAnd16bByRexW() {
        assertEquals(Mnemonic.CMPXCHG8B, d("0f c7 0f").op());
        DecodedInsn i = d("f0 48 0f c7 0f");
        assertEquals(Mnemonic.CMPXCHG16B, i.op());
        assertEquals(16, ((Operand.Mem) i.operand(0)).size());
        assertTrue(i.lock());
        assertEquals("lock cmpxchg16b oword ptr [rdi]", X86Disassembler.format(i));
    }

    @Test
    void lockOnlyOnLockableMemoryDestinations() {
        assertTrue(d("f0 01 08").ok());
        assertEquals(DecodeStatus.UNDEFINED, d("f0 01 c8").status());  // register destination
        assertEquals(DecodeStatus.UNDEFINED, d("f0 89 08").status());  // mov is not lockable
        assertEquals("lock add dword ptr [rax], 0x1", X86Disassembler.format(d("f0 83 00 01")));
    }

    @Test
    void segmentAndAddressSizeOverrides() {
        DecodedInsn i = d("64 48 8b 04 25 28 00 00 00");
        assertEquals(Operand.FS, i.segment());
        assertEquals(new Operand.Mem(Operand.FS, -1, -1, 1, 0x28, false, 8, 8, 4), i.operand(1));
        assertEquals("mov rax, qword ptr fs:0x28", X86Disassembler.format(i));
        assertEquals("mov eax, dword ptr gs:[rbx+0x8]", X86Disassembler.format(d("65 8b 43 08")));
        DecodedInsn a = d("67 8b 00");
        assertEquals(4, a.addressSize());
        assertEquals(4, ((Operand.Mem) a.operand(1)).addressSize());
        assertEquals("mov eax, dword ptr [eax]", X86Disassembler.format(a));
    }

    @Test
    void mandatoryPrefixesSelectSseInstructions() {
        DecodedInsn a = d("66 0f 6f c1");
        assertEquals(Mnemonic.MOVDQA, a.op());
        assertEquals(0x66, a.mandatoryPrefix());
        assertEquals(4, a.operandSize());  // 66 consumed, not an operand-size override
        assertEquals(Mnemonic.MOVDQU, d("f3 0f 6f c1").op());
        assertEquals(DecodeStatus.UNDEFINED, d("0f 6f c1").status());  // MMX form not supported
        assertEquals(Mnemonic.MOVUPS, d("0f 10 c1").op());
        assertEquals(Mnemonic.MOVUPD, d("66 0f 10 c1").op());
        assertEquals(Mnemonic.MOVSS, d("f3 0f 10 c1").op());
        assertEquals(Mnemonic.MOVSD, d("f2 0f 10 c1").op());
        assertEquals(Mnemonic.MOVSD, d("66 f2 0f 10 c1").op());   // F2 wins over 66
        assertEquals(Mnemonic.MOVSS, d("f2 f3 0f 10 c1").op());   // the last of F2/F3 wins
        assertEquals(Mnemonic.POPCNT, d("f3 0f b8 c1").op());
        assertEquals("popcnt ax, cx", X86Disassembler.format(d("66 f3 0f b8 c1")));
        assertEquals(Mnemonic.BSF, d("0f bc c1").op());
        assertEquals(Mnemonic.TZCNT, d("f3 0f bc c1").op());
        assertEquals(Mnemonic.MOVHLPS, d("0f 12 c1").op());
        assertEquals(Mnemonic.MOVLPS, d("0f 12 00").op());
        assertEquals(8, ((Operand.Mem) d("0f 12 00").operand(1)).size());
        assertEquals("movq rax, xmm0", X86Disassembler.format(d("66 48 0f 7e c0")));
        assertEquals("movd eax, xmm0", X86Disassembler.format(d("66 0f 7e c0")));
        assertEquals("cvtsi2sd xmm0, rax", X86Disassembler.format(d("f2 48 0f 2a c0")));
        assertEquals("cmpltps xmm0, xmm1", X86Disassembler.format(d("0f c2 c1 01")));
        assertEquals("cmpps xmm0, xmm1, 0x9", X86Disassembler.format(d("0f c2 c1 09")));
        assertEquals("psllq xmm0, 0x3", X86Disassembler.format(d("66 0f 73 f0 03")));
        assertEquals("pshufb xmm0, xmm1", X86Disassembler.format(d("66 0f 38 00 c1")));
        assertEquals("pcmpistri xmm0, xmmword ptr [rdi], 0x1a", X86Disassembler.format(d("66 0f 3a 63 07 1a")));
        assertEquals("movdqu xmm9, xmmword ptr [r8]", X86Disassembler.format(d("f3 45 0f 6f 08")));
    }

    @Test
    void prefixCombinationsThatAreUndefined() {
        assertEquals(DecodeStatus.UNDEFINED, d("f2 66 0f 75 c1").status());   // F2 outranks 66: F2 0F 75
        assertEquals(DecodeStatus.UNDEFINED, d("f3 0f 38 f0 00").status());   // 0F38 rows need their prefix
        assertEquals(Mnemonic.CRC32, d("f2 0f 38 f0 c1").op());
        assertEquals(DecodeStatus.UNDEFINED, d("f3 0f c3 07").status());      // movnti takes no prefix
        assertEquals(DecodeStatus.UNDEFINED, d("0f ae f4").status());         // only F0 is mfence
        assertEquals(DecodeStatus.UNDEFINED, d("f2 0f c7 f0").status());      // rdrand with F2
        assertEquals(Mnemonic.RDPID, d("f3 0f c7 f8").op());
    }

    @Test
    void sizeDependentNames() {
        assertEquals("jecxz 0x401003", X86Disassembler.format(d("67 e3 00")));
        assertEquals(4, d("67 e3 00").addressSize());
        assertEquals("fnstenvw [rsp]", X86Disassembler.format(d("66 d9 34 24")));
        assertEquals("leavew", X86Disassembler.format(d("66 c9")));
        assertEquals("pcmpestriq xmm0, xmm1, 0x1", X86Disassembler.format(d("66 48 0f 3a 61 c1 01")));
        assertEquals("xacquire lock add dword ptr [rax], 0x1", X86Disassembler.format(d("f2 f0 83 00 01")));
        assertEquals("xrelease mov dword ptr [rax], ecx", X86Disassembler.format(d("f3 89 08")));
    }

    @Test
    void stringInstructionsAndRepPrefixes() {
        DecodedInsn s = d("f3 48 ab");
        assertEquals(Mnemonic.STOS, s.op());
        assertEquals(8, s.operandSize());
        assertTrue(s.rep());
        assertFalse(s.repne());
        assertEquals("rep stos qword ptr es:[rdi], rax", X86Disassembler.format(s));
        assertEquals("repnz scas al, byte ptr es:[rdi]", X86Disassembler.format(d("f2 ae")));
        assertEquals("repz cmps byte ptr ds:[rsi], byte ptr es:[rdi]", X86Disassembler.format(d("f3 a6")));
        assertEquals("movs dword ptr es:[rdi], dword ptr ds:[rsi]", X86Disassembler.format(d("a5")));
        assertEquals("movs byte ptr es:[edi], byte ptr fs:[esi]", X86Disassembler.format(d("64 67 a4")));
    }

    @Test
    void nopsPauseEndbrAndXchg() {
        assertEquals(Mnemonic.NOP, d("90").op());
        assertEquals(Mnemonic.PAUSE, d("f3 90").op());
        assertEquals("xchg r8d, eax", X86Disassembler.format(d("41 90")));
        assertEquals("xchg ax, ax", X86Disassembler.format(d("66 90")));
        assertEquals(Mnemonic.ENDBR64, d("f3 0f 1e fa").op());
        DecodedInsn n = d("66 2e 0f 1f 84 00 00 00 00 00");
        assertEquals(Mnemonic.NOP, n.op());
        assertEquals(10, n.length());
        assertEquals("cs nop word ptr [rax+rax*1+0x0]", X86Disassembler.format(n));
        assertEquals("nop dword ptr [rax+0x0]", X86Disassembler.format(d("0f 1f 40 00")));
    }

    @Test
    void conditionalFamiliesCarryTheirCondition() {
        DecodedInsn s = d("0f 94 c0");
        assertEquals(Mnemonic.SETCC, s.op());
        assertEquals(4, s.cond());
        assertEquals(1, s.operandSize());
        assertEquals("sete al", X86Disassembler.format(s));
        DecodedInsn c = d("48 0f 4f c1");
        assertEquals(Mnemonic.CMOVCC, c.op());
        assertEquals(15, c.cond());
        assertEquals("cmovg rax, rcx", X86Disassembler.format(c));
        assertEquals(-1, d("90").cond());
    }

    @Test
    void conversionsPickNameByOperandSize() {
        assertEquals(Mnemonic.CBW, d("66 98").op());
        assertEquals(Mnemonic.CWDE, d("98").op());
        assertEquals(Mnemonic.CDQE, d("48 98").op());
        assertEquals(Mnemonic.CWD, d("66 99").op());
        assertEquals(Mnemonic.CDQ, d("99").op());
        assertEquals(Mnemonic.CQO, d("48 99").op());
    }

    @Test
    void movzxMovsxMovsxd() {
        assertEquals("movzx eax, byte ptr [rax]", X86Disassembler.format(d("0f b6 00")));
        assertEquals("movsx rax, word ptr [rax]", X86Disassembler.format(d("48 0f bf 00")));
        assertEquals("movsxd rax, dword ptr [rax]", X86Disassembler.format(d("48 63 00")));
        assertEquals(gpr(1, 4), d("48 63 c1").operand(1));
    }

    @Test
    void x87Forms() {
        assertEquals("fld st(0)", X86Disassembler.format(d("d9 c0")));
        assertEquals("fadd st, st(2)", X86Disassembler.format(d("d8 c2")));
        assertEquals("faddp st(2), st", X86Disassembler.format(d("de c2")));
        assertEquals("fsub st(1), st", X86Disassembler.format(d("dc e9")));
        assertEquals("fsubrp st(1), st", X86Disassembler.format(d("de e1")));
        assertEquals("fld tbyte ptr [rax]", X86Disassembler.format(d("db 28")));
        assertEquals(10, ((Operand.Mem) d("db 28").operand(0)).size());
        assertEquals("fild qword ptr [rax]", X86Disassembler.format(d("df 28")));
        assertEquals("fnstsw ax", X86Disassembler.format(d("df e0")));
        assertEquals("fnstcw word ptr [rsp]", X86Disassembler.format(d("d9 3c 24")));
        assertEquals("fucomip st, st(1)", X86Disassembler.format(d("df e9")));
        assertEquals(Mnemonic.FLD1, d("d9 e8").op());
        assertEquals(DecodeStatus.UNDEFINED, d("d9 d8").status());  // D9 /3 register form is reserved
    }

    @Test
    void truncatedInputIsReportedDistinctly() {
        DecodedInsn t = d("48 8b 05 10 00");
        assertEquals(DecodeStatus.TRUNCATED, t.status());
        assertEquals(5, t.length());
        assertEquals("truncated instruction at 0x401000: only 5 byte(s) available: 48 8b 05 10 00",
                t.describeProblem());
        assertEquals(DecodeStatus.TRUNCATED, d("").status());
        assertEquals(DecodeStatus.TRUNCATED, d("0f").status());
        assertEquals(DecodeStatus.TRUNCATED, d("66 f3").status());
        assertEquals(DecodeStatus.TRUNCATED, d("e8 00 00").status());
        // available limits reading even when the array holds more
        byte[] b = HexFormat.of().parseHex("b8785634120000");
        assertEquals(DecodeStatus.TRUNCATED, X86Decoder.decode(b, 0, 4, 0).status());
        assertEquals(5, X86Decoder.decode(b, 0, 5, 0).length());
    }

    @Test
    void undefinedInputCarriesTheBytes() {
        DecodedInsn u = d("0f ff 00");
        assertEquals(DecodeStatus.UNDEFINED, u.status());
        assertEquals(Mnemonic.INVALID, u.op());
        assertEquals("undefined instruction at 0x401000: 0f ff 00", u.describeProblem());
        assertEquals(DecodeStatus.UNDEFINED, d("c4 e4 78 58 c2").status());   // VEX map 4 is undefined
        assertEquals(Mnemonic.UD2, d("0f 0b").op());
        // 15 prefixes then an opcode: longer than 15 bytes
        assertEquals(DecodeStatus.UNDEFINED, d("66".repeat(15) + "90").status());
        assertEquals(15, d("66".repeat(14) + "90").length());
        assertThrows(IndexOutOfBoundsException.class, () -> X86Decoder.decode(new byte[2], 1, 5, 0));
    }

    @Test
    void resultsAreImmutableCopies() {
        byte[] b = HexFormat.of().parseHex("90");
        DecodedInsn i = X86Decoder.decode(b, 0);
        b[0] = 0x0f;
        assertEquals((byte) 0x90, i.bytes()[0]);
        i.bytes()[0] = 1;
        assertEquals((byte) 0x90, i.bytes()[0]);
        assertEquals(i, X86Decoder.decode(new byte[] {(byte) 0x90}, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0f 05 | syscall", "0f a2 | cpuid", "0f 31 | rdtsc", "cc | int3", "cd 80 | int 0x80", "f4 | hlt",
        "9c | pushf", "9d | popf", "9e | sahf", "9f | lahf", "f8 | clc", "f9 | stc", "f5 | cmc", "fc | cld",
        "fd | std", "c9 | leave", "c3 | ret", "0f ae e8 | lfence", "0f ae f0 | mfence", "0f ae f8 | sfence",
        "0f ae 14 24 | ldmxcsr dword ptr [rsp]", "0f ae 04 24 | fxsave [rsp]", "48 0f ae 0c 24 | fxrstor64 [rsp]",
        "0f 18 08 | prefetcht0 byte ptr [rax]", "0f ae 3f | clflush byte ptr [rdi]", "0f c8 | bswap eax",
        "49 0f cc | bswap r12", "48 0f a4 c8 04 | shld rax, rcx, 0x4", "0f ad d0 | shrd eax, edx, cl",
        "0f c1 c8 | xadd eax, ecx", "48 87 0f | xchg qword ptr [rdi], rcx", "0f c3 07 | movnti dword ptr [rdi], eax",
        "66 0f e7 07 | movntdq xmmword ptr [rdi], xmm0", "66 0f d7 c0 | pmovmskb eax, xmm0",
        "f2 0f 5a c1 | cvtsd2ss xmm0, xmm1", "f3 0f e6 00 | cvtdq2pd xmm0, qword ptr [rax]",
        "f2 48 0f 2c c1 | cvttsd2si rax, xmm1", "66 0f 2e 00 | ucomisd xmm0, qword ptr [rax]",
        "0f 28 44 24 10 | movaps xmm0, xmmword ptr [rsp+0x10]", "66 44 0f ef c0 | pxor xmm8, xmm0",
    })
    void disassemblesFamilies(String hex, String text) {
        assertEquals(text, X86Disassembler.format(d(hex)));
    }

    @Test
    void tableLoaderRejectsBadRowsNamingTheLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpcodeTable.parse(List.of("# c", "00 | ADD | Eb,Qq |")));
        assertTrue(e.getMessage().startsWith("opcodes.tbl line 2:"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpcodeTable.parse(List.of("00 | NOSUCHOP | |")));
        assertThrows(IllegalArgumentException.class, () -> OpcodeTable.parse(List.of("00 | ADD | Eb | zz")));
        assertTrue(OpcodeTable.get().size() > 600);
    }
}
