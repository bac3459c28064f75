package org.jtcg.kvm.arm64;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ESR_EL1 values of exceptions from EL0 and the syscall/signal each becomes (as Linux arm64 delivers them). */
class Arm64ExceptionClassesTest {
    private static void expect(long esr, int signal, int code, boolean addr) {
        Arm64ExceptionClasses.Mapping m = Arm64ExceptionClasses.forEsr(esr);
        assertEquals(signal, m.signal(), m.name());
        assertEquals(code, m.siCode(), m.name());
        assertEquals(addr, m.faultAddress(), m.name());
    }

    @Test
    void svcIsTheSystemCall() {
        assertTrue(Arm64ExceptionClasses.forEsr(0x5600_0000L).isSyscall()); // EC 0x15, IL, imm16 0
        assertFalse(Arm64ExceptionClasses.forEsr(0x9200_0046L).isSyscall());
    }

    @Test
    void abortsAreSegvWithTheFaultAddressAndAlignmentFaultsAreSigbus() {
        expect(0x9200_0046L, Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true);  // data abort, level-2 translation fault, write
        expect(0x8200_0007L, Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true);  // instruction abort, level-3 translation fault
        expect(0x9200_0061L, Signals.SIGBUS, SigCodes.BUS_ADRALN, true);    // data abort, alignment fault (FSC 0x21)
        expect(0x8a00_0000L, Signals.SIGBUS, SigCodes.BUS_ADRALN, true);    // PC alignment
        expect(0x9a00_0000L, Signals.SIGBUS, SigCodes.BUS_ADRALN, false);   // SP alignment
    }

    @Test
    void undefinedBrkAndUnexpectedClasses() {
        expect(0x0200_0000L, Signals.SIGILL, SigCodes.ILL_ILLOPC, false);   // EC 0: unknown / UDF
        expect(0xf200_03e8L, Signals.SIGTRAP, SigCodes.TRAP_BRKPT, false);  // BRK #1000
        expect(0x6200_0000L, Signals.SIGILL, SigCodes.ILL_ILLOPC, false);   // trapped MRS
        expect(0xfe00_0000L, Signals.SIGILL, SigCodes.ILL_ILLTRP, false);   // EC 0x3f: not raisable from EL0
        assertEquals(0x15, Arm64ExceptionClasses.ec(0x5600_0000L));
    }
}
