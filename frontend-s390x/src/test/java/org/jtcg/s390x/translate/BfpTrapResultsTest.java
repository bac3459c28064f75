package org.jtcg.s390x.translate;

import org.jtcg.core.engine.EngineExit;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Enabled IEEE overflow, underflow and inexact traps deliver what the Principles of Operation prescribe
 * (chapter 19, "IEEE Exceptions"): overflow the result scaled by 2^-alpha (alpha 192 short, 1536 long),
 * underflow, exact or not, scaled by 2^+alpha, and the DXC with 0x08 for an inexact and 0x04 for an
 * incremented (rounded away from zero) delivered result. Expected values worked out by hand from the
 * operands (comments); qemu-s390x delivers the unscaled result, never sets 0x04 and does not trap an exact
 * underflow, so it is no oracle here.
 */
class BfpTrapResultsTest {
    static final long OVERFLOW_MASK = 0x20000000L, UNDERFLOW_MASK = 0x10000000L, INEXACT_MASK = 0x08000000L;

    @ParameterizedTest(name = "{0} {1} {6}")
    @CsvSource({
        // engine, insn (f0 op f2), fpc, f0, f2, expected f0, DXC (0: no trap), si_code
        // mdbr 2^1000 * 2^100 = 2^1100 exactly: scaled 2^-436 (biased 587 = 0x24b), DXC 0x20
        "jit,    b31c0002, 0x20000000, 0x7e70000000000000, 0x4630000000000000, 0x24b0000000000000, 0x20, FPE_FLTOVF",
        // (1+e)2^1000 * (1.5+e)2^100 = (1.5+2.5e+e^2)2^1100, e = 2^-52: nearest rounds up to 1.5+3e: 0x2c
        "interp, b31c0002, 0x20000000, 0x7e70000000000001, 0x4638000000000001, 0x24b8000000000003, 0x2c, FPE_FLTOVF",
        // the same toward zero (FPC mode 1): 1.5+2e, inexact, not incremented: 0x28
        "jit,    b31c0002, 0x20000001, 0x7e70000000000001, 0x4638000000000001, 0x24b8000000000002, 0x28, FPE_FLTOVF",
        // mdbr 2^-1000 * 2^-30 = 2^-1030: tiny and exact; underflow mask on: scaled 2^506 (0x5f9), DXC 0x10
        "interp, b31c0002, 0x10000000, 0x0170000000000000, 0x3e10000000000000, 0x5f90000000000000, 0x10, FPE_FLTUND",
        // the same with the mask off: the exact subnormal 2^-1030 = 2^44 * 2^-1074, no flag, no trap
        "jit,    b31c0002, 0x00000000, 0x0170000000000000, 0x3e10000000000000, 0x0000100000000000, 0x00, -",
        // adbr 1 + 1.5*2^-53: rounds up to 1+2^-52 (incremented), inexact mask on: DXC 0x0c, result written
        "jit,    b31a0002, 0x08000000, 0x3ff0000000000000, 0x3ca8000000000000, 0x3ff0000000000001, 0x0c, FPE_FLTRES",
        // adbr 1 + 0.5*2^-53 rounds down: DXC 0x08
        "interp, b31a0002, 0x08000000, 0x3ff0000000000000, 0x3c90000000000000, 0x3ff0000000000000, 0x08, FPE_FLTRES",
        // aebr max + max = (2-2^-23)2^128 exactly: scaled by 2^-192 = (2-2^-23)2^-64 (biased 63: 0x1fffffff), DXC 0x20
        "jit,    b30a0002, 0x20000000, 0x7f7fffff00000000, 0x7f7fffff00000000, 0x1fffffff00000000, 0x20, FPE_FLTOVF",
        // ledbr 2^200 to short: scaled 2^8 = 256.0f, exact: DXC 0x20
        "interp, b3440002, 0x20000000, 0x0000000000000000, 0x4c70000000000000, 0x4380000000000000, 0x20, FPE_FLTOVF",
        // meebr 2^-100 * 2^-40 = 2^-140 (short subnormal, exact): with the underflow mask 2^52 (0x59800000)
        "jit,    b3170002, 0x10000000, 0x0d80000000000000, 0x2b80000000000000, 0x5980000000000000, 0x10, FPE_FLTUND",
    })
    void trapDeliversTheScaledResultAndTheDxc(String engine, String insn, String fpc, String f0, String f2, String want,
            String dxc, String siCode) {
        SnippetRunner s = new SnippetRunner(engine).code(insn + "0aff");
        s.cpu.fpc = Long.decode(fpc);
        s.cpu.f0 = Long.parseUnsignedLong(f0.substring(2), 16);
        s.cpu.f2 = Long.parseUnsignedLong(f2.substring(2), 16);
        int code = Integer.decode(dxc);
        EngineExit e = s.run();
        if (code == 0) {
            assertEquals(EngineExit.Kind.SYSCALL, e.kind(), e.toString());
            assertEquals(Long.decode(fpc), s.cpu.fpc, "no flag");
        } else {
            assertEquals(EngineExit.Kind.SIGNAL, e.kind(), e.toString());
            assertEquals(Signals.SIGFPE, e.signal());
            assertEquals(siCode, SigCodes.name(Signals.SIGFPE, e.siCode()));
            assertEquals(code, (s.cpu.fpc >>> 8) & 0xff, "DXC");
            assertEquals(0, s.cpu.fpc & 0x00ff0000L, "a trapped exception sets no flag");
        }
        assertEquals(Long.parseUnsignedLong(want.substring(2), 16), s.cpu.f0, "delivered result");
    }
}
