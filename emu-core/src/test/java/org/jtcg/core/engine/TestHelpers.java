package org.jtcg.core.engine;

import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.signal.SigCodes;

/** Helpers for IR tests (public static, as HelperRef requires). */
public final class TestHelpers {
    private TestHelpers() {}

    /** Pure mixing function. */
    public static long mix(long a, long b) {
        long x = a * 0x9E3779B97F4A7C15L + b;
        return x ^ (x >>> 29);
    }

    /** Pure 32-bit helper. */
    public static int mix32(int a, long b) {
        return a * 31 + (int) (b >>> 3);
    }

    /** Reads and writes globals: r7 += r0 + v, returns old r7. */
    public static long accumulate(TestCpu cpu, long v) {
        long old = cpu.r7;
        cpu.r7 = old + cpu.r0 + v;
        return old;
    }

    /** Reads globals only. */
    public static long sumRegs(TestCpu cpu) {
        return cpu.r0 + cpu.r1 + cpu.r2 + cpu.r3 + cpu.r4 + cpu.r5 + cpu.r6 + cpu.r7;
    }

    /** Void helper writing a global through the base type. */
    public static void setR6(TestCpu cpu, int v) {
        cpu.r6 = v;
    }

    /** Faults when the argument is odd (before touching any global). */
    public static long faultIfOdd(long v) {
        if ((v & 1) != 0) {
            throw new GuestFault(v, GuestFault.Access.READ, SigCodes.SEGV_ACCERR);
        }
        return v >>> 1;
    }
}
