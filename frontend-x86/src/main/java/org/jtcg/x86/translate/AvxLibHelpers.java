package org.jtcg.x86.translate;

import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.AvxCompare;
import org.jtcg.x86.sse.AvxInt;

/**
 * The AVX library ops ({@link AvxCompare}, {@link AvxInt}) as IR helpers over {@link X86Cpu#sse}:
 * register numbers of the vector file and immediates narrowed back to {@code int}. No semantics here.
 */
public final class AvxLibHelpers {
    private AvxLibHelpers() {}

    public static long cmppsVex(X86Cpu c, long d, long s, long imm) { return AvxCompare.cmpps(c.sse, (int) d, (int) s, (int) imm); }
    public static long cmppdVex(X86Cpu c, long d, long s, long imm) { return AvxCompare.cmppd(c.sse, (int) d, (int) s, (int) imm); }
    public static long cmpssVex(X86Cpu c, long d, long s, long imm) { return AvxCompare.cmpss(c.sse, (int) d, (int) s, (int) imm); }
    public static long cmpsdVex(X86Cpu c, long d, long s, long imm) { return AvxCompare.cmpsd(c.sse, (int) d, (int) s, (int) imm); }

    public static void blendv(X86Cpu c, long d, long a, long b, long mask, long bits) {
        AvxInt.blendv(c.sse, (int) d, (int) a, (int) b, (int) mask, (int) bits);
    }
    public static long ptest(X86Cpu c, long a1, long b1, long a2, long b2) { return AvxInt.test(c.sse, (int) a1, (int) b1, (int) a2, (int) b2, 0); }
    public static long testps(X86Cpu c, long a1, long b1, long a2, long b2) { return AvxInt.test(c.sse, (int) a1, (int) b1, (int) a2, (int) b2, 32); }
    public static long testpd(X86Cpu c, long a1, long b1, long a2, long b2) { return AvxInt.test(c.sse, (int) a1, (int) b1, (int) a2, (int) b2, 64); }
    public static void permilpsVar(X86Cpu c, long d, long s, long ctrl) { AvxInt.permilpsVar(c.sse, (int) d, (int) s, (int) ctrl); }
    public static void permilpdVar(X86Cpu c, long d, long s, long ctrl) { AvxInt.permilpdVar(c.sse, (int) d, (int) s, (int) ctrl); }
    public static void permilpdImm(X86Cpu c, long d, long s, long sel) { AvxInt.permilpdImm(c.sse, (int) d, (int) s, (int) sel); }
    public static void permd(X86Cpu c, long dLo, long dHi, long iLo, long iHi, long sLo, long sHi) {
        AvxInt.permd(c.sse, (int) dLo, (int) dHi, (int) iLo, (int) iHi, (int) sLo, (int) sHi);
    }
    public static void permq(X86Cpu c, long dLo, long dHi, long sLo, long sHi, long imm) {
        AvxInt.permq(c.sse, (int) dLo, (int) dHi, (int) sLo, (int) sHi, (int) imm);
    }
    public static void shiftVar(X86Cpu c, long d, long a, long counts, long bits, long kind) {
        AvxInt.shiftVar(c.sse, (int) d, (int) a, (int) counts, (int) bits, (int) kind);
    }
}
