package org.jtcg.arm64.fp;

import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * Conversions between half precision and single/double (FCVT, FCVTN, FCVTL) honouring FPCR.AHP.
 * With AHP = 0 the half is IEEE binary16. With AHP = 1 it is Arm's alternative half precision: no
 * infinities or NaNs, exponent 31 is an ordinary exponent (largest value 131008 = 0x7fff). Arm ARM
 * FPConvert / FPRoundBase / FPUnpackCV: a NaN converts to a signed zero and an infinity to the
 * largest value, both with Invalid; a value too large after rounding also becomes the largest value
 * with Invalid only (no Overflow, no Inexact). The status passed in is {@link ArmFp#convertStatus}.
 */
final class ArmHalf {
    private ArmHalf() {}

    static final long AHP = 1L << 26;
    private static final FloatFormat H = FloatFormat.BINARY16;

    static boolean alternative(long fpcr) {
        return (fpcr & AHP) != 0;
    }

    /** Single or double {@code x} in format {@code from} to a half. */
    static long toHalf(FloatFormat from, long x, boolean ahp, FpStatus st) {
        if (!ahp) {
            return SoftFloat.convert(from, H, x, st);
        }
        long sign = from.isNegative(x) ? 0x8000 : 0;
        if (from.isNaN(x)) {
            st.raise(FpFlags.INVALID);
            return sign;
        }
        if (from.isInfinite(x)) {
            st.raise(FpFlags.INVALID);
            return sign | 0x7fff;
        }
        int expBits = (int) ((x & from.expMask) >>> from.fracBits);
        if (expBits - from.bias < 15) { // below 2^15: the IEEE half rounding, denormals included
            return SoftFloat.convert(from, H, x, st);
        }
        // 2^15 and above: the IEEE half of x/2 has the same significand; one exponent step more
        long halved = x - (1L << from.fracBits); // x/2 exactly (x is far from the denormal range)
        int before = st.flags;
        st.flags = 0;
        long h = SoftFloat.convert(from, H, halved, st);
        if ((st.flags & FpFlags.OVERFLOW) != 0 || (h & 0x7c00) == 0x7c00) {
            st.flags = before | FpFlags.INVALID | (st.flags & FpFlags.INPUT_FLUSHED);
            return sign | 0x7fff;
        }
        st.flags |= before;
        return h + 0x400;
    }

    /** A half to single or double (exact; AHP: exponent 31 is a normal number). */
    static long fromHalf(FloatFormat to, long h, boolean ahp, FpStatus st) {
        h &= 0xffff;
        if (!ahp || (h & 0x7c00) != 0x7c00) {
            return SoftFloat.convert(H, to, h, st);
        }
        long sign = (h & 0x8000) != 0 ? to.signBit : 0;
        long exp = 31 - 15 + to.bias;
        return sign | exp << to.fracBits | (h & 0x3ff) << (to.fracBits - 10);
    }
}
