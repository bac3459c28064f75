package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * SSE/SSE2 floating-point arithmetic, min/max, square root, compares and bitwise ops on XMM
 * registers ({@code dst} is the first source and the destination; {@code src} may be
 * {@link SseState#SCRATCH} holding a memory operand, scalar forms read only its low element).
 * Scalar forms ({@code ss}/{@code sd}) leave the rest of {@code dst} unchanged.
 *
 * <p>Every method that can raise an FP exception returns an {@code int}: 0 when all raised
 * exceptions are masked (flags are ORed into MXCSR and the result is written), otherwise the
 * unmasked exception flags (MXCSR flags updated as the SDM says, {@code dst} NOT written): the
 * translator raises #XM, i.e. SIGFPE.
 */
public final class SseFloat {
    private SseFloat() {}

    private static final FloatFormat SINGLE = FloatFormat.BINARY32, DOUBLE = FloatFormat.BINARY64;
    private static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, SQRT = 6, CMP = 7;

    /** RFLAGS bits produced by (U)COMISS/SD. */
    public static final int CF = 1, PF = 4, ZF = 0x40;
    /** Set (together with the unmasked flags in bits 0-5) in a (U)COMIS result that must raise #XM. */
    public static final int XM_FAULT = 0x80000000;

    private static long element(FloatFormat f, int op, int imm, long a, long b, FpStatus st) {
        switch (op) {
            case ADD: return SoftFloat.add(f, a, b, st);
            case SUB: return SoftFloat.sub(f, a, b, st);
            case MUL: return SoftFloat.mul(f, a, b, st);
            case DIV: return SoftFloat.div(f, a, b, st);
            case MIN: return minMax(f, a, b, false, st);
            case MAX: return minMax(f, a, b, true, st);
            case SQRT: return SoftFloat.sqrt(f, b, st);
            default: return comparePredicate(f, a, b, imm, st) ? f.allBits : 0;
        }
    }

    /**
     * MINSS/MAXSS element: {@code a} if it is strictly below (min) / above (max) {@code b}, else
     * {@code b} - so a NaN in either operand or two zeros give the second operand, unchanged (an
     * SNaN is not quieted). Any NaN operand raises IE (a signaling compare). DAZ replaces the
     * operand itself, so even a NaN-forced "return src" returns the flushed zero.
     */
    private static long minMax(FloatFormat f, long a, long b, boolean max, FpStatus st) {
        int rel = SoftFloat.compare(f, a, b, true, st);
        boolean first = max ? rel == SoftFloat.GREATER : rel == SoftFloat.LESS;
        return SoftFloat.flushedInput(f, first ? a : b, st);
    }

    /** CMPPS/CMPSS predicates 0-7 (imm8 bits 0-2): EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD. */
    private static boolean comparePredicate(FloatFormat f, long a, long b, int predicate, FpStatus st) {
        int p = predicate & 7;
        boolean signaling = (p & 3) == 1 || (p & 3) == 2; // LT, LE, NLT, NLE
        int rel = SoftFloat.compare(f, a, b, signaling, st);
        boolean r;
        switch (p & 3) {
            case 0: r = rel == SoftFloat.EQUAL; break;
            case 1: r = rel == SoftFloat.LESS; break;
            case 2: r = rel == SoftFloat.LESS || rel == SoftFloat.EQUAL; break;
            default: r = rel == SoftFloat.UNORDERED; break;
        }
        return (p & 4) != 0 ? !r : r;
    }

    private static int apply(SseState s, int dst, int src, FloatFormat f, int op, int imm, boolean scalar) {
        int bits = f == SINGLE ? 32 : 64;
        int perWord = 64 / bits;
        int n = scalar ? 1 : 128 / bits;
        FpStatus st = SseStatus.of(s.mxcsr);
        long lo = s.lo(dst), hi = s.hi(dst), slo = s.lo(src), shi = s.hi(src);
        long rlo = lo, rhi = hi;
        for (int i = 0; i < n; i++) {
            long r = element(f, op, imm, Lanes.get(lo, hi, bits, i), Lanes.get(slo, shi, bits, i), st);
            if (i < perWord) rlo = Lanes.put(rlo, bits, i, r);
            else rhi = Lanes.put(rhi, bits, i - perWord, r);
        }
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.set(dst, rlo, rhi);
        return fault;
    }

    /** The exact path of a scalar op whose source is a memory operand: via the scratch register. */
    private static int scalarMem(SseState s, int dst, long src, FloatFormat f, int op) {
        s.set(SseState.SCRATCH, src, 0);
        return apply(s, dst, SseState.SCRATCH, f, op, 0, true);
    }

    public static int addps(SseState s, int dst, int src) {
        return FastFloat.packedSingle(s, dst, src, FastFloat.ADD) ? 0 : apply(s, dst, src, SINGLE, ADD, 0, false);
    }
    public static int addss(SseState s, int dst, int src) {
        return FastFloat.addss(s, dst, Float.intBitsToFloat((int) s.xmm[2 * src])) ? 0 : apply(s, dst, src, SINGLE, ADD, 0, true);
    }
    /** ADDSS xmm, m32: {@code src} is the memory operand (low 32 bits). */
    public static int addssMem(SseState s, int dst, long src) {
        return FastFloat.addss(s, dst, Float.intBitsToFloat((int) src)) ? 0 : scalarMem(s, dst, src, SINGLE, ADD);
    }
    public static int addpd(SseState s, int dst, int src) {
        return FastFloat.addpd(s, dst, src) ? 0 : apply(s, dst, src, DOUBLE, ADD, 0, false);
    }
    public static int addsd(SseState s, int dst, int src) {
        return FastFloat.addsd(s, dst, Double.longBitsToDouble(s.xmm[2 * src])) ? 0 : apply(s, dst, src, DOUBLE, ADD, 0, true);
    }
    /** ADDSD xmm, m64: {@code src} is the memory operand. */
    public static int addsdMem(SseState s, int dst, long src) {
        return FastFloat.addsd(s, dst, Double.longBitsToDouble(src)) ? 0 : scalarMem(s, dst, src, DOUBLE, ADD);
    }

    public static int subps(SseState s, int dst, int src) {
        return FastFloat.packedSingle(s, dst, src, FastFloat.SUB) ? 0 : apply(s, dst, src, SINGLE, SUB, 0, false);
    }
    public static int subss(SseState s, int dst, int src) {
        return FastFloat.subss(s, dst, Float.intBitsToFloat((int) s.xmm[2 * src])) ? 0 : apply(s, dst, src, SINGLE, SUB, 0, true);
    }
    /** SUBSS xmm, m32: {@code src} is the memory operand (low 32 bits). */
    public static int subssMem(SseState s, int dst, long src) {
        return FastFloat.subss(s, dst, Float.intBitsToFloat((int) src)) ? 0 : scalarMem(s, dst, src, SINGLE, SUB);
    }
    public static int subpd(SseState s, int dst, int src) {
        return FastFloat.subpd(s, dst, src) ? 0 : apply(s, dst, src, DOUBLE, SUB, 0, false);
    }
    public static int subsd(SseState s, int dst, int src) {
        return FastFloat.subsd(s, dst, Double.longBitsToDouble(s.xmm[2 * src])) ? 0 : apply(s, dst, src, DOUBLE, SUB, 0, true);
    }
    /** SUBSD xmm, m64: {@code src} is the memory operand. */
    public static int subsdMem(SseState s, int dst, long src) {
        return FastFloat.subsd(s, dst, Double.longBitsToDouble(src)) ? 0 : scalarMem(s, dst, src, DOUBLE, SUB);
    }

    public static int mulps(SseState s, int dst, int src) {
        return FastFloat.packedSingle(s, dst, src, FastFloat.MUL) ? 0 : apply(s, dst, src, SINGLE, MUL, 0, false);
    }
    public static int mulss(SseState s, int dst, int src) {
        return FastFloat.mulss(s, dst, Float.intBitsToFloat((int) s.xmm[2 * src])) ? 0 : apply(s, dst, src, SINGLE, MUL, 0, true);
    }
    /** MULSS xmm, m32: {@code src} is the memory operand (low 32 bits). */
    public static int mulssMem(SseState s, int dst, long src) {
        return FastFloat.mulss(s, dst, Float.intBitsToFloat((int) src)) ? 0 : scalarMem(s, dst, src, SINGLE, MUL);
    }
    public static int mulpd(SseState s, int dst, int src) {
        return FastFloat.mulpd(s, dst, src) ? 0 : apply(s, dst, src, DOUBLE, MUL, 0, false);
    }
    public static int mulsd(SseState s, int dst, int src) {
        return FastFloat.mulsd(s, dst, Double.longBitsToDouble(s.xmm[2 * src])) ? 0 : apply(s, dst, src, DOUBLE, MUL, 0, true);
    }
    /** MULSD xmm, m64: {@code src} is the memory operand. */
    public static int mulsdMem(SseState s, int dst, long src) {
        return FastFloat.mulsd(s, dst, Double.longBitsToDouble(src)) ? 0 : scalarMem(s, dst, src, DOUBLE, MUL);
    }

    public static int divps(SseState s, int dst, int src) {
        return FastFloat.packedSingle(s, dst, src, FastFloat.DIV) ? 0 : apply(s, dst, src, SINGLE, DIV, 0, false);
    }
    public static int divss(SseState s, int dst, int src) {
        return FastFloat.divss(s, dst, Float.intBitsToFloat((int) s.xmm[2 * src])) ? 0 : apply(s, dst, src, SINGLE, DIV, 0, true);
    }
    /** DIVSS xmm, m32: {@code src} is the memory operand (low 32 bits). */
    public static int divssMem(SseState s, int dst, long src) {
        return FastFloat.divss(s, dst, Float.intBitsToFloat((int) src)) ? 0 : scalarMem(s, dst, src, SINGLE, DIV);
    }
    public static int divpd(SseState s, int dst, int src) {
        return FastFloat.divpd(s, dst, src) ? 0 : apply(s, dst, src, DOUBLE, DIV, 0, false);
    }
    public static int divsd(SseState s, int dst, int src) {
        return FastFloat.divsd(s, dst, Double.longBitsToDouble(s.xmm[2 * src])) ? 0 : apply(s, dst, src, DOUBLE, DIV, 0, true);
    }
    /** DIVSD xmm, m64: {@code src} is the memory operand. */
    public static int divsdMem(SseState s, int dst, long src) {
        return FastFloat.divsd(s, dst, Double.longBitsToDouble(src)) ? 0 : scalarMem(s, dst, src, DOUBLE, DIV);
    }

    /** MIN*: per element {@code dst < src ? dst : src} (NaN or ±0 pairs give src unchanged). */
    public static int minps(SseState s, int dst, int src) { return apply(s, dst, src, SINGLE, MIN, 0, false); }
    public static int minss(SseState s, int dst, int src) { return apply(s, dst, src, SINGLE, MIN, 0, true); }
    public static int minpd(SseState s, int dst, int src) { return apply(s, dst, src, DOUBLE, MIN, 0, false); }
    public static int minsd(SseState s, int dst, int src) { return apply(s, dst, src, DOUBLE, MIN, 0, true); }

    /** MAX*: per element {@code dst > src ? dst : src} (NaN or ±0 pairs give src unchanged). */
    public static int maxps(SseState s, int dst, int src) { return apply(s, dst, src, SINGLE, MAX, 0, false); }
    public static int maxss(SseState s, int dst, int src) { return apply(s, dst, src, SINGLE, MAX, 0, true); }
    public static int maxpd(SseState s, int dst, int src) { return apply(s, dst, src, DOUBLE, MAX, 0, false); }
    public static int maxsd(SseState s, int dst, int src) { return apply(s, dst, src, DOUBLE, MAX, 0, true); }

    /** SQRT*: square root of {@code src} (scalar forms keep the upper part of {@code dst}). */
    public static int sqrtps(SseState s, int dst, int src) {
        return FastFloat.sqrtps(s, dst, src) ? 0 : apply(s, dst, src, SINGLE, SQRT, 0, false);
    }
    public static int sqrtss(SseState s, int dst, int src) {
        return FastFloat.sqrtss(s, dst, Float.intBitsToFloat((int) s.xmm[2 * src])) ? 0 : apply(s, dst, src, SINGLE, SQRT, 0, true);
    }
    /** SQRTSS xmm, m32. */
    public static int sqrtssMem(SseState s, int dst, long src) {
        return FastFloat.sqrtss(s, dst, Float.intBitsToFloat((int) src)) ? 0 : scalarMem(s, dst, src, SINGLE, SQRT);
    }
    public static int sqrtpd(SseState s, int dst, int src) {
        return FastFloat.sqrtpd(s, dst, src) ? 0 : apply(s, dst, src, DOUBLE, SQRT, 0, false);
    }
    public static int sqrtsd(SseState s, int dst, int src) {
        return FastFloat.sqrtsd(s, dst, Double.longBitsToDouble(s.xmm[2 * src])) ? 0 : apply(s, dst, src, DOUBLE, SQRT, 0, true);
    }
    /** SQRTSD xmm, m64. */
    public static int sqrtsdMem(SseState s, int dst, long src) {
        return FastFloat.sqrtsd(s, dst, Double.longBitsToDouble(src)) ? 0 : scalarMem(s, dst, src, DOUBLE, SQRT);
    }

    /** CMP*: all-ones/zero masks for predicate {@code imm8 & 7} (EQ LT LE UNORD NEQ NLT NLE ORD). */
    public static int cmpps(SseState s, int dst, int src, int imm8) { return apply(s, dst, src, SINGLE, CMP, imm8, false); }
    public static int cmpss(SseState s, int dst, int src, int imm8) { return apply(s, dst, src, SINGLE, CMP, imm8, true); }
    public static int cmppd(SseState s, int dst, int src, int imm8) { return apply(s, dst, src, DOUBLE, CMP, imm8, false); }
    public static int cmpsd(SseState s, int dst, int src, int imm8) { return apply(s, dst, src, DOUBLE, CMP, imm8, true); }

    private static int compareFlags(SseState s, int a, int b, FloatFormat f, boolean signaling) {
        long x = s.xmm[2 * a], y = s.xmm[2 * b];
        int fast = f == DOUBLE ? FastFloat.compareD(Double.longBitsToDouble(x), Double.longBitsToDouble(y))
                : FastFloat.compareF(Float.intBitsToFloat((int) x), Float.intBitsToFloat((int) y));
        return fast >= 0 ? fast : exactCompareFlags(s, a, b, f, signaling);
    }

    private static int exactCompareFlags(SseState s, int a, int b, FloatFormat f, boolean signaling) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long mask = f == SINGLE ? 0xffffffffL : -1L;
        int rel = SoftFloat.compare(f, s.lo(a) & mask, s.lo(b) & mask, signaling, st);
        int fault = SseStatus.commit(st, s);
        if (fault != 0) return XM_FAULT | fault;
        switch (rel) {
            case SoftFloat.LESS: return CF;
            case SoftFloat.EQUAL: return ZF;
            case SoftFloat.GREATER: return 0;
            default: return ZF | PF | CF;
        }
    }

    /**
     * UCOMISS: compares the low singles of {@code a} and {@code b}; returns the new ZF|PF|CF
     * (OF, SF, AF are cleared by the instruction), or {@link #XM_FAULT} | unmasked flags.
     * IE only for an SNaN operand.
     */
    public static int ucomiss(SseState s, int a, int b) { return compareFlags(s, a, b, SINGLE, false); }
    public static int ucomisd(SseState s, int a, int b) { return compareFlags(s, a, b, DOUBLE, false); }
    /** COMISS: like {@link #ucomiss} but any NaN operand raises IE. */
    public static int comiss(SseState s, int a, int b) { return compareFlags(s, a, b, SINGLE, true); }
    public static int comisd(SseState s, int a, int b) { return compareFlags(s, a, b, DOUBLE, true); }

    // Bitwise ops raise no exceptions; the ps/pd spellings are the same operation.

    public static void andps(SseState s, int dst, int src) { s.set(dst, s.lo(dst) & s.lo(src), s.hi(dst) & s.hi(src)); }
    public static void andnps(SseState s, int dst, int src) { s.set(dst, ~s.lo(dst) & s.lo(src), ~s.hi(dst) & s.hi(src)); }
    public static void orps(SseState s, int dst, int src) { s.set(dst, s.lo(dst) | s.lo(src), s.hi(dst) | s.hi(src)); }
    public static void xorps(SseState s, int dst, int src) { s.set(dst, s.lo(dst) ^ s.lo(src), s.hi(dst) ^ s.hi(src)); }
    public static void andpd(SseState s, int dst, int src) { andps(s, dst, src); }
    public static void andnpd(SseState s, int dst, int src) { andnps(s, dst, src); }
    public static void orpd(SseState s, int dst, int src) { orps(s, dst, src); }
    public static void xorpd(SseState s, int dst, int src) { xorps(s, dst, src); }
}
