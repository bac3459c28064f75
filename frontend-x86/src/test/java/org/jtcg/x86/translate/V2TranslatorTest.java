package org.jtcg.x86.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.x86.sse.Crc32c;
import org.jtcg.x86.sse.Mxcsr;
import org.jtcg.x86.sse.Sse3Float;
import org.jtcg.x86.sse.Sse41Float;
import org.jtcg.x86.sse.Sse41Int;
import org.jtcg.x86.sse.SseState;
import org.jtcg.x86.sse.Ssse3;
import org.jtcg.x86.sse.StringCompare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The translator side of x86-64-v2 (semantics are checked against the host CPU by the native
 * cross-check and the fuzz groups): operand forms the fuzzer draws rarely or not at all, under
 * interp and jit: unaligned string-compare memory operands, #GP of the aligned ones, #XM of round
 * and its PE suppression, crc32's operand sizes, narrow extract stores, ptest and REX.W lengths.
 */
class V2TranslatorTest {
    static final long D = SnippetRunner.DATA;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void pcmpistriReadsAnUnalignedOperandAndZeroExtendsEcx(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        byte[] text = "xhello world\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        r.mem.poke(D, text, 0, text.length);
        r.cpu.rbx = D;
        r.cpu.rcx = -1;
        r.cpu.sse.set(0, 0x726f77L, 0); // "wor"
        r.code("66 0f 3a 63 43 01 0c").runToEnd(); // pcmpistri xmm0, [rbx+1], equal ordered
        assertEquals(6, r.cpu.rcx);
        // CF (found), ZF (text ends inside), SF (needle ends inside); OF = bit 0 clear
        assertEquals(0x01 | 0x40 | 0x80, r.flags());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void alignedFormsFaultOnAMisalignedOperand(String engine) {
        // pshufb, ptest, pmovzxbw is m64 (no check: must not fault), roundps
        for (String code : new String[] {"66 0f 38 00 43 08", "66 0f 38 17 43 08", "66 0f 3a 08 43 08 00"}) {
            SnippetRunner r = new SnippetRunner(engine);
            r.cpu.rbx = D;
            EngineExit e = r.code(code).run();
            assertEquals(Signals.SIGSEGV, e.signal(), code);
            assertEquals(SigCodes.SI_KERNEL, e.siCode(), code);
            assertEquals(SnippetRunner.CODE, r.cpu.pc, code);
        }
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.mem.store(D + 8, 8, 0x8001_7f02_ff03_0004L, false);
        r.code("66 0f 38 30 43 08").runToEnd(); // pmovzxbw xmm0, [rbx+8]
        assertEquals(0x00ff_0003_0000_0004L, r.cpu.sse.lo(0));
        assertEquals(0x0080_0001_007f_0002L, r.cpu.sse.hi(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void roundRaisesUnmaskedPrecisionUnlessImm8SuppressesIt(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.sse.mxcsr = SseState.MXCSR_RESET & ~(Mxcsr.PE << Mxcsr.MASK_SHIFT);
        r.cpu.sse.set(0, 7, 9);
        r.cpu.sse.set(1, Double.doubleToRawLongBits(1.5), 0);
        EngineExit e = r.code("66 0f 3a 0b c1 00").run(); // roundsd xmm0, xmm1, nearest
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_FLTRES, e.siCode());
        assertEquals(7, r.cpu.sse.lo(0));
        SnippetRunner q = new SnippetRunner(engine);
        q.cpu.sse.mxcsr = SseState.MXCSR_RESET & ~(Mxcsr.PE << Mxcsr.MASK_SHIFT);
        q.cpu.sse.set(0, 7, 9);
        q.cpu.sse.set(1, Double.doubleToRawLongBits(1.5), 0);
        q.code("66 0f 3a 0b c1 08").runToEnd(); // imm8[3]: precision exception suppressed
        assertEquals(2.0, Double.longBitsToDouble(q.cpu.sse.lo(0)));
        assertEquals(9, q.cpu.sse.hi(0));
        assertEquals(0, q.cpu.sse.mxcsr & Mxcsr.PE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void crc32OfTheStandardCheckString(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rax = 0xdead_beef_ffff_ffffL; // the r64 form uses the low 32 bits
        r.cpu.rcx = 0x3837363534333231L;    // "12345678"
        r.cpu.rdx = '9';
        r.code("f2 48 0f 38 f1 c1 f2 0f 38 f0 c2 f7 d0").runToEnd(); // crc32 rax, rcx; crc32 eax, dl; not eax
        assertEquals(0xe306_9283L, r.cpu.rax); // CRC-32C("123456789")
        SnippetRunner w = new SnippetRunner(engine);
        w.cpu.rax = 0x1234_5678_9abc_def0L;
        w.cpu.rcx = 0xffff_ffff_ffff_a55aL;
        w.code("66 f2 0f 38 f1 c1").runToEnd(); // crc32 eax, cx
        assertEquals(Crc32c.crc32(Crc32c.crc32(0x9abc_def0L, 0x5a, 1), 0xa5, 1), w.cpu.rax);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void extractsStoreTheirWidthAndPtestSetsZfCf(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.rbx = D;
        r.mem.store(D, 8, -1L, false);
        r.cpu.sse.set(0, 0x0706_0504_0302_0100L, 0x0f0e_0d0c_0b0a_0908L);
        r.cpu.sse.set(1, 0, 0);
        r.code("66 0f 3a 14 03 0d 66 0f 3a 15 43 02 06 66 0f 38 17 c1").runToEnd(); // pextrb [rbx], 13; pextrw [rbx+2], 6; ptest
        assertEquals(0xffff_ffff_0d0c_ff0dL, r.mem.load(D, 8, false));
        assertEquals(0x41, r.flags()); // xmm1 = 0: ZF and CF
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void pcmpestriTakesRaxRdxWithRexW(String engine) {
        for (boolean w : new boolean[] {false, true}) {
            SnippetRunner r = new SnippetRunner(engine);
            r.cpu.rax = 0x1_0000_0003L; // eax 3, rax saturated to 16
            r.cpu.rdx = 16;
            r.code(w ? "66 48 0f 3a 61 c1 00" : "66 0f 3a 61 c1 00").runToEnd();
            assertEquals(w ? 0 : 0x80, r.flags() & 0x80, "SF with REX.W " + w);
        }
    }

    /** Every op of the x86-64-v2 library classes has its IR adapter of the same name. */
    @Test
    void everyV2LibraryOpHasAnAdapter() {
        Set<String> adapters = Arrays.stream(SseV2LibHelpers.class.getMethods()).map(Method::getName).collect(Collectors.toSet());
        for (Class<?> lib : new Class<?>[] {Sse3Float.class, Ssse3.class, Sse41Int.class, Sse41Float.class, StringCompare.class, Crc32c.class}) {
            for (Method m : lib.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                    assertTrue(adapters.contains(m.getName()), lib.getSimpleName() + "." + m.getName() + " has no adapter");
                }
            }
        }
    }
}
