package org.jtcg.x86.translate;

import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.cpuid.CpuidModel;

/** Helpers for cpuid and rdtsc, called from translated code (they write GPR fields: WRITES_GLOBALS). */
public final class SystemHelpers {
    private SystemHelpers() {}

    private static final long TSC_ORIGIN = System.nanoTime();

    /** CPUID leaf eax, subleaf ecx, answered from {@link CpuidModel} (the table KVM also gets). */
    public static void cpuid(X86Cpu cpu) {
        CpuidModel.Answer a = CpuidModel.active().query((int) cpu.rax, (int) cpu.rcx);
        cpu.rax = a.eax() & 0xffffffffL;
        cpu.rbx = a.ebx() & 0xffffffffL;
        cpu.rcx = a.ecx() & 0xffffffffL;
        cpu.rdx = a.edx() & 0xffffffffL;
    }

    /** A monotonic time-stamp counter: nanoseconds since jtcg started (a 1 GHz TSC). */
    public static long tsc() {
        return System.nanoTime() - TSC_ORIGIN;
    }

    public static void rdtsc(X86Cpu cpu) {
        long t = tsc();
        cpu.rax = t & 0xffffffffL;
        cpu.rdx = t >>> 32;
    }

    /** rdtscp: rdtsc plus ecx = IA32_TSC_AUX (0: one CPU, node 0). */
    public static void rdtscp(X86Cpu cpu) {
        rdtsc(cpu);
        cpu.rcx = 0;
    }
}
