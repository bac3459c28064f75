package org.jtcg.x86.cpuid;

import java.util.List;

/**
 * One row per CPUID feature bit jtcg may advertise: where the bit lives (Intel SDM vol. 2A, CPUID),
 * whether the engines implement <em>every</em> instruction of the extension, and which mnemonics
 * those are. {@link CpuLevel} groups the rows into the x86-64 psABI levels; {@link CpuidModel}
 * advertises a row only when it belongs to the selected level (or to no level) and is implemented.
 *
 * <p>{@code implemented} is the switch the translator work flips: set it to true in the same commit
 * that makes the last instruction of the extension translate (the frontend test
 * {@code X86ExtensionTest} then checks every listed mnemonic is in {@code X86Translator.supportedOps()}).
 * A row that is advertised with a known hole says so in {@code gap} (shown by docs/x86.md).
 */
public enum X86Extension {
    // ---- x86-64-v1 (the psABI baseline: CMOV CX8 FPU FXSR MMX OSFXSR SCE SSE SSE2, plus long mode)
    FPU(Field.LEAF1_EDX, 0, true, "fld fstp fadd fmul fdiv fsqrt fcomip fxch fnstcw fldcw fsin fpatan", null),
    CX8(Field.LEAF1_EDX, 8, true, "cmpxchg8b", null),
    CMOV(Field.LEAF1_EDX, 15, true, "cmovcc fcmovb fcmove fcmovu fcomi fucomi", null),
    MMX(Field.LEAF1_EDX, 23, true, "",
            "MMX-register forms (mm0-mm7, emms) are not translated (SIGILL); the bit is set because the x86-64 "
                    + "baseline and glibc's ISA-level check require it, and x86-64 compilers emit MMX code only for MMX "
                    + "intrinsics"),
    FXSR(Field.LEAF1_EDX, 24, true, "fxsave fxrstor fxsave64 fxrstor64", null),
    SSE(Field.LEAF1_EDX, 25, true, "movaps movups movss addps mulps divps sqrtps maxps minps cmpps shufps unpcklps "
            + "andps xorps cvtsi2ss cvttss2si comiss ucomiss ldmxcsr stmxcsr movntps prefetchnta sfence rcpps rcpss rsqrtps "
            + "rsqrtss", "the MMX-register forms (cvtpi2ps, cvtps2pi...) are not translated (SIGILL)"),
    SSE2(Field.LEAF1_EDX, 26, true, "movdqa movdqu movapd movsd addpd mulpd divpd sqrtpd cmppd shufpd paddq psubq "
            + "pmuludq pshufd pshuflw pshufhw punpcklqdq pslldq psrldq cvtsi2sd cvttsd2si cvtpd2ps cvtdq2pd "
            + "pmovmskb movmskpd pcmpeqb packuswb pmaddwd psadbw movntdq movnti lfence mfence clflush maskmovdqu",
            "the MMX-register forms (movq2dq, cvtpi2pd...) are not translated (SIGILL)"),
    SYSCALL(Field.EXT1_EDX, 11, true, "syscall", null),
    LM(Field.EXT1_EDX, 29, true, "", null),

    // ---- x86-64-v2 (RHEL 9's baseline)
    CX16(Field.LEAF1_ECX, 13, true, "cmpxchg16b", null),
    LAHF_SAHF(Field.EXT1_ECX, 0, true, "lahf sahf", null),
    POPCNT(Field.LEAF1_ECX, 23, true, "popcnt", null),
    SSE3(Field.LEAF1_ECX, 0, true, "addsubpd addsubps haddpd haddps hsubpd hsubps lddqu movddup movshdup movsldup "
            + "fisttp", null),
    SSSE3(Field.LEAF1_ECX, 9, true, "pabsb pabsw pabsd palignr phaddw phaddd phaddsw phsubw phsubd phsubsw "
            + "pmaddubsw pmulhrsw pshufb psignb psignw psignd",
            "the MMX-register forms (0F 38 00-1E and 0F 3A 0F without 66) are not translated (SIGILL), like MMX"),
    SSE4_1(Field.LEAF1_ECX, 19, true, "blendpd blendps blendvpd blendvps dppd dpps extractps insertps movntdqa "
            + "mpsadbw packusdw pblendvb pblendw pcmpeqq pextrb pextrd pextrq phminposuw pinsrb pinsrd pinsrq pmaxsb "
            + "pmaxsd pmaxud pmaxuw pminsb pminsd pminud pminuw pmovsxbw pmovsxbd pmovsxbq pmovsxwd pmovsxwq "
            + "pmovsxdq pmovzxbw pmovzxbd pmovzxbq pmovzxwd pmovzxwq pmovzxdq pmuldq pmulld ptest roundpd roundps "
            + "roundsd roundss", null),
    SSE4_2(Field.LEAF1_ECX, 20, true, "crc32 pcmpestri pcmpestrm pcmpistri pcmpistrm pcmpgtq", null),

    // ---- x86-64-v3 (AVX2 generation)
    AVX(Field.LEAF1_ECX, 28, true, "vaddps vaddpd vmulps vdivpd vsqrtps vcmpps vcmpsd vandps vxorps vblendvps "
            + "vblendvpd vbroadcastss vbroadcastsd vbroadcastf128 vinsertf128 vextractf128 vperm2f128 vpermilps vpermilpd "
            + "vmaskmovps vmaskmovpd vtestps vtestpd vzeroupper vzeroall vmovaps vmovups vmovdqa vmovdqu vmovss vmovsd "
            + "vptest vcvtdq2pd vcvtps2pd vcvtpd2ps vcvttpd2dq vmovmskps vmovmskpd vpcmpistri vpshufb vpaddd vpxor",
            null),
    AVX2(Field.LEAF7_EBX, 5, true, "vpaddb vpaddq vpmullw vpshufb vpcmpeqb vpmovmskb vpmovzxbw vpbroadcastb "
            + "vpbroadcastw vpbroadcastd vpbroadcastq vbroadcasti128 vinserti128 vextracti128 vperm2i128 vpermd vpermq "
            + "vpermps vpermpd vpmaskmovd vpmaskmovq vpsllvd vpsllvq vpsrlvd vpsrlvq vpsravd vpblendd vpblendvb vmovntdqa "
            + "vpgatherdd vpgatherdq vpgatherqd vpgatherqq vgatherdps vgatherdpd vgatherqps vgatherqpd", null),
    BMI1(Field.LEAF7_EBX, 3, true, "andn bextr blsi blsmsk blsr tzcnt", null),
    BMI2(Field.LEAF7_EBX, 8, true, "bzhi mulx pdep pext rorx sarx shlx shrx", null),
    F16C(Field.LEAF1_ECX, 29, true, "vcvtph2ps vcvtps2ph", null),
    FMA(Field.LEAF1_ECX, 12, true, "vfmadd132ps vfmadd132pd vfmadd132ss vfmadd132sd vfmadd213ps vfmadd213pd vfmadd213ss "
            + "vfmadd213sd vfmadd231ps vfmadd231pd vfmadd231ss vfmadd231sd vfmsub132ps vfmsub132pd "
            + "vfmsub132ss vfmsub132sd vfmsub213ps vfmsub213pd vfmsub213ss vfmsub213sd vfmsub231ps "
            + "vfmsub231pd vfmsub231ss vfmsub231sd vfnmadd132ps vfnmadd132pd vfnmadd132ss vfnmadd132sd "
            + "vfnmadd213ps vfnmadd213pd vfnmadd213ss vfnmadd213sd vfnmadd231ps vfnmadd231pd vfnmadd231ss "
            + "vfnmadd231sd vfnmsub132ps vfnmsub132pd vfnmsub132ss vfnmsub132sd vfnmsub213ps vfnmsub213pd "
            + "vfnmsub213ss vfnmsub213sd vfnmsub231ps vfnmsub231pd vfnmsub231ss vfnmsub231sd vfmaddsub132ps "
            + "vfmaddsub132pd vfmaddsub213ps vfmaddsub213pd vfmaddsub231ps vfmaddsub231pd vfmsubadd132ps "
            + "vfmsubadd132pd vfmsubadd213ps vfmsubadd213pd vfmsubadd231ps vfmsubadd231pd",
            null),
    LZCNT(Field.EXT1_ECX, 5, true, "lzcnt", null),
    MOVBE(Field.LEAF1_ECX, 22, true, "movbe", null),
    XSAVE(Field.LEAF1_ECX, 26, true, "xsave xrstor xsave64 xrstor64 xgetbv",
            "XSAVEOPT/XSAVEC/XSAVES are not implemented and not advertised (leaf 0xD subleaf 1 is 0)"),
    /** Set together with XSAVE: the (emulated) OS has enabled XSAVE, so XGETBV may be used. */
    OSXSAVE(Field.LEAF1_ECX, 27, true, "xgetbv", null),

    // ---- in no level: advertised whenever implemented
    TSC(Field.LEAF1_EDX, 4, true, "rdtsc", null),
    CLFSH(Field.LEAF1_EDX, 19, true, "clflush", null),
    /** Not an instruction set: says "a hypervisor runs this CPU", which is true. */
    HYPERVISOR(Field.LEAF1_ECX, 31, true, "", null),
    NX(Field.EXT1_EDX, 20, true, "", null),
    RDTSCP(Field.EXT1_EDX, 27, true, "rdtscp", null),
    PRFCHW(Field.EXT1_ECX, 8, true, "prefetchw", null);

    /** A 32-bit register of a CPUID leaf that carries feature bits. */
    public enum Field {
        LEAF1_ECX(1, 'c'), LEAF1_EDX(1, 'd'), LEAF7_EBX(7, 'b'), EXT1_ECX(0x8000_0001, 'c'), EXT1_EDX(0x8000_0001, 'd');

        /** The leaf (subleaf 0). */
        public final int leaf;
        /** 'a', 'b', 'c' or 'd': which of EAX..EDX. */
        public final char register;

        Field(int leaf, char register) {
            this.leaf = leaf;
            this.register = register;
        }
    }

    public final Field field;
    public final int bit;
    /** True when the engines translate every instruction of the extension (see {@link #gap}). */
    public final boolean implemented;
    /** Lower-case mnemonics of the extension's instructions (those that must translate when implemented). */
    public final List<String> mnemonics;
    /** What is knowingly missing although the bit is advertised, or null. */
    public final String gap;

    X86Extension(Field field, int bit, boolean implemented, String mnemonics, String gap) {
        this.field = field;
        this.bit = bit;
        this.implemented = implemented;
        this.mnemonics = mnemonics.isEmpty() ? List.of() : List.of(mnemonics.split(" "));
        this.gap = gap;
    }

    /** The name as the psABI and /proc/cpuinfo spell it (lower case, {@code sse4_1}, {@code lahf_lm} for LAHF_SAHF). */
    public String displayName() {
        return this == LAHF_SAHF ? "lahf_lm" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The mask of this extension's bit in its {@link #field}. */
    public int mask() {
        return 1 << bit;
    }
}
