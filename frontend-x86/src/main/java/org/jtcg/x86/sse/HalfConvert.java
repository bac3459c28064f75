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
}
