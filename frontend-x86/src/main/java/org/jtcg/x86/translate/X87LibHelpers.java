package org.jtcg.x86.translate;

import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.x87.X87;

/**
 * The x87 library ({@link X87}) as IR helpers: one adapter per instruction helper, with the
 * library's name, forwarding to it over {@link X86Cpu#x87}. IR helpers take only {@code long}/{@code
 * int} arguments, so ST indices are narrowed back to {@code int} and the library's {@code boolean}
 * arguments (pop, condition) are passed as 0/1; results come back as {@code long}. They touch only
 * the x87 state (helper flags 0). No semantics live here.
 */
public final class X87LibHelpers {
    private X87LibHelpers() {}

    // ---------------------------------------------------------------- X87
    public static long unmaskedPending(X86Cpu c) { return X87.unmaskedPending(c.x87) ? 1 : 0; }
    public static void fninit(X86Cpu c) { X87.fninit(c.x87); }
    public static void fldcw(X86Cpu c, long value) { X87.fldcw(c.x87, value); }
    public static long fnstcw(X86Cpu c) { return X87.fnstcw(c.x87); }
    public static long fnstsw(X86Cpu c) { return X87.fnstsw(c.x87); }
    public static void fnclex(X86Cpu c) { X87.fnclex(c.x87); }
    public static void fincstp(X86Cpu c) { X87.fincstp(c.x87); }
    public static void fdecstp(X86Cpu c) { X87.fdecstp(c.x87); }
    public static void ffree(X86Cpu c, long i, long pop) { X87.ffree(c.x87, (int) i, pop != 0); }
    public static void fxch(X86Cpu c, long i) { X87.fxch(c.x87, (int) i); }
    public static void fld(X86Cpu c, long i) { X87.fld(c.x87, (int) i); }
    public static void fldMem32(X86Cpu c, long bits) { X87.fldMem32(c.x87, bits); }
    public static void fldMem64(X86Cpu c, long bits) { X87.fldMem64(c.x87, bits); }
    public static void fldMem80(X86Cpu c, long sig, long signExp) { X87.fldMem80(c.x87, sig, signExp); }
    public static void fildMem16(X86Cpu c, long v) { X87.fildMem16(c.x87, v); }
    public static void fildMem32(X86Cpu c, long v) { X87.fildMem32(c.x87, v); }
    public static void fildMem64(X86Cpu c, long v) { X87.fildMem64(c.x87, v); }
    public static void fld1(X86Cpu c) { X87.fld1(c.x87); }
    public static void fldz(X86Cpu c) { X87.fldz(c.x87); }
    public static void fldpi(X86Cpu c) { X87.fldpi(c.x87); }
    public static void fldl2e(X86Cpu c) { X87.fldl2e(c.x87); }
    public static void fldl2t(X86Cpu c) { X87.fldl2t(c.x87); }
    public static void fldlg2(X86Cpu c) { X87.fldlg2(c.x87); }
    public static void fldln2(X86Cpu c) { X87.fldln2(c.x87); }
    public static void fst(X86Cpu c, long i, long pop) { X87.fst(c.x87, (int) i, pop != 0); }
    public static long fstMem32(X86Cpu c, long pop) { return X87.fstMem32(c.x87, pop != 0); }
    public static long fstMem64(X86Cpu c, long pop) { return X87.fstMem64(c.x87, pop != 0); }
    public static long fstMem80Sig(X86Cpu c) { return X87.fstMem80Sig(c.x87); }
    public static long fstMem80SignExp(X86Cpu c, long pop) { return X87.fstMem80SignExp(c.x87, pop != 0); }
    public static long fistMem16(X86Cpu c, long pop) { return X87.fistMem16(c.x87, pop != 0); }
    public static long fistMem32(X86Cpu c, long pop) { return X87.fistMem32(c.x87, pop != 0); }
    public static long fistMem64(X86Cpu c, long pop) { return X87.fistMem64(c.x87, pop != 0); }
    public static long fisttpMem16(X86Cpu c) { return X87.fisttpMem16(c.x87); }
    public static long fisttpMem32(X86Cpu c) { return X87.fisttpMem32(c.x87); }
    public static long fisttpMem64(X86Cpu c) { return X87.fisttpMem64(c.x87); }
    public static void fadd(X86Cpu c, long dst, long src, long pop) { X87.fadd(c.x87, (int) dst, (int) src, pop != 0); }
    public static void fsub(X86Cpu c, long dst, long src, long pop) { X87.fsub(c.x87, (int) dst, (int) src, pop != 0); }
    public static void fsubr(X86Cpu c, long dst, long src, long pop) { X87.fsubr(c.x87, (int) dst, (int) src, pop != 0); }
    public static void fmul(X86Cpu c, long dst, long src, long pop) { X87.fmul(c.x87, (int) dst, (int) src, pop != 0); }
    public static void fdiv(X86Cpu c, long dst, long src, long pop) { X87.fdiv(c.x87, (int) dst, (int) src, pop != 0); }
    public static void fdivr(X86Cpu c, long dst, long src, long pop) { X87.fdivr(c.x87, (int) dst, (int) src, pop != 0); }
    public static void faddMem32(X86Cpu c, long bits) { X87.faddMem32(c.x87, bits); }
    public static void fsubMem32(X86Cpu c, long bits) { X87.fsubMem32(c.x87, bits); }
    public static void fsubrMem32(X86Cpu c, long bits) { X87.fsubrMem32(c.x87, bits); }
    public static void fmulMem32(X86Cpu c, long bits) { X87.fmulMem32(c.x87, bits); }
    public static void fdivMem32(X86Cpu c, long bits) { X87.fdivMem32(c.x87, bits); }
    public static void fdivrMem32(X86Cpu c, long bits) { X87.fdivrMem32(c.x87, bits); }
    public static void faddMem64(X86Cpu c, long bits) { X87.faddMem64(c.x87, bits); }
    public static void fsubMem64(X86Cpu c, long bits) { X87.fsubMem64(c.x87, bits); }
    public static void fsubrMem64(X86Cpu c, long bits) { X87.fsubrMem64(c.x87, bits); }
    public static void fmulMem64(X86Cpu c, long bits) { X87.fmulMem64(c.x87, bits); }
    public static void fdivMem64(X86Cpu c, long bits) { X87.fdivMem64(c.x87, bits); }
    public static void fdivrMem64(X86Cpu c, long bits) { X87.fdivrMem64(c.x87, bits); }
    public static void fiaddMem16(X86Cpu c, long v) { X87.fiaddMem16(c.x87, v); }
    public static void fisubMem16(X86Cpu c, long v) { X87.fisubMem16(c.x87, v); }
    public static void fisubrMem16(X86Cpu c, long v) { X87.fisubrMem16(c.x87, v); }
    public static void fimulMem16(X86Cpu c, long v) { X87.fimulMem16(c.x87, v); }
    public static void fidivMem16(X86Cpu c, long v) { X87.fidivMem16(c.x87, v); }
    public static void fidivrMem16(X86Cpu c, long v) { X87.fidivrMem16(c.x87, v); }
    public static void fiaddMem32(X86Cpu c, long v) { X87.fiaddMem32(c.x87, v); }
    public static void fisubMem32(X86Cpu c, long v) { X87.fisubMem32(c.x87, v); }
    public static void fisubrMem32(X86Cpu c, long v) { X87.fisubrMem32(c.x87, v); }
    public static void fimulMem32(X86Cpu c, long v) { X87.fimulMem32(c.x87, v); }
    public static void fidivMem32(X86Cpu c, long v) { X87.fidivMem32(c.x87, v); }
    public static void fidivrMem32(X86Cpu c, long v) { X87.fidivrMem32(c.x87, v); }
    public static void fsqrt(X86Cpu c) { X87.fsqrt(c.x87); }
    public static void frndint(X86Cpu c) { X87.frndint(c.x87); }
    public static void fchs(X86Cpu c) { X87.fchs(c.x87); }
    public static void fabs(X86Cpu c) { X87.fabs(c.x87); }
    public static void fscale(X86Cpu c) { X87.fscale(c.x87); }
    public static void fprem(X86Cpu c) { X87.fprem(c.x87); }
    public static void fprem1(X86Cpu c) { X87.fprem1(c.x87); }
    public static void fxtract(X86Cpu c) { X87.fxtract(c.x87); }
    public static void fsin(X86Cpu c) { X87.fsin(c.x87); }
    public static void fcos(X86Cpu c) { X87.fcos(c.x87); }
    public static void fsincos(X86Cpu c) { X87.fsincos(c.x87); }
    public static void fptan(X86Cpu c) { X87.fptan(c.x87); }
    public static void fpatan(X86Cpu c) { X87.fpatan(c.x87); }
    public static void f2xm1(X86Cpu c) { X87.f2xm1(c.x87); }
    public static void fyl2x(X86Cpu c) { X87.fyl2x(c.x87); }
    public static void fyl2xp1(X86Cpu c) { X87.fyl2xp1(c.x87); }
    public static void fcmov(X86Cpu c, long i, long condition) { X87.fcmov(c.x87, (int) i, condition != 0); }
    public static void fcom(X86Cpu c, long i, long pops) { X87.fcom(c.x87, (int) i, (int) pops); }
    public static void fucom(X86Cpu c, long i, long pops) { X87.fucom(c.x87, (int) i, (int) pops); }
    public static void fcomMem32(X86Cpu c, long bits, long pop) { X87.fcomMem32(c.x87, bits, pop != 0); }
    public static void fcomMem64(X86Cpu c, long bits, long pop) { X87.fcomMem64(c.x87, bits, pop != 0); }
    public static void ficomMem16(X86Cpu c, long v, long pop) { X87.ficomMem16(c.x87, v, pop != 0); }
    public static void ficomMem32(X86Cpu c, long v, long pop) { X87.ficomMem32(c.x87, v, pop != 0); }
    public static void ftst(X86Cpu c) { X87.ftst(c.x87); }
    public static long fcomi(X86Cpu c, long i, long pop) { return X87.fcomi(c.x87, (int) i, pop != 0); }
    public static long fucomi(X86Cpu c, long i, long pop) { return X87.fucomi(c.x87, (int) i, pop != 0); }
    public static void fxam(X86Cpu c) { X87.fxam(c.x87); }
}
