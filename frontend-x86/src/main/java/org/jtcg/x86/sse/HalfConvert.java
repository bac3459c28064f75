package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * F16C: vcvtph2ps (binary16 → binary32) and vcvtps2ph (binary32 → binary16, rounding from imm8) on lane
 * arrays, by the shared soft-float conversion. Facts measured on the host (AMD Zen), as the SDM says:
 * <ul>
 * <li>vcvtph2ps is exact: half denormals convert without DE and regardless of DAZ; an SNaN raises IE
 *     and is quieted (payload shifted up); the only exception is IE.
 * <li>vcvtps2ph rounds by imm8[1:0] (nearest-even, down, up, toward zero) or, when imm8[2] is set, by
 *     MXCSR.RC; imm8[7:3] are ignored (no precision suppression). DAZ flushes a denormal single input
 *     (no DE); without DAZ a denormal input raises DE. FTZ is NOT applied: tiny results become half
 *     denormals (UE and PE when inexact). Overflow gives ∞ or the largest half by the rounding mode
 *     (OE, PE). A NaN is quieted keeping the top 10 fraction bits (IE for an SNaN).
 * </ul>
 */
public final class HalfConvert {
    private HalfConvert() {}

    private static final FloatFormat HALF = FloatFormat.BINARY16, SINGLE = FloatFormat.BINARY32;
    private static final int[] ROUNDING = {Rounding.NEAREST_EVEN, Rounding.DOWN, Rounding.UP, Rounding.TOWARD_ZERO};

    /** Halves {@code h[i]} (16-bit values) → singles, {@code n} lanes; flags in {@code st}. */
    public static long[] toSingle(long[] h, int n, FpStatus st) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = SoftFloat.convert(HALF, SINGLE, h[i] & 0xffff, st);
        }
        return r;
    }

    /** The environment of vcvtph2ps: exact conversion, no input flushing. */
    public static FpStatus toSingleStatus() {
        return new FpStatus(SseStatus.CONTROL | Rounding.NEAREST_EVEN);
    }

    /** Singles {@code f[i]} → halves, {@code n} lanes; flags in {@code st}. */
    public static long[] toHalf(long[] f, int n, FpStatus st) {
        long[] r = new long[n];
        for (int i = 0; i < n; i++) {
            r[i] = SoftFloat.convert(SINGLE, HALF, f[i] & 0xffff_ffffL, st);
        }
        return r;
    }

    /** The environment of vcvtps2ph: rounding from imm8 (or MXCSR.RC when imm8[2]), DAZ from MXCSR, no FTZ. */
    public static FpStatus toHalfStatus(int mxcsr, int imm8) {
        int rc = (imm8 & 4) != 0 ? Mxcsr.roundingControl(mxcsr) : imm8 & 3;
        int control = SseStatus.CONTROL | ROUNDING[rc];
        if ((mxcsr & Mxcsr.DAZ) != 0) control |= FpStatus.FLUSH_INPUTS;
        return new FpStatus(control);
    }

    /**
     * vcvtph2ps xmm: the four halves in the low 64 bits of {@code src} → {@code dst}. Returns 0 or the
     * unmasked flags ({@code dst} unchanged).
     */
    public static int ph2ps128(SseState s, int dst, int src) {
        long[] h = LaneArrays.get(s, src, 16);
        FpStatus st = toSingleStatus();
        long[] r = toSingle(h, 4, st);
        st.flags &= ~FpFlags.DENORMAL_OPERAND;
        return Sse3Float.commit(s, dst, SINGLE, r, st);
    }

    /**
     * vcvtps2ph xmm/m64: the four singles of {@code src} → halves in the low 64 bits of {@code dst}, the
     * high 64 bits zeroed (a memory destination stores just the low 64). Returns 0 or the unmasked flags.
     */
    public static int ps2ph128(SseState s, int dst, int src, int imm8) {
        long[] f = LaneArrays.get(s, src, 32);
        FpStatus st = toHalfStatus(s.mxcsr, imm8);
        long[] h = toHalf(f, 4, st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) {
            s.set(dst, LaneArrays.pack(new long[] {h[0], h[1], h[2], h[3], 0, 0, 0, 0}, 16)[0], 0);
        }
        return fault;
    }

    /**
     * vcvtph2ps of 4 (128-bit, {@code dstHi} &lt; 0) or 8 halves of register {@code src} (its low 64 bits, or
     * all 128) into {@code dstLo} (and {@code dstHi}). Returns 0 or the unmasked flags (nothing written).
     */
    public static int ph2ps(SseState s, int dstLo, int dstHi, int src) {
        long[] h = LaneArrays.get(s, src, 16);
        FpStatus st = toSingleStatus();
        long[] r = toSingle(h, dstHi < 0 ? 4 : 8, st);
        st.flags &= ~FpFlags.DENORMAL_OPERAND;
        int fault = SseStatus.commit(st, s);
        if (fault == 0) {
            LaneArrays.set(s, dstLo, 32, new long[] {r[0], r[1], r[2], r[3]});
            if (dstHi >= 0) LaneArrays.set(s, dstHi, 32, new long[] {r[4], r[5], r[6], r[7]});
        }
        return fault;
    }

    /**
     * vcvtps2ph of the 4 singles of {@code srcLo} (and the 4 of {@code srcHi} when it is &gt;= 0) into the
     * low 64 (all 128) bits of {@code dst}, the rest zeroed. Returns 0 or the unmasked flags (nothing written).
     */
    public static int ps2ph(SseState s, int dst, int srcLo, int srcHi, int imm8) {
        long[] lo = LaneArrays.get(s, srcLo, 32);
        long[] f = new long[8];
        System.arraycopy(lo, 0, f, 0, 4);
        if (srcHi >= 0) System.arraycopy(LaneArrays.get(s, srcHi, 32), 0, f, 4, 4);
        FpStatus st = toHalfStatus(s.mxcsr, imm8);
        long[] h = toHalf(f, srcHi < 0 ? 4 : 8, st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) {
            long[] all = new long[8];
            System.arraycopy(h, 0, all, 0, h.length);
            LaneArrays.set(s, dst, 16, all);
        }
        return fault;
    }
}
