package org.jtcg.x86.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instruction families run as machine-code snippets under both engines: addressing forms, register
 * widths, stack and control flow, string instructions, exceptions and their signals, page-crossing
 * fetch faults, cpuid, SSE integer ops. Flag results of the ALU/shift/mul/div/bit forms are checked
 * against the host CPU by {@link NativeFlagOracleTest}.
 */
class X86TranslatorTest {
    static final long D = SnippetRunner.DATA;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void addressingForms(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store(D + 0x10 + 3 * 4, 8, 0x1122334455667788L, false);
        r.mem.store(D + 0x100, 8, 0xabcdefL, false);
        r.mem.store(D + 6, 4, 0x55667788L, false);
        r.cpu.fsBase = D + 0x100 - 0x28;
        r.cpu.rbx = D;
        r.cpu.rcx = 3;
        // mov rax,[rbx+rcx*4+0x10]; mov rdx,fs:[0x28]; mov esi,[ebx+ecx*2] (67); lea rdi,[rip+0x10]
        r.code("48 8b 44 8b 10  64 48 8b 14 25 28 00 00 00  67 8b 34 4b  48 8d 3d 10 00 00 00").runToEnd();
        assertEquals(0x1122334455667788L, r.cpu.rax);
        assertEquals(0xabcdefL, r.cpu.rdx);
        assertEquals(0x55667788L, r.cpu.rsi); // [ebx+ecx*2] = D + 6, computed at 32 bits
        assertEquals(SnippetRunner.CODE + 25 + 0x10, r.cpu.rdi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void registerWidths(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rax = 0xffffffffffffffffL;
        r.cpu.rbx = 0xffffffffffffffffL;
        r.cpu.rcx = 0xffffffffffffffffL;
        // mov ah,0x12; mov bx,0xbeef; mov ecx,-1 ... then add ecx,1 (32-bit write zero-extends)
        r.code("b4 12  66 bb ef be  b9 ff ff ff ff  83 c1 01").runToEnd();
        assertEquals(0xffffffffffff12ffL, r.cpu.rax);
        assertEquals(0xffffffffffffbeefL, r.cpu.rbx);
        assertEquals(0, r.cpu.rcx);
        assertEquals(LazyFlags.ZF | LazyFlags.CF | LazyFlags.PF | LazyFlags.AF, r.flags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void callRetPushPopEnterLeave(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        long sp = r.cpu.rsp;
        r.cpu.rbx = 77;
        // push rbx; pop rcx; call +1; (skipped: int3) ; target: enter 0x20,0; leave; ret -> back to the int3
        r.code("53 59 e8 01 00 00 00 cc c8 20 00 00 c9 c3");
        EngineExit e = r.run();
        assertEquals(Signals.SIGTRAP, e.signal());
        assertEquals(77, r.cpu.rcx);
        assertEquals(sp, r.cpu.rsp);
        assertEquals(SnippetRunner.CODE + 8, r.cpu.pc, "int3 reports the pc after it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void repStringInstructions(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        byte[] msg = "hello, string world".getBytes();
        r.mem.write(D, msg, 0, msg.length);
        r.cpu.rsi = D;
        r.cpu.rdi = D + 0x100;
        r.cpu.rcx = msg.length;
        r.code("f3 a4").runToEnd(); // rep movsb
        byte[] back = new byte[msg.length];
        r.mem.read(D + 0x100, back, 0, back.length);
        assertEquals(new String(msg), new String(back));
        assertEquals(0, r.cpu.rcx);
        assertEquals(D + msg.length, r.cpu.rsi);
        // repne scasb for ','
        r.cpu.rdi = D;
        r.cpu.rcx = 100;
        r.cpu.rax = ',';
        r.code("f2 ae").runToEnd();
        assertEquals(D + 6, r.cpu.rdi);
        assertEquals(94, r.cpu.rcx);
        // std; rep stosq backwards; cld
        r.cpu.rdi = D + 0x208;
        r.cpu.rcx = 2;
        r.cpu.rax = 0x0101010101010101L;
        r.code("fd f3 48 ab fc").runToEnd();
        assertEquals(0x0101010101010101L, r.mem.load(D + 0x200, 8, false));
        assertEquals(0x0101010101010101L, r.mem.load(D + 0x208, 8, false));
        assertEquals(D + 0x1f8, r.cpu.rdi);
        // repe cmpsb stops at the first difference
        r.mem.write(D + 0x300, "hellO".getBytes(), 0, 5);
        r.cpu.rsi = D;
        r.cpu.rdi = D + 0x300;
        r.cpu.rcx = 5;
        r.code("f3 a6").runToEnd();
        assertEquals(0, r.cpu.rcx);
        assertEquals(0, r.flags() & LazyFlags.ZF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void repFaultLeavesPreciseCount(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rdi = D + 0x10000 - 4; // runs off the end of the data mapping
        r.cpu.rcx = 10;
        r.code("f3 aa"); // rep stosb
        EngineExit e = r.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(D + 0x10000, e.address());
        assertEquals(6, r.cpu.rcx);
        assertEquals(SnippetRunner.CODE, r.cpu.pc);
    }

    /** Long runs take the 8-bytes-at-a-time path; a fault in it must still leave the exact count. */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void longRepRunsFaultPreciselyAndKeepOverlapSemantics(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        // rep stosb of 1000 bytes from 3 bytes before a page end of the last data page: 0x10000 - 0x1003
        r.cpu.rdi = D + 0x10000 - 0x1003;
        r.cpu.rcx = 10000;
        r.cpu.rax = 0x5a;
        r.code("f3 aa");
        EngineExit e = r.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(D + 0x10000, e.address());
        assertEquals(10000 - 0x1003, r.cpu.rcx);
        assertEquals(D + 0x10000, r.cpu.rdi);
        assertEquals(0x5a5a5a5a5a5a5a5aL, r.mem.load(D + 0x10000 - 8, 8, false));
        // rep movsd (dwords) that reads off the end: the destination gets every whole dword before it
        r.cpu.rsi = D + 0x10000 - 0x102; // 0x40 whole dwords then one straddling the end
        r.cpu.rdi = D + 0x2000;
        r.cpu.rcx = 0x1000;
        r.code("f3 a5");
        e = r.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(0x1000 - 0x40, r.cpu.rcx);
        assertEquals(D + 0x10000 - 2, r.cpu.rsi);
        // rep movsb with the destination 3 bytes above the source replicates the first 3 bytes
        r.mem.write(D + 0x3000, "abc".getBytes(), 0, 3);
        r.cpu.rsi = D + 0x3000;
        r.cpu.rdi = D + 0x3003;
        r.cpu.rcx = 40;
        r.code("f3 a4").runToEnd();
        byte[] got = new byte[43];
        r.mem.read(D + 0x3000, got, 0, got.length);
        assertEquals("abc".repeat(14) + "a", new String(got));
        // rep movsb with the destination below the source (memmove-like forward copy), odd length
        r.cpu.rsi = D + 0x3001;
        r.cpu.rdi = D + 0x3000;
        r.cpu.rcx = 41;
        r.code("f3 a4").runToEnd();
        r.mem.read(D + 0x3000, got, 0, got.length);
        assertEquals(("bca".repeat(14)).substring(0, 41) + "ca", new String(got));
        // rep stosw of 13 words
        r.cpu.rdi = D + 0x4001;
        r.cpu.rcx = 13;
        r.cpu.rax = 0x1234;
        r.code("f3 66 ab").runToEnd();
        assertEquals(0, r.cpu.rcx);
        assertEquals(D + 0x4001 + 26, r.cpu.rdi);
        assertEquals(0x1234L, r.mem.load(D + 0x4001 + 24, 2, false));
        assertEquals(0L, r.mem.load(D + 0x4001 + 26, 2, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void divideErrorsAreSigfpeAtTheInstruction(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rcx = 0;
        r.code("90 48 f7 f1"); // nop; div rcx
        EngineExit e = r.run();
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_INTDIV, e.siCode());
        assertEquals(SnippetRunner.CODE + 1, r.cpu.pc);
        // idiv ecx with edx:eax = 0x80000000 / -1 overflows
        r.cpu.rax = 0x80000000L;
        r.cpu.rdx = 0xffffffffL;
        r.cpu.rcx = 0xffffffffL;
        r.code("f7 f9");
        assertEquals(Signals.SIGFPE, r.run().signal());
        // 128-bit dividend
        r.cpu.rdx = 1;
        r.cpu.rax = 0;
        r.cpu.rcx = 3;
        r.code("48 f7 f1").runToEnd();
        assertEquals(Long.divideUnsigned(-1, 3) + 0 /* 2^64/3 */, r.cpu.rax);
        assertEquals(1, r.cpu.rdx);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void trapsBecomeLinuxSignals(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.code("0f 0b");
        EngineExit e = r.run();
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SigCodes.ILL_ILLOPN, e.siCode());
        assertEquals(SnippetRunner.CODE, e.address());
        r.code("f4");
        e = r.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(SigCodes.SI_KERNEL, e.siCode());
        r.code("0f ff"); // undefined opcode
        e = r.run();
        assertEquals(Signals.SIGILL, e.signal());
        assertTrue(e.detail().startsWith("undefined instruction at 0x" + Long.toHexString(SnippetRunner.CODE) + ": 0f ff"),
                "the SIGILL line names the PC and the bytes: " + e.detail());
        r.code("df 20"); // fbld [rax]: decoded, not implemented (x87 packed BCD)
        assertEquals(Signals.SIGILL, r.run().signal());
        assertEquals(SnippetRunner.CODE, r.cpu.pc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void syscallSetsRcxAndR11(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.setRflags(0x202 | LazyFlags.CF);
        r.code("0f 05");
        EngineExit e = r.run();
        assertEquals(EngineExit.Kind.SYSCALL, e.kind());
        assertEquals(SnippetRunner.CODE + 2, r.cpu.pc);
        assertEquals(SnippetRunner.CODE + 2, r.cpu.rcx);
        assertEquals(0x203, r.cpu.r11);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void instructionCrossingIntoANonExecutablePageFaultsAtThePageBoundary(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        long page = SnippetRunner.CODE + 0x1000;
        r.mem.mprotect(page, 0x1000, GuestMemory.PROT_READ);
        r.code(page - 3, "90 48 8b"); // nop, then "mov rax, [..." cut by the page end
        r.cpu.pc = page - 3;
        EngineExit e = r.engine.run(r.cpu);
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(page, e.address());
        assertEquals(page - 2, r.cpu.pc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void cpuidAnswersFromTheModel(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rax = 1;
        r.code("0f a2").runToEnd();
        CpuidModel.Answer want = CpuidModel.active().query(1, 0);
        assertEquals(want.edx() & 0xffffffffL, r.cpu.rdx);
        assertEquals(want.ecx() & 0xffffffffL, r.cpu.rcx);
        assertEquals(1L << 26, r.cpu.rdx & (1L << 26), "SSE2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void bitTestMemoryUsesTheSignedBitOffset(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store(D + 0x40 + 12, 4, 1L << 5, false);
        r.cpu.rbx = D + 0x40;
        r.cpu.rcx = 3 * 32 + 5; // bit 5 of the dword at +12
        r.code("0f a3 0b").runToEnd();
        assertEquals(LazyFlags.CF, r.flags() & LazyFlags.CF);
        r.mem.store(D + 0x3c, 4, 1L << 31, false);
        r.cpu.rcx = -1; // bit 31 of the dword before
        r.code("0f a3 0b").runToEnd();
        assertEquals(LazyFlags.CF, r.flags() & LazyFlags.CF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void sseIntegerOpsForStringFunctions(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        byte[] s = "abcdefgh\0jklmnop".getBytes();
        r.mem.write(D, s, 0, 16);
        r.cpu.rbx = D;
        // movdqu xmm1,[rbx]; pxor xmm0,xmm0; pcmpeqb xmm0,xmm1; pmovmskb eax,xmm0; movdqu [rbx+0x20],xmm1
        r.code("f3 0f 6f 0b  66 0f ef c0  66 0f 74 c1  66 0f d7 c0  f3 0f 7f 4b 20").runToEnd();
        assertEquals(1 << 8, r.cpu.rax);
        assertEquals(r.mem.load(D, 8, false), r.mem.load(D + 0x20, 8, false));
        r.cpu.rbx = D + 1;
        r.code("66 0f 6f 0b"); // movdqa from a misaligned address: #GP
        EngineExit e = r.run();
        assertEquals(Signals.SIGSEGV, e.signal());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void cmpxchg16b(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store(D, 8, 5, false);
        r.mem.store(D + 8, 8, 6, false);
        r.cpu.rbx = D; // also the new low half
        r.cpu.rax = 5; r.cpu.rdx = 6; r.cpu.rcx = 9;
        r.code("48 0f c7 0b").runToEnd();
        assertEquals(LazyFlags.ZF, r.flags() & LazyFlags.ZF);
        assertEquals(D, r.mem.load(D, 8, false));
        assertEquals(9, r.mem.load(D + 8, 8, false));
        r.code("48 0f c7 0b").runToEnd(); // now differs: loads rdx:rax
        assertEquals(0, r.flags() & LazyFlags.ZF);
        assertEquals(D, r.cpu.rax);
        assertEquals(9, r.cpu.rdx);
    }

    /** xchg of a register with itself: only the 32-bit form changes the register (it zero-extends). */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void exchangeWithItself(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        long v = 0x1122334455667788L;
        r.cpu.rax = v; r.cpu.rcx = v; r.cpu.rdx = v; r.cpu.rbx = v;
        // xchg ax, ax (66 90); xchg cl, cl; xchg ch, ch; xchg rdx, rdx; xchg ebx, ebx
        r.code("66 90 86 c9 86 ed 48 87 d2 87 db").runToEnd();
        assertEquals(v, r.cpu.rax);
        assertEquals(v, r.cpu.rcx);
        assertEquals(v, r.cpu.rdx);
        assertEquals(0x55667788L, r.cpu.rbx);
    }

    /** Regression (found by jtcg fuzz, kvm vs jit): a successful cmpxchg whose destination is the accumulator. */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void cmpxchgIntoTheAccumulator(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rax = 0x10000000000000L;
        r.cpu.r13 = 0xff;
        r.code("44 0f b0 e8").runToEnd(); // cmpxchg al, r13b: al == al, so al = r13b
        assertEquals(0x100000000000ffL, r.cpu.rax);
        assertEquals(LazyFlags.ZF, r.flags() & LazyFlags.ZF);
        r.cpu.rax = 7;
        r.cpu.rbx = 9;
        r.code("48 0f b1 d8").runToEnd(); // cmpxchg rax, rbx
        assertEquals(9, r.cpu.rax);
    }

    /** Regression (found by jtcg fuzz): bsf/bsr with a zero 32-bit source leave all 64 bits of the destination. */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void bitScanOfZeroKeepsTheWholeDestination(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rdi = 0x12c177324885f78aL;
        r.cpu.rdx = 0;
        r.code("0f bc fa").runToEnd(); // bsf edi, edx
        assertEquals(0x12c177324885f78aL, r.cpu.rdi);
        assertEquals(LazyFlags.ZF, r.flags() & LazyFlags.ZF);
        r.cpu.rdx = 0x100;
        r.code("0f bd fa").runToEnd(); // bsr edi, edx
        assertEquals(8, r.cpu.rdi, "a non-zero 32-bit source writes and zero-extends");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void pushfPopfAndSahf(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.setRflags(0x202 | LazyFlags.DF);
        // xor eax,eax (ZF PF); pushfq; pop rbx; mov ah,0xd5 ; sahf
        r.code("31 c0 9c 5b b4 d5 9e").runToEnd();
        assertEquals(0x202 | LazyFlags.DF | LazyFlags.ZF | LazyFlags.PF, r.cpu.rbx);
        assertEquals(0xd5, r.flags());
        assertTrue((r.cpu.rflags() & LazyFlags.DF) != 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void conditionalLoopAcrossBlocks(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        // mov ecx,10; xor eax,eax; top: add eax,ecx; dec ecx; jne top
        r.code("b9 0a 00 00 00 31 c0 01 c8 ff c9 75 fa").runToEnd();
        assertEquals(55, r.cpu.rax);
    }
}
