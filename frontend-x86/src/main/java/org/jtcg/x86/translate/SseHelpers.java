package org.jtcg.x86.translate;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.Mxcsr;
import org.jtcg.x86.sse.SseState;
import org.jtcg.core.linux.SigCodes;

/**
 * Register-file plumbing for translated SSE code: moving 64-bit halves between IR values and
 * {@link SseState} (memory operands are loaded and stored by IR, so they take the inlined TLB path),
 * LDMXCSR/STMXCSR, and the SIGFPE si_code of an SSE exception. Register numbers are xmm numbers or
 * {@link SseState#SCRATCH}. These touch no hot registers (helper flags 0); the operation semantics
 * are the library's ({@link SseLibHelpers}).
 */
public final class SseHelpers {
    private SseHelpers() {}

    public static long getLo(X86Cpu cpu, long reg) {
        return cpu.sse.lo((int) reg);
    }

    public static long getHi(X86Cpu cpu, long reg) {
        return cpu.sse.hi((int) reg);
    }

    public static void setLo(X86Cpu cpu, long reg, long v) {
        cpu.sse.xmm[2 * (int) reg] = v;
    }

    public static void setHi(X86Cpu cpu, long reg, long v) {
        cpu.sse.xmm[2 * (int) reg + 1] = v;
    }

    /** The whole register (a 128-bit load, or a 32/64-bit load zero-extended). */
    public static void set(X86Cpu cpu, long reg, long lo, long hi) {
        cpu.sse.set((int) reg, lo, hi);
    }

    public static void move(X86Cpu cpu, long d, long s) {
        cpu.sse.set((int) d, cpu.sse.lo((int) s), cpu.sse.hi((int) s));
    }

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
