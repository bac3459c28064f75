package org.jtcg.x86.translate;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.Mxcsr;
import org.jtcg.x86.sse.SseState;
import org.jtcg.core.signal.SigCodes;

/**
 * MXCSR plumbing for translated SSE code: LDMXCSR/STMXCSR and the SIGFPE si_code of an SSE
 * exception. These touch no hot registers (helper flags 0). Moving 64-bit halves between IR values
 * and {@link SseState} is done with IR vector lane ops (the xmm file is the IR's vector file), so
 * it needs no helpers; the operation semantics are the library's ({@link SseLibHelpers}).
 */
public final class SseHelpers {
    private SseHelpers() {}

    public static long stmxcsr(X86Cpu cpu) {
        return cpu.sse.mxcsr & 0xffffffffL;
    }

    /** LDMXCSR: a reserved bit set is #GP, which Linux reports as SIGSEGV (SI_KERNEL, address 0); MXCSR is unchanged. */
    public static void ldmxcsr(X86Cpu cpu, long v) {
        if (!Mxcsr.load(cpu.sse, (int) v)) {
            throw new GuestFault(0, GuestFault.Access.READ, SigCodes.SI_KERNEL);
        }
    }

    /**
     * si_code of the SIGFPE for an SSE exception (#XM), computed like Linux from the unmasked flags
     * in MXCSR: invalid, divide-by-zero, overflow, underflow/denormal, precision — first match wins.
     */
    public static long xmSiCode(X86Cpu cpu) {
        int m = cpu.sse.mxcsr;
        return Ctx.fpeSiCode(Mxcsr.unmasked(m, m & Mxcsr.FLAGS));
    }
}
