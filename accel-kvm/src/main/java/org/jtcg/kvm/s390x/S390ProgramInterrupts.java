package org.jtcg.kvm.s390x;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.util.Map;

/**
 * Which signal a program interruption in problem state becomes, as Linux s390 delivers it
 * (arch/s390/kernel/traps.c, mm/fault.c), keyed by the program-interruption code (z/Architecture
 * Principles of Operation, chapter 6). Translation exceptions report the failing page (the translation
 * exception identification with the low 12 bits cleared); a data exception's si_code comes from the DXC.
 */
public final class S390ProgramInterrupts {
    private S390ProgramInterrupts() {}

    /** One interruption code. */
    public record Mapping(String name, int signal, int siCode, boolean faultAddress) {}

    public static final int OPERATION = 0x01, PRIVILEGED = 0x02, EXECUTE = 0x03, PROTECTION = 0x04, ADDRESSING = 0x05,
            SPECIFICATION = 0x06, DATA = 0x07, FIXED_OVERFLOW = 0x08, FIXED_DIVIDE = 0x09, SEGMENT_TRANSLATION = 0x10,
            PAGE_TRANSLATION = 0x11, PER = 0x80;

    private static final Map<Integer, Mapping> TABLE = Map.ofEntries(
            Map.entry(OPERATION, new Mapping("operation exception", Signals.SIGILL, SigCodes.ILL_ILLOPC, false)),
            Map.entry(PRIVILEGED, new Mapping("privileged-operation exception", Signals.SIGILL, SigCodes.ILL_PRVOPC, false)),
            Map.entry(EXECUTE, new Mapping("execute exception", Signals.SIGILL, SigCodes.ILL_ILLOPN, false)),
            Map.entry(PROTECTION, new Mapping("protection exception", Signals.SIGSEGV, SigCodes.SEGV_ACCERR, true)),
            Map.entry(ADDRESSING, new Mapping("addressing exception", Signals.SIGILL, SigCodes.ILL_ILLADR, false)),
            Map.entry(SPECIFICATION, new Mapping("specification exception", Signals.SIGILL, SigCodes.ILL_ILLOPN, false)),
            Map.entry(DATA, new Mapping("data exception", Signals.SIGILL, SigCodes.ILL_ILLOPN, false)),
            Map.entry(FIXED_OVERFLOW, new Mapping("fixed-point-overflow exception", Signals.SIGFPE, SigCodes.FPE_INTOVF, false)),
            Map.entry(FIXED_DIVIDE, new Mapping("fixed-point-divide exception", Signals.SIGFPE, SigCodes.FPE_INTDIV, false)),
            Map.entry(0x0a, new Mapping("decimal-overflow exception", Signals.SIGFPE, SigCodes.FPE_INTOVF, false)),
            Map.entry(0x0b, new Mapping("decimal-divide exception", Signals.SIGFPE, SigCodes.FPE_INTDIV, false)),
            Map.entry(0x0c, new Mapping("HFP-exponent-overflow exception", Signals.SIGFPE, SigCodes.FPE_FLTOVF, false)),
            Map.entry(0x0d, new Mapping("HFP-exponent-underflow exception", Signals.SIGFPE, SigCodes.FPE_FLTUND, false)),
            Map.entry(0x0e, new Mapping("HFP-significance exception", Signals.SIGFPE, SigCodes.FPE_FLTRES, false)),
            Map.entry(0x0f, new Mapping("HFP-divide exception", Signals.SIGFPE, SigCodes.FPE_FLTDIV, false)),
            Map.entry(SEGMENT_TRANSLATION, new Mapping("segment-translation exception", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(PAGE_TRANSLATION, new Mapping("page-translation exception", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(0x13, new Mapping("special-operation exception", Signals.SIGILL, SigCodes.ILL_PRVOPC, false)),
            Map.entry(0x15, new Mapping("operand exception", Signals.SIGILL, SigCodes.ILL_ILLOPN, false)),
            Map.entry(0x38, new Mapping("ASCE-type exception", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(0x39, new Mapping("region-first-translation exception", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(0x3a, new Mapping("region-second-translation exception", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(0x3b, new Mapping("region-third-translation exception", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(PER, new Mapping("PER event", Signals.SIGTRAP, SigCodes.TRAP_HWBKPT, false)));

    /**
     * The mapping of an interruption code: the low 7 bits name the exception; bit 0x80 alone is a PER event
     * (PER and transaction-abort bits next to an exception are ignored). A data exception with an IEEE DXC
     * (FPC byte 2) is SIGFPE with the matching si_code, like Linux; codes not in the table are SIGILL/ILL_ILLTRP.
     */
    public static Mapping forCode(int code, long fpc) {
        int c = code & 0x7f;
        if (c == 0 && (code & PER) != 0) {
            return TABLE.get(PER);
        }
        if (c == DATA) {
            int dxc = (int) (fpc >>> 8) & 0xff;
            int fpe = (dxc & 0x80) != 0 ? SigCodes.FPE_FLTINV : (dxc & 0x40) != 0 ? SigCodes.FPE_FLTDIV
                    : (dxc & 0x20) != 0 ? SigCodes.FPE_FLTOVF : (dxc & 0x10) != 0 ? SigCodes.FPE_FLTUND
                    : (dxc & 0x08) != 0 ? SigCodes.FPE_FLTRES : 0;
            if ((dxc & 0x03) == 0 && fpe != 0) {
                return new Mapping("data exception (IEEE, DXC 0x" + Integer.toHexString(dxc) + ")", Signals.SIGFPE, fpe, false);
            }
        }
        Mapping m = TABLE.get(c);
        return m != null ? m : new Mapping(String.format("program interruption 0x%02x", c), Signals.SIGILL, SigCodes.ILL_ILLTRP, false);
    }
}
