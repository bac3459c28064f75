package org.jtcg.core.ir;

import org.jtcg.core.engine.BlockCode;
import org.jtcg.core.engine.ExecContext;
import org.jtcg.core.engine.FlatMemory;
import org.jtcg.core.engine.TestCpu;
import org.jtcg.core.interp.InterpCompiler;
import org.jtcg.core.interp.nodes.NodeCompiler;
import org.jtcg.core.jit.JitCompiler;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The vector ops' semantics with literal expected values (computed lane by lane, independently of
 * the SWAR code), and the same ops run through the interpreter and the JIT.
 */
class VectorOpsTest {
    /** Lanes, low byte first: a = 30 20 10 00 7f 80 ff 01, b = d0 e0 f0 ff 01 80 01 01. */
    private static final long A = 0x01ff807f00102030L, B = 0x01018001fff0e0d0L;

    /** Op, then the result word for element sizes 8, 16, 32, 64. */
    private static final Object[][] BINARY = {
        {Opcode.VADD, 0x02000080ff000000L, 0x0300008000000100L, 0x0301008000010100L, 0x0301008100010100L},
        {Opcode.VSUB, 0x00fe007e01204060L, 0x00fe007e00203f60L, 0x00fe007e001f3f60L, 0x00fe007d001f3f60L},
        {Opcode.VADDSS, 0x0200807fff000000L, 0x0300800000000100L, 0x0301008000010100L, 0x0301008100010100L},
        {Opcode.VADDUS, 0x02ffff80ffffffffL, 0x0300ffffffffffffL, 0x03010080ffffffffL, 0x0301008100010100L},
        {Opcode.VSUBSS, 0x00fe007e01204060L, 0x00fe007e00203f60L, 0x00fe007e001f3f60L, 0x00fe007d001f3f60L},
        {Opcode.VSUBUS, 0x00fe007e00000000L, 0x00fe007e00000000L, 0x00fe007e00000000L, 0x00fe007d001f3f60L},
        {Opcode.VCMPEQ, 0xff00ff0000000000L, 0L, 0L, 0L},
        {Opcode.VCMPGTS, 0x000000ffffffffffL, -1L, -1L, -1L},
        {Opcode.VCMPGTU, 0x00ff00ff00000000L, 0xffffffff00000000L, 0xffffffff00000000L, -1L},
        {Opcode.VMINS, 0x01ff8001fff0e0d0L, 0x01018001fff0e0d0L, 0x01018001fff0e0d0L, 0x01018001fff0e0d0L},
        {Opcode.VMINU, 0x0101800100102030L, 0x0101800100102030L, 0x0101800100102030L, 0x01018001fff0e0d0L},
        {Opcode.VMAXS, 0x0101807f00102030L, 0x01ff807f00102030L, 0x01ff807f00102030L, 0x01ff807f00102030L},
        {Opcode.VMAXU, 0x01ff807ffff0e0d0L, 0x01ff807ffff0e0d0L, 0x01ff807ffff0e0d0L, 0x01ff807f00102030L},
        {Opcode.VAND, A & B, A & B, A & B, A & B},
        {Opcode.VOR, A | B, A | B, A | B, A | B},
        {Opcode.VXOR, A ^ B, A ^ B, A ^ B, A ^ B},
        {Opcode.VANDC, A & ~B, A & ~B, A & ~B, A & ~B},
    };

    /** Element size, count, then shl, shr, sar of A. */
    private static final long[][] SHIFTS = {
        {8, 3, 0x08f800f800800080L, 0x001f100f00020406L, 0x00fff00f00020406L},
        {16, 4, 0x1ff007f001000300L, 0x001f080700010203L, 0x001ff80700010203L},
        {32, 31, 0x8000000000000000L, 0L, 0L},
        {64, 1, 0x03ff00fe00204060L, 0x00ffc03f80081018L, 0x00ffc03f80081018L},
        {16, 16, 0L, 0L, 0x0000ffff00000000L},
        {8, 200, 0L, 0L, 0x00ffff0000000000L},
    };

    @Test
    void binaryWordFunctionsMatchLaneByLaneValues() {
        for (Object[] row : BINARY) {
            Opcode opc = (Opcode) row[0];
            for (int k = 0; k < 4; k++) {
                int esize = 8 << k;
                assertEquals((long) row[1 + k], VectorSemantics.binary(opc, A, B, esize), opc + "." + esize);
            }
        }
    }

    @Test
    void saturationAtTheEdgesOf64BitLanes() {
        assertEquals(Long.MAX_VALUE, VectorSemantics.addss(Long.MAX_VALUE, 1, 64));
        assertEquals(Long.MIN_VALUE, VectorSemantics.addss(Long.MIN_VALUE, -1, 64));
        assertEquals(-1L, VectorSemantics.addus(-2L, 2, 64));
        assertEquals(Long.MIN_VALUE, VectorSemantics.subss(Long.MIN_VALUE, 1, 64));
        assertEquals(0L, VectorSemantics.subus(1, 2, 64));
        assertEquals(0x7f80L, VectorSemantics.addss(0x4080L, 0x40ffL, 8)); // 0x40+0x40 → 0x7f, 0x80+0xff → 0x80
    }

    @Test
    void shiftsByImmediateIncludingCountsOfTheLaneWidthOrMore() {
        for (long[] row : SHIFTS) {
            int esize = (int) row[0], count = (int) row[1];
            assertEquals(row[2], VectorSemantics.shli(A, count, esize), "shl." + esize + " " + count);
            assertEquals(row[3], VectorSemantics.shri(A, count, esize), "shr." + esize + " " + count);
            assertEquals(row[4], VectorSemantics.sari(A, count, esize), "sar." + esize + " " + count);
        }
    }

    @Test
    void laneGetAndSet() {
        long lo = 0x0706050403020100L, hi = 0x0f0e0d0c0b0a0908L;
        assertEquals(0x0aL, VectorSemantics.get(lo, hi, 10, 8));
        assertEquals(0x0706L, VectorSemantics.get(lo, hi, 3, 16));
        assertEquals(0x0f0e0d0cL, VectorSemantics.get(lo, hi, 3, 32));
        assertEquals(hi, VectorSemantics.get(lo, hi, 1, 64));
        assertEquals(0x0706ffff03020100L, VectorSemantics.setWord(lo, 0, 0x1234ffffL, 2, 16));
        assertEquals(hi, VectorSemantics.setWord(hi, 1, 0x1234ffffL, 2, 16), "lane 2 of 16 bits is in word 0");
        assertEquals(0x0f0e0d0c000000aaL, VectorSemantics.setWord(hi, 1, 0xaaL, 2, 32));
    }

    /** One block over TestCpu's vector file, under every engine: the final file must be the literal expected one. */
    @Test
    void interpreterAndJitRunTheOpsOnTheCpuVectorFile() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        VectorBuilder v = b.vectors();
        b.insnStart(0x100);
        v.set(64, 0, 0, b.const64(A)).set(64, 0, 1, b.const64(B));   // v0 = {A, B}
        v.set(64, 1, 0, b.const64(B)).set(64, 1, 1, b.const64(A));   // v1 = {B, A}
        v.mov(2, 0);                                                 // v2 = v0
        v.binary(Opcode.VADD, 8, 2, 2, 1);                           // v2 = v0 + v1 (bytes)
        v.binary(Opcode.VCMPGTU, 16, 3, 0, 1);                       // v3 = v0 >u v1 (words)
        v.shift(Opcode.VSARI, 16, 1, 1, 4);                          // v1 = v1 >>s 4 (in place)
        v.set(8, 0, 15, b.const32(0x1ab));                           // top byte of v0 = 0xab
        Val g = v.get(16, 2, 5);                                     // bits 80..95 of v2
        b.mov(b.global("r0"), g);
        b.exitHalt(0x104);
        IrBlock block = b.finish(0x104);
        long addLo = 0x02000080ff000000L, addHi = 0x02000080ff000000L; // byte add commutes: both words equal
        long gtLo = 0xffffffff00000000L, gtHi = 0x00000000ffffffffL;
        long[] expected = {A, 0xab018001fff0e0d0L, 0x0010f800fffffe0dL, 0x001ff80700010203L, addLo, addHi, gtLo, gtHi};
        for (var compiler : new org.jtcg.core.engine.BlockCompiler[]{new InterpCompiler(), new JitCompiler(), new NodeCompiler()}) {
            TestCpu cpu = new TestCpu();
            BlockCode code = compiler.compile(block);
            code.exec(cpu, new ExecContext(new FlatMemory(0, 0x1000)));
            assertArrayEquals(expected, cpu.vectors, compiler.getClass().getSimpleName() + "\n" + IrPrinter.print(block));
            assertEquals(0xff00L, cpu.r0, compiler.getClass().getSimpleName()); // byte lanes 10, 11 of v2: 0x00, 0xff
        }
    }

    @Test
    void builderRejectsMisuse() {
        IrBuilder b = new IrBuilder(TestCpu.LAYOUT, 0x100);
        VectorBuilder v = b.vectors();
        b.insnStart(0x100);
        assertThrows(IllegalStateException.class, () -> v.binary(Opcode.VADD, 8, 4, 0, 0), "register 4 of 4");
        assertThrows(IllegalStateException.class, () -> v.binary(Opcode.VADD, 12, 0, 0, 0), "element size");
        assertThrows(IllegalStateException.class, () -> v.binary(Opcode.VSHLI, 8, 0, 0, 0), "shift as binary");
        assertThrows(IllegalStateException.class, () -> v.shift(Opcode.VSHLI, 8, 0, 0, 256), "count");
        assertThrows(IllegalStateException.class, () -> v.get(32, 0, 4), "lane 4 of 32-bit lanes");
        assertThrows(IllegalStateException.class, () -> v.set(64, 0, 0, b.const32(1)), "i32 into a 64-bit lane");
        IrBuilder none = new IrBuilder(new org.jtcg.core.linux.TestCpu().layout(), 0x100);
        none.insnStart(0x100);
        assertThrows(IllegalStateException.class, () -> none.vectors().mov(0, 0), "layout without vector registers");
    }
}
