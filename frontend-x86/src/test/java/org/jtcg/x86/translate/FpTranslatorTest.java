package org.jtcg.x86.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.sse.Mxcsr;
import org.jtcg.x86.sse.SseState;
import org.jtcg.x86.x87.X87;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.signal.SigCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSE floating-point and x87 wiring run as machine-code snippets under both engines: memory
 * forms, alignment faults, flags from ucomisd/fucomip, SIGFPE with its si_code on unmasked
 * exceptions (SSE at the instruction, x87 at the next waiting instruction), FXSAVE/FXRSTOR round
 * trip, the x87 stack through loads/stores and the DE-opcode operand order. The arithmetic itself is
 * cross-checked against the host by the libraries' own tests.
 */
class FpTranslatorTest {
    static final long D = SnippetRunner.DATA;

    static long dbits(double d) {
        return Double.doubleToRawLongBits(d);
    }

    static double dmem(SnippetRunner r, long addr) {
        return Double.longBitsToDouble(r.mem.load(addr, 8, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void scalarSseWithMemoryOperandsAndConversions(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store(D, 8, dbits(1.5), false);
        r.mem.store(D + 8, 8, dbits(2.5), false);
        r.mem.store(D + 16, 8, dbits(3.0), false);
        r.mem.store(D + 32, 8, dbits(2.0), false);
        r.mem.store(D + 48, 4, -7, false);
        r.cpu.rbx = D;
        r.cpu.sse.set(0, 0x1111, 0x2222); // movsd load zeroes the high half
        // movsd xmm0,[rbx]; addsd xmm0,[rbx+8]; mulsd xmm0,xmm0; divsd xmm0,[rbx+16]; movsd [rbx+24],xmm0;
        // cvttsd2si rax,xmm0; cvtsi2sd xmm1,rax; sqrtsd xmm2,[rbx+32]; cvtsd2ss xmm3,xmm2; movss [rbx+40],xmm3;
        // cvtss2si ecx,xmm3; cvtsi2ss xmm4,dword [rbx+48]; cvttss2si rdx,xmm4
        r.code("f2 0f 10 03 f2 0f 58 43 08 f2 0f 59 c0 f2 0f 5e 43 10 f2 0f 11 43 18 f2 48 0f 2c c0 f2 48 0f 2a c8"
                + " f2 0f 51 53 20 f2 0f 5a da f3 0f 11 5b 28 f3 0f 2d cb f3 0f 2a 63 30 f3 48 0f 2c d4").runToEnd();
        assertEquals(16.0 / 3, dmem(r, D + 24));
        assertEquals(0, r.cpu.sse.hi(0));
        assertEquals(5, r.cpu.rax);
        assertEquals(dbits(5.0), r.cpu.sse.lo(1));
        assertEquals(dbits(Math.sqrt(2.0)), r.cpu.sse.lo(2));
        assertEquals(Float.floatToRawIntBits((float) Math.sqrt(2.0)), (int) r.mem.load(D + 40, 4, false));
        assertEquals(1, r.cpu.rcx);
        assertEquals(-7L, r.cpu.rdx);
        assertEquals(Mxcsr.PE, r.cpu.sse.mxcsr & Mxcsr.FLAGS, "inexact divide, sqrt and conversions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void packedSseAlignedAndUnaligned(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.store128(D, false, dbits(1.0), dbits(-2.0));
        r.mem.store128(D + 16, false, dbits(0.5), dbits(0.25));
        r.cpu.rbx = D;
        // movapd xmm0,[rbx]; addpd xmm0,[rbx+16]; movupd [rbx+0x31],xmm0; movups xmm1,[rbx+0x31]; maxpd xmm1,[rbx]; movaps [rbx+0x40],xmm1
        r.code("66 0f 28 03 66 0f 58 43 10 66 0f 11 43 31 0f 10 4b 31 66 0f 5f 0b 0f 29 4b 40").runToEnd();
        assertEquals(1.5, dmem(r, D + 0x31), "unaligned store (its last byte is overwritten by the movaps at 0x40)");
        assertEquals(dbits(-1.75), r.cpu.sse.hi(1), "unaligned load of the unaligned store");
        assertEquals(1.5, dmem(r, D + 0x40));
        assertEquals(-1.75, dmem(r, D + 0x48));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void misalignedSseMemoryOperandIsGeneralProtection(String engine) {
        for (String code : new String[] {"66 0f 58 43 08", "0f 28 43 08", "0f 29 43 08"}) { // addpd / movaps load / store
            SnippetRunner r = new SnippetRunner(engine);
            r.cpu.rbx = D;
            r.cpu.sse.set(0, 7, 8);
            EngineExit e = r.code(code).run();
            assertEquals(Signals.SIGSEGV, e.signal(), code);
            assertEquals(SigCodes.SI_KERNEL, e.siCode());
            assertEquals(0, e.address());
            assertEquals(SnippetRunner.CODE, r.cpu.pc);
            assertEquals(7, r.cpu.sse.lo(0));
            assertEquals(0, r.mem.load(D + 8, 8, false));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void ucomisdWritesZfPfCfAndClearsTheRest(String engine) {
        double nan = Double.NaN;
        double[][] cases = {{2, 1}, {1, 2}, {1, 1}, {nan, 1}, {1, nan}};
        long[] want = {0, LazyFlags.CF, LazyFlags.ZF, LazyFlags.ZF | LazyFlags.PF | LazyFlags.CF,
            LazyFlags.ZF | LazyFlags.PF | LazyFlags.CF};
        for (int i = 0; i < cases.length; i++) {
            SnippetRunner r = new SnippetRunner(engine);
            r.cpu.sse.set(0, dbits(cases[i][0]), 0);
            r.cpu.sse.set(1, dbits(cases[i][1]), 0);
            // mov eax,0x80000000; add eax,eax (sets OF, CF, ZF, PF); ucomisd xmm0,xmm1
            r.code("b8 00 00 00 80 01 c0 66 0f 2e c1").runToEnd();
            assertEquals(want[i], r.flags(), "case " + i);
            assertEquals(0, r.cpu.sse.mxcsr & Mxcsr.FLAGS, "ucomisd with a QNaN raises nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void unmaskedSseExceptionsRaiseSigfpe(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.sse.mxcsr = SseState.MXCSR_RESET & ~(Mxcsr.ZE << Mxcsr.MASK_SHIFT);
        r.cpu.sse.set(0, dbits(1.0), 0);
        r.cpu.sse.set(1, dbits(0.0), 0);
        EngineExit e = r.code("f2 0f 5e c1").run(); // divsd xmm0,xmm1
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_FLTDIV, e.siCode());
        assertEquals(SnippetRunner.CODE, e.address());
        assertEquals(SnippetRunner.CODE, r.cpu.pc);
        assertEquals(dbits(1.0), r.cpu.sse.lo(0), "destination not written");
        assertEquals(Mxcsr.ZE, r.cpu.sse.mxcsr & Mxcsr.FLAGS);

        r = new SnippetRunner(engine);
        r.cpu.sse.mxcsr = SseState.MXCSR_RESET & ~(Mxcsr.IE << Mxcsr.MASK_SHIFT);
        r.cpu.sse.set(0, dbits(Double.NaN), 0);
        r.cpu.rax = 0x55;
        e = r.code("f2 0f 2c c0").run(); // cvttsd2si eax,xmm0
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_FLTINV, e.siCode());
        assertEquals(0x55, r.cpu.rax, "GPR not written");

        r = new SnippetRunner(engine); // masked: the integer indefinite
        r.cpu.sse.set(0, dbits(Double.NaN), 0);
        r.code("f2 0f 2c c0").runToEnd();
        assertEquals(0x80000000L, r.cpu.rax);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void ldmxcsrRejectsReservedBits(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.mem.store(D, 4, 0x3f80 | Mxcsr.FTZ, false);
        r.code("0f ae 13 0f ae 5b 04").runToEnd(); // ldmxcsr [rbx]; stmxcsr [rbx+4]
        assertEquals(0x3f80 | Mxcsr.FTZ, r.cpu.sse.mxcsr);
        assertEquals(0x3f80 | Mxcsr.FTZ, r.mem.load(D + 4, 4, false));
        r.mem.store(D, 4, 0x10000 | 0x1f80, false);
        EngineExit e = r.code("0f ae 13").run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(SigCodes.SI_KERNEL, e.siCode());
        assertEquals(0x3f80 | Mxcsr.FTZ, r.cpu.sse.mxcsr, "unchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void x87StackThroughLoadsAndStores(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.mem.store(D, 8, dbits(1.5), false);
        r.mem.store(D + 8, 8, dbits(2.25), false);
        r.mem.store(D + 24, 4, 7, false);
        r.mem.store(D + 32, 8, 0xC000000000000000L, false); // 1.5 as m80
        r.mem.store(D + 40, 2, 0x3fff, false);
        r.mem.store(D + 72, 4, Float.floatToRawIntBits(2.0f), false);
        // fld qword [rbx]; fld qword [rbx+8]; faddp; fstp qword [rbx+16]; fild dword [rbx+24]; fld tbyte [rbx+32];
        // fmul st,st(1); fstp tbyte [rbx+48]; fistp qword [rbx+64]; fld dword [rbx+72]; fld1; fucomip st,st(1);
        // fstp st(0); fnstsw ax
        r.code("dd 03 dd 43 08 de c1 dd 5b 10 db 43 18 db 6b 20 d8 c9 db 7b 30 df 7b 40 d9 43 48 d9 e8 df e9 dd d8 df e0")
                .runToEnd();
        assertEquals(3.75, dmem(r, D + 16));
        assertEquals(0xA800000000000000L, r.mem.load(D + 48, 8, false), "10.5 significand");
        assertEquals(0x4002, r.mem.load(D + 56, 2, false), "10.5 sign/exponent");
        assertEquals(7, r.mem.load(D + 64, 8, false));
        assertEquals(LazyFlags.CF, r.flags(), "fucomip 1.0 < 2.0");
        assertEquals(0, (r.cpu.rax >> 11) & 7, "TOP back to 0");
        assertEquals(0xffff, r.cpu.x87.tags, "stack empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void x87ReversedOperandForms(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.mem.store(D, 8, dbits(10), false);
        r.mem.store(D + 8, 8, dbits(4), false);
        // (fld [rbx]; fld [rbx+8]; X) for X = fsubp st(1),st / fsubrp / fdivp / fdivrp (DE E9/E1/F9/F1), then 4 fstp
        r.code("dd 03 dd 43 08 de e9 dd 03 dd 43 08 de e1 dd 03 dd 43 08 de f9 dd 03 dd 43 08 de f1"
                + " dd 5b 18 dd 5b 20 dd 5b 28 dd 5b 30").runToEnd();
        assertEquals(0.4, dmem(r, D + 0x18), "fdivrp: st(1) = st(0) / st(1)");
        assertEquals(2.5, dmem(r, D + 0x20), "fdivp: st(1) = st(1) / st(0)");
        assertEquals(-6.0, dmem(r, D + 0x28), "fsubrp: st(1) = st(0) - st(1)");
        assertEquals(6.0, dmem(r, D + 0x30), "fsubp: st(1) = st(1) - st(0)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void unmaskedX87ExceptionFaultsAtTheNextWaitingInstruction(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.mem.store(D, 2, 0x037f & ~0x4, false); // ZE unmasked
        // fldcw [rbx]; fld1; fldz; fdivp st(1),st; fnstsw ax (no wait); fstp qword [rbx+8] (waits: #MF)
        EngineExit e = r.code("d9 2b d9 e8 d9 ee de f9 df e0 dd 5b 08").run();
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_FLTDIV, e.siCode());
        assertEquals(SnippetRunner.CODE + 10, r.cpu.pc);
        assertEquals(0x84, r.cpu.rax & 0xff, "fnstsw saw ES and ZE");
        assertEquals(0, r.mem.load(D + 8, 8, false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void fxsaveFxrstorRoundTrip(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.cpu.sse.mxcsr = 0x1f80 | (Mxcsr.RC_UP << Mxcsr.RC_SHIFT) | Mxcsr.PE;
        for (int i = 0; i < 16; i++) {
            r.cpu.sse.set(i, 0x0101010101010101L * i, ~(long) i);
        }
        // fld1; fldpi; fxsave [rbx]; fninit; pxor xmm0,xmm0; pxor xmm9,xmm9; fxrstor [rbx]; fxsave64 [rbx+0x200]
        r.code("d9 e8 d9 eb 0f ae 03 db e3 66 0f ef c0 66 45 0f ef c9 0f ae 0b 48 0f ae 83 00 02 00 00").runToEnd();
        assertEquals(6, r.cpu.x87.top);
        assertEquals(0xC90FDAA22168C235L, X87.stSig(r.cpu.x87, 0), "pi rounded up (RC of the x87 is nearest)");
        assertEquals(0x8000000000000000L, X87.stSig(r.cpu.x87, 1));
        assertEquals(0, r.cpu.sse.lo(0));
        assertEquals(~0L, r.cpu.sse.hi(0));
        assertEquals(0x0909090909090909L, r.cpu.sse.lo(9));
        assertEquals(0x1f80 | (Mxcsr.RC_UP << Mxcsr.RC_SHIFT) | Mxcsr.PE, r.cpu.sse.mxcsr);
        byte[] a = new byte[464], b = new byte[464];
        r.mem.read(D, a, 0, a.length);
        r.mem.read(D + 0x200, b, 0, b.length);
        assertArrayEquals(a, b, "second image equals the first (no pointers recorded)");
        assertEquals(r.cpu.sse.mxcsr, r.mem.load(D + 24, 4, false));
        assertEquals(0xffff, r.mem.load(D + 28, 4, false), "MXCSR_MASK");
        assertEquals(0x0f0f0f0f0f0f0f0fL, r.mem.load(D + 160 + 16 * 15, 8, false), "xmm15 at 160 + 16*15");
        assertEquals(0xc0, r.mem.load(D + 4, 1, false), "abridged tags: physical 6 and 7 in use");

        EngineExit e = r.code("0f ae 43 08").run(); // fxsave [rbx+8]
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(SigCodes.SI_KERNEL, e.siCode());
        r.mem.store(D + 24, 4, 0x20000, false); // reserved MXCSR bit in the image
        e = r.code("0f ae 0b").run(); // fxrstor [rbx]
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(6, r.cpu.x87.top, "nothing restored");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void transcendentalsCallTheLibrary(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        // fld1; fld1; fpatan; fsincos; fyl2x; f2xm1; fptan; fcos; fyl2xp1; fsin
        r.code("d9 e8 d9 e8 d9 f3 d9 fb d9 f1 d9 f0 d9 f2 d9 ff d9 f9 d9 fe").runToEnd();
        org.jtcg.x86.x87.X87State want = new org.jtcg.x86.x87.X87State();
        X87.fninit(want);
        X87.fld1(want);
        X87.fld1(want);
        X87.fpatan(want);
        assertEquals(0xC90FDAA22168C235L, X87.stSig(want, 0), "atan2(1, 1) = pi/4");
        X87.fsincos(want);
        X87.fyl2x(want);
        X87.f2xm1(want);
        X87.fptan(want);
        X87.fcos(want);
        X87.fyl2xp1(want);
        X87.fsin(want);
        assertEquals(want.top, r.cpu.x87.top);
        assertEquals(X87.stSig(want, 0), X87.stSig(r.cpu.x87, 0));
        assertEquals(X87.stSe(want, 0), X87.stSe(r.cpu.x87, 0));
        assertEquals(want.fsw(), r.cpu.x87.fsw());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void packedBcdIsSigill(String engine) {
        EngineExit e = new SnippetRunner(engine).code("df 20").run(); // fbld [rax]
        assertEquals(Signals.SIGILL, e.signal());
        assertTrue(e.detail().contains("fbld"), e.detail());
    }

    /** Every op of the SSE library has its IR adapter of the same name (none forgotten after a library change). */
    @Test
    void everySseLibraryOpHasAnAdapter() {
        Set<String> adapters = Arrays.stream(SseLibHelpers.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
        for (Class<?> lib : new Class<?>[] {org.jtcg.x86.sse.SseFloat.class, org.jtcg.x86.sse.SseConvert.class,
                org.jtcg.x86.sse.SseInt.class, org.jtcg.x86.sse.SseShuffle.class}) {
            for (Method m : lib.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && m.getParameterCount() > 0 && m.getParameterTypes()[0] == SseState.class) {
                    assertTrue(adapters.contains(m.getName()), lib.getSimpleName() + "." + m.getName() + " has no adapter");
                }
            }
        }
    }
}
