package org.jtcg.x86.x87;

import org.jtcg.core.softfloat.FloatFormat;

import static org.jtcg.x86.x87.X87Flags.B;
import static org.jtcg.x86.x87.X87Flags.C0;
import static org.jtcg.x86.x87.X87Flags.C1;
import static org.jtcg.x86.x87.X87Flags.C2;
import static org.jtcg.x86.x87.X87Flags.C3;
import static org.jtcg.x86.x87.X87Flags.ES;
import static org.jtcg.x86.x87.X87Flags.EXCEPTIONS;
import static org.jtcg.x86.x87.X87Flags.IE;
import static org.jtcg.x86.x87.X87Flags.SF;
import static org.jtcg.x86.x87.X87Flags.TAG_EMPTY;

/**
 * x87 instructions as static helper methods over {@link X87State}, one per instruction form, for
 * translated code to call. Register operands are ST indices (0-7); memory operands arrive as the
 * raw little-endian value the translator loaded (m16/m32/m64 in a long, m80 as significand plus
 * 16-bit sign/exponent) and memory results are returned the same way.
 *
 * <p>Naming: {@code f<op>(s, dst, src, pop)} for ST(dst) = ST(dst) op ST(src); {@code f<op>r} is the
 * reversed form ST(dst) = ST(src) op ST(dst); {@code f<op>Mem32/Mem64} take a float operand,
 * {@code fi<op>Mem16/Mem32} an integer one, always with ST(0) as destination. Decoder quirks (which
 * opcode means fsub versus fsubr for the DC/DE forms) are the caller's business: these methods
 * implement the operation their name says.
 *
 * <p>All exceptions get the masked response. If the guest unmasked one and it is raised, ES and B
 * are set in FSW as on hardware; the caller can test {@link #unmaskedPending} before the next
 * waiting x87 instruction and deliver SIGFPE.
 */
public final class X87 {
    private X87() {}

    // ================================================================ state helpers

    /** Physical register of ST(i). */
    public static int phys(X87State s, int i) {
        return (s.top + i) & 7;
    }

    public static int tag(X87State s, int physReg) {
        return (s.tags >> (2 * physReg)) & 3;
    }

    public static boolean isEmpty(X87State s, int i) {
        return tag(s, phys(s, i)) == TAG_EMPTY;
    }

    private static void setTag(X87State s, int physReg, int tag) {
        s.tags = (s.tags & ~(3 << (2 * physReg))) | (tag << (2 * physReg));
    }

    /** Writes ST(i) and its tag. */
    public static void setSt(X87State s, int i, long sig, int se) {
        int p = phys(s, i);
        s.significand[p] = sig;
        s.signExp[p] = se & 0xffff;
        setTag(s, p, Float80.tagOf(sig, se & 0xffff));
    }

    public static long stSig(X87State s, int i) {
        return s.significand[phys(s, i)];
    }

    public static int stSe(X87State s, int i) {
        return s.signExp[phys(s, i)];
    }

    /** Marks ST(0) empty and increments TOP. */
    public static void pop(X87State s) {
        setTag(s, s.top, TAG_EMPTY);
        s.top = (s.top + 1) & 7;
    }

    /** Decrements TOP and writes ST(0); a full slot is a stack overflow (IE, SF, C1; indefinite loaded). */
    public static void push(X87State s, long sig, int se) {
        int newTop = (s.top - 1) & 7;
        if (tag(s, newTop) != TAG_EMPTY) {
            stackFault(s, true);
            sig = Float80.INDEFINITE_SIG;
            se = Float80.INDEFINITE_SE;
        }
        s.top = newTop;
        setSt(s, 0, sig, se);
    }

    private static void stackFault(X87State s, boolean overflow) {
        s.fswFlags = (s.fswFlags & ~C1) | IE | SF | (overflow ? C1 : 0);
        updateSummary(s);
    }

    private static void underflow(X87State s) {
        stackFault(s, false);
    }

    /** Sets or clears ES and B from the unmasked exception flags. */
    private static void updateSummary(X87State s) {
        if ((s.fswFlags & ~s.fcw & EXCEPTIONS) != 0) {
            s.fswFlags |= ES | B;
        } else {
            s.fswFlags &= ~(ES | B);
        }
    }

    /** True when an unmasked exception is flagged (hardware would raise #MF at the next waiting x87 instruction). */
    public static boolean unmaskedPending(X87State s) {
        return (s.fswFlags & ES) != 0;
    }

    private static Float80 env(X87State s) {
        return Float80.forControlWord(s.fcw);
    }

    /** Merges an operation's exception flags and its C1 into FSW. */
    private static void commit(X87State s, Float80 f) {
        s.fswFlags = (s.fswFlags & ~C1) | (f.flags & (EXCEPTIONS | C1));
        updateSummary(s);
    }

    private static void clearC1(X87State s) {
        s.fswFlags &= ~C1;
    }

    private static void setCc(X87State s, int cc) {
        s.fswFlags = (s.fswFlags & ~(C0 | C1 | C2 | C3)) | cc;
    }

    // ================================================================ control

    /** FNINIT / FINIT. */
    public static void fninit(X87State s) {
        s.fcw = X87State.FCW_RESET;
        s.fswFlags = 0;
        s.top = 0;
        s.tags = 0xffff;
        s.fop = 0;
        s.fip = 0;
        s.fdp = 0;
    }

    /** FLDCW m16. */
    public static void fldcw(X87State s, long value) {
        s.fcw = (int) value & 0x1f7f | 0x0040; // bit 6 reads as 1, bits 7 and 13-15 reserved
        updateSummary(s);
    }

    /** FNSTCW m16. */
    public static long fnstcw(X87State s) {
        return s.fcw & 0xffff;
    }

    /** FNSTSW m16 / FNSTSW AX. */
    public static long fnstsw(X87State s) {
        return s.fsw() & 0xffff;
    }

    /** FNCLEX: clears the exception flags, SF, ES and B. */
    public static void fnclex(X87State s) {
        s.fswFlags &= ~(EXCEPTIONS | SF | ES | B);
    }

    /** FINCSTP. */
    public static void fincstp(X87State s) {
        clearC1(s);
        s.top = (s.top + 1) & 7;
    }

    /** FDECSTP. */
    public static void fdecstp(X87State s) {
        clearC1(s);
        s.top = (s.top - 1) & 7;
    }

    /** FFREE ST(i) (and FFREEP when pop). */
    public static void ffree(X87State s, int i, boolean pop) {
        setTag(s, phys(s, i), TAG_EMPTY);
        if (pop) {
            pop(s);
        }
    }

    /** FXCH ST(i). An empty operand is a stack underflow; it is replaced by the indefinite first. */
    public static void fxch(X87State s, int i) {
        clearC1(s);
        if (isEmpty(s, 0) || isEmpty(s, i)) {
            underflow(s);
            if (isEmpty(s, 0)) {
                setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            }
            if (isEmpty(s, i)) {
                setSt(s, i, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            }
        }
        long sig = stSig(s, 0);
        int se = stSe(s, 0);
        setSt(s, 0, stSig(s, i), stSe(s, i));
        setSt(s, i, sig, se);
    }

    // ================================================================ loads

    /** FLD ST(i): pushes a copy (no SNaN or denormal checks, as for m80). */
    public static void fld(X87State s, int i) {
        clearC1(s);
        if (isEmpty(s, i)) {
            underflow(s);
            push(s, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        push(s, stSig(s, i), stSe(s, i));
    }

    /** FLD m32fp. */
    public static void fldMem32(X87State s, long bits) {
        loadIeee(s, bits, FloatFormat.BINARY32);
    }

    /** FLD m64fp. */
    public static void fldMem64(X87State s, long bits) {
        loadIeee(s, bits, FloatFormat.BINARY64);
    }

    private static void loadIeee(X87State s, long bits, FloatFormat format) {
        if (!isEmpty(s, 7)) { // stack overflow: the operand is not even examined (no DE/IE from it)
            push(s, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        Float80 f = env(s);
        f.fromIeee(bits, format, true);
        commit(s, f);
        push(s, f.sig, f.se);
    }

    /** FLD m80fp: raw copy. */
    public static void fldMem80(X87State s, long sig, long signExp) {
        clearC1(s);
        push(s, sig, (int) signExp & 0xffff);
    }

    /** FILD m16int (value in the low 16 bits). */
    public static void fildMem16(X87State s, long v) {
        fild(s, (short) v);
    }

    /** FILD m32int. */
    public static void fildMem32(X87State s, long v) {
        fild(s, (int) v);
    }

    /** FILD m64int. */
    public static void fildMem64(X87State s, long v) {
        fild(s, v);
    }

    private static void fild(X87State s, long v) {
        clearC1(s);
        Float80 f = env(s);
        f.fromInt(v);
        push(s, f.sig, f.se);
    }

    /** FLD1. */
    public static void fld1(X87State s) {
        clearC1(s);
        push(s, 0x8000000000000000L, Float80.BIAS);
    }

    /** FLDZ. */
    public static void fldz(X87State s) {
        clearC1(s);
        push(s, 0, 0);
    }

    /** FLDPI. */
    public static void fldpi(X87State s) {
        fldConst(s, X87Constant.PI);
    }

    /** FLDL2E (log2 e). */
    public static void fldl2e(X87State s) {
        fldConst(s, X87Constant.L2E);
    }

    /** FLDL2T (log2 10). */
    public static void fldl2t(X87State s) {
        fldConst(s, X87Constant.L2T);
    }

    /** FLDLG2 (log10 2). */
    public static void fldlg2(X87State s) {
        fldConst(s, X87Constant.LG2);
    }

    /** FLDLN2 (ln 2). */
    public static void fldln2(X87State s) {
        fldConst(s, X87Constant.LN2);
    }

    private static void fldConst(X87State s, X87Constant c) {
        clearC1(s);
        push(s, c.significand((s.fcw >> X87Flags.FCW_RC_SHIFT) & 3), c.signExp);
    }

    // ================================================================ stores

    /** FST ST(i) / FSTP ST(i). */
    public static void fst(X87State s, int i, boolean pop) {
        clearC1(s);
        if (isEmpty(s, 0)) {
            underflow(s);
            setSt(s, i, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
        } else {
            setSt(s, i, stSig(s, 0), stSe(s, 0));
        }
        if (pop) {
            pop(s);
        }
    }

    /** FST/FSTP m32fp: returns the float bits. */
    public static long fstMem32(X87State s, boolean pop) {
        return storeIeee(s, FloatFormat.BINARY32, pop) & 0xffffffffL;
    }

    /** FST/FSTP m64fp: returns the double bits. */
    public static long fstMem64(X87State s, boolean pop) {
        return storeIeee(s, FloatFormat.BINARY64, pop);
    }

    private static long storeIeee(X87State s, FloatFormat format, boolean pop) {
        long r;
        if (isEmpty(s, 0)) {
            clearC1(s);
            underflow(s);
            Float80 f = env(s);
            r = f.toIeee(Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE, format);
        } else {
            Float80 f = env(s);
            r = f.toIeee(stSig(s, 0), stSe(s, 0), format);
            commit(s, f);
        }
        if (pop) {
            pop(s);
        }
        return r;
    }

    /**
     * FSTP m80fp, first half: the significand to store (ST(0) is not popped; the indefinite with a
     * stack underflow when empty). Follow with {@link #fstMem80SignExp}.
     */
    public static long fstMem80Sig(X87State s) {
        clearC1(s);
        if (isEmpty(s, 0)) {
            underflow(s);
            return Float80.INDEFINITE_SIG;
        }
        return stSig(s, 0);
    }

    /** FSTP m80fp, second half: the 16-bit sign/exponent to store; pops when asked. */
    public static long fstMem80SignExp(X87State s, boolean pop) {
        long r = isEmpty(s, 0) ? Float80.INDEFINITE_SE : stSe(s, 0);
        if (isEmpty(s, 0)) {
            underflow(s);
        }
        if (pop) {
            pop(s);
        }
        return r;
    }

    /** FIST/FISTP m16int: rounded per RC; returns the value in the low 16 bits. */
    public static long fistMem16(X87State s, boolean pop) {
        return storeInt(s, 16, false, pop) & 0xffffL;
    }

    /** FIST/FISTP m32int. */
    public static long fistMem32(X87State s, boolean pop) {
        return storeInt(s, 32, false, pop) & 0xffffffffL;
    }

    /** FISTP m64int. */
    public static long fistMem64(X87State s, boolean pop) {
        return storeInt(s, 64, false, pop);
    }

    /** FISTTP m16int (truncating, always pops). */
    public static long fisttpMem16(X87State s) {
        return storeInt(s, 16, true, true) & 0xffffL;
    }

    /** FISTTP m32int. */
    public static long fisttpMem32(X87State s) {
        return storeInt(s, 32, true, true) & 0xffffffffL;
    }

    /** FISTTP m64int. */
    public static long fisttpMem64(X87State s) {
        return storeInt(s, 64, true, true);
    }

    private static long storeInt(X87State s, int bits, boolean truncate, boolean pop) {
        long r;
        if (isEmpty(s, 0)) {
            clearC1(s);
            underflow(s);
            r = Long.MIN_VALUE >> (64 - bits);
        } else {
            Float80 f = env(s);
            r = f.toInt(stSig(s, 0), stSe(s, 0), bits, truncate);
            commit(s, f);
        }
        if (pop) {
            pop(s);
        }
        return r;
    }

    // ================================================================ arithmetic

    /** Operation codes of the two-operand arithmetic family. */
    private static final int ADD = 0, SUB = 1, SUBR = 2, MUL = 3, DIV = 4, DIVR = 5;

    private static void compute(Float80 f, int op, long sa, int sea, long sb, int seb) {
        switch (op) {
            case ADD: f.add(sa, sea, sb, seb, false); break;
            case SUB: f.add(sa, sea, sb, seb, true); break;
            case SUBR: f.add(sb, seb, sa, sea, true); break;
            case MUL: f.mul(sa, sea, sb, seb); break;
            case DIV: f.div(sa, sea, sb, seb); break;
            case DIVR: f.div(sb, seb, sa, sea); break;
            default: throw new IllegalArgumentException("x87 arithmetic op " + op);
        }
    }

    private static void arith(X87State s, int op, int dst, int src, boolean pop) {
        clearC1(s);
        if (isEmpty(s, dst) || isEmpty(s, src)) {
            underflow(s);
            setSt(s, dst, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
        } else {
            Float80 f = env(s);
            compute(f, op, stSig(s, dst), stSe(s, dst), stSig(s, src), stSe(s, src));
            commit(s, f);
            setSt(s, dst, f.sig, f.se);
        }
        if (pop) {
            pop(s);
        }
    }

    /** ST(0) op memory operand already widened to 80 bits (conversion flags in {@code f}). */
    private static void arithMem(X87State s, Float80 f, int op, long sb, int seb) {
        clearC1(s);
        if (isEmpty(s, 0)) {
            underflow(s);
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        compute(f, op, stSig(s, 0), stSe(s, 0), sb, seb);
        commit(s, f);
        setSt(s, 0, f.sig, f.se);
    }

    private static void arithMem32(X87State s, int op, long bits) {
        Float80 w = env(s);
        w.fromIeee(bits, FloatFormat.BINARY32, false);
        Float80 f = env(s);
        f.memoryDenormal = (w.flags & X87Flags.DE) != 0;
        arithMem(s, f, op, w.sig, w.se);
    }

    private static void arithMem64(X87State s, int op, long bits) {
        Float80 w = env(s);
        w.fromIeee(bits, FloatFormat.BINARY64, false);
        Float80 f = env(s);
        f.memoryDenormal = (w.flags & X87Flags.DE) != 0;
        arithMem(s, f, op, w.sig, w.se);
    }

    private static void arithInt(X87State s, int op, long v) {
        Float80 w = env(s);
        w.fromInt(v);
        arithMem(s, env(s), op, w.sig, w.se);
    }

    /** FADD: ST(dst) = ST(dst) + ST(src), then pop if asked (FADDP). */
    public static void fadd(X87State s, int dst, int src, boolean pop) { arith(s, ADD, dst, src, pop); }
    /** FSUB: ST(dst) = ST(dst) - ST(src). */
    public static void fsub(X87State s, int dst, int src, boolean pop) { arith(s, SUB, dst, src, pop); }
    /** FSUBR: ST(dst) = ST(src) - ST(dst). */
    public static void fsubr(X87State s, int dst, int src, boolean pop) { arith(s, SUBR, dst, src, pop); }
    /** FMUL: ST(dst) = ST(dst) * ST(src). */
    public static void fmul(X87State s, int dst, int src, boolean pop) { arith(s, MUL, dst, src, pop); }
    /** FDIV: ST(dst) = ST(dst) / ST(src). */
    public static void fdiv(X87State s, int dst, int src, boolean pop) { arith(s, DIV, dst, src, pop); }
    /** FDIVR: ST(dst) = ST(src) / ST(dst). */
    public static void fdivr(X87State s, int dst, int src, boolean pop) { arith(s, DIVR, dst, src, pop); }

    public static void faddMem32(X87State s, long bits) { arithMem32(s, ADD, bits); }
    public static void fsubMem32(X87State s, long bits) { arithMem32(s, SUB, bits); }
    public static void fsubrMem32(X87State s, long bits) { arithMem32(s, SUBR, bits); }
    public static void fmulMem32(X87State s, long bits) { arithMem32(s, MUL, bits); }
    public static void fdivMem32(X87State s, long bits) { arithMem32(s, DIV, bits); }
    public static void fdivrMem32(X87State s, long bits) { arithMem32(s, DIVR, bits); }

    public static void faddMem64(X87State s, long bits) { arithMem64(s, ADD, bits); }
    public static void fsubMem64(X87State s, long bits) { arithMem64(s, SUB, bits); }
    public static void fsubrMem64(X87State s, long bits) { arithMem64(s, SUBR, bits); }
    public static void fmulMem64(X87State s, long bits) { arithMem64(s, MUL, bits); }
    public static void fdivMem64(X87State s, long bits) { arithMem64(s, DIV, bits); }
    public static void fdivrMem64(X87State s, long bits) { arithMem64(s, DIVR, bits); }

    public static void fiaddMem16(X87State s, long v) { arithInt(s, ADD, (short) v); }
    public static void fisubMem16(X87State s, long v) { arithInt(s, SUB, (short) v); }
    public static void fisubrMem16(X87State s, long v) { arithInt(s, SUBR, (short) v); }
    public static void fimulMem16(X87State s, long v) { arithInt(s, MUL, (short) v); }
    public static void fidivMem16(X87State s, long v) { arithInt(s, DIV, (short) v); }
    public static void fidivrMem16(X87State s, long v) { arithInt(s, DIVR, (short) v); }

    public static void fiaddMem32(X87State s, long v) { arithInt(s, ADD, (int) v); }
    public static void fisubMem32(X87State s, long v) { arithInt(s, SUB, (int) v); }
    public static void fisubrMem32(X87State s, long v) { arithInt(s, SUBR, (int) v); }
    public static void fimulMem32(X87State s, long v) { arithInt(s, MUL, (int) v); }
    public static void fidivMem32(X87State s, long v) { arithInt(s, DIV, (int) v); }
    public static void fidivrMem32(X87State s, long v) { arithInt(s, DIVR, (int) v); }

    // ================================================================ one-operand ops on ST(0)

    /** Runs a unary soft-float op on ST(0), replacing it; empty ST(0) is a stack underflow. */
    private static Float80 unary(X87State s) {
        clearC1(s);
        if (isEmpty(s, 0)) {
            underflow(s);
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return null;
        }
        return env(s);
    }

    /** FSQRT. */
    public static void fsqrt(X87State s) {
        Float80 f = unary(s);
        if (f != null) {
            f.sqrt(stSig(s, 0), stSe(s, 0));
            commit(s, f);
            setSt(s, 0, f.sig, f.se);
        }
    }

    /** FRNDINT. */
    public static void frndint(X87State s) {
        Float80 f = unary(s);
        if (f != null) {
            f.roundToInt(stSig(s, 0), stSe(s, 0));
            commit(s, f);
            setSt(s, 0, f.sig, f.se);
        }
    }

    /** FCHS: flips the sign bit (no exceptions beyond stack underflow). */
    public static void fchs(X87State s) {
        if (unary(s) != null) {
            setSt(s, 0, stSig(s, 0), stSe(s, 0) ^ 0x8000);
        }
    }

    /** FABS. */
    public static void fabs(X87State s) {
        if (unary(s) != null) {
            setSt(s, 0, stSig(s, 0), stSe(s, 0) & 0x7fff);
        }
    }

    /** FSCALE: ST(0) = ST(0) * 2^trunc(ST(1)). */
    public static void fscale(X87State s) {
        clearC1(s);
        if (isEmpty(s, 0) || isEmpty(s, 1)) {
            underflow(s);
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        Float80 f = env(s);
        f.scale(stSig(s, 0), stSe(s, 0), stSig(s, 1), stSe(s, 1));
        commit(s, f);
        setSt(s, 0, f.sig, f.se);
    }

    /** FPREM: partial remainder of ST(0) / ST(1) with truncated quotient. */
    public static void fprem(X87State s) {
        remainder(s, false);
    }

    /** FPREM1: IEEE partial remainder (quotient rounded to nearest). */
    public static void fprem1(X87State s) {
        remainder(s, true);
    }

    private static void remainder(X87State s, boolean ieee) {
        if (isEmpty(s, 0) || isEmpty(s, 1)) {
            setCc(s, 0);
            underflow(s);
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        Float80 f = env(s);
        int cc = f.remainder(stSig(s, 0), stSe(s, 0), stSig(s, 1), stSe(s, 1), ieee);
        setCc(s, cc);
        s.fswFlags |= f.flags & EXCEPTIONS;
        updateSummary(s);
        setSt(s, 0, f.sig, f.se);
    }

    /** FXTRACT: ST(0) becomes its exponent and the significand is pushed. */
    public static void fxtract(X87State s) {
        clearC1(s);
        if (isEmpty(s, 0)) {
            underflow(s);
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            push(s, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        if (!isEmpty(s, 7)) { // stack overflow: both results are the indefinite
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            push(s, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        Float80 f = env(s);
        long[] mant = new long[2];
        f.extract(stSig(s, 0), stSe(s, 0), mant);
        commit(s, f);
        setSt(s, 0, f.sig, f.se);
        push(s, mant[0], (int) mant[1]);
    }

    /** FCMOVcc ST(0), ST(i): the caller evaluates the EFLAGS condition; an empty operand is an underflow even when it is false. */
    public static void fcmov(X87State s, int i, boolean condition) {
        clearC1(s);
        if (isEmpty(s, 0) || isEmpty(s, i)) {
            underflow(s); // hardware loads the indefinite whatever the condition
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        if (condition) {
            setSt(s, 0, stSig(s, i), stSe(s, i));
        }
    }

    // ================================================================ transcendentals

    private static void setC2(X87State s, boolean c2) {
        s.fswFlags = c2 ? s.fswFlags | C2 : s.fswFlags & ~C2;
    }

    /** FSIN: ST(0) = sin ST(0); |ST(0)| >= 2^63 sets C2 and leaves it unchanged. */
    public static void fsin(X87State s) {
        trigUnary(s, Transcendental.SIN);
    }

    /** FCOS: ST(0) = cos ST(0); out of range as {@link #fsin}. */
    public static void fcos(X87State s) {
        trigUnary(s, Transcendental.COS);
    }

    private static void trigUnary(X87State s, int fn) {
        setC2(s, false);
        Float80 f = unary(s);
        if (f != null) {
            boolean inRange = Transcendental.trig(f, fn, stSig(s, 0), stSe(s, 0));
            commit(s, f);
            setC2(s, !inRange);
            setSt(s, 0, f.sig, f.se);
        }
    }

    /** FSINCOS: ST(0) = sin ST(0), then cos is pushed; out of range: C2 set, nothing pushed. */
    public static void fsincos(X87State s) {
        pushingTrig(s, true);
    }

    /** FPTAN: ST(0) = tan ST(0), then 1.0 is pushed (a NaN result is pushed instead); out of range as FSINCOS. */
    public static void fptan(X87State s) {
        pushingTrig(s, false);
    }

    private static void pushingTrig(X87State s, boolean sincos) {
        clearC1(s);
        setC2(s, false);
        if (isEmpty(s, 0) || !isEmpty(s, 7)) { // underflow or overflow: two indefinites
            stackFault(s, !isEmpty(s, 0));
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            s.top = (s.top - 1) & 7;
            setSt(s, 0, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
            return;
        }
        long sig = stSig(s, 0);
        int se = stSe(s, 0);
        Float80 first = env(s);
        boolean inRange = Transcendental.trig(first, sincos ? Transcendental.SIN : Transcendental.TAN, sig, se);
        if (!inRange) {
            setC2(s, true);
            return;
        }
        long pushSig;
        int pushSe;
        int flags = first.flags;
        if (sincos) {
            Float80 second = env(s);
            Transcendental.trig(second, Transcendental.COS, sig, se);
            flags |= second.flags & ~C1; // C1 reports the rounding of the sine (checked on hardware)
            pushSig = second.sig;
            pushSe = second.se;
        } else if (Float80.isNaN(Float80.classify(first.sig, first.se))) {
            pushSig = first.sig;
            pushSe = first.se;
        } else {
            pushSig = 0x8000000000000000L;
            pushSe = Float80.BIAS;
        }
        Float80 merged = env(s);
        merged.flags = flags;
        commit(s, merged);
        setSt(s, 0, first.sig, first.se);
        s.top = (s.top - 1) & 7;
        setSt(s, 0, pushSig, pushSe);
    }

    /** Binary op ST(1) = op(ST(0), ST(1)), then pop (FPATAN, FYL2X, FYL2XP1). */
    private static void binaryPop(X87State s, int which) {
        clearC1(s);
        if (isEmpty(s, 0) || isEmpty(s, 1)) {
            underflow(s);
            setSt(s, 1, Float80.INDEFINITE_SIG, Float80.INDEFINITE_SE);
        } else {
            Float80 f = env(s);
            long xs = stSig(s, 0), ys = stSig(s, 1);
            int xse = stSe(s, 0), yse = stSe(s, 1);
            switch (which) {
                case 0: Transcendental.atan2(f, xs, xse, ys, yse); break;
                case 1: Transcendental.yl2x(f, xs, xse, ys, yse); break;
                default: Transcendental.yl2xp1(f, xs, xse, ys, yse); break;
            }
            commit(s, f);
            setSt(s, 1, f.sig, f.se);
        }
        pop(s);
    }

    /** FPATAN: ST(1) = arctan(ST(1) / ST(0)) in the quadrant of (ST(0), ST(1)), then pop. */
    public static void fpatan(X87State s) {
        binaryPop(s, 0);
    }

    /** FYL2X: ST(1) = ST(1) * log2(ST(0)), then pop. */
    public static void fyl2x(X87State s) {
        binaryPop(s, 1);
    }

    /** FYL2XP1: ST(1) = ST(1) * log2(ST(0) + 1), then pop. */
    public static void fyl2xp1(X87State s) {
        binaryPop(s, 2);
    }

    /** F2XM1: ST(0) = 2^ST(0) - 1 (defined for -1 <= ST(0) <= 1). */
    public static void f2xm1(X87State s) {
        Float80 f = unary(s);
        if (f != null) {
            Transcendental.exp2m1(f, stSig(s, 0), stSe(s, 0));
            commit(s, f);
            setSt(s, 0, f.sig, f.se);
        }
    }

    // ================================================================ comparisons

    private static int ccOf(int rel) {
        switch (rel) {
            case Float80.CMP_GT: return 0;
            case Float80.CMP_LT: return C0;
            case Float80.CMP_EQ: return C3;
            default: return C0 | C2 | C3;
        }
    }

    private static int eflagsOf(int rel) {
        switch (rel) {
            case Float80.CMP_GT: return 0;
            case Float80.CMP_LT: return X87Flags.EFLAGS_CF;
            case Float80.CMP_EQ: return X87Flags.EFLAGS_ZF;
            default: return X87Flags.EFLAGS_ZF | X87Flags.EFLAGS_PF | X87Flags.EFLAGS_CF;
        }
    }

    /** Compares ST(0) with (sb, seb); returns the relation, or unordered with a stack fault. */
    private static int compareSt0(X87State s, Float80 f, boolean stackOk, long sb, int seb, boolean signaling) {
        if (!stackOk) {
            underflow(s);
            return Float80.CMP_UNORDERED;
        }
        int rel = f.compare(stSig(s, 0), stSe(s, 0), sb, seb, signaling);
        s.fswFlags |= f.flags & EXCEPTIONS;
        updateSummary(s);
        return rel;
    }

    private static void fcomReg(X87State s, int i, int pops, boolean signaling) {
        boolean ok = !isEmpty(s, 0) && !isEmpty(s, i);
        Float80 f = env(s);
        int rel = compareSt0(s, f, ok, stSig(s, i), stSe(s, i), signaling);
        setCc(s, ccOf(rel));
        for (int k = 0; k < pops; k++) {
            pop(s);
        }
    }

    /** FCOM/FCOMP/FCOMPP ST(i) ({@code pops} 0, 1 or 2): IE on any NaN. */
    public static void fcom(X87State s, int i, int pops) {
        fcomReg(s, i, pops, true);
    }

    /** FUCOM/FUCOMP/FUCOMPP ST(i): IE only on SNaN. */
    public static void fucom(X87State s, int i, int pops) {
        fcomReg(s, i, pops, false);
    }

    /** FCOM/FCOMP m32fp. */
    public static void fcomMem32(X87State s, long bits, boolean pop) {
        Float80 w = env(s);
        w.fromIeee(bits, FloatFormat.BINARY32, false);
        fcomMem(s, w, pop);
    }

    /** FCOM/FCOMP m64fp. */
    public static void fcomMem64(X87State s, long bits, boolean pop) {
        Float80 w = env(s);
        w.fromIeee(bits, FloatFormat.BINARY64, false);
        fcomMem(s, w, pop);
    }

    /** FICOM/FICOMP m16int. */
    public static void ficomMem16(X87State s, long v, boolean pop) {
        Float80 w = env(s);
        w.fromInt((short) v);
        fcomMem(s, w, pop);
    }

    /** FICOM/FICOMP m32int. */
    public static void ficomMem32(X87State s, long v, boolean pop) {
        Float80 w = env(s);
        w.fromInt((int) v);
        fcomMem(s, w, pop);
    }

    private static void fcomMem(X87State s, Float80 w, boolean pop) {
        Float80 f = env(s);
        f.memoryDenormal = (w.flags & X87Flags.DE) != 0;
        int rel = compareSt0(s, f, !isEmpty(s, 0), w.sig, w.se, true);
        setCc(s, ccOf(rel));
        if (pop) {
            pop(s);
        }
    }

    /** FTST: compares ST(0) with +0.0. */
    public static void ftst(X87State s) {
        Float80 f = env(s);
        int rel = compareSt0(s, f, !isEmpty(s, 0), 0, 0, true);
        setCc(s, ccOf(rel));
    }

    /**
     * FCOMI/FCOMIP ST(0), ST(i): returns the EFLAGS bits ZF, PF, CF to set (OF, SF, AF are
     * cleared by the instruction); C1 is cleared.
     */
    public static int fcomi(X87State s, int i, boolean pop) {
        return comi(s, i, pop, true);
    }

    /** FUCOMI/FUCOMIP ST(0), ST(i). */
    public static int fucomi(X87State s, int i, boolean pop) {
        return comi(s, i, pop, false);
    }

    private static int comi(X87State s, int i, boolean pop, boolean signaling) {
        clearC1(s);
        boolean ok = !isEmpty(s, 0) && !isEmpty(s, i);
        Float80 f = env(s);
        int rel = compareSt0(s, f, ok, stSig(s, i), stSe(s, i), signaling);
        if (pop) {
            pop(s);
        }
        return eflagsOf(rel);
    }

    /** FXAM: classifies ST(0) into C3/C2/C0, C1 = sign. */
    public static void fxam(X87State s) {
        int p = phys(s, 0);
        int sign = (s.signExp[p] & 0x8000) != 0 ? C1 : 0;
        int cc;
        if (tag(s, p) == TAG_EMPTY) {
            cc = C3 | C0;
        } else {
            switch (Float80.classify(s.significand[p], s.signExp[p])) {
                case Float80.UNSUPPORTED: cc = 0; break;
                case Float80.QNAN:
                case Float80.SNAN: cc = C0; break;
                case Float80.NORMAL: cc = C2; break;
                case Float80.INF: cc = C2 | C0; break;
                case Float80.ZERO: cc = C3; break;
                default: cc = C3 | C2; break; // denormal and pseudo-denormal
            }
        }
        setCc(s, cc | sign);
    }
}
