package org.jtcg.x86.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.cpuid.CpuLevel;
import org.jtcg.x86.cpuid.CpuidModel;
import org.jtcg.x86.sse.SseState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The translator side of x86-64-v3 part 2 (the semantics are checked against the host CPU by
 * NativeFlagOracleTest, V3CrossCheckTest and the v3bmi/v3fma guest programs), under interp and jit:
 * lzcnt/tzcnt by CPU level, BMI memory operands, FMA/F16C memory operand sizes at the end of a page,
 * upper-half zeroing and #XM with the destination unchanged.
 */
class V3TranslatorTest {
    static final long D = SnippetRunner.DATA;
    /** The last 4 bytes of the data area: an 8-byte access there faults. */
    static final long PAGE_END = SnippetRunner.DATA + 0x10000 - 4;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void lzcntAndTzcntAreBsrAndBsfBelowV3(String engine) {
        CpuLevel saved = CpuidModel.active().level();
        try {
            CpuidModel.select(CpuLevel.V2);
            SnippetRunner r = new SnippetRunner(engine);
            r.cpu.rbx = 0x10;
            r.cpu.rcx = 0;
            r.cpu.rax = 77;
            r.cpu.rdx = 0xf0;
            r.code("f3 48 0f bd c3 f3 48 0f bc d2 f3 48 0f bc c9").runToEnd(); // lzcnt rax,rbx; tzcnt rdx,rdx; tzcnt rcx,rcx
            assertEquals(4, r.cpu.rax, "bsr");
            assertEquals(4, r.cpu.rdx, "bsf");
            assertEquals(0, r.cpu.rcx, "bsf of zero: destination unchanged");
            assertEquals(LazyFlags.ZF, r.flags() & LazyFlags.ZF);
            CpuidModel.select(CpuLevel.V3);
            r = new SnippetRunner(engine);
            r.cpu.rbx = 0x10;
            r.cpu.rcx = 0;
            r.code("f3 48 0f bd c3 f3 48 0f bc c9").runToEnd();
            assertEquals(59, r.cpu.rax, "lzcnt");
            assertEquals(64, r.cpu.rcx, "tzcnt of zero");
            assertEquals(LazyFlags.CF, r.flags() & (LazyFlags.CF | LazyFlags.ZF));
        } finally {
            CpuidModel.select(saved);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void bmiMemoryOperands(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.poke(D, new byte[] {(byte) 0xf0, (byte) 0xff, 0, 0, 0, 0, 0, (byte) 0x80}, 0, 8);
        r.cpu.rbx = D;
        r.cpu.rcx = 0x0f0f;
        r.cpu.rdx = 3;
        // andn rax, rcx, [rbx] ; bextr esi, [rbx], ecx (start 15, length 15) ; mulx rcx, rdi, [rbx] (rdx * m)
        r.code("c4 e2 f0 f2 03 c4 e2 70 f7 33 c4 e2 c3 f6 0b").runToEnd();
        long m = 0x800000000000fff0L;
        assertEquals(m & ~0x0f0fL, r.cpu.rax);
        assertEquals((m >>> 15) & 0x7fff & 0xffffffffL, r.cpu.rsi);
        assertEquals(Math.multiplyHigh(3, m) + ((m >> 63) & 3), r.cpu.rcx, "high half (unsigned)");
        assertEquals(3 * m, r.cpu.rdi, "low half");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void scalarAndHalfOperandsReadOnlyTheirBytes(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.mem.poke(PAGE_END, new byte[] {0, 0, (byte) 0x80, 0x3f}, 0, 4); // 1.0f
        r.cpu.rbx = PAGE_END;
        r.cpu.sse.set(0, 0x40000000L | 0x1234_5678_0000_0000L, 7); // 2.0f, other lanes kept
        r.cpu.sse.set(1, 0x40400000L, 0); // 3.0f
        r.cpu.sse.setUpper(0, 1, 2);
        r.code("c4 e2 71 b9 03").runToEnd(); // vfmadd231ss xmm0, xmm1, [rbx]: 3*1+2
        assertEquals(0x40a00000L | 0x1234_5678_0000_0000L, r.cpu.sse.lo(0));
        assertEquals(7, r.cpu.sse.hi(0));
        assertEquals(0, r.cpu.sse.upperLo(0) | r.cpu.sse.upperHi(0), "VEX.128 zeroes bits 255:128");
        // vcvtps2ph [rbx-4], xmm1, 0 writes 8 bytes; at PAGE_END-4 they end at the page end
        r = new SnippetRunner(engine);
        r.cpu.rbx = PAGE_END - 4;
        r.cpu.sse.set(1, 0x3f800000_40000000L, 0xc0000000_00000000L);
        r.code("c4 e3 79 1d 0b 00").runToEnd();
        byte[] got = new byte[8];
        r.mem.read(PAGE_END - 4, got, 0, 8);
        assertEquals(0x3c00_4000L | 0xc000_0000_0000_0000L, java.nio.ByteBuffer.wrap(got).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void unmaskedInvalidRaisesXmWithTheDestinationUnchanged(String engine) {
        SnippetRunner r = new SnippetRunner(engine);
        r.cpu.sse.mxcsr = SseState.MXCSR_RESET & ~0x80; // IE unmasked
        r.cpu.sse.set(2, 0x3ff0000000000000L, 5); // 1.0 (and a denormal)
        r.cpu.sse.set(3, 0x7ff0000000000000L, 0); // inf
        r.cpu.sse.set(4, 0, 0);
        EngineExit e = r.code("c4 e2 e1 bc d4").run(); // vfnmadd231pd xmm2, xmm3, xmm4: -(inf*0) + 1.0
        assertEquals(EngineExit.Kind.SIGNAL, e.kind());
        assertEquals(Signals.SIGFPE, e.signal(), e.toString());
        assertEquals(SigCodes.FPE_FLTINV, e.siCode());
        assertEquals(0x3ff0000000000000L, r.cpu.sse.lo(2));
        assertEquals(5, r.cpu.sse.hi(2));
    }
}
