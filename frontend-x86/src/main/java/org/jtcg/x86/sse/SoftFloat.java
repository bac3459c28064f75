package org.jtcg.x86.sse;

/**
 * Scalar IEEE-754 arithmetic with the x86 SSE rules: all four rounding modes, DAZ/FTZ, sticky
 * flags, the "QNaN indefinite" default NaN, and the SSE NaN-propagation rule (a NaN first source
 * wins, else the second source; SNaNs are quieted).
 *
 * <p>Every result is computed exactly and rounded once. The exact value is obtained with host
 * round-to-nearest arithmetic plus an exact error term (two-sum for add, {@link Math#fma} for the
 * product, division remainder and square-root remainder); operands are scaled by powers of two so
 * the error term can never underflow. {@link #round} then rounds "nearest double + sign of the
 * remaining error" to the target format, which is exact for both formats: every rounding boundary
 * of single (and of double) is itself a double, so the error sign decides every tie and direction.
 * Underflow is detected after rounding (x86 detects tininess after rounding); with underflow
 * masked UE is raised only when the tiny result is also inexact, unless FTZ flushes it.
 */
public final class SoftFloat {
    private SoftFloat() {}

    // ---------------------------------------------------------------- operands and NaNs

    /**
     * Applies DAZ (denormal → signed zero) or notes a denormal operand. DE is raised by
     * {@link #finishElement} only when the element raised no higher-priority IE or ZE (SDM exception
     * precedence: SNaN, QNaN, other invalid / divide-by-zero, then denormal).
     */
    static long operand(FpFormat f, long a, FpEnv env) {
        if (f.isDenormal(a)) {
            if (env.daz) return a & f.signBit;
            env.denormalSeen = true;
        }
        return a;
    }

    /** Starts one element: returns the flags raised so far and clears the per-element state. */
    private static int startElement(FpEnv env) {
        int saved = env.flags;
        env.flags = 0;
        env.denormalSeen = false;
        return saved;
    }

    private static long finishElement(FpEnv env, int saved, long result) {
        if (env.denormalSeen && (env.flags & (Mxcsr.IE | Mxcsr.ZE)) == 0) env.flags |= Mxcsr.DE;
        env.flags |= saved;
        env.denormalSeen = false;
        return result;
    }

    /** SSE NaN propagation for a two-operand op where at least one operand is a NaN. */
    static long propagateNaN(FpFormat f, long a, long b, FpEnv env) {
        if (f.isSignalingNaN(a) || f.isSignalingNaN(b)) env.raise(Mxcsr.IE);
        return f.quiet(f.isNaN(a) ? a : b);
    }

    private static long invalid(FpFormat f, FpEnv env) {
        env.raise(Mxcsr.IE);
        return f.defaultNaN;
    }

    // ---------------------------------------------------------------- rounding

    /** True when the rounding mode moves a magnitude with the given discarded bits away from zero. */
    private static boolean incrementMagnitude(int rc, boolean neg, long kept, long rem, long half,
                                              boolean sticky) {
        switch (rc) {
            case Mxcsr.RC_NEAREST:
                return rem > half || (rem == half && (sticky || (kept & 1) != 0));
            case Mxcsr.RC_DOWN:
                return neg && (rem != 0 || sticky);
            case Mxcsr.RC_UP:
                return !neg && (rem != 0 || sticky);
            default:
                return false;
        }
    }

    /**
     * Rounds the exact value {@code ±(v + e) * 2^scale} to format {@code f}, where v is a positive
     * finite double, e is an error smaller than half an ulp of v at 53 bits whose sign is
     * {@code errSign} (0: exact). Raises OE/UE/PE as hardware does.
     */
    static long round(FpFormat f, boolean neg, double v, int scale, int errSign, FpEnv env) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52);
        long sig;
        int exp;
        if (biased == 0) {
            long m = bits & FpFormat.DOUBLE.fracMask;
            int lz = Long.numberOfLeadingZeros(m);
            sig = m << lz;
            exp = -1011 - lz;
        } else {
            sig = ((bits & FpFormat.DOUBLE.fracMask) | (1L << 52)) << 11;
            exp = biased - 1023;
        }
        exp += scale;
        boolean sticky = errSign != 0;
        if (errSign < 0) {
            // v - e (0 < e < half ulp at 53 bits) sits strictly between sig-1 and sig for every
            // rounding boundary of a precision <= 53, so "sig-1 plus something" rounds the same.
            sig -= 1;
            if (sig >= 0) { sig = (sig << 1) | 1; exp -= 1; }
        }
        return roundSig(f, neg, sig, exp, sticky, env);
    }

    /**
     * Rounds {@code ±(sig + s) * 2^(exp-63)} where sig has bit 63 set (unsigned) and s, present iff
     * {@code sticky}, lies strictly between 0 and 1.
     */
    static long roundSig(FpFormat f, boolean neg, long sig, int exp, boolean sticky, FpEnv env) {
        long sign = neg ? f.signBit : 0;
        int drop = 64 - f.precision;
        long kept = sig >>> drop;
        long rem = sig & ((1L << drop) - 1);
        long half = 1L << (drop - 1);
        boolean inexact = rem != 0 || sticky;
        int expU = exp;
        if (incrementMagnitude(env.rc, neg, kept, rem, half, sticky)) {
            kept++;
            if (kept == 1L << f.precision) { kept >>>= 1; expU++; }
        }
        if (expU > f.emax) {
            env.raise(Mxcsr.OE | Mxcsr.PE);
            boolean toInf = env.rc == Mxcsr.RC_NEAREST
                    || (env.rc == Mxcsr.RC_UP && !neg) || (env.rc == Mxcsr.RC_DOWN && neg);
            return sign | (toInf ? f.infinity : f.maxFinite);
        }
        if (expU >= f.emin) {
            if (inexact) env.raise(Mxcsr.PE);
            return sign | ((long) (expU + f.bias) << f.fracBits) | (kept & f.fracMask);
        }
        // Tiny after rounding.
        if (env.ftz) {
            env.raise(Mxcsr.UE | Mxcsr.PE);
            return sign;
        }
        int shift = drop + (f.emin - exp);
        long kept2, rem2, half2;
        if (shift < 64) {
            kept2 = sig >>> shift;
            rem2 = sig & ((1L << shift) - 1);
            half2 = 1L << (shift - 1);
        } else {
            // Everything is discarded: compare sig against one half (shift == 64) or below it.
            kept2 = 0;
            if (shift == 64) {
                half2 = Long.MIN_VALUE;
                rem2 = sig;
                boolean up = false;
                switch (env.rc) {
                    case Mxcsr.RC_NEAREST: up = sig != Long.MIN_VALUE || sticky; break;
                    case Mxcsr.RC_DOWN: up = neg; break;
                    case Mxcsr.RC_UP: up = !neg; break;
                    default: break;
                }
                env.raise(Mxcsr.UE | Mxcsr.PE);
                return sign | (up ? 1 : 0);
            }
            rem2 = 1; // non-zero, below half
            half2 = 2;
        }
        boolean inexact2 = rem2 != 0 || sticky;
        if (incrementMagnitude(env.rc, neg, kept2, rem2, half2, sticky)) kept2++;
        if (inexact2) env.raise(Mxcsr.UE | Mxcsr.PE);
        // kept2 == 2^(precision-1) encodes the smallest normal, as it should.
        return sign | kept2;
    }

    private static int exponentOf(double v) {
        int e = Math.getExponent(v);
        if (e == Double.MIN_EXPONENT - 1) {
            long m = Double.doubleToRawLongBits(v) & FpFormat.DOUBLE.fracMask;
            return -1011 - Long.numberOfLeadingZeros(m); // floor(log2 v) of a subnormal
        }
        return e;
    }

    /** Sign of the exact two-sum error of {@code s = a + b}. */
    private static int twoSumErrorSign(double a, double b, double s) {
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return err > 0 ? 1 : err < 0 ? -1 : 0;
    }

    // ---------------------------------------------------------------- arithmetic

    public static long add(FpFormat f, long a, long b, FpEnv env) {
        int saved = startElement(env);
        return finishElement(env, saved, addElement(f, a, b, env));
    }

    private static long addElement(FpFormat f, long a, long b, FpEnv env) {
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, env);
        a = operand(f, a, env);
        b = operand(f, b, env);
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b);
        if (ia || ib) {
            if (ia && ib && ((a ^ b) & f.signBit) != 0) return invalid(f, env);
            return ia ? a : b;
        }
        boolean za = f.isZero(a), zb = f.isZero(b);
        if (za && zb) {
            if (((a ^ b) & f.signBit) == 0) return a;
            return env.rc == Mxcsr.RC_DOWN ? f.signBit : 0;
        }
        if (za) return finishExact(f, b, env);
        if (zb) return finishExact(f, a, env);
        double x = f.toDouble(a), y = f.toDouble(b);
        double s = x + y;
        int scale = 0;
        if (Double.isInfinite(s)) {
            x *= 0.5;
            y *= 0.5;
            s = x + y;
            scale = 1;
        }
        if (s == 0) return env.rc == Mxcsr.RC_DOWN ? f.signBit : 0;
        int err = twoSumErrorSign(x, y, s);
        boolean neg = s < 0;
        return round(f, neg, Math.abs(s), scale, neg ? -err : err, env);
    }

    /** A finite non-zero operand returned unchanged by an op (x + 0): still subject to FTZ. */
    private static long finishExact(FpFormat f, long a, FpEnv env) {
        if (f.isZero(a) || f.isNaN(a) || f.isInfinite(a)) return a;
        double v = f.toDouble(a);
        return round(f, v < 0, Math.abs(v), 0, 0, env);
    }

    public static long sub(FpFormat f, long a, long b, FpEnv env) {
        int saved = startElement(env);
        return finishElement(env, saved, subElement(f, a, b, env));
    }

    private static long subElement(FpFormat f, long a, long b, FpEnv env) {
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, env);
        return addElement(f, a, b ^ f.signBit, env);
    }

    public static long mul(FpFormat f, long a, long b, FpEnv env) {
        int saved = startElement(env);
        return finishElement(env, saved, mulElement(f, a, b, env));
    }

    private static long mulElement(FpFormat f, long a, long b, FpEnv env) {
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, env);
        a = operand(f, a, env);
        b = operand(f, b, env);
        long sign = (a ^ b) & f.signBit;
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        if ((ia && zb) || (ib && za)) return invalid(f, env);
        if (ia || ib) return sign | f.infinity;
        if (za || zb) return sign;
        double x = Math.abs(f.toDouble(a)), y = Math.abs(f.toDouble(b));
        int ex = exponentOf(x), ey = exponentOf(y);
        x = Math.scalb(x, -ex);
        y = Math.scalb(y, -ey);
        double p = x * y;
        double e = Math.fma(x, y, -p);
        return round(f, sign != 0, p, ex + ey, Double.compare(e, 0.0) > 0 ? 1 : e < 0 ? -1 : 0, env);
    }

    public static long div(FpFormat f, long a, long b, FpEnv env) {
        int saved = startElement(env);
        return finishElement(env, saved, divElement(f, a, b, env));
    }

    private static long divElement(FpFormat f, long a, long b, FpEnv env) {
        if (f.isNaN(a) || f.isNaN(b)) return propagateNaN(f, a, b, env);
        a = operand(f, a, env);
        b = operand(f, b, env);
        long sign = (a ^ b) & f.signBit;
        boolean ia = f.isInfinite(a), ib = f.isInfinite(b), za = f.isZero(a), zb = f.isZero(b);
        if ((ia && ib) || (za && zb)) return invalid(f, env);
        if (ia) return sign | f.infinity;
        if (ib) return sign;
        if (zb) {
            env.raise(Mxcsr.ZE);
            return sign | f.infinity;
        }
        if (za) return sign;
        double x = Math.abs(f.toDouble(a)), y = Math.abs(f.toDouble(b));
        int ex = exponentOf(x), ey = exponentOf(y);
        x = Math.scalb(x, -ex);
        y = Math.scalb(y, -ey);
        double q = x / y;
        double r = Math.fma(-q, y, x);
        return round(f, sign != 0, q, ex - ey, r > 0 ? 1 : r < 0 ? -1 : 0, env);
    }

    public static long sqrt(FpFormat f, long a, FpEnv env) {
        int saved = startElement(env);
        return finishElement(env, saved, sqrtElement(f, a, env));
    }

    private static long sqrtElement(FpFormat f, long a, FpEnv env) {
        if (f.isNaN(a)) {
            if (f.isSignalingNaN(a)) env.raise(Mxcsr.IE);
            return f.quiet(a);
        }
        a = operand(f, a, env);
        if (f.isZero(a)) return a;
        if (f.isNegative(a)) return invalid(f, env);
        if (f.isInfinite(a)) return a;
        double x = f.toDouble(a);
        int ex = exponentOf(x) & ~1;
        x = Math.scalb(x, -ex);
        double r = Math.sqrt(x);
        double rem = Math.fma(-r, r, x);
        return round(f, false, r, ex / 2, rem > 0 ? 1 : rem < 0 ? -1 : 0, env);
    }

    /**
     * MINSS/MAXSS: returns {@code a} if it is strictly below (min) / above (max) {@code b}, else
     * {@code b} — so a NaN in either operand or two zeros give the second operand, unchanged.
     * Any NaN operand raises IE.
     */
    public static long minMax(FpFormat f, long a, long b, boolean max, FpEnv env) {
        // DAZ replaces the operand itself, so even a NaN-forced "return src" returns the zero.
        int saved = startElement(env);
        a = operand(f, a, env);
        b = operand(f, b, env);
        if (f.isNaN(a) || f.isNaN(b)) {
            env.raise(Mxcsr.IE);
            return finishElement(env, saved, b);
        }
        double x = f.toDouble(a), y = f.toDouble(b);
        return finishElement(env, saved, (max ? x > y : x < y) ? a : b);
    }

    // ---------------------------------------------------------------- comparisons

    public static final int LESS = 0, EQUAL = 1, GREATER = 2, UNORDERED = 3;

    /**
     * Compares two operands; a NaN raises IE when it is an SNaN or when {@code signaling}.
     * Returns LESS, EQUAL, GREATER or UNORDERED.
     */
    public static int compare(FpFormat f, long a, long b, boolean signaling, FpEnv env) {
        int saved = startElement(env);
        a = operand(f, a, env);
        b = operand(f, b, env);
        if (f.isNaN(a) || f.isNaN(b)) {
            if (signaling || f.isSignalingNaN(a) || f.isSignalingNaN(b)) env.raise(Mxcsr.IE);
            env.denormalSeen = false; // a QNaN operand outranks a denormal one
            return (int) finishElement(env, saved, UNORDERED);
        }
        double x = f.toDouble(a), y = f.toDouble(b);
        return (int) finishElement(env, saved, x < y ? LESS : x > y ? GREATER : EQUAL);
    }

    /** CMPPS/CMPSS predicates 0-7 (imm8 bits 0-2): EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD. */
    public static boolean comparePredicate(FpFormat f, long a, long b, int predicate, FpEnv env) {
        int p = predicate & 7;
        boolean signaling = (p & 3) == 1 || (p & 3) == 2; // LT, LE, NLT, NLE
        int rel = compare(f, a, b, signaling, env);
        boolean r;
        switch (p & 3) {
            case 0: r = rel == EQUAL; break;
            case 1: r = rel == LESS; break;
            case 2: r = rel == LESS || rel == EQUAL; break;
            default: r = rel == UNORDERED; break;
        }
        return (p & 4) != 0 ? !r : r;
    }

    // ---------------------------------------------------------------- conversions

    /** Integer indefinite for a 32- or 64-bit destination. */
    public static long integerIndefinite(int width) {
        return width == 32 ? 0x80000000L : Long.MIN_VALUE;
    }

    /**
     * CVT(T)SS2SI / CVT(T)SD2SI / CVT(T)PS2DQ / CVT(T)PD2DQ element: converts to a signed
     * {@code width}-bit integer (returned sign-extended for width 32, which callers truncate),
     * rounding per MXCSR or toward zero when {@code truncate}. NaN or out-of-range → indefinite + IE.
     */
    public static long toInt(FpFormat f, long a, int width, boolean truncate, FpEnv env) {
        if (f.isNaN(a) || f.isInfinite(a)) {
            env.raise(Mxcsr.IE);
            return integerIndefinite(width);
        }
        if (f.isDenormal(a) && env.daz) a &= f.signBit;
        double x = f.toDouble(a);
        double r;
        int rc = truncate ? Mxcsr.RC_ZERO : env.rc;
        switch (rc) {
            case Mxcsr.RC_NEAREST: r = Math.rint(x); break;
            case Mxcsr.RC_DOWN: r = Math.floor(x); break;
            case Mxcsr.RC_UP: r = Math.ceil(x); break;
            default: r = x < 0 ? Math.ceil(x) : Math.floor(x); break;
        }
        double limit = width == 32 ? 0x1p31 : 0x1p63;
        if (r >= limit || r < -limit) {
            env.raise(Mxcsr.IE);
            return integerIndefinite(width);
        }
        if (r != x) env.raise(Mxcsr.PE);
        return (long) r;
    }

    /** CVTSI2SS/SD, CVTDQ2PS/PD element: signed integer → format, rounded per MXCSR. */
    public static long fromInt(FpFormat f, long v, FpEnv env) {
        if (v == 0) return 0;
        boolean neg = v < 0;
        long mag = neg ? -v : v; // Long.MIN_VALUE stays 2^63 read unsigned
        int lz = Long.numberOfLeadingZeros(mag);
        return roundSig(f, neg, mag << lz, 63 - lz, false, env);
    }

    /** CVTSS2SD / CVTSD2SS / CVTPS2PD / CVTPD2PS element. */
    public static long convert(FpFormat from, FpFormat to, long a, FpEnv env) {
        long sign = from.isNegative(a) ? to.signBit : 0;
        if (from.isNaN(a)) {
            if (from.isSignalingNaN(a)) env.raise(Mxcsr.IE);
            long frac = a & from.fracMask;
            frac = to.fracBits >= from.fracBits ? frac << (to.fracBits - from.fracBits)
                    : frac >>> (from.fracBits - to.fracBits);
            return sign | to.expMask | to.quietBit | frac;
        }
        if (from.isInfinite(a)) return sign | to.infinity;
        int saved = startElement(env);
        a = operand(from, a, env);
        if (from.isZero(a)) return finishElement(env, saved, sign);
        double x = from.toDouble(a);
        return finishElement(env, saved, round(to, x < 0, Math.abs(x), 0, 0, env));
    }
}
