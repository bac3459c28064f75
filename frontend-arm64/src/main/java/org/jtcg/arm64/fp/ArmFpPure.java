package org.jtcg.arm64.fp;

import org.jtcg.core.softfloat.FpStatus;

/**
 * The bit-exact soft-float operations of {@link ArmFp} and {@link ArmFpLanes} as pure functions of
 * their operands and FPCR: {@code want} {@link #RESULT} returns the result, {@link #FLAGS} the FPSR
 * cumulative bits the operation raises (translated code ORs them into FPSR). Translated code calls
 * each twice, once per output, on the rare path where {@link ArmFastFp} declines.
 *
 * <p>Why not one call that reads FPCR and writes FPSR in the CPU state: FPCR and FPSR are register
 * globals, and a helper that touches globals makes the JIT store every register local of the
 * region before the call and reload every one after it, on every FP instruction. That code, even
 * when it never runs, made the n-body loop of bench fpwork too large for one region.
 */
public final class ArmFpPure {
    private ArmFpPure() {}

    public static final int RESULT = 0, FLAGS = 1;

    private static long out(FpStatus st, long result, int want) {
        return want == RESULT ? result : ArmFp.FPSR_FLAGS.toArch(st.flags);
    }

    /** {@link ArmFp#binary}: FMUL..FNMUL on single (type 0) or double (1). */
    public static long binary(int op, int type, long a, long b, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFp.binary(st, op, type, a, b), want);
    }

    /** {@link ArmFp#fused}: FMADD/FMSUB/FNMADD/FNMSUB. */
    public static long fused(int type, long n, long m, long addend, int negProduct, int negAddend, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFp.fused(st, type, n, m, addend, negProduct, negAddend), want);
    }

    /** {@link ArmFp#sqrt}: FSQRT. */
    public static long sqrt(int type, long a, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFp.sqrt(st, type, a), want);
    }

    /** {@link ArmFp#compare}: FCMP/FCMPE, NZCV as PSTATE bits 31..28. */
    public static long compare(int type, long a, long b, int signaling, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFp.compare(st, type, a, b, signaling), want);
    }

    /** {@link ArmFp#toInt}: FCVT[NPMZA][SU] to a general register. */
    public static long toInt(int type, long a, int width, int unsigned, int rounding, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFp.toInt(st, type, a, width, unsigned, rounding), want);
    }

    /** {@link ArmFp#fromInt}: SCVTF/UCVTF from a general register. */
    public static long fromInt(int type, long v, int width, int unsigned, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFp.fromInt(st, type, v, width, unsigned), want);
    }

    /** {@link ArmFpLanes#binary}: a binary operation on the lanes of one 64-bit half. */
    public static long lanesBinary(int op, int sz, long a, long b, int lanes, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFpLanes.binary(st, op, sz, a, b, lanes), want);
    }

    /** {@link ArmFpLanes#fused}: FMLA/FMLS on the lanes of one 64-bit half. */
    public static long lanesFused(int sz, long acc, long a, long b, int negate, int lanes, long fpcr, int want) {
        FpStatus st = ArmFp.status(fpcr);
        return out(st, ArmFpLanes.fused(st, sz, acc, a, b, negate, lanes), want);
    }
}
