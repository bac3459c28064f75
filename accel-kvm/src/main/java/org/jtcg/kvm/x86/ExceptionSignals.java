package org.jtcg.kvm.x86;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

/**
 * Which guest signal a CPU exception in user mode becomes, as Linux x86-64 delivers it
 * (arch/x86/kernel/traps.c): vector, signal, si_code, and whether the fault address is CR2.
 * #PF's si_code (MAPERR/ACCERR) depends on whether the page is mapped at all and is decided by
 * the engine.
 */
public final class ExceptionSignals {
    private ExceptionSignals() {}

    public static final int VEC_DE = 0, VEC_DB = 1, VEC_BP = 3, VEC_UD = 6, VEC_GP = 13, VEC_PF = 14;

    /** A signal for one vector. */
    public record Mapping(String name, int signal, int siCode) {}

    private static final Mapping[] TABLE = new Mapping[VmLayout.IDT_VECTORS];

    static {
        put(0, "#DE divide error", Signals.SIGFPE, SigCodes.FPE_INTDIV);
        put(1, "#DB debug", Signals.SIGTRAP, SigCodes.TRAP_TRACE);
        put(2, "NMI", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(3, "#BP breakpoint", Signals.SIGTRAP, SigCodes.SI_KERNEL);
        put(4, "#OF overflow", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(5, "#BR bound range", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(6, "#UD invalid opcode", Signals.SIGILL, SigCodes.ILL_ILLOPN);
        put(7, "#NM device not available", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(8, "#DF double fault", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(9, "coprocessor segment overrun", Signals.SIGFPE, SigCodes.SI_KERNEL);
        put(10, "#TS invalid TSS", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(11, "#NP segment not present", Signals.SIGBUS, SigCodes.SI_KERNEL);
        put(12, "#SS stack fault", Signals.SIGBUS, SigCodes.SI_KERNEL);
        put(13, "#GP general protection", Signals.SIGSEGV, SigCodes.SI_KERNEL);
        put(14, "#PF page fault", Signals.SIGSEGV, SigCodes.SEGV_MAPERR);
        put(16, "#MF x87 floating-point", Signals.SIGFPE, SigCodes.FPE_FLTINV);
        put(17, "#AC alignment check", Signals.SIGBUS, SigCodes.BUS_ADRALN);
        put(18, "#MC machine check", Signals.SIGBUS, SigCodes.SI_KERNEL);
        put(19, "#XM SIMD floating-point", Signals.SIGFPE, SigCodes.FPE_FLTINV);
        for (int v = 0; v < TABLE.length; v++) {
            if (TABLE[v] == null) {
                put(v, "reserved vector " + v, Signals.SIGSEGV, SigCodes.SI_KERNEL);
            }
        }
    }

    private static void put(int vector, String name, int signal, int siCode) {
        TABLE[vector] = new Mapping(name, signal, siCode);
    }

    public static Mapping forVector(int vector) {
        return TABLE[vector];
    }
}
