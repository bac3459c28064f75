package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SET FPC validates like LOAD FPC (PoO "SET FPC": a one in a reserved bit position or an invalid BFP
 * rounding mode, 4-6, is a specification exception, Linux SIGILL ILL_ILLOPN; the FPC is unchanged).
 * Reserved: mask and flag bits 5-7 and 13-15, bits 24 and 28. Bits 25-27 are the DFP rounding mode
 * (facility 41, listed by STFLE), valid in any value, as under qemu-s390x; qemu also accepts bits 5 and 13.
 * SET DFP ROUNDING MODE (SRNMT) sets bits 25-27 from the second-operand address's bits 61-63.
 */
class SetFpcTest {
    @ParameterizedTest
    @CsvSource({
        "interp, 0x00000000, true", "jit, 0x00000003, true", "interp, 0x00000007, true", "jit, 0xf8f8ff07, true",
        "jit, 0x0000ff00, true",
        "jit, 0x00000004, false", "interp, 0x00000005, false", "jit, 0x00000006, false", "interp, 0x00000008, false",
        "jit, 0x00000080, false", "interp, 0x00000070, true", "jit, 0x00000008, false", "jit, 0x01000000, false", "interp, 0x00070000, false",
        "jit, 0x04000000, false",
    })
    void sfpcTakesOnlyAValidFpc(String engine, String hex, boolean valid) {
        long v = Long.decode(hex);
        SnippetRunner s = new SnippetRunner(engine).code("b3840020 b38c0030 0aff"); // sfpc %r2; efpc %r3
        s.cpu.fpc = 0x00000001; // toward zero
        s.cpu.r2 = 0xabcdef00_00000000L | v; // the high word is ignored
        s.cpu.r3 = -1;
        if (valid) {
            s.runToSvc();
            assertEquals(v, s.cpu.fpc);
            assertEquals(0xffffffff_00000000L | v, s.cpu.r3, "EFPC: bits 32-63 of r3");
        } else {
            EngineExit e = s.run();
            assertEquals(EngineExit.Kind.SIGNAL, e.kind(), e.toString());
            assertEquals(Signals.SIGILL, e.signal());
            assertEquals(SigCodes.ILL_ILLOPN, e.siCode());
            assertEquals(SnippetRunner.CODE, e.address());
            assertEquals(SnippetRunner.CODE + 4, s.cpu.pc, "the PSW past it (suppressed)");
            assertEquals(1, s.cpu.fpc, "unchanged");
        }
    }

    @ParameterizedTest
    @CsvSource({"interp, 0x0d, 0, 0x51", "jit, 0x0d, 0, 0x51", "jit, 0x000, 0xfffffff8, 0x01", "interp, 0x007, 0x20, 0x71"})
    void srnmtSetsTheDfpRoundingMode(String engine, String disp, String base, String fpc) {
        long d = Long.decode(disp);
        // srnmt d(%r2); efpc %r3
        SnippetRunner s = new SnippetRunner(engine).code(String.format("b2b92%03x b38c0030 0aff", d));
        s.cpu.fpc = 0x00000071; // DFP mode 7, BFP toward zero
        s.cpu.r2 = Long.decode(base);
        s.cpu.r3 = -1;
        s.runToSvc();
        assertEquals(Long.decode(fpc), s.cpu.fpc, "only bits 25-27 change");
        assertEquals(0xffffffff_00000000L | Long.decode(fpc), s.cpu.r3);
    }
}
