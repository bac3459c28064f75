package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Signal numbers and si_codes against the literal Linux UAPI values (asm-generic/signal.h,
 * asm-generic/siginfo.h), so a typo in the one shared table cannot slip through.
 */
class SignalCodesTest {
    @Test
    void signalNumbersAreTheUapiValues() {
        assertEquals(4, Signals.SIGILL);
        assertEquals(5, Signals.SIGTRAP);
        assertEquals(7, Signals.SIGBUS);
        assertEquals(8, Signals.SIGFPE);
        assertEquals(9, Signals.SIGKILL);
        assertEquals(11, Signals.SIGSEGV);
        assertEquals(13, Signals.SIGPIPE);
        assertEquals(17, Signals.SIGCHLD);
        assertEquals(31, Signals.SIGSYS);
        assertEquals(64, Signals.NSIG);
    }

    @Test
    void sharedCodesAreTheUapiValues() {
        assertEquals(0, SigCodes.SI_USER);
        assertEquals(0x80, SigCodes.SI_KERNEL);
        assertEquals(-1, SigCodes.SI_QUEUE);
        assertEquals(-2, SigCodes.SI_TIMER);
        assertEquals(-3, SigCodes.SI_MESGQ);
        assertEquals(-4, SigCodes.SI_ASYNCIO);
        assertEquals(-5, SigCodes.SI_SIGIO);
        assertEquals(-6, SigCodes.SI_TKILL);
        assertEquals(-7, SigCodes.SI_DETHREAD);
        assertEquals(-60, SigCodes.SI_ASYNCNL);
    }

    @Test
    void perSignalCodesAreTheUapiValues() {
        int[] ill = {SigCodes.ILL_ILLOPC, SigCodes.ILL_ILLOPN, SigCodes.ILL_ILLADR, SigCodes.ILL_ILLTRP,
            SigCodes.ILL_PRVOPC, SigCodes.ILL_PRVREG, SigCodes.ILL_COPROC, SigCodes.ILL_BADSTK, SigCodes.ILL_BADIADDR};
        for (int i = 0; i < ill.length; i++) assertEquals(i + 1, ill[i], "ILL code #" + i);
        int[] fpe = {SigCodes.FPE_INTDIV, SigCodes.FPE_INTOVF, SigCodes.FPE_FLTDIV, SigCodes.FPE_FLTOVF,
            SigCodes.FPE_FLTUND, SigCodes.FPE_FLTRES, SigCodes.FPE_FLTINV, SigCodes.FPE_FLTSUB};
        for (int i = 0; i < fpe.length; i++) assertEquals(i + 1, fpe[i], "FPE code #" + i);
        assertEquals(14, SigCodes.FPE_FLTUNK);
        assertEquals(15, SigCodes.FPE_CONDTRAP);
        assertEquals(1, SigCodes.SEGV_MAPERR);
        assertEquals(2, SigCodes.SEGV_ACCERR);
        assertEquals(3, SigCodes.SEGV_BNDERR);
        assertEquals(4, SigCodes.SEGV_PKUERR);
        assertEquals(8, SigCodes.SEGV_MTEAERR);
        assertEquals(9, SigCodes.SEGV_MTESERR);
        assertEquals(1, SigCodes.BUS_ADRALN);
        assertEquals(2, SigCodes.BUS_ADRERR);
        assertEquals(3, SigCodes.BUS_OBJERR);
        assertEquals(4, SigCodes.BUS_MCEERR_AR);
        assertEquals(5, SigCodes.BUS_MCEERR_AO);
        assertEquals(1, SigCodes.TRAP_BRKPT);
        assertEquals(2, SigCodes.TRAP_TRACE);
        assertEquals(3, SigCodes.TRAP_BRANCH);
        assertEquals(4, SigCodes.TRAP_HWBKPT);
        assertEquals(5, SigCodes.TRAP_UNK);
        assertEquals(1, SigCodes.CLD_EXITED);
        assertEquals(6, SigCodes.CLD_CONTINUED);
    }

    @Test
    void namesDependOnTheSignal() {
        assertEquals("SEGV_MAPERR", SigCodes.name(Signals.SIGSEGV, 1));
        assertEquals("BUS_ADRALN", SigCodes.name(Signals.SIGBUS, 1));
        assertEquals("FPE_INTDIV", SigCodes.name(Signals.SIGFPE, 1));
        assertEquals("FPE_FLTINV", SigCodes.name(Signals.SIGFPE, 7));
        assertEquals("ILL_ILLOPN", SigCodes.name(Signals.SIGILL, 2));
        assertEquals("TRAP_TRACE", SigCodes.name(Signals.SIGTRAP, 2));
        assertEquals("SI_KERNEL", SigCodes.name(Signals.SIGSEGV, 0x80));
        assertEquals("SI_USER", SigCodes.name(Signals.SIGTERM, 0));
        assertEquals("si_code 10", SigCodes.name(Signals.SIGFPE, 10), "a gap in the table has no name");
        assertEquals("si_code 1", SigCodes.name(Signals.SIGTERM, 1), "positive codes are per signal");
    }
}
