package org.jtcg.x86.translate;

import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.Crc32c;
import org.jtcg.x86.sse.Sse3Float;
import org.jtcg.x86.sse.Sse41Float;
import org.jtcg.x86.sse.Sse41Int;
import org.jtcg.x86.sse.Ssse3;
import org.jtcg.x86.sse.StringCompare;

/**
 * The x86-64-v2 additions to the SSE library (SSE3, SSSE3, SSE4.1, SSE4.2: {@code Sse3Float},
 * {@code Ssse3}, {@code Sse41Int}, {@code Sse41Float}, {@code StringCompare}, {@code Crc32c}; the SSE3
 * duplicating moves are {@code SseShuffle}'s, so their adapters are {@link SseLibHelpers}') as IR
 * helpers, one adapter per library op with its name, like {@link SseLibHelpers}: CPU state first,
 * {@code long} arguments narrowed back to {@code int}. They touch only the SSE state (helper flags
 * 0). {@code SseV2LibHelpersTest} checks that every library op has its adapter. No semantics here.
 */
public final class SseV2LibHelpers {
    private SseV2LibHelpers() {}

    // ---------------------------------------------------------------- SSE3
    public static long addsubps(X86Cpu c, long dst, long src) { return Sse3Float.addsubps(c.sse, (int) dst, (int) src); }
    public static long addsubpd(X86Cpu c, long dst, long src) { return Sse3Float.addsubpd(c.sse, (int) dst, (int) src); }
    public static long haddps(X86Cpu c, long dst, long src) { return Sse3Float.haddps(c.sse, (int) dst, (int) src); }
    public static long haddpd(X86Cpu c, long dst, long src) { return Sse3Float.haddpd(c.sse, (int) dst, (int) src); }
    public static long hsubps(X86Cpu c, long dst, long src) { return Sse3Float.hsubps(c.sse, (int) dst, (int) src); }
    public static long hsubpd(X86Cpu c, long dst, long src) { return Sse3Float.hsubpd(c.sse, (int) dst, (int) src); }

    // ---------------------------------------------------------------- SSSE3
    public static void pshufb(X86Cpu c, long dst, long src) { Ssse3.pshufb(c.sse, (int) dst, (int) src); }
    public static void palignr(X86Cpu c, long dst, long src, long imm8) { Ssse3.palignr(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void phaddw(X86Cpu c, long dst, long src) { Ssse3.phaddw(c.sse, (int) dst, (int) src); }
    public static void phaddd(X86Cpu c, long dst, long src) { Ssse3.phaddd(c.sse, (int) dst, (int) src); }
    public static void phaddsw(X86Cpu c, long dst, long src) { Ssse3.phaddsw(c.sse, (int) dst, (int) src); }
    public static void phsubw(X86Cpu c, long dst, long src) { Ssse3.phsubw(c.sse, (int) dst, (int) src); }
    public static void phsubd(X86Cpu c, long dst, long src) { Ssse3.phsubd(c.sse, (int) dst, (int) src); }
    public static void phsubsw(X86Cpu c, long dst, long src) { Ssse3.phsubsw(c.sse, (int) dst, (int) src); }
    public static void pmaddubsw(X86Cpu c, long dst, long src) { Ssse3.pmaddubsw(c.sse, (int) dst, (int) src); }
    public static void pmulhrsw(X86Cpu c, long dst, long src) { Ssse3.pmulhrsw(c.sse, (int) dst, (int) src); }
    public static void psignb(X86Cpu c, long dst, long src) { Ssse3.psignb(c.sse, (int) dst, (int) src); }
    public static void psignw(X86Cpu c, long dst, long src) { Ssse3.psignw(c.sse, (int) dst, (int) src); }
    public static void psignd(X86Cpu c, long dst, long src) { Ssse3.psignd(c.sse, (int) dst, (int) src); }
    public static void pabsb(X86Cpu c, long dst, long src) { Ssse3.pabsb(c.sse, (int) dst, (int) src); }
    public static void pabsw(X86Cpu c, long dst, long src) { Ssse3.pabsw(c.sse, (int) dst, (int) src); }
    public static void pabsd(X86Cpu c, long dst, long src) { Ssse3.pabsd(c.sse, (int) dst, (int) src); }

    // ---------------------------------------------------------------- SSE4.1 integer and moves
    public static void blendps(X86Cpu c, long dst, long src, long imm8) { Sse41Int.blendps(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void blendpd(X86Cpu c, long dst, long src, long imm8) { Sse41Int.blendpd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void pblendw(X86Cpu c, long dst, long src, long imm8) { Sse41Int.pblendw(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void blendvps(X86Cpu c, long dst, long src) { Sse41Int.blendvps(c.sse, (int) dst, (int) src); }
    public static void blendvpd(X86Cpu c, long dst, long src) { Sse41Int.blendvpd(c.sse, (int) dst, (int) src); }
    public static void pblendvb(X86Cpu c, long dst, long src) { Sse41Int.pblendvb(c.sse, (int) dst, (int) src); }
    public static void pmovsxbw(X86Cpu c, long dst, long src) { Sse41Int.pmovsxbw(c.sse, (int) dst, (int) src); }
    public static void pmovsxbd(X86Cpu c, long dst, long src) { Sse41Int.pmovsxbd(c.sse, (int) dst, (int) src); }
    public static void pmovsxbq(X86Cpu c, long dst, long src) { Sse41Int.pmovsxbq(c.sse, (int) dst, (int) src); }
    public static void pmovsxwd(X86Cpu c, long dst, long src) { Sse41Int.pmovsxwd(c.sse, (int) dst, (int) src); }
    public static void pmovsxwq(X86Cpu c, long dst, long src) { Sse41Int.pmovsxwq(c.sse, (int) dst, (int) src); }
    public static void pmovsxdq(X86Cpu c, long dst, long src) { Sse41Int.pmovsxdq(c.sse, (int) dst, (int) src); }
    public static void pmovzxbw(X86Cpu c, long dst, long src) { Sse41Int.pmovzxbw(c.sse, (int) dst, (int) src); }
    public static void pmovzxbd(X86Cpu c, long dst, long src) { Sse41Int.pmovzxbd(c.sse, (int) dst, (int) src); }
    public static void pmovzxbq(X86Cpu c, long dst, long src) { Sse41Int.pmovzxbq(c.sse, (int) dst, (int) src); }
    public static void pmovzxwd(X86Cpu c, long dst, long src) { Sse41Int.pmovzxwd(c.sse, (int) dst, (int) src); }
    public static void pmovzxwq(X86Cpu c, long dst, long src) { Sse41Int.pmovzxwq(c.sse, (int) dst, (int) src); }
    public static void pmovzxdq(X86Cpu c, long dst, long src) { Sse41Int.pmovzxdq(c.sse, (int) dst, (int) src); }
    public static void pmuldq(X86Cpu c, long dst, long src) { Sse41Int.pmuldq(c.sse, (int) dst, (int) src); }
    public static void pmulld(X86Cpu c, long dst, long src) { Sse41Int.pmulld(c.sse, (int) dst, (int) src); }
    public static void packusdw(X86Cpu c, long dst, long src) { Sse41Int.packusdw(c.sse, (int) dst, (int) src); }
    public static void phminposuw(X86Cpu c, long dst, long src) { Sse41Int.phminposuw(c.sse, (int) dst, (int) src); }
    public static long ptest(X86Cpu c, long dst, long src) { return Sse41Int.ptest(c.sse, (int) dst, (int) src); }
    public static void mpsadbw(X86Cpu c, long dst, long src, long imm8) { Sse41Int.mpsadbw(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long pextrb(X86Cpu c, long src, long imm8) { return Sse41Int.pextrb(c.sse, (int) src, (int) imm8); }
    public static long pextrd(X86Cpu c, long src, long imm8) { return Sse41Int.pextrd(c.sse, (int) src, (int) imm8); }
    public static long pextrq(X86Cpu c, long src, long imm8) { return Sse41Int.pextrq(c.sse, (int) src, (int) imm8); }
    public static void pinsrb(X86Cpu c, long dst, long value, long imm8) { Sse41Int.pinsrb(c.sse, (int) dst, value, (int) imm8); }
    public static void pinsrd(X86Cpu c, long dst, long value, long imm8) { Sse41Int.pinsrd(c.sse, (int) dst, value, (int) imm8); }
    public static void pinsrq(X86Cpu c, long dst, long value, long imm8) { Sse41Int.pinsrq(c.sse, (int) dst, value, (int) imm8); }
    public static void insertps(X86Cpu c, long dst, long src, long imm8) { Sse41Int.insertps(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void insertpsValue(X86Cpu c, long dst, long value, long imm8) { Sse41Int.insertpsValue(c.sse, (int) dst, value, (int) imm8); }

    // ---------------------------------------------------------------- SSE4.1 floating point
    public static long roundps(X86Cpu c, long dst, long src, long imm8) { return Sse41Float.roundps(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long roundpd(X86Cpu c, long dst, long src, long imm8) { return Sse41Float.roundpd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long roundss(X86Cpu c, long dst, long src, long imm8) { return Sse41Float.roundss(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long roundsd(X86Cpu c, long dst, long src, long imm8) { return Sse41Float.roundsd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long dpps(X86Cpu c, long dst, long src, long imm8) { return Sse41Float.dpps(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long dppd(X86Cpu c, long dst, long src, long imm8) { return Sse41Float.dppd(c.sse, (int) dst, (int) src, (int) imm8); }

    // ---------------------------------------------------------------- SSE4.2
    public static long pcmpistr(X86Cpu c, long a, long b, long imm8) { return StringCompare.pcmpistr(c.sse, (int) a, (int) b, (int) imm8); }
    public static long pcmpestr(X86Cpu c, long a, long b, long lenA, long lenB, long imm8) { return StringCompare.pcmpestr(c.sse, (int) a, (int) b, lenA, lenB, (int) imm8); }
    public static long explicitLength(X86Cpu c, long len, long width, long imm8) { return StringCompare.explicitLength(len, (int) width, (int) imm8); }
    public static long flags(X86Cpu c, long result) { return StringCompare.flags(result); }
    public static long index(X86Cpu c, long result, long imm8) { return StringCompare.index(result, (int) imm8); }
    public static void mask(X86Cpu c, long result, long imm8) { StringCompare.mask(c.sse, result, (int) imm8); }
    public static long crc32(X86Cpu c, long crc, long data, long bytes) { return Crc32c.crc32(crc, data, (int) bytes); }
}
