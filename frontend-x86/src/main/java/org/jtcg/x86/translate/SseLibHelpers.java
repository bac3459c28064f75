package org.jtcg.x86.translate;

import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.sse.ApproxReciprocal;
import org.jtcg.x86.sse.SseConvert;
import org.jtcg.x86.sse.SseFloat;
import org.jtcg.x86.sse.SseInt;
import org.jtcg.x86.sse.SseShuffle;

/**
 * The SSE library ({@code org.jtcg.x86.sse}) as IR helpers: one adapter per library op, with the
 * library's name, forwarding to it over {@link X86Cpu#sse}. IR helpers must take the CPU state first
 * and only {@code long}/{@code int} arguments, so the adapters narrow register numbers and
 * immediates back to {@code int}; results (fault flags, compare flags, GPR values) come back as
 * {@code long}. They touch only the SSE state (helper flags 0). {@code SseLibHelpersTest} checks that
 * every library op has its adapter. No semantics live here.
 */
public final class SseLibHelpers {
    private SseLibHelpers() {}

    // ---------------------------------------------------------------- ApproxReciprocal (raise nothing)
    public static void rcpps(X86Cpu c, long dst, long src) { ApproxReciprocal.rcpps(c.sse, (int) dst, (int) src); }
    public static void rcpss(X86Cpu c, long dst, long src) { ApproxReciprocal.rcpss(c.sse, (int) dst, (int) src); }
    public static void rsqrtps(X86Cpu c, long dst, long src) { ApproxReciprocal.rsqrtps(c.sse, (int) dst, (int) src); }
    public static void rsqrtss(X86Cpu c, long dst, long src) { ApproxReciprocal.rsqrtss(c.sse, (int) dst, (int) src); }

    // ---------------------------------------------------------------- SseFloat
    public static long addps(X86Cpu c, long dst, long src) { return SseFloat.addps(c.sse, (int) dst, (int) src); }
    public static long addss(X86Cpu c, long dst, long src) { return SseFloat.addss(c.sse, (int) dst, (int) src); }
    public static long addpd(X86Cpu c, long dst, long src) { return SseFloat.addpd(c.sse, (int) dst, (int) src); }
    public static long addsd(X86Cpu c, long dst, long src) { return SseFloat.addsd(c.sse, (int) dst, (int) src); }
    public static long subps(X86Cpu c, long dst, long src) { return SseFloat.subps(c.sse, (int) dst, (int) src); }
    public static long subss(X86Cpu c, long dst, long src) { return SseFloat.subss(c.sse, (int) dst, (int) src); }
    public static long subpd(X86Cpu c, long dst, long src) { return SseFloat.subpd(c.sse, (int) dst, (int) src); }
    public static long subsd(X86Cpu c, long dst, long src) { return SseFloat.subsd(c.sse, (int) dst, (int) src); }
    public static long mulps(X86Cpu c, long dst, long src) { return SseFloat.mulps(c.sse, (int) dst, (int) src); }
    public static long mulss(X86Cpu c, long dst, long src) { return SseFloat.mulss(c.sse, (int) dst, (int) src); }
    public static long mulpd(X86Cpu c, long dst, long src) { return SseFloat.mulpd(c.sse, (int) dst, (int) src); }
    public static long mulsd(X86Cpu c, long dst, long src) { return SseFloat.mulsd(c.sse, (int) dst, (int) src); }
    public static long divps(X86Cpu c, long dst, long src) { return SseFloat.divps(c.sse, (int) dst, (int) src); }
    public static long divss(X86Cpu c, long dst, long src) { return SseFloat.divss(c.sse, (int) dst, (int) src); }
    public static long divpd(X86Cpu c, long dst, long src) { return SseFloat.divpd(c.sse, (int) dst, (int) src); }
    public static long divsd(X86Cpu c, long dst, long src) { return SseFloat.divsd(c.sse, (int) dst, (int) src); }
    public static long minps(X86Cpu c, long dst, long src) { return SseFloat.minps(c.sse, (int) dst, (int) src); }
    public static long minss(X86Cpu c, long dst, long src) { return SseFloat.minss(c.sse, (int) dst, (int) src); }
    public static long minpd(X86Cpu c, long dst, long src) { return SseFloat.minpd(c.sse, (int) dst, (int) src); }
    public static long minsd(X86Cpu c, long dst, long src) { return SseFloat.minsd(c.sse, (int) dst, (int) src); }
    public static long maxps(X86Cpu c, long dst, long src) { return SseFloat.maxps(c.sse, (int) dst, (int) src); }
    public static long maxss(X86Cpu c, long dst, long src) { return SseFloat.maxss(c.sse, (int) dst, (int) src); }
    public static long maxpd(X86Cpu c, long dst, long src) { return SseFloat.maxpd(c.sse, (int) dst, (int) src); }
    public static long maxsd(X86Cpu c, long dst, long src) { return SseFloat.maxsd(c.sse, (int) dst, (int) src); }
    public static long sqrtps(X86Cpu c, long dst, long src) { return SseFloat.sqrtps(c.sse, (int) dst, (int) src); }
    public static long sqrtss(X86Cpu c, long dst, long src) { return SseFloat.sqrtss(c.sse, (int) dst, (int) src); }
    public static long sqrtpd(X86Cpu c, long dst, long src) { return SseFloat.sqrtpd(c.sse, (int) dst, (int) src); }
    public static long sqrtsd(X86Cpu c, long dst, long src) { return SseFloat.sqrtsd(c.sse, (int) dst, (int) src); }
    public static long addssMem(X86Cpu c, long dst, long src) { return SseFloat.addssMem(c.sse, (int) dst, src); }
    public static long addsdMem(X86Cpu c, long dst, long src) { return SseFloat.addsdMem(c.sse, (int) dst, src); }
    public static long subssMem(X86Cpu c, long dst, long src) { return SseFloat.subssMem(c.sse, (int) dst, src); }
    public static long subsdMem(X86Cpu c, long dst, long src) { return SseFloat.subsdMem(c.sse, (int) dst, src); }
    public static long mulssMem(X86Cpu c, long dst, long src) { return SseFloat.mulssMem(c.sse, (int) dst, src); }
    public static long mulsdMem(X86Cpu c, long dst, long src) { return SseFloat.mulsdMem(c.sse, (int) dst, src); }
    public static long divssMem(X86Cpu c, long dst, long src) { return SseFloat.divssMem(c.sse, (int) dst, src); }
    public static long divsdMem(X86Cpu c, long dst, long src) { return SseFloat.divsdMem(c.sse, (int) dst, src); }
    public static long sqrtssMem(X86Cpu c, long dst, long src) { return SseFloat.sqrtssMem(c.sse, (int) dst, src); }
    public static long sqrtsdMem(X86Cpu c, long dst, long src) { return SseFloat.sqrtsdMem(c.sse, (int) dst, src); }
    public static long cmpps(X86Cpu c, long dst, long src, long imm8) { return SseFloat.cmpps(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long cmpss(X86Cpu c, long dst, long src, long imm8) { return SseFloat.cmpss(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long cmppd(X86Cpu c, long dst, long src, long imm8) { return SseFloat.cmppd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long cmpsd(X86Cpu c, long dst, long src, long imm8) { return SseFloat.cmpsd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static long ucomiss(X86Cpu c, long a, long b) { return SseFloat.ucomiss(c.sse, (int) a, (int) b); }
    public static long ucomisd(X86Cpu c, long a, long b) { return SseFloat.ucomisd(c.sse, (int) a, (int) b); }
    public static long comiss(X86Cpu c, long a, long b) { return SseFloat.comiss(c.sse, (int) a, (int) b); }
    public static long comisd(X86Cpu c, long a, long b) { return SseFloat.comisd(c.sse, (int) a, (int) b); }
    public static void andps(X86Cpu c, long dst, long src) { SseFloat.andps(c.sse, (int) dst, (int) src); }
    public static void andnps(X86Cpu c, long dst, long src) { SseFloat.andnps(c.sse, (int) dst, (int) src); }
    public static void orps(X86Cpu c, long dst, long src) { SseFloat.orps(c.sse, (int) dst, (int) src); }
    public static void xorps(X86Cpu c, long dst, long src) { SseFloat.xorps(c.sse, (int) dst, (int) src); }
    public static void andpd(X86Cpu c, long dst, long src) { SseFloat.andpd(c.sse, (int) dst, (int) src); }
    public static void andnpd(X86Cpu c, long dst, long src) { SseFloat.andnpd(c.sse, (int) dst, (int) src); }
    public static void orpd(X86Cpu c, long dst, long src) { SseFloat.orpd(c.sse, (int) dst, (int) src); }
    public static void xorpd(X86Cpu c, long dst, long src) { SseFloat.xorpd(c.sse, (int) dst, (int) src); }

    // ---------------------------------------------------------------- SseConvert
    public static long cvtsi2ss32(X86Cpu c, long dst, long v) { return SseConvert.cvtsi2ss32(c.sse, (int) dst, (int) v); }
    public static long cvtsi2ss64(X86Cpu c, long dst, long v) { return SseConvert.cvtsi2ss64(c.sse, (int) dst, v); }
    public static long cvtsi2sd32(X86Cpu c, long dst, long v) { return SseConvert.cvtsi2sd32(c.sse, (int) dst, (int) v); }
    public static long cvtsi2sd64(X86Cpu c, long dst, long v) { return SseConvert.cvtsi2sd64(c.sse, (int) dst, v); }
    public static long cvtdq2ps(X86Cpu c, long dst, long src) { return SseConvert.cvtdq2ps(c.sse, (int) dst, (int) src); }
    public static void cvtdq2pd(X86Cpu c, long dst, long src) { SseConvert.cvtdq2pd(c.sse, (int) dst, (int) src); }
    public static long toIntFault(X86Cpu c, long src, long isDouble, long width, long truncate) { return SseConvert.toIntFault(c.sse, (int) src, isDouble != 0, (int) width, truncate != 0); }
    public static long cvtss2si32(X86Cpu c, long src) { return SseConvert.cvtss2si32(c.sse, (int) src); }
    public static long cvtss2si64(X86Cpu c, long src) { return SseConvert.cvtss2si64(c.sse, (int) src); }
    public static long cvttss2si32(X86Cpu c, long src) { return SseConvert.cvttss2si32(c.sse, (int) src); }
    public static long cvttss2si64(X86Cpu c, long src) { return SseConvert.cvttss2si64(c.sse, (int) src); }
    public static long cvtsd2si32(X86Cpu c, long src) { return SseConvert.cvtsd2si32(c.sse, (int) src); }
    public static long cvtsd2si64(X86Cpu c, long src) { return SseConvert.cvtsd2si64(c.sse, (int) src); }
    public static long cvttsd2si32(X86Cpu c, long src) { return SseConvert.cvttsd2si32(c.sse, (int) src); }
    public static long cvttsd2si64(X86Cpu c, long src) { return SseConvert.cvttsd2si64(c.sse, (int) src); }
    public static long cvtps2dq(X86Cpu c, long dst, long src) { return SseConvert.cvtps2dq(c.sse, (int) dst, (int) src); }
    public static long cvttps2dq(X86Cpu c, long dst, long src) { return SseConvert.cvttps2dq(c.sse, (int) dst, (int) src); }
    public static long cvtpd2dq(X86Cpu c, long dst, long src) { return SseConvert.cvtpd2dq(c.sse, (int) dst, (int) src); }
    public static long cvttpd2dq(X86Cpu c, long dst, long src) { return SseConvert.cvttpd2dq(c.sse, (int) dst, (int) src); }
    public static long cvtss2sd(X86Cpu c, long dst, long src) { return SseConvert.cvtss2sd(c.sse, (int) dst, (int) src); }
    public static long cvtsd2ss(X86Cpu c, long dst, long src) { return SseConvert.cvtsd2ss(c.sse, (int) dst, (int) src); }
    public static long cvtps2pd(X86Cpu c, long dst, long src) { return SseConvert.cvtps2pd(c.sse, (int) dst, (int) src); }
    public static long cvtpd2ps(X86Cpu c, long dst, long src) { return SseConvert.cvtpd2ps(c.sse, (int) dst, (int) src); }

    // ---------------------------------------------------------------- SseInt
    public static void pand(X86Cpu c, long dst, long src) { SseInt.pand(c.sse, (int) dst, (int) src); }
    public static void pandn(X86Cpu c, long dst, long src) { SseInt.pandn(c.sse, (int) dst, (int) src); }
    public static void por(X86Cpu c, long dst, long src) { SseInt.por(c.sse, (int) dst, (int) src); }
    public static void pxor(X86Cpu c, long dst, long src) { SseInt.pxor(c.sse, (int) dst, (int) src); }
    public static void paddb(X86Cpu c, long dst, long src) { SseInt.paddb(c.sse, (int) dst, (int) src); }
    public static void paddw(X86Cpu c, long dst, long src) { SseInt.paddw(c.sse, (int) dst, (int) src); }
    public static void paddd(X86Cpu c, long dst, long src) { SseInt.paddd(c.sse, (int) dst, (int) src); }
    public static void paddq(X86Cpu c, long dst, long src) { SseInt.paddq(c.sse, (int) dst, (int) src); }
    public static void psubb(X86Cpu c, long dst, long src) { SseInt.psubb(c.sse, (int) dst, (int) src); }
    public static void psubw(X86Cpu c, long dst, long src) { SseInt.psubw(c.sse, (int) dst, (int) src); }
    public static void psubd(X86Cpu c, long dst, long src) { SseInt.psubd(c.sse, (int) dst, (int) src); }
    public static void psubq(X86Cpu c, long dst, long src) { SseInt.psubq(c.sse, (int) dst, (int) src); }
    public static void paddusb(X86Cpu c, long dst, long src) { SseInt.paddusb(c.sse, (int) dst, (int) src); }
    public static void paddusw(X86Cpu c, long dst, long src) { SseInt.paddusw(c.sse, (int) dst, (int) src); }
    public static void psubusb(X86Cpu c, long dst, long src) { SseInt.psubusb(c.sse, (int) dst, (int) src); }
    public static void psubusw(X86Cpu c, long dst, long src) { SseInt.psubusw(c.sse, (int) dst, (int) src); }
    public static void paddsb(X86Cpu c, long dst, long src) { SseInt.paddsb(c.sse, (int) dst, (int) src); }
    public static void paddsw(X86Cpu c, long dst, long src) { SseInt.paddsw(c.sse, (int) dst, (int) src); }
    public static void psubsb(X86Cpu c, long dst, long src) { SseInt.psubsb(c.sse, (int) dst, (int) src); }
    public static void psubsw(X86Cpu c, long dst, long src) { SseInt.psubsw(c.sse, (int) dst, (int) src); }
    public static void pcmpeqb(X86Cpu c, long dst, long src) { SseInt.pcmpeqb(c.sse, (int) dst, (int) src); }
    public static void pcmpeqw(X86Cpu c, long dst, long src) { SseInt.pcmpeqw(c.sse, (int) dst, (int) src); }
    public static void pcmpeqd(X86Cpu c, long dst, long src) { SseInt.pcmpeqd(c.sse, (int) dst, (int) src); }
    public static void pcmpgtb(X86Cpu c, long dst, long src) { SseInt.pcmpgtb(c.sse, (int) dst, (int) src); }
    public static void pcmpgtw(X86Cpu c, long dst, long src) { SseInt.pcmpgtw(c.sse, (int) dst, (int) src); }
    public static void pcmpgtd(X86Cpu c, long dst, long src) { SseInt.pcmpgtd(c.sse, (int) dst, (int) src); }
    public static void pminub(X86Cpu c, long dst, long src) { SseInt.pminub(c.sse, (int) dst, (int) src); }
    public static void pmaxub(X86Cpu c, long dst, long src) { SseInt.pmaxub(c.sse, (int) dst, (int) src); }
    public static void pminsw(X86Cpu c, long dst, long src) { SseInt.pminsw(c.sse, (int) dst, (int) src); }
    public static void pmaxsw(X86Cpu c, long dst, long src) { SseInt.pmaxsw(c.sse, (int) dst, (int) src); }
    public static void pavgb(X86Cpu c, long dst, long src) { SseInt.pavgb(c.sse, (int) dst, (int) src); }
    public static void pavgw(X86Cpu c, long dst, long src) { SseInt.pavgw(c.sse, (int) dst, (int) src); }
    public static void psadbw(X86Cpu c, long dst, long src) { SseInt.psadbw(c.sse, (int) dst, (int) src); }
    public static void pmullw(X86Cpu c, long dst, long src) { SseInt.pmullw(c.sse, (int) dst, (int) src); }
    public static void pmulhw(X86Cpu c, long dst, long src) { SseInt.pmulhw(c.sse, (int) dst, (int) src); }
    public static void pmulhuw(X86Cpu c, long dst, long src) { SseInt.pmulhuw(c.sse, (int) dst, (int) src); }
    public static void pmuludq(X86Cpu c, long dst, long src) { SseInt.pmuludq(c.sse, (int) dst, (int) src); }
    public static void pmaddwd(X86Cpu c, long dst, long src) { SseInt.pmaddwd(c.sse, (int) dst, (int) src); }
    public static void psllw(X86Cpu c, long dst, long src) { SseInt.psllw(c.sse, (int) dst, (int) src); }
    public static void pslld(X86Cpu c, long dst, long src) { SseInt.pslld(c.sse, (int) dst, (int) src); }
    public static void psllq(X86Cpu c, long dst, long src) { SseInt.psllq(c.sse, (int) dst, (int) src); }
    public static void psrlw(X86Cpu c, long dst, long src) { SseInt.psrlw(c.sse, (int) dst, (int) src); }
    public static void psrld(X86Cpu c, long dst, long src) { SseInt.psrld(c.sse, (int) dst, (int) src); }
    public static void psrlq(X86Cpu c, long dst, long src) { SseInt.psrlq(c.sse, (int) dst, (int) src); }
    public static void psraw(X86Cpu c, long dst, long src) { SseInt.psraw(c.sse, (int) dst, (int) src); }
    public static void psrad(X86Cpu c, long dst, long src) { SseInt.psrad(c.sse, (int) dst, (int) src); }
    public static void psllwImm(X86Cpu c, long dst, long imm8) { SseInt.psllwImm(c.sse, (int) dst, (int) imm8); }
    public static void pslldImm(X86Cpu c, long dst, long imm8) { SseInt.pslldImm(c.sse, (int) dst, (int) imm8); }
    public static void psllqImm(X86Cpu c, long dst, long imm8) { SseInt.psllqImm(c.sse, (int) dst, (int) imm8); }
    public static void psrlwImm(X86Cpu c, long dst, long imm8) { SseInt.psrlwImm(c.sse, (int) dst, (int) imm8); }
    public static void psrldImm(X86Cpu c, long dst, long imm8) { SseInt.psrldImm(c.sse, (int) dst, (int) imm8); }
    public static void psrlqImm(X86Cpu c, long dst, long imm8) { SseInt.psrlqImm(c.sse, (int) dst, (int) imm8); }
    public static void psrawImm(X86Cpu c, long dst, long imm8) { SseInt.psrawImm(c.sse, (int) dst, (int) imm8); }
    public static void psradImm(X86Cpu c, long dst, long imm8) { SseInt.psradImm(c.sse, (int) dst, (int) imm8); }
    public static void pslldq(X86Cpu c, long dst, long imm8) { SseInt.pslldq(c.sse, (int) dst, (int) imm8); }
    public static void psrldq(X86Cpu c, long dst, long imm8) { SseInt.psrldq(c.sse, (int) dst, (int) imm8); }

    // ---------------------------------------------------------------- SseShuffle
    public static void movssMerge(X86Cpu c, long dst, long src) { SseShuffle.movssMerge(c.sse, (int) dst, (int) src); }
    public static void movssLoad(X86Cpu c, long dst, long src) { SseShuffle.movssLoad(c.sse, (int) dst, (int) src); }
    public static void movsdMerge(X86Cpu c, long dst, long src) { SseShuffle.movsdMerge(c.sse, (int) dst, (int) src); }
    public static void movsdLoad(X86Cpu c, long dst, long src) { SseShuffle.movsdLoad(c.sse, (int) dst, (int) src); }
    public static void movlhps(X86Cpu c, long dst, long src) { SseShuffle.movlhps(c.sse, (int) dst, (int) src); }
    public static void movhpsLoad(X86Cpu c, long dst, long src) { SseShuffle.movhpsLoad(c.sse, (int) dst, (int) src); }
    public static void movlpsLoad(X86Cpu c, long dst, long src) { SseShuffle.movlpsLoad(c.sse, (int) dst, (int) src); }
    public static void movhlps(X86Cpu c, long dst, long src) { SseShuffle.movhlps(c.sse, (int) dst, (int) src); }
    public static long movhpsStore(X86Cpu c, long src) { return SseShuffle.movhpsStore(c.sse, (int) src); }
    public static void punpcklbw(X86Cpu c, long dst, long src) { SseShuffle.punpcklbw(c.sse, (int) dst, (int) src); }
    public static void punpcklwd(X86Cpu c, long dst, long src) { SseShuffle.punpcklwd(c.sse, (int) dst, (int) src); }
    public static void punpckldq(X86Cpu c, long dst, long src) { SseShuffle.punpckldq(c.sse, (int) dst, (int) src); }
    public static void punpcklqdq(X86Cpu c, long dst, long src) { SseShuffle.punpcklqdq(c.sse, (int) dst, (int) src); }
    public static void punpckhbw(X86Cpu c, long dst, long src) { SseShuffle.punpckhbw(c.sse, (int) dst, (int) src); }
    public static void punpckhwd(X86Cpu c, long dst, long src) { SseShuffle.punpckhwd(c.sse, (int) dst, (int) src); }
    public static void punpckhdq(X86Cpu c, long dst, long src) { SseShuffle.punpckhdq(c.sse, (int) dst, (int) src); }
    public static void punpckhqdq(X86Cpu c, long dst, long src) { SseShuffle.punpckhqdq(c.sse, (int) dst, (int) src); }
    public static void unpcklps(X86Cpu c, long dst, long src) { SseShuffle.unpcklps(c.sse, (int) dst, (int) src); }
    public static void unpckhps(X86Cpu c, long dst, long src) { SseShuffle.unpckhps(c.sse, (int) dst, (int) src); }
    public static void unpcklpd(X86Cpu c, long dst, long src) { SseShuffle.unpcklpd(c.sse, (int) dst, (int) src); }
    public static void unpckhpd(X86Cpu c, long dst, long src) { SseShuffle.unpckhpd(c.sse, (int) dst, (int) src); }
    public static void pshufd(X86Cpu c, long dst, long src, long imm8) { SseShuffle.pshufd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void pshuflw(X86Cpu c, long dst, long src, long imm8) { SseShuffle.pshuflw(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void pshufhw(X86Cpu c, long dst, long src, long imm8) { SseShuffle.pshufhw(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void shufps(X86Cpu c, long dst, long src, long imm8) { SseShuffle.shufps(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void shufpd(X86Cpu c, long dst, long src, long imm8) { SseShuffle.shufpd(c.sse, (int) dst, (int) src, (int) imm8); }
    public static void packsswb(X86Cpu c, long dst, long src) { SseShuffle.packsswb(c.sse, (int) dst, (int) src); }
    public static void packssdw(X86Cpu c, long dst, long src) { SseShuffle.packssdw(c.sse, (int) dst, (int) src); }
    public static void packuswb(X86Cpu c, long dst, long src) { SseShuffle.packuswb(c.sse, (int) dst, (int) src); }
    public static long movmskps(X86Cpu c, long src) { return SseShuffle.movmskps(c.sse, (int) src); }
    public static long movmskpd(X86Cpu c, long src) { return SseShuffle.movmskpd(c.sse, (int) src); }
    public static long pmovmskb(X86Cpu c, long src) { return SseShuffle.pmovmskb(c.sse, (int) src); }
    public static long pextrw(X86Cpu c, long src, long imm8) { return SseShuffle.pextrw(c.sse, (int) src, (int) imm8); }
    public static void movddup(X86Cpu c, long dst, long src) { SseShuffle.movddup(c.sse, (int) dst, (int) src); }
    public static void movsldup(X86Cpu c, long dst, long src) { SseShuffle.movsldup(c.sse, (int) dst, (int) src); }
    public static void movshdup(X86Cpu c, long dst, long src) { SseShuffle.movshdup(c.sse, (int) dst, (int) src); }
    public static void pinsrw(X86Cpu c, long dst, long value, long imm8) { SseShuffle.pinsrw(c.sse, (int) dst, (int) value, (int) imm8); }
}
