package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.FusedMultiplyAdd;

/**
 * FMA3 (vfmadd/vfmsub/vfnmadd/vfnmsub/vfmaddsub/vfmsubadd × 132/213/231 × ps/pd/ss/sd) on lane
 * arrays: one rounding per element by the shared {@link FusedMultiplyAdd}, under the MXCSR environment
 * of {@link SseStatus} (RC, DAZ, FTZ, flags and the #XM rule).
 *
 * <p>Operand order: {@code src1} is the destination register, {@code src2} VEX.vvvv, {@code src3} the
 * ModRM r/m operand. 132 computes {@code src1·src3 + src2}, 213 {@code src2·src1 + src3}, 231
 * {@code src2·src3 + src1}. Facts measured on the host (AMD Zen) and matching the SDM: the NaN result is
 * the first NaN of (multiplicand, multiplier, addend) in that computation order, quieted, with no
 * priority for signaling NaNs; the negations of the n/sub forms never change a NaN's sign;
 * {@code ∞·0 + QNaN} returns the QNaN without IE.
 */
public final class Fma3 {
    private Fma3() {}

    /** Kinds: a·b+c, a·b−c, −(a·b)+c, −(a·b)−c, and the alternating forms (even lanes first). */
    public static final int MADD = 0, MSUB = 1, NMADD = 2, NMSUB = 3, MADDSUB = 4, MSUBADD = 5;
    /** Operand orders. */
    public static final int ORDER_132 = 0, ORDER_213 = 1, ORDER_231 = 2;

    /**
     * The element results of lanes {@code 0..n-1}: {@code r[i]} for {@code i < n}, raised flags in
     * {@code st}. Lanes at and above {@code n} are {@code src1}'s (the scalar forms keep them).
     */
    public static long[] compute(FloatFormat f, int kind, int order, long[] src1, long[] src2, long[] src3, int n,
                                 FpStatus st) {
        long[] r = src1.clone();
        for (int i = 0; i < n; i++) {
            long a, b, c;
            switch (order) {
                case ORDER_132 -> { a = src1[i]; b = src3[i]; c = src2[i]; }
                case ORDER_213 -> { a = src2[i]; b = src1[i]; c = src3[i]; }
                default -> { a = src2[i]; b = src3[i]; c = src1[i]; }
            }
            r[i] = element(f, kindOfLane(kind, i), a, b, c, st);
        }
        return r;
    }

    /** vfmaddsub subtracts in even lanes and adds in odd ones; vfmsubadd the opposite. */
    private static int kindOfLane(int kind, int lane) {
        if (kind == MADDSUB) return (lane & 1) == 0 ? MSUB : MADD;
        if (kind == MSUBADD) return (lane & 1) == 0 ? MADD : MSUB;
        return kind;
    }

    private static long element(FloatFormat f, int kind, long a, long b, long c, FpStatus st) {
        boolean negateProduct = kind == NMADD || kind == NMSUB;
        boolean negateAddend = kind == MSUB || kind == NMSUB;
        // -(a·b) is (-a)·b exactly; a NaN keeps its sign (the hardware returns it unchanged)
        if (negateProduct && !f.isNaN(a)) a ^= f.signBit;
        if (negateAddend && !f.isNaN(c)) c ^= f.signBit;
        return FusedMultiplyAdd.fma(f, a, b, c, st);
    }

    /**
     * The 128-bit register forms over {@link SseState}: {@code dst} = src1, {@code src2}, {@code src3}
     * (may be {@link SseState#SCRATCH} holding a memory operand). Scalar forms change only lane 0.
     * Returns 0 (written) or the unmasked exception flags ({@code dst} unchanged; the caller raises #XM).
     * Bits 255:128 are the caller's (VEX.128 zeroes them).
     */
    public static int apply128(SseState s, int dst, int src2, int src3, FloatFormat f, int kind, int order,
                               boolean scalar) {
        long[] a = LaneArrays.get(s, dst, f.width), b = LaneArrays.get(s, src2, f.width),
                c = LaneArrays.get(s, src3, f.width);
        FpStatus st = SseStatus.of(s.mxcsr);
        long[] r = compute(f, kind, order, a, b, c, scalar ? 1 : a.length, st);
        return Sse3Float.commit(s, dst, f, r, st);
    }

    /** Control word of {@link #apply}: kind | order &lt;&lt; 4 | {@link #DOUBLE} | {@link #SCALAR}. */
    public static final int DOUBLE = 1 << 8, SCALAR = 1 << 9;

    /** {@link #apply128} with the form packed into one control word (the translator's helper call). */
    public static int apply(SseState s, int dst, int src2, int src3, int control) {
        FloatFormat f = (control & DOUBLE) != 0 ? FloatFormat.BINARY64 : FloatFormat.BINARY32;
        return apply128(s, dst, src2, src3, f, control & 0xf, (control >> 4) & 0xf, (control & SCALAR) != 0);
    }
}
