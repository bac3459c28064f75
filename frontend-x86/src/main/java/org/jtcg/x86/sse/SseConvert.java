package org.jtcg.x86.sse;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * SSE/SSE2 conversions. Methods writing an XMM register return 0 or the unmasked exception flags
 * (then nothing is written, raise SIGFPE), like {@link SseFloat}. Methods producing a GPR value
 * return that value (32-bit results zero-extended in a long, as a 32-bit GPR write does) and treat
 * exceptions as masked; a translator that wants exact #XM behaviour for them first calls
 * {@link #toIntFault} (which only reports and records an unmasked exception).
 */
public final class SseConvert {
    private SseConvert() {}

    private static final FloatFormat SINGLE = FloatFormat.BINARY32, DOUBLE = FloatFormat.BINARY64;
    private static final long LOW32 = 0xffffffffL;

    /** Integer indefinite for a 32- or 64-bit destination. */
    static long integerIndefinite(int width) {
        return width == 32 ? 0x80000000L : Long.MIN_VALUE;
    }

    /**
     * CVT(T)SS2SI / CVT(T)SD2SI / CVT(T)PS2DQ / CVT(T)PD2DQ element: converts to a signed
     * {@code width}-bit integer (returned sign-extended for width 32, which callers truncate),
     * rounding per MXCSR or toward zero when {@code truncate}. Where the shared core reports an
     * invalid conversion (NaN, infinity, out of range) x86 returns the integer indefinite.
     */
    static long toInt(FloatFormat f, long a, int width, boolean truncate, FpStatus st) {
        int before = st.flags;
        st.flags = 0;
        long r = SoftFloat.toInt(f, a, width, false, truncate ? Rounding.TOWARD_ZERO : st.rounding, st);
        boolean invalid = (st.flags & FpFlags.INVALID) != 0;
        st.flags |= before;
        return invalid ? integerIndefinite(width) : r;
    }

    // ------------------------------------------------------------ integer → floating point

    private static int fromIntScalar(SseState s, int dst, long v, FloatFormat f) {
        // Integers of at most 24 (single) / 53 (double) bits convert exactly: no flag in any mode.
        long limit = f == SINGLE ? 1L << 24 : 1L << 53;
        if (v >= -limit && v <= limit) {
            long r = f == SINGLE ? Float.floatToRawIntBits((float) v) & LOW32 : Double.doubleToRawLongBits((double) v);
            s.xmm[2 * dst] = f == SINGLE ? (s.lo(dst) & ~LOW32) | r : r;
            return 0;
        }
        return exactFromIntScalar(s, dst, v, f);
    }

    private static int exactFromIntScalar(SseState s, int dst, long v, FloatFormat f) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long r = SoftFloat.fromInt(f, v, st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.xmm[2 * dst] = f == SINGLE ? (s.lo(dst) & ~LOW32) | r : r;
        return fault;
    }

    /** CVTSI2SS xmm, r/m32. */
    public static int cvtsi2ss32(SseState s, int dst, int v) { return fromIntScalar(s, dst, v, SINGLE); }
    /** CVTSI2SS xmm, r/m64. */
    public static int cvtsi2ss64(SseState s, int dst, long v) { return fromIntScalar(s, dst, v, SINGLE); }
    /** CVTSI2SD xmm, r/m32 (exact). */
    public static int cvtsi2sd32(SseState s, int dst, int v) { return fromIntScalar(s, dst, v, DOUBLE); }
    /** CVTSI2SD xmm, r/m64. */
    public static int cvtsi2sd64(SseState s, int dst, long v) { return fromIntScalar(s, dst, v, DOUBLE); }

    /** CVTDQ2PS: four int32 → four singles. */
    public static int cvtdq2ps(SseState s, int dst, int src) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long lo = s.lo(src), hi = s.hi(src);
        long r0 = SoftFloat.fromInt(SINGLE, (int) lo, st), r1 = SoftFloat.fromInt(SINGLE, (int) (lo >> 32), st);
        long r2 = SoftFloat.fromInt(SINGLE, (int) hi, st), r3 = SoftFloat.fromInt(SINGLE, (int) (hi >> 32), st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.set(dst, r0 | (r1 << 32), r2 | (r3 << 32));
        return fault;
    }

    /** CVTDQ2PD: the two low int32 → two doubles (exact, no exceptions). */
    public static void cvtdq2pd(SseState s, int dst, int src) {
        long lo = s.lo(src);
        s.set(dst, Double.doubleToRawLongBits((int) lo), Double.doubleToRawLongBits((int) (lo >> 32)));
    }

    // ------------------------------------------------------------ floating point → integer

    private static long toIntScalar(SseState s, int src, FloatFormat f, int width, boolean truncate) {
        long bits = s.lo(src);
        long r = f == SINGLE ? FastFloat.toIntF(s, Float.intBitsToFloat((int) bits), width, truncate)
                : FastFloat.toIntD(s, Double.longBitsToDouble(bits), width, truncate);
        if (r != Long.MIN_VALUE) return width == 32 ? r & LOW32 : r;
        return exactToIntScalar(s, src, f, width, truncate);
    }

    private static long exactToIntScalar(SseState s, int src, FloatFormat f, int width, boolean truncate) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long a = f == SINGLE ? s.lo(src) & LOW32 : s.lo(src);
        long r = toInt(f, a, width, truncate, st);
        s.mxcsr |= SseStatus.mxcsrFlags(st);
        return width == 32 ? r & LOW32 : r;
    }

    /**
     * The #XM check for a GPR-result conversion of the low element of {@code src}: returns the
     * unmasked exception flags it would raise (and then records the flags in MXCSR as the faulting
     * instruction would), or 0 without touching anything.
     */
    public static int toIntFault(SseState s, int src, boolean isDouble, int width, boolean truncate) {
        if ((s.mxcsr & Mxcsr.MASKS) == Mxcsr.MASKS) return 0;
        FloatFormat f = isDouble ? DOUBLE : SINGLE;
        FpStatus st = SseStatus.of(s.mxcsr);
        toInt(f, isDouble ? s.lo(src) : s.lo(src) & LOW32, width, truncate, st);
        if (Mxcsr.unmasked(s.mxcsr, SseStatus.mxcsrFlags(st)) == 0) return 0;
        return SseStatus.commit(st, s);
    }

    /** CVTSS2SI r32 (rounded per MXCSR). */
    public static long cvtss2si32(SseState s, int src) { return toIntScalar(s, src, SINGLE, 32, false); }
    public static long cvtss2si64(SseState s, int src) { return toIntScalar(s, src, SINGLE, 64, false); }
    /** CVTTSS2SI r32 (truncated). */
    public static long cvttss2si32(SseState s, int src) { return toIntScalar(s, src, SINGLE, 32, true); }
    public static long cvttss2si64(SseState s, int src) { return toIntScalar(s, src, SINGLE, 64, true); }
    public static long cvtsd2si32(SseState s, int src) { return toIntScalar(s, src, DOUBLE, 32, false); }
    public static long cvtsd2si64(SseState s, int src) { return toIntScalar(s, src, DOUBLE, 64, false); }
    public static long cvttsd2si32(SseState s, int src) { return toIntScalar(s, src, DOUBLE, 32, true); }
    public static long cvttsd2si64(SseState s, int src) { return toIntScalar(s, src, DOUBLE, 64, true); }

    private static int psToDq(SseState s, int dst, int src, boolean truncate) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long lo = s.lo(src), hi = s.hi(src);
        long r0 = toInt(SINGLE, lo & LOW32, 32, truncate, st) & LOW32;
        long r1 = toInt(SINGLE, lo >>> 32, 32, truncate, st) & LOW32;
        long r2 = toInt(SINGLE, hi & LOW32, 32, truncate, st) & LOW32;
        long r3 = toInt(SINGLE, hi >>> 32, 32, truncate, st) & LOW32;
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.set(dst, r0 | (r1 << 32), r2 | (r3 << 32));
        return fault;
    }

    /** CVTPS2DQ: four singles → four int32 rounded per MXCSR (indefinite 0x80000000 + IE). */
    public static int cvtps2dq(SseState s, int dst, int src) { return psToDq(s, dst, src, false); }
    /** CVTTPS2DQ: truncating. */
    public static int cvttps2dq(SseState s, int dst, int src) { return psToDq(s, dst, src, true); }

    private static int pdToDq(SseState s, int dst, int src, boolean truncate) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long r0 = toInt(DOUBLE, s.lo(src), 32, truncate, st) & LOW32;
        long r1 = toInt(DOUBLE, s.hi(src), 32, truncate, st) & LOW32;
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.set(dst, r0 | (r1 << 32), 0);
        return fault;
    }

    /** CVTPD2DQ: two doubles → two int32 in the low quadword; the high quadword is zeroed. */
    public static int cvtpd2dq(SseState s, int dst, int src) { return pdToDq(s, dst, src, false); }
    /** CVTTPD2DQ: truncating. */
    public static int cvttpd2dq(SseState s, int dst, int src) { return pdToDq(s, dst, src, true); }

    // ------------------------------------------------------------ floating point ↔ floating point

    /** CVTSS2SD: low single of src → low double of dst (high quadword kept). */
    public static int cvtss2sd(SseState s, int dst, int src) {
        if (FastFloat.cvtss2sd(s, dst, Float.intBitsToFloat((int) s.lo(src)))) return 0;
        FpStatus st = SseStatus.of(s.mxcsr);
        long r = SoftFloat.convert(SINGLE, DOUBLE, s.lo(src) & LOW32, st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.xmm[2 * dst] = r;
        return fault;
    }

    /** CVTSD2SS: low double of src → low single of dst (bits 32-127 kept). */
    public static int cvtsd2ss(SseState s, int dst, int src) {
        if (FastFloat.cvtsd2ss(s, dst, Double.longBitsToDouble(s.lo(src)))) return 0;
        FpStatus st = SseStatus.of(s.mxcsr);
        long r = SoftFloat.convert(DOUBLE, SINGLE, s.lo(src), st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.xmm[2 * dst] = (s.lo(dst) & ~LOW32) | r;
        return fault;
    }

    /** CVTPS2PD: the two low singles → two doubles. */
    public static int cvtps2pd(SseState s, int dst, int src) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long lo = s.lo(src);
        long r0 = SoftFloat.convert(SINGLE, DOUBLE, lo & LOW32, st);
        long r1 = SoftFloat.convert(SINGLE, DOUBLE, lo >>> 32, st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.set(dst, r0, r1);
        return fault;
    }

    /** CVTPD2PS: two doubles → two singles in the low quadword; the high quadword is zeroed. */
    public static int cvtpd2ps(SseState s, int dst, int src) {
        FpStatus st = SseStatus.of(s.mxcsr);
        long r0 = SoftFloat.convert(DOUBLE, SINGLE, s.lo(src), st);
        long r1 = SoftFloat.convert(DOUBLE, SINGLE, s.hi(src), st);
        int fault = SseStatus.commit(st, s);
        if (fault == 0) s.set(dst, r0 | (r1 << 32), 0);
        return fault;
    }
}
