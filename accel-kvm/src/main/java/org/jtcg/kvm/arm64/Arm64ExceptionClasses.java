package org.jtcg.kvm.arm64;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.util.Map;

/**
 * What an exception taken from EL0 means for the user program, keyed by ESR_EL1.EC (the exception class,
 * ESR bits 31-26; values from the Arm ARM) and mapped as Linux arm64 delivers it (arch/arm64/kernel/traps.c,
 * fault.c): a system call, or a signal with its si_code and whether FAR_EL1 is the fault address. The
 * abort classes' si_code (MAPERR/ACCERR) depends on whether the page is mapped and is decided by the glue.
 */
public final class Arm64ExceptionClasses {
    private Arm64ExceptionClasses() {}

    public static final int EC_UNKNOWN = 0x00, EC_SVC64 = 0x15, EC_SYS64 = 0x18, EC_IABT_LOW = 0x20, EC_PC_ALIGN = 0x22,
            EC_DABT_LOW = 0x24, EC_SP_ALIGN = 0x26, EC_FP_EXC64 = 0x2c, EC_BREAKPT_LOW = 0x30, EC_SOFTSTP_LOW = 0x32,
            EC_WATCHPT_LOW = 0x34, EC_BRK64 = 0x3c;

    /** Data/instruction fault status code for an alignment fault (ESR ISS bits 5-0). */
    public static final int FSC_ALIGNMENT = 0x21;

    /** One exception class: a syscall ({@code signal} 0) or a signal. */
    public record Mapping(String name, int signal, int siCode, boolean faultAddress) {
        public boolean isSyscall() {
            return signal == 0;
        }
    }

    private static final Map<Integer, Mapping> TABLE = Map.ofEntries(
            Map.entry(EC_UNKNOWN, new Mapping("undefined instruction", Signals.SIGILL, SigCodes.ILL_ILLOPC, false)),
            Map.entry(EC_SVC64, new Mapping("SVC", 0, 0, false)),
            Map.entry(EC_SYS64, new Mapping("trapped MSR/MRS", Signals.SIGILL, SigCodes.ILL_ILLOPC, false)),
            Map.entry(EC_IABT_LOW, new Mapping("instruction abort", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(EC_PC_ALIGN, new Mapping("PC alignment fault", Signals.SIGBUS, SigCodes.BUS_ADRALN, true)),
            Map.entry(EC_DABT_LOW, new Mapping("data abort", Signals.SIGSEGV, SigCodes.SEGV_MAPERR, true)),
            Map.entry(EC_SP_ALIGN, new Mapping("SP alignment fault", Signals.SIGBUS, SigCodes.BUS_ADRALN, false)),
            Map.entry(EC_FP_EXC64, new Mapping("floating-point exception", Signals.SIGFPE, SigCodes.FPE_FLTINV, false)),
            Map.entry(EC_BREAKPT_LOW, new Mapping("hardware breakpoint", Signals.SIGTRAP, SigCodes.TRAP_HWBKPT, false)),
            Map.entry(EC_SOFTSTP_LOW, new Mapping("software step", Signals.SIGTRAP, SigCodes.TRAP_TRACE, false)),
            Map.entry(EC_WATCHPT_LOW, new Mapping("watchpoint", Signals.SIGTRAP, SigCodes.TRAP_HWBKPT, true)),
            Map.entry(EC_BRK64, new Mapping("BRK", Signals.SIGTRAP, SigCodes.TRAP_BRKPT, false)));

    /** The exception class of an ESR_EL1 value. */
    public static int ec(long esr) {
        return (int) (esr >>> 26) & 0x3f;
    }

    /**
     * The mapping of an ESR_EL1 value; a data abort with an alignment fault status is SIGBUS/BUS_ADRALN;
     * a class not in the table (one a user-mode EL0 task cannot raise) is SIGILL/ILL_ILLTRP.
     */
    public static Mapping forEsr(long esr) {
        int ec = ec(esr);
        if ((ec == EC_DABT_LOW || ec == EC_IABT_LOW) && (esr & 0x3f) == FSC_ALIGNMENT) {
            return new Mapping("alignment fault", Signals.SIGBUS, SigCodes.BUS_ADRALN, true);
        }
        Mapping m = TABLE.get(ec);
        return m != null ? m : new Mapping(String.format("exception class 0x%02x", ec), Signals.SIGILL, SigCodes.ILL_ILLTRP, false);
    }
}
