package org.jtcg.arm64.fp;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;

/**
 * AdvSIMD and fixed-point conversions: integer or fixed-point lanes to and from FP (SCVTF, UCVTF,
 * FCVT[NPMZA][SU], with {@code fbits} fraction bits: FPToFixed / FixedToFP), the FP ↔ general
 * register fixed-point forms, and the precision changes FCVTN/FCVTN2 (round per FPCR), FCVTXN
 * (round to odd) and FCVTL/FCVTL2 (halves per FPCR.AHP, {@link ArmHalf}). Called from translated code;
 * flags go to FPSR.
 */
public final class ArmFpConvert {
    private ArmFpConvert() {}

    /** FPToFixed: {@code a * 2^fbits} rounded to a {@code width}-bit integer (saturating; NaN → 0; IOC). */
    static long toFixed(FloatFormat f, long a, int width, boolean unsigned, int rounding, int fbits, FpStatus st) {
        if (fbits == 0) {
            return SoftFloat.toInt(f, a, width, unsigned, rounding, st);
        }
        if (st.flushInputs && f.isDenormal(a)) {
            st.raise(FpFlags.INPUT_FLUSHED);
            a &= f.signBit;
        }
        if (f.isNaN(a) || f.isInfinite(a)) {
            return SoftFloat.toInt(f, a, width, unsigned, rounding, st);
        }
        // exact in binary64: fbits <= 64 only moves the exponent (a huge value becomes infinite, which
        // saturates as the exact product would)
        double scaled = Math.scalb(f.toDouble(a), fbits);
        return SoftFloat.toInt(FloatFormat.BINARY64, Double.doubleToRawLongBits(scaled), width, unsigned, rounding, st);
    }

    /** FixedToFP: the {@code width}-bit integer v divided by 2^fbits, rounded once per FPCR. */
    static long fromFixed(FloatFormat f, long v, int width, boolean unsigned, int fbits, FpStatus st) {
        long r;
        if (unsigned) {
            r = SoftFloat.fromUnsigned(f, width == 32 ? v & 0xffff_ffffL : v, st);
        } else {
            r = SoftFloat.fromInt(f, width == 32 ? (long) (int) v : v, st);
        }
        if (fbits == 0 || f.isZero(r)) {
            return r;
        }
        // rounding the integer then scaling by 2^-fbits is one rounding: |result| >= 2^-64 stays normal
        double x = Math.scalb(f.toDouble(r), -fbits);
        return f == FloatFormat.BINARY32 ? Float.floatToRawIntBits((float) x) & 0xffff_ffffL : Double.doubleToRawLongBits(x);
    }

    /**
     * Integer/fixed-point ↔ FP on the lanes of one half: {@code lanes} lanes of 32 (sz 0) or 64 bits
     * (sz 1). SCVTF/UCVTF when {@code toFloat}, otherwise FCVT*[SU] with {@code rounding}.
     */
    public static long lanes(Arm64Cpu cpu, int sz, long half, int lanes, int toFloat, int unsigned, int rounding, int fbits) {
        int width = sz == 0 ? 32 : 64;
        long mask = sz == 0 ? 0xffff_ffffL : -1L, r = 0;
        FpStatus st = ArmFp.status(cpu.fpcr);
        FloatFormat f = ArmFp.format(sz);
        for (int i = 0; i < lanes; i++) {
            long x = (half >>> (i * width)) & mask;
            long v = toFloat != 0 ? fromFixed(f, x, width, unsigned != 0, fbits, st)
                    : toFixed(f, x, width, unsigned != 0, rounding, fbits, st);
            r |= (v & mask) << (i * width);
        }
        return ArmFp.commit(cpu, st, r);
    }

    /** FCVTZS/FCVTZU (scalar, fixed-point) from FP type 0/1 to a 32/64-bit general register. */
    public static long toFixedGeneral(Arm64Cpu cpu, int type, long a, int width, int unsigned, int fbits) {
        FpStatus st = ArmFp.status(cpu.fpcr);
        FloatFormat f = ArmFp.format(type);
        long r = toFixed(f, type == 0 ? a & 0xffff_ffffL : a, width, unsigned != 0, Rounding.TOWARD_ZERO, fbits, st);
        return ArmFp.commit(cpu, st, width == 32 ? r & 0xffff_ffffL : r);
    }

    /** SCVTF/UCVTF (scalar, fixed-point) from a 32/64-bit general register to FP type 0/1. */
    public static long fromFixedGeneral(Arm64Cpu cpu, int type, long v, int width, int unsigned, int fbits) {
        FpStatus st = ArmFp.status(cpu.fpcr);
        return ArmFp.commit(cpu, st, fromFixed(ArmFp.format(type), v, width, unsigned != 0, fbits, st));
    }

    /**
     * FCVTN/FCVTXN: the two wider halves lo:hi narrowed into one 64-bit half. sz 0: four singles to
     * halves; sz 1: two doubles to singles. {@code odd}: round to odd (FCVTXN; the core's
     * {@link Rounding#TO_ODD}: toward zero, lowest bit set when inexact).
     */
    public static long narrow(Arm64Cpu cpu, int sz, long lo, long hi, int odd, int lanes) {
        FloatFormat from = sz == 0 ? FloatFormat.BINARY32 : FloatFormat.BINARY64;
        FloatFormat to = sz == 0 ? FloatFormat.BINARY16 : FloatFormat.BINARY32;
        FpStatus st = ArmFp.convertStatus(cpu.fpcr, false, sz == 0);
        if (odd != 0) { // FCVTXN: FPRounding_ODD whatever FPCR.RMode says
            st = new FpStatus(st.control & ~FpStatus.ROUNDING_MASK | Rounding.TO_ODD);
        }
        boolean ahp = ArmHalf.alternative(cpu.fpcr);
        int inWidth = 32 << sz, outWidth = inWidth / 2, perHalf = 64 / inWidth;
        long inMask = sz == 0 ? 0xffff_ffffL : -1L, outMask = (1L << outWidth) - 1, r = 0;
        for (int i = 0; i < lanes; i++) {
            long w = i < perHalf ? lo : hi;
            long x = (w >>> ((i % perHalf) * inWidth)) & inMask;
            long v = sz == 0 ? ArmHalf.toHalf(from, x, ahp, st) : SoftFloat.convert(from, to, x, st);
            r |= (v & outMask) << (i * outWidth);
        }
        return ArmFp.commit(cpu, st, r);
    }

    /** FCVTL/FCVTL2: lanes {@code part * n ..} of src widened (sz 0: halves to singles, 1: singles to doubles). */
    public static long widen(Arm64Cpu cpu, int sz, long src, int part) {
        FloatFormat from = sz == 0 ? FloatFormat.BINARY16 : FloatFormat.BINARY32;
        FloatFormat to = sz == 0 ? FloatFormat.BINARY32 : FloatFormat.BINARY64;
        FpStatus st = ArmFp.convertStatus(cpu.fpcr, sz == 0, false);
        int inWidth = 16 << sz, outWidth = 2 * inWidth, n = 64 / outWidth;
        long inMask = (1L << inWidth) - 1, outMask = sz == 0 ? 0xffff_ffffL : -1L, r = 0;
        for (int i = 0; i < n; i++) {
            long x = (src >>> ((part * n + i) * inWidth)) & inMask;
            long v = sz == 0 ? ArmHalf.fromHalf(to, x, ArmHalf.alternative(cpu.fpcr), st) : SoftFloat.convert(from, to, x, st);
            r |= (v & outMask) << (i * outWidth);
        }
        return ArmFp.commit(cpu, st, r);
    }
}
