package org.jtcg.kvm.x86;

import org.jtcg.core.engine.EngineExit;

/**
 * Which guest signal a CPU exception in user mode becomes, as Linux x86-64 delivers it
 * (arch/x86/kernel/traps.c): vector, signal, si_code, and whether the fault address is CR2.
 * #PF's si_code (MAPERR/ACCERR) depends on whether the page is mapped at all and is decided by
 * the engine.
 */
public final class ExceptionSignals {
    private ExceptionSignals() {}

    public static final int SI_KERNEL = 0x80;
    public static final int ILL_ILLOPN = 2, FPE_INTDIV = 1, FPE_FLTINV = 7, SEGV_MAPERR = 1, SEGV_ACCERR = 2,
            BUS_ADRALN = 1, TRAP_BRKPT = 1, TRAP_TRACE = 2;
    public static final int VEC_DE = 0, VEC_DB = 1, VEC_BP = 3, VEC_UD = 6, VEC_GP = 13, VEC_PF = 14;

    /** A signal for one vector. */
    public record Mapping(String name, int signal, int siCode) {}

    private static final Mapping[] TABLE = new Mapping[VmLayout.IDT_VECTORS];

    static {
        put(0, "#DE divide error", EngineExit.SIGFPE, FPE_INTDIV);
        put(1, "#DB debug", EngineExit.SIGTRAP, TRAP_TRACE);
        put(2, "NMI", EngineExit.SIGSEGV, SI_KERNEL);
        put(3, "#BP breakpoint", EngineExit.SIGTRAP, SI_KERNEL);
        put(4, "#OF overflow", EngineExit.SIGSEGV, SI_KERNEL);
        put(5, "#BR bound range", EngineExit.SIGSEGV, SI_KERNEL);
        put(6, "#UD invalid opcode", EngineExit.SIGILL, ILL_ILLOPN);
        put(7, "#NM device not available", EngineExit.SIGSEGV, SI_KERNEL);
        put(8, "#DF double fault", EngineExit.SIGSEGV, SI_KERNEL);
        put(9, "coprocessor segment overrun", EngineExit.SIGFPE, SI_KERNEL);
        put(10, "#TS invalid TSS", EngineExit.SIGSEGV, SI_KERNEL);
        put(11, "#NP segment not present", EngineExit.SIGBUS, SI_KERNEL);
        put(12, "#SS stack fault", EngineExit.SIGBUS, SI_KERNEL);
        put(13, "#GP general protection", EngineExit.SIGSEGV, SI_KERNEL);
        put(14, "#PF page fault", EngineExit.SIGSEGV, SEGV_MAPERR);
        put(16, "#MF x87 floating-point", EngineExit.SIGFPE, FPE_FLTINV);
        put(17, "#AC alignment check", EngineExit.SIGBUS, BUS_ADRALN);
        put(18, "#MC machine check", EngineExit.SIGBUS, SI_KERNEL);
        put(19, "#XM SIMD floating-point", EngineExit.SIGFPE, FPE_FLTINV);
        for (int v = 0; v < TABLE.length; v++) {
            if (TABLE[v] == null) {
                put(v, "reserved vector " + v, EngineExit.SIGSEGV, SI_KERNEL);
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
