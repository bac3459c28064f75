package org.jtcg.arm64.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.jtcg.arm64.translate.A64SnippetRunner.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AdvSIMD integer instructions of the structure-load, widening, saturating and rounding families
 * against literal values worked out from the Arm ARM pseudocode, under both engines; FPSR.QC is
 * checked both ways (set exactly when a lane saturates, scalar forms ignoring the other lanes).
 * Instruction words come from aarch64-linux-gnu-as; the source line is next to each. The broad
 * comparison with qemu is the neon/vecint guest programs.
 */
class SimdIntegerTest {
    private static final long QC = 1L << 27;

    private static A64SnippetRunner runner(String e, int insn) {
        return new A64SnippetRunner(e).code(insn);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void structureLoadsAndStores(String e) {
        A64SnippetRunner r = runner(e, 0x4cdf4400); // ld3 {v0.8h-v2.8h}, [x0], #48
        for (int k = 0; k < 24; k++) {
            r.mem.store(DATA + 2L * k, 2, k, false);
        }
        r.cpu.x0 = DATA;
        r.runToEnd();
        assertEquals(0x0009_0006_0003_0000L, r.cpu.v0lo);
        assertEquals(0x0015_0012_000f_000cL, r.cpu.v0hi);
        assertEquals(0x000a_0007_0004_0001L, r.cpu.v1lo);
        assertEquals(0x0016_0013_0010_000dL, r.cpu.v1hi);
        assertEquals(0x000b_0008_0005_0002L, r.cpu.v2lo);
        assertEquals(0x0017_0014_0011_000eL, r.cpu.v2hi);
        assertEquals(DATA + 48, r.cpu.x0);

        r = runner(e, 0x4da22424); // st4 {v4.b-v7.b}[9], [x1], x2
        r.cpu.v4hi = 0xaa00;
        r.cpu.v5hi = 0xbb00;
        r.cpu.v6hi = 0xcc00;
        r.cpu.v7hi = 0xdd00;
        r.cpu.x1 = DATA + 16;
        r.cpu.x2 = 100;
        r.runToEnd();
        assertEquals(0xddcc_bbaaL, r.mem.load(DATA + 16, 4, false));
        assertEquals(0, r.mem.load(DATA + 20, 1, false));
        assertEquals(DATA + 116, r.cpu.x1);

        r = runner(e, 0x4d60c808); // ld2r {v8.4s, v9.4s}, [x0]
        r.mem.store(DATA, 8, 0x2222_2222_1111_1111L, false);
        r.cpu.x0 = DATA;
        r.runToEnd();
        assertEquals(0x1111_1111_1111_1111L, r.cpu.v8lo);
        assertEquals(0x1111_1111_1111_1111L, r.cpu.v8hi);
        assertEquals(0x2222_2222_2222_2222L, r.cpu.v9hi);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void saturationSetsQcExactly(String e) {
        A64SnippetRunner r = runner(e, 0x4e220c20); // sqadd v0.16b, v1.16b, v2.16b
        r.cpu.v1lo = 0x7f80_0102_ff00_7f40L;
        r.cpu.v2lo = 0x0180_7f7f_0100_4040L;
        r.cpu.v2hi = 5;
        r.runToEnd();
        assertEquals(0x7f80_7f7f_0000_7f7fL, r.cpu.v0lo);
        assertEquals(5, r.cpu.v0hi);
        assertEquals(QC, r.cpu.fpsr);

        r = runner(e, 0x7e622c20); // uqsub h0, h1, h2: the lanes above h would saturate, but take no part
        r.cpu.v1lo = 5;
        r.cpu.v2lo = 0xffff_ffff_ffff_0003L;
        r.cpu.v0hi = 9;
        r.runToEnd();
        assertEquals(2, r.cpu.v0lo);
        assertEquals(0, r.cpu.v0hi);
        assertEquals(0, r.cpu.fpsr);

        r = runner(e, 0x4f72d820); // sqrdmulh v0.8h, v1.8h, v2.h[7]
        r.cpu.v2hi = 0x8000_0000_0000_0000L;           // element -32768
        r.cpu.v1lo = 0xffff_0001_4000_8000L;           // -1, 1, 16384, -32768
        r.runToEnd();
        assertEquals(0x0001_ffff_c000_7fffL, r.cpu.v0lo); // 1, -1 (rounds down), -16384, saturated
        assertEquals(0, r.cpu.v0hi);
        assertEquals(QC, r.cpu.fpsr);

        r = runner(e, 0x6e212820); // sqxtun2 v0.16b, v1.8h
        r.cpu.v0lo = 0x1234;
        r.cpu.v1lo = 0x8000_00ff_0100_007fL;
        r.cpu.v1hi = 0x0000_0001_7fff_ffffL;
        r.runToEnd();
        assertEquals(0x1234, r.cpu.v0lo);
        assertEquals(0x0001_ff00_00ff_ff7fL, r.cpu.v0hi);
        assertEquals(QC, r.cpu.fpsr);

        r = runner(e, 0x5f3d9c20); // sqrshrn s0, d1, #3
        r.cpu.v1lo = 0x3_ffff_fffcL;                   // (x + 4) >> 3 = 2^31: one above the maximum
        r.runToEnd();
        assertEquals(0x7fff_ffffL, r.cpu.v0lo);
        assertEquals(QC, r.cpu.fpsr);
        r = runner(e, 0x5f3d9c20);
        r.cpu.v1lo = -20;
        r.cpu.v1hi = Long.MIN_VALUE;                   // not part of d1
        r.runToEnd();
        assertEquals(0xffff_fffeL, r.cpu.v0lo);        // (-20 + 4) >> 3 = -2
        assertEquals(0, r.cpu.fpsr);

        r = runner(e, 0x5e62d020); // sqdmull s0, h1, h2
        r.cpu.v1lo = 0x8000;
        r.cpu.v2lo = 0x8000;
        r.runToEnd();
        assertEquals(0x7fff_ffffL, r.cpu.v0lo);
        assertEquals(QC, r.cpu.fpsr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void roundingInsertingAndWidening(String e) {
        A64SnippetRunner r = runner(e, 0x6f402420); // urshr v0.2d, v1.2d, #64
        r.cpu.v1lo = Long.MIN_VALUE;                     // (2^63 + 2^63) >> 64 = 1
        r.cpu.v1hi = Long.MAX_VALUE;
        r.runToEnd();
        assertEquals(1, r.cpu.v0lo);
        assertEquals(0, r.cpu.v0hi);

        r = runner(e, 0x6f3f5420); // sli v0.4s, v1.4s, #31
        r.cpu.v0lo = 0xffff_ffff_0000_0000L;
        r.cpu.v0hi = 1;
        r.cpu.v1lo = 3;
        r.runToEnd();
        assertEquals(0x7fff_ffff_8000_0000L, r.cpu.v0lo);
        assertEquals(1, r.cpu.v0hi);

        r = runner(e, 0x6ea2a020); // umlsl2 v0.2d, v1.4s, v2.4s
        r.cpu.v1hi = 0x0000_0002_ffff_ffffL;
        r.cpu.v2hi = 0x0000_0003_0000_0002L;
        r.cpu.v0lo = 0x1_ffff_ffffL;
        r.cpu.v0hi = 5;
        r.runToEnd();
        assertEquals(1, r.cpu.v0lo);
        assertEquals(-1, r.cpu.v0hi);

        r = runner(e, 0x0e22e020); // pmull v0.8h, v1.8b, v2.8b
        r.cpu.v1lo = 0x0080_03ffL;
        r.cpu.v2lo = 0x0002_03ffL;
        r.runToEnd();
        assertEquals(0x0000_0100_0005_5555L, r.cpu.v0lo); // carry-less: ff*ff = 5555, 3*3 = 5, 80*2 = 100
        assertEquals(0, r.cpu.v0hi);

        r = runner(e, 0x6e602820); // uaddlp v0.4s, v1.8h
        r.cpu.v1lo = 0xffff_ffff_0001_0002L;
        r.cpu.v1hi = 0x0000_0005_0000_0007L;
        r.runToEnd();
        assertEquals(0x0001_fffe_0000_0003L, r.cpu.v0lo);
        assertEquals(0x0000_0005_0000_0007L, r.cpu.v0hi);
    }

    /** add, sub and the shifts by immediate are inline IR (carries and borrows kept inside each lane). */
    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void inlineLaneArithmetic(String e) {
        A64SnippetRunner r = runner(e, 0x4e228420); // add v0.16b, v1.16b, v2.16b
        r.cpu.v1lo = 0xff7f_8001_00ff_7f80L;
        r.cpu.v2lo = 0x0101_8001_0101_0180L;
        r.cpu.v1hi = -1;
        r.cpu.v2hi = 0x0101_0101_0101_0101L;
        r.runToEnd();
        assertEquals(0x0080_0002_0100_8000L, r.cpu.v0lo);
        assertEquals(0, r.cpu.v0hi);

        r = runner(e, 0x6e628420); // sub v0.8h, v1.8h, v2.8h
        r.cpu.v1lo = 0x0000_8000_0001_ffffL;
        r.cpu.v2lo = 0x0001_0001_0002_ffffL;
        r.runToEnd();
        assertEquals(0xffff_7fff_ffff_0000L, r.cpu.v0lo);

        r = runner(e, 0x4f0d0420); // sshr v0.16b, v1.16b, #3
        r.cpu.v1lo = 0x08ff_7f80L;
        r.runToEnd();
        assertEquals(0x01ff_0ff0L, r.cpu.v0lo);     // -128 >> 3 = -16, 127 >> 3 = 15, -1, 1

        r = runner(e, 0x6f210420); // ushr v0.4s, v1.4s, #31
        r.cpu.v1lo = 0x8000_0000_7fff_ffffL;
        r.cpu.v1hi = 0xffff_ffff_0000_0000L;
        r.runToEnd();
        assertEquals(0x1_0000_0000L, r.cpu.v0lo);
        assertEquals(0x1_0000_0000L, r.cpu.v0hi);

        r = runner(e, 0x4f1f5420); // shl v0.8h, v1.8h, #15
        r.cpu.v1lo = 0x0003_0002_0001_ffffL;
        r.runToEnd();
        assertEquals(0x8000_0000_8000_8000L, r.cpu.v0lo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void unadvertisedAndMisalignedFault(String e) {
        EngineExit x = runner(e, 0x0ee2e020).run(); // pmull v0.1q, v1.1d, v2.1d: the crypto extension
        assertEquals(Signals.SIGILL, x.signal());

        A64SnippetRunner r = runner(e, 0x885ffc20); // ldaxr w0, [x1]
        r.cpu.x1 = DATA + 2;
        x = r.run();
        assertEquals(Signals.SIGBUS, x.signal());
        assertEquals(SigCodes.BUS_ADRALN, x.siCode());
        assertEquals(DATA + 2, x.address());

        r = runner(e, 0xc8239424); // stlxp w3, x4, x5, [x1]: a pair of x registers needs 16-byte alignment
        r.cpu.x1 = DATA + 8;
        r.cpu.x3 = 77;
        x = r.run();
        assertEquals(Signals.SIGBUS, x.signal());
        assertEquals(77, r.cpu.x3);
    }
}
