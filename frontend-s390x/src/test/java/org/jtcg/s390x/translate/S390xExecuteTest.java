package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EXECUTE and EXECUTE RELATIVE LONG of any target: the modified instruction runs as its own block
 * ({@link ExecuteTargets}), with relative operands taken from the target's address and the link address
 * from the EXECUTE's; EXECUTE of EXECUTE and an odd target are SIGILL at the EXECUTE. Machine code from
 * s390x-linux-gnu-as.
 */
class S390xExecuteTest {
    private static final long TARGET = SnippetRunner.CODE + 0x100;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void theOrModifiesRegisterFieldsAndIsCachedPerValue(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "44104000"        // ex %r1,0(%r4)
                + "b2220060"      // ipm %r6
                + "0aff");
        s.mem.poke(TARGET, new byte[] {0x1a, 0x00}, 0, 2); // ar %r0,%r0
        s.cpu.r4 = TARGET;
        s.cpu.r1 = 0x23;          // -> ar %r2,%r3
        s.cpu.r2 = 0x7fffffff;
        s.cpu.r3 = 1;
        s.runToSvc();
        assertEquals(0x80000000L, s.cpu.r2);
        assertEquals(3, SnippetRunner.ipmCc(s.cpu.r6), "overflow");
        s.cpu.r1 = 0x145;         // low byte 0x45 -> ar %r4,%r5 (r4 is also the base: it was used first)
        s.cpu.r5 = 2;
        s.runToSvc();
        assertEquals(TARGET + 2, s.cpu.r4, "a different OR value is a different instruction");
        assertEquals(0x80000000L, s.cpu.r2, "unchanged by the second execution");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aStoreToTheTargetIsSeenByTheNextExecute(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("44004000 0aff"); // ex %r0,0(%r4)
        s.cpu.r4 = TARGET;
        s.mem.poke(TARGET, new byte[] {(byte) 0xa7, 0x28, 0x00, 0x11}, 0, 4); // lhi %r2,17
        s.runToSvc();
        assertEquals(17, s.cpu.r2);
        s.mem.poke(TARGET, new byte[] {(byte) 0xa7, 0x28, 0x00, 0x22}, 0, 4); // lhi %r2,34
        s.runToSvc();
        assertEquals(34, s.cpu.r2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void anExecutedBranchIsRelativeToTheTargetAndLinksPastTheExecute(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code(
                "c6000000 0004"   // 0x0: exrl %r0,0x8
                + "0aff"          // 0x6: svc 255 (not reached: the branch is taken)
                + "a7e50003"      // 0x8: bras %r14,0xe
                + "0afe"          // 0xc: svc 254
                + "b904007e"      // 0xe: lgr %r7,%r14
                + "0aff");
        s.runToSvc();
        assertEquals(SnippetRunner.CODE + 0x14, s.cpu.pc, "after the svc at 0x12");
        assertEquals(SnippetRunner.CODE + 6, s.cpu.r7, "link address = the instruction after the EXRL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void executeOfExecuteIsSigill(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("a7180001 44004000"); // lhi %r1,1; ex %r0,0(%r4)
        s.cpu.r4 = SnippetRunner.CODE + 4; // the EX itself
        EngineExit e = s.run();
        assertEquals(EngineExit.Kind.SIGNAL, e.kind());
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SigCodes.ILL_ILLOPN, e.siCode());
        assertEquals(SnippetRunner.CODE + 4, e.address());
        assertEquals(SnippetRunner.CODE + 8, s.cpu.pc, "the PSW past the EXECUTE");
        assertEquals(1, s.cpu.r1, "the instruction before ran");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void oddTargetIsSigill(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("44004000"); // ex %r0,0(%r4)
        s.cpu.r4 = TARGET + 1;
        EngineExit e = s.run();
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SigCodes.ILL_ILLOPN, e.siCode());
        assertEquals(SnippetRunner.CODE, e.address());
        assertEquals(SnippetRunner.CODE + 4, s.cpu.pc, "the PSW past the EXECUTE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void anUnknownExecutedInstructionIsSigillIllopc(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("44004000"); // ex %r0,0(%r4)
        s.cpu.r4 = TARGET;  // 0000: the all-zero halfword
        EngineExit e = s.run();
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SigCodes.ILL_ILLOPC, e.siCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void executedMoveLongResumesAtTheExecute(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("44004000 0aff"); // ex %r0,0(%r4)
        s.mem.poke(TARGET, new byte[] {0x0e, 0x26}, 0, 2);                  // mvcl %r2,%r6
        s.cpu.r4 = TARGET;
        s.cpu.r2 = SnippetRunner.DATA + 0x8000;
        s.cpu.r3 = 10000;                  // more than one chunk: the MVCL runs three times
        s.cpu.r6 = SnippetRunner.DATA;
        s.cpu.r7 = 0x2a000000L;            // source length 0, pad '*'
        s.runToSvc();
        assertEquals(SnippetRunner.DATA + 0x8000 + 10000, s.cpu.r2);
        assertEquals(0, s.cpu.r3);
        assertEquals(0x2a, s.byteAt(SnippetRunner.DATA + 0x8000 + 9999));
        assertEquals(2, s.cpu.cc(), "first operand longer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void aProgramExceptionOfTheTargetIsReportedAtTheExecute(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("a7180001 44004000"); // lhi %r1,1; ex %r0,0(%r4)
        s.mem.poke(TARGET, new byte[] {(byte) 0xb9, 0x0d, 0x00, 0x24}, 0, 4); // dsgr %r2,%r4 (r4 = TARGET: not 0)
        s.mem.poke(TARGET + 4, new byte[] {(byte) 0xb9, 0x0d, 0x00, 0x26}, 0, 4); // dsgr %r2,%r6 (r6 = 0)
        s.cpu.r4 = TARGET + 4;
        EngineExit e = s.run();
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_INTDIV, e.siCode());
        assertEquals(SnippetRunner.CODE + 4, e.address(), "the EXECUTE, not the target");
        assertEquals(SnippetRunner.CODE + 8, s.cpu.pc, "the PSW past the EXECUTE");
    }
}
