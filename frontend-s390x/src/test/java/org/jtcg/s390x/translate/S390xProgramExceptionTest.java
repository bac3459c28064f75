package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Program exceptions of the general instructions as Linux reports them, and the storage instructions at the
 * edge of the mapped memory: compare-and-trap (data exception, DXC 0xff: SIGFPE), specification exceptions
 * (odd register of a pair, misaligned CDS: SIGILL ILL_ILLOPN), partial completion (MVCLE CC 3 after 4096
 * bytes), and an operand that runs into an unmapped page (SIGSEGV, nothing of the chunk stored past it).
 */
class S390xProgramExceptionTest {
    @ParameterizedTest
    @CsvSource({
        // engine, code, r2, r3, traps
        "interp, b9728023, 5, 5, true",           // crte %r2,%r3
        "jit,    b9728023, 5, 6, false",
        "interp, ec2000058070, 5, 0, true",       // cgite %r2,5
        "jit,    ec2000014072, -1, 0, true",      // citl %r2,1 (signed: -1 < 1)
        "interp, b9614023, -1, 1, false",         // clgrtl %r2,%r3 (unsigned: not low)
        "jit,    ec200007c073, 8, 0, false",      // clfitnh %r2,7 (8 is high)
        "interp, ec200007c073, 7, 0, true",
    })
    void compareAndTrapIsSigfpeWithDxcFf(String engine, String code, long r2, long r3, boolean traps) {
        SnippetRunner s = new SnippetRunner(engine).code("1900" + code + "0aff"); // cr %r0,%r0 first: CC 0
        s.cpu.r2 = r2;
        s.cpu.r3 = r3;
        EngineExit e = s.run();
        if (traps) {
            assertEquals(EngineExit.Kind.SIGNAL, e.kind());
            assertEquals(Signals.SIGFPE, e.signal());
            assertEquals(SigCodes.SI_USER, e.siCode(), "Linux: do_fp_trap with a non-IEEE DXC gives si_code 0");
            assertEquals(SnippetRunner.CODE + 2, e.address(), "si_addr: the instruction");
            assertEquals(SnippetRunner.CODE + 2 + code.length() / 2, s.cpu.pc, "the PSW past it (Linux, qemu)");
            assertEquals(0xff00, s.cpu.fpc & 0xff00, "DXC in FPC byte 2");
        } else {
            assertEquals(EngineExit.Kind.SYSCALL, e.kind());
            assertEquals(0, s.cpu.fpc);
            assertEquals(0, s.cpu.cc(), "the CC is unchanged");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "interp, 8f300001",       // slda %r3,1
        "jit,    8c300001",       // srdl %r3,1
        "jit,    bb340000",       // cds %r3,%r4,0
        "interp, 0e34",           // mvcl %r3,%r4
        "jit,    a8240000 a8350000", // mvcle: the second has odd registers
        "interp, bb241004",       // cds %r2,%r4,4(%r1): not doubleword aligned
        "jit,    eb241008003e",  // cdsg %r2,%r4,8(%r1): not quadword aligned
    })
    void specificationExceptionIsSigillIllopn(String engine, String code) {
        SnippetRunner s = new SnippetRunner(engine).code(code);
        s.cpu.r1 = SnippetRunner.DATA;
        EngineExit e = s.run();
        assertEquals(EngineExit.Kind.SIGNAL, e.kind());
        assertEquals(Signals.SIGILL, e.signal());
        assertEquals(SigCodes.ILL_ILLOPN, e.siCode());
        long at = SnippetRunner.CODE + (code.startsWith("a824") ? 4 : 0);
        assertEquals(at, e.address(), "si_addr: the instruction");
        int first = (int) s.mem.load(at, 2, true) & 0xffff;
        assertEquals(at + S390xTable.length(first), s.cpu.pc, "the PSW past it (suppressed: Linux, qemu)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void moveLongExtendedEndsWithCc3AfterAChunk(String engine) {
        SnippetRunner s = new SnippetRunner(engine).code("a8240000 0aff"); // mvcle %r2,%r4,0
        s.cpu.r2 = SnippetRunner.DATA + 0x8000;
        s.cpu.r3 = 5000;
        s.cpu.r4 = SnippetRunner.DATA;
        s.cpu.r5 = 5000;
        s.runToSvc();
        assertEquals(3, s.cpu.cc(), "CPU-determined amount done");
        assertEquals(SnippetRunner.DATA + 0x8000 + LongStringHelpers.CHUNK, s.cpu.r2);
        assertEquals(5000 - LongStringHelpers.CHUNK, s.cpu.r3);
        assertEquals(SnippetRunner.DATA + LongStringHelpers.CHUNK, s.cpu.r4);
        assertEquals(5000 - LongStringHelpers.CHUNK, s.cpu.r5);
        s.runToSvc();
        assertEquals(0, s.cpu.cc(), "the second execution finishes: lengths were equal");
        assertEquals(0, s.cpu.r3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void anOperandRunningIntoAnUnmappedPageIsSigsegv(String engine) {
        long end = SnippetRunner.DATA + 0x10000; // the data area ends here
        SnippetRunner s = new SnippetRunner(engine).code("a7380007 d2071000 2000 0aff"); // lhi %r3,7; mvc 0(8,%r1),0(%r2)
        s.cpu.r1 = SnippetRunner.DATA;
        s.cpu.r2 = end - 4;
        EngineExit e = s.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(SigCodes.SEGV_MAPERR, e.siCode());
        assertEquals(end, e.address());
        assertEquals(SnippetRunner.CODE + 4, s.cpu.pc, "at the MVC");
        assertEquals(7, s.cpu.r3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void compareLogicalStringRunningIntoAnUnmappedPageIsSigsegv(String engine) {
        long end = SnippetRunner.DATA + 0x10000;
        SnippetRunner s = new SnippetRunner(engine).code("b25d0024 0aff"); // clst %r2,%r4
        s.mem.store(end - 2, 2, 0x4142, true); // no terminator before the page end
        s.mem.store(SnippetRunner.DATA, 2, 0x4142, true);
        s.cpu.r0 = 0;
        s.cpu.r2 = end - 2;
        s.cpu.r4 = SnippetRunner.DATA;
        EngineExit e = s.run();
        assertEquals(Signals.SIGSEGV, e.signal());
        assertEquals(end, e.address());
        assertEquals(end - 2, s.cpu.r2, "registers as at the start of the faulting execution");
    }
}
