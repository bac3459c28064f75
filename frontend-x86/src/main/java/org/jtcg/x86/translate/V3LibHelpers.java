package org.jtcg.x86.translate;

import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.Fma3;
import org.jtcg.x86.sse.HalfConvert;

/**
 * One-line adapters {@code (X86Cpu, long...)} → the FMA3 and F16C library ops ({@link Fma3},
 * {@link HalfConvert}); register arguments are vector-file numbers. No semantics here.
 */
public final class V3LibHelpers {
    private V3LibHelpers() {}

    public static long fma(X86Cpu c, long dst, long src2, long src3, long control) {
        return Fma3.apply(c.sse, (int) dst, (int) src2, (int) src3, (int) control);
    }

    public static long ph2ps(X86Cpu c, long dstLo, long dstHi, long src) {
        return HalfConvert.ph2ps(c.sse, (int) dstLo, (int) dstHi, (int) src);
    }

    public static long ps2ph(X86Cpu c, long dst, long srcLo, long srcHi, long imm8) {
        return HalfConvert.ps2ph(c.sse, (int) dst, (int) srcLo, (int) srcHi, (int) imm8);
    }
}
