package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * SET PROGRAM MASK, INSERT PROGRAM MASK and the fixed-point-overflow interrupt (PoO: the program mask is PSW
 * bits 20-23; with bit 20 one, an instruction whose result overflows completes and then takes the
 * fixed-point-overflow program interrupt, which Linux delivers as SIGFPE FPE_INTOVF at the instruction's
 * address). qemu-s390x sets and inserts the mask but never raises the interrupt, so the expectations here
 * come from the PoO, not from qemu.
 */
class ProgramMaskTest {
    static final long MIN32 = 0x80000000L, FPO = 0x08000000L;

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void spmSetsCcAndMaskAndIpmInsertsBoth(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("0420 b2220030 0aff"); // spm %r2; ipm %r3
        s.cpu.r2 = 0xffffffff_2c123456L; // CC 2, mask 0xc; the other bits are ignored
        s.cpu.r3 = 0x11111111_ffffffffL;
        s.runToSvc();
        assertEquals(0x11111111_2cffffffL, s.cpu.r3, "IPM: bits 32-33 zero, CC, program mask; the rest kept");
        assertEquals(2, s.cpu.cc());
        assertEquals(0xcL, (s.cpu.pswMask >>> 40) & 15, "PSW bits 20-23");
        assertEquals(0x0705000180000000L, s.cpu.pswMask & ~(0xfL << 40) & ~(3L << 44), "no other PSW bit changes");
    }

    @ParameterizedTest
    @CsvSource({
        // engine, code (the instruction under test, then svc 255), r2, r3, memory word at DATA, overflows
        "interp, 1a23,           0x7fffffff, 1, 0, true",           // ar
        "jit,    1a23,           0x7ffffffe, 1, 0, false",
        "jit,    1b23,           0x80000000, 1, 0, true",           // sr
        "interp, a72a0001,       0x7fffffff, 0, 0, true",           // ahi %r2,1
        "jit,    a72b0001,       0x7fffffff, 0, 0, false",          // aghi %r2,1: 64-bit, no overflow
        "jit,    8b200001,       0x40000000, 0, 0, true",           // sla %r2,1: a bit unlike the sign leaves
        "interp, 8b200001,       0x20000000, 0, 0, false",
        "jit,    1322,           0x80000000, 0, 0, true",           // lcr %r2,%r2 of the most negative
        "interp, b9000022,       0x80000000, 0, 0, false",          // lpgr: 64-bit, no overflow
        "jit,    eb011000006a,   0, 0, 0x7fffffff, true",           // asi 0(%r1),1
        "interp, eb23100000f8,   0, 1, 0x7fffffff, true",           // laa %r2,%r3,0(%r1)
        "jit,    cc2800000001,   0x7fffffff00000000, 0, 0, true",   // aih %r2,1 (high word)
        "interp, eb23100000f8,   0, 1, 0x7ffffffe, false",
    })
    void overflowInterruptsOnlyWithTheMaskBit(String engine, String insn, long r2, long r3, long word, boolean overflows) {
        for (boolean masked : new boolean[] {false, true}) {
            // spm %r4; <insn>; svc 255
            SnippetRunner s = new SnippetRunner(engine).code("0440" + insn + "0aff");
            s.cpu.r1 = SnippetRunner.DATA;
            s.cpu.r2 = r2;
            s.cpu.r3 = r3;
            s.cpu.r4 = masked ? FPO : 0;
            s.mem.store(SnippetRunner.DATA, 4, word, true);
            EngineExit e = s.run();
            int len = insn.replace(" ", "").length() / 2;
            if (masked && overflows) {
                assertEquals(EngineExit.Kind.SIGNAL, e.kind(), e.toString());
                assertEquals(Signals.SIGFPE, e.signal());
                assertEquals(SigCodes.FPE_INTOVF, e.siCode());
                assertEquals(SnippetRunner.CODE + 2, e.address(), "si_addr: the instruction");
                assertEquals(SnippetRunner.CODE + 2 + len, s.cpu.pc, "completed: the PSW at the next instruction");
                assertEquals(3, s.cpu.cc(), "the result and CC are written");
            } else {
                assertEquals(EngineExit.Kind.SYSCALL, e.kind(), e.toString());
                if (overflows) {
                    assertEquals(3, s.cpu.cc(), "mask clear: only the CC tells");
                } else {
                    assertNotEquals(3, s.cpu.cc());
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void checkedCopyRunsWhatPrecedesOnceAndStopsCheckingAfterSpm(String engine) {
        // la %r8,1(%r8); spm %r4; la %r8,1(%r8); ar %r2,%r3 (no overflow); spm %r5; ar %r2,%r3 (overflow); svc 255
        SnippetRunner s = new SnippetRunner(engine).code("41808001 0440 41808001 1a23 0450 1a23 0aff");
        s.cpu.r2 = 0x7ffffffe;
        s.cpu.r3 = 1;
        s.cpu.r4 = FPO;
        s.runToSvc();
        assertEquals(2, s.cpu.r8);
        assertEquals(MIN32, s.cpu.r2);
        assertEquals(3, s.cpu.cc());
        // the same code with the mask kept: the second add interrupts
        s.cpu.r2 = 0x7ffffffe;
        s.cpu.r5 = FPO;
        EngineExit e = s.run();
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SnippetRunner.CODE + 14, e.address());
        assertEquals(SnippetRunner.CODE + 16, s.cpu.pc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void executedAddInterruptsAtTheExecute(String engine) {
        // spm %r4; exrl %r0,+8 (the ar at 10); svc 255; ar %r2,%r3
        SnippetRunner s = new SnippetRunner(engine).code("0440 c60000000004 0aff 1a23");
        s.cpu.r2 = 0x7fffffff;
        s.cpu.r3 = 1;
        s.cpu.r4 = FPO;
        EngineExit e = s.run();
        assertEquals(Signals.SIGFPE, e.signal());
        assertEquals(SigCodes.FPE_INTOVF, e.siCode());
        assertEquals(SnippetRunner.CODE + 2, e.address(), "the EXECUTE's address");
        assertEquals(SnippetRunner.CODE + 8, s.cpu.pc, "after the EXECUTE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void storeToTheCodeRetranslatesTheCheckedCopy(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("0440 1a23 0aff"); // spm %r4; ar %r2,%r3
        s.cpu.r2 = 5;
        s.cpu.r3 = 1;
        s.cpu.r4 = FPO;
        s.runToSvc();
        assertEquals(6, s.cpu.r2);
        s.code("0440 1b23 0aff"); // the ar becomes sr
        s.cpu.r2 = MIN32;
        EngineExit e = s.run();
        assertEquals(Signals.SIGFPE, e.signal(), "the new instruction is checked, not the old copy run");
        assertEquals(0x7fffffffL, s.cpu.r2 & 0xffffffffL);
    }
}
