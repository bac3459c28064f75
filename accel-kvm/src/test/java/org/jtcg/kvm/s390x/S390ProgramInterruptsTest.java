package org.jtcg.kvm.s390x;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Program-interruption codes and the signals Linux s390 delivers for them; the lowcore the glue reads. */
class S390ProgramInterruptsTest {
    private static void expect(int code, long fpc, int signal, int siCode) {
        S390ProgramInterrupts.Mapping m = S390ProgramInterrupts.forCode(code, fpc);
        assertEquals(signal, m.signal(), m.name());
        assertEquals(siCode, m.siCode(), m.name());
    }

    @Test
    void commonCodes() {
        expect(0x01, 0, Signals.SIGILL, SigCodes.ILL_ILLOPC);
        expect(0x02, 0, Signals.SIGILL, SigCodes.ILL_PRVOPC);
        expect(0x04, 0, Signals.SIGSEGV, SigCodes.SEGV_ACCERR);
        expect(0x09, 0, Signals.SIGFPE, SigCodes.FPE_INTDIV);
        expect(0x11, 0, Signals.SIGSEGV, SigCodes.SEGV_MAPERR);
        expect(0x3b, 0, Signals.SIGSEGV, SigCodes.SEGV_MAPERR);
        expect(0x80, 0, Signals.SIGTRAP, SigCodes.TRAP_HWBKPT);
        expect(0x7e, 0, Signals.SIGILL, SigCodes.ILL_ILLTRP);
    }

    @Test
    void aDataExceptionFollowsTheDxc() {
        expect(0x07, 0x40L << 8, Signals.SIGFPE, SigCodes.FPE_FLTDIV);
        expect(0x07, 0x80L << 8, Signals.SIGFPE, SigCodes.FPE_FLTINV);
        expect(0x07, 0x00L << 8, Signals.SIGILL, SigCodes.ILL_ILLOPN); // decimal-operand data exception
    }

    @Test
    void theLowcoreStubsAndOldPsws() {
        ByteBuffer mem = ByteBuffer.allocate(S390Lowcore.REGION_SIZE);
        S390Lowcore lc = new S390Lowcore(mem, 0x7f00_0000_0000L);
        lc.install();
        assertEquals(0x0000_0001_8000_0000L, mem.getLong(S390Lowcore.SVC_NEW_PSW));
        assertEquals(0x7f00_0000_2000L, mem.getLong(S390Lowcore.SVC_NEW_PSW + 8));
        assertEquals(0x830004a6, mem.getInt(S390Lowcore.PGM_STUB));
        assertEquals(S390Lowcore.SVC_STUB, lc.stubAt(0x7f00_0000_2004L));
        assertEquals(S390Lowcore.PGM_STUB, lc.stubAt(0x7f00_0000_2010L));
        assertEquals(-1, lc.stubAt(0x1000));
        mem.putLong(S390Lowcore.SVC_OLD_PSW, 0x0705_2001_8000_0000L).putLong(S390Lowcore.SVC_OLD_PSW + 8, 0x10_0a02L);
        mem.putShort(S390Lowcore.SVC_CODE, (short) 4);
        mem.putLong(S390Lowcore.TRANS_EXC_ID, 0x1234_5804L);
        assertArrayEquals(new long[] {0x0705_2001_8000_0000L, 0x10_0a02L}, lc.oldPsw(S390Lowcore.SVC_OLD_PSW));
        assertEquals(4, lc.svcCode());
        assertEquals(0x1234_5000L, lc.failingAddress());
    }
}
