package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Extended BFP (FPR pairs), FPC traps and the FPC instructions on both TCG engines, with literal
 * expected values (binary128 patterns worked out by hand; machine code from s390x-linux-gnu-as).
 */
class BfpExtendedTest {
    private static final long ONE = 0x3fff000000000000L, TWO = 0x4000000000000000L, THREE = 0x4000800000000000L;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void arithmeticConversionsAndCcOnRegisterPairs(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b34a0004"        // axbr %f0,%f4
                + "b2220040"      // ipm %r4
                + "b34c0004"      // mxbr %f0,%f4
                + "b34d0015"      // dxbr %f1,%f5
                + "b3490001"      // cxbr %f0,%f1
                + "b2220050"      // ipm %r5
                + "b3455081"      // ldxbra %f8,5,%f1,0
                + "b30500c8"      // lxdbr %f12,%f8
                + "b3aa5061"      // cgxbr %r6,5,%f1
                + "b3476441"      // fixbra %f4,6,%f1,4
                + "b34300d4"      // lcxbr %f13,%f4
                + "b2220070"      // ipm %r7
                + "b3a20089"      // cxlgbr %f8,0,%r9,0
                + "0aff");
        s.cpu.f0 = ONE; s.cpu.f2 = 0;
        s.cpu.f4 = TWO; s.cpu.f6 = 0;
        s.cpu.f1 = ONE; s.cpu.f3 = 0;
        s.cpu.f5 = THREE; s.cpu.f7 = 0;
        s.cpu.r9 = -1;
        s.runToSvc();
        assertEquals(2, SnippetRunner.ipmCc(s.cpu.r4), "1 + 2 > 0");
        assertEquals(0x4001800000000000L, s.cpu.f0, "(1 + 2) * 2 = 6");
        assertEquals(0, s.cpu.f2);
        assertEquals(0x3ffd555555555555L, s.cpu.f1, "1/3 rounded to nearest: 0101... down");
        assertEquals(0x5555555555555555L, s.cpu.f3);
        assertEquals(2, SnippetRunner.ipmCc(s.cpu.r5), "6 > 1/3");
        assertEquals(0x3ffd555555555555L, s.cpu.f12, "lxdbr of the long 1/3: its 52 fraction bits on top");
        assertEquals(0x5000000000000000L, s.cpu.f14);
        assertEquals(0, s.cpu.r6, "1/3 toward zero");
        assertEquals(ONE, s.cpu.f4, "1/3 rounded up to an integer");
        assertEquals(0, s.cpu.f6);
        assertEquals(0xbfff000000000000L, s.cpu.f13, "lcxbr: -1");
        assertEquals(0, s.cpu.f15);
        assertEquals(1, SnippetRunner.ipmCc(s.cpu.r7), "negative");
        assertEquals(0x403effffffffffffL, s.cpu.f8, "2^64 - 1 exactly: 63 fraction ones");
        assertEquals(0xfffe000000000000L, s.cpu.f10);
        assertEquals(0x00080000L, s.cpu.fpc, "inexact only (dxbr, ldxbra, cgxbr; fixbra suppressed by XxC)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void narrowingKeepsTheRightHalfOfAShortResult(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b3460081"        // lexbr %f8,%f1
                + "0aff");
        s.cpu.f1 = 0x3ffd555555555555L; s.cpu.f3 = 0x5555555555555555L;
        s.cpu.f8 = 0x11111111_22222222L;
        s.runToSvc();
        assertEquals(0x3eaaaaab_22222222L, s.cpu.f8, "1/3 as a short, rounded to nearest (up)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void invalidRegisterPairIsSpecificationException(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("b34a0002"); // axbr %f0,%f2
        EngineExit e = s.run();
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SigCodes.ILL_ILLOPN, e.siCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void enabledDivideByZeroTrapsAndSuppressesTheResult(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b3840020"        // sfpc %r2
                + "b34d0004"      // dxbr %f0,%f4
                + "0aff");
        s.cpu.r2 = 0x40000000L; // divide-by-zero mask
        s.cpu.f0 = ONE; s.cpu.f2 = 7;
        s.cpu.f4 = 0; s.cpu.f6 = 0;
        EngineExit e = s.run();
        assertEquals(EngineExit.Kind.SIGNAL, e.kind());
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_FLTDIV, e.siCode());
        assertEquals(SnippetRunner.CODE + 4, e.address(), "at the dxbr");
        assertEquals(SnippetRunner.CODE + 8, s.cpu.pc, "the PSW past it");
        assertEquals(0x40004000L, s.cpu.fpc, "DXC 0x40, no flag");
        assertEquals(ONE, s.cpu.f0, "suppressed");
        assertEquals(7, s.cpu.f2);
        assertEquals(0, s.cpu.fpTrap, "consumed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void enabledInexactTrapsAfterCompletingTheResult(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b3840020"        // sfpc %r2
                + "b31d0002"      // ddbr %f0,%f2
                + "0aff");
        s.cpu.r2 = 0x08000000L; // inexact mask
        s.cpu.f0 = Double.doubleToRawLongBits(1.0);
        s.cpu.f2 = Double.doubleToRawLongBits(3.0);
        EngineExit e = s.run();
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_FLTRES, e.siCode());
        assertEquals(0x08000800L, s.cpu.fpc, "DXC 0x08");
        assertEquals(0x3fd5555555555555L, s.cpu.f0, "completed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void roundingModeAndFpcLoadStore(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "b2b80002"        // srnmb 2
                + "b31d0002"      // ddbr %f0,%f2 (rounds up)
                + "b29d1000"      // lfpc 0(%r1)
                + "b29c1004"      // stfpc 4(%r1)
                + "0aff");
        s.cpu.r1 = SnippetRunner.DATA;
        s.mem.store(SnippetRunner.DATA, 4, 0x00f80003L, true);
        s.cpu.f0 = Double.doubleToRawLongBits(1.0);
        s.cpu.f2 = Double.doubleToRawLongBits(3.0);
        s.runToSvc();
        assertEquals(0x3fd5555555555556L, s.cpu.f0, "toward +infinity");
        assertEquals(0x00f80003L, s.cpu.fpc);
        assertEquals(0x00f80003L, s.mem.load(SnippetRunner.DATA + 4, 4, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void lfpcOfAReservedRoundingModeIsSpecificationException(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("b29d1000"); // lfpc 0(%r1)
        s.cpu.r1 = SnippetRunner.DATA;
        s.mem.store(SnippetRunner.DATA, 4, 5, true);
        EngineExit e = s.run();
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(0, s.cpu.fpc);
    }
}
