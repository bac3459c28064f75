package org.jtcg.x86.x87;

import static org.jtcg.x86.x87.Float80.BIAS;
import static org.jtcg.x86.x87.Float80.DENORMAL;
import static org.jtcg.x86.x87.Float80.INF;
import static org.jtcg.x86.x87.Float80.UNSUPPORTED;
import static org.jtcg.x86.x87.Float80.ZERO;
import static org.jtcg.x86.x87.Float80.classify;
import static org.jtcg.x86.x87.Float80.isNaN;
import static org.jtcg.x86.x87.Float80.normExp;
import static org.jtcg.x86.x87.Float80.normSig;

import java.math.BigInteger;
import java.util.function.IntFunction;

/**
 * The x87 transcendental operations (FSIN, FCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1) on one
 * {@link Float80} environment: operand screening and special cases as the hardware does them, then
 * the function value rounded correctly to 64 bits under the rounding control (precision control
 * does not apply), with PE, UE (tiny after rounding), OE and C1 ("rounded up") from the rounding.
 *
 * <p>Hardware is not correctly rounded (about 1% of results differ by one ulp from the correctly
 * rounded value on the AMD host); what is modelled exactly is the part that is deterministic and
 * far larger than an ulp: the trigonometric argument reduction uses pi rounded to 66 bits, as x87
 * hardware does, so sin/cos/tan of huge arguments agree with the hardware instead of the true
 * function. Values are computed in {@link FixedPointMath} with enough guard bits that the interval
 * [value - error bound, value + error bound] rounds to one result with one set of flags; otherwise
 * the guard is doubled (a Ziv loop; transcendental values of these operands are never exact except
 * for the cases handled before).
 */
final class Transcendental {
    private Transcendental() {}

    /** pi rounded to nearest at 66 significant bits, times 2^64 (the hardware's reduction constant). */
    static final BigInteger PI66;
    static {
        BigInteger pi = FixedPointMath.pi(200); // floor(pi * 2^200)
        PI66 = pi.shiftRight(135).add(BigInteger.ONE).shiftRight(1);
    }

    private static final int MAX_GUARD = 1 << 17;
    /** Arguments of FSIN/FCOS/FSINCOS/FPTAN must be below 2^63 in magnitude, else C2 is set. */
    private static final int TRIG_LIMIT_EXP = BIAS + 63;

    /** An approximation y * 2^unitExp of a function value. */
    private record Approx(BigInteger y, int unitExp) {}

    /** Rounds the approximations of {@code kernel} (by guard bits) until the result is decided. */
    private static void round(Float80 f, IntFunction<Approx> kernel) {
        for (int g = 64; g <= MAX_GUARD; g *= 2) {
            Approx a = kernel.apply(g);
            if (a.y.signum() != 0 && decided(f, a, g)) {
                return;
            }
        }
        throw new ArithmeticException("x87 transcendental: rounding not decided at " + MAX_GUARD + " guard bits");
    }

    /**
     * True (and the result stored in f) when every value within the error bound of the approximation
     * rounds to the same result with the same flags. The bound is relative 2^-(g+40) (kernels keep
     * g+64 significant bits, losing far fewer than 24) plus 2^16 units for the absolute series
     * truncation error.
     */
    private static boolean decided(Float80 f, Approx a, int g) {
        int sign = a.y.signum() < 0 ? 1 : 0;
        BigInteger m = a.y.abs();
        BigInteger err = m.shiftRight(g + 40).add(BigInteger.ONE.shiftLeft(16));
        BigInteger lo = m.subtract(err);
        if (lo.signum() <= 0) {
            return false;
        }
        Float80 below = new Float80(f.rc, 64), above = new Float80(f.rc, 64);
        below.packBig(sign, lo, a.unitExp, true);
        above.packBig(sign, m.add(err).subtract(BigInteger.ONE), a.unitExp, true);
        if (below.sig != above.sig || below.se != above.se || below.flags != above.flags) {
            return false;
        }
        f.setResult(below.sig, below.se);
        f.flags |= below.flags;
        return true;
    }

    private static BigInteger unsigned(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    /** Significand of a finite nonzero operand as an integer (value = mant * 2^exp2). */
    private static BigInteger mant(long sig, int se) {
        return unsigned(normSig(sig, se));
    }

    private static int exp2(long sig, int se) {
        return normExp(sig, se) - BIAS - 63;
    }

    private static int sign(int se) {
        return (se >> 15) & 1;
    }

    /** Screens a one-operand op: true when the result is already decided (unsupported, NaN). */
    private static boolean screenUnary(Float80 f, long sig, int se, int cls) {
        if (cls == UNSUPPORTED) {
            f.indefinite();
            return true;
        }
        if (isNaN(cls)) {
            f.propagateNaN(sig, se, cls);
            return true;
        }
        if (cls == DENORMAL) {
            f.flags |= DE;
        }
        return false;
    }

    private static final int DE = X87Flags.DE, PE = X87Flags.PE, ZE = X87Flags.ZE, C1 = X87Flags.C1, UE = X87Flags.UE;

    // ================================================================ trigonometric

    public static final int SIN = 0, COS = 1, TAN = 2;

    /**
     * sin, cos or tan of (sig, se) into f. Returns false (C2: operand out of range, |x| >= 2^63, left
     * unchanged in f's result) or true. Infinity and unsupported give the indefinite with IE.
     */
    static boolean trig(Float80 f, int fn, long sig, int se) {
        int cls = classify(sig, se);
        if (screenUnary(f, sig, se, cls)) {
            return true;
        }
        if (cls == INF) {
            f.indefinite();
            return true;
        }
        if (cls == ZERO) {
            if (fn == COS) {
                f.setResult(0x8000000000000000L, BIAS);
            } else {
                f.setResult(sig, se);
            }
            return true;
        }
        if (normExp(sig, se) >= TRIG_LIMIT_EXP) {
            f.setResult(sig, se);
            return false;
        }
        // reduction: n = nearest integer to x / (P/2), r = x - n * P/2 exactly, P = PI66 * 2^-64
        BigInteger mx = mant(sig, se);
        if (sign(se) != 0) {
            mx = mx.negate();
        }
        int ex = exp2(sig, se);
        int m = Math.min(ex, -65);
        BigInteger xs = mx.shiftLeft(ex - m); // x = xs * 2^m
        BigInteger half = PI66.shiftLeft(-65 - m); // P/2 = half * 2^m
        BigInteger[] qr = xs.shiftLeft(1).add(half).divideAndRemainder(half.shiftLeft(1));
        BigInteger n = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0]; // floor(x/h + 1/2)
        BigInteger r = xs.subtract(n.multiply(half));
        int quadrant = n.intValue() & 3;
        final int rm = m;
        round(f, g -> {
            int er = r.signum() == 0 ? 0 : r.abs().bitLength() + rm; // |r| < 2^er
            int fb = g + 64 + Math.max(0, -er);
            BigInteger rf = r.shiftLeft(rm + fb); // shiftLeft by a negative count is a floor shift right
            BigInteger s = FixedPointMath.sin(rf, fb), c = FixedPointMath.cos(rf, fb);
            BigInteger y;
            switch (fn) {
                case SIN: y = new BigInteger[] {s, c, s.negate(), c.negate()}[quadrant]; break;
                case COS: y = new BigInteger[] {c, s.negate(), c.negate(), s}[quadrant]; break;
                default: y = (quadrant & 1) == 0 ? FixedPointMath.div(s, c, fb) : FixedPointMath.div(c, s, fb).negate();
            }
            return new Approx(y, -fb);
        });
        return true;
    }

    // ================================================================ FPATAN

    /** atan2(y, x) with y = ST(1), x = ST(0), into f. */
    static void atan2(Float80 f, long xs, int xse, long ys, int yse) {
        int cx = classify(xs, xse), cy = classify(ys, yse);
        if (unsupportedOrNaN(f, xs, xse, cx, ys, yse, cy)) {
            return;
        }
        if (cx == DENORMAL || cy == DENORMAL) {
            f.flags |= DE;
        }
        int sy = sign(yse), sx = sign(xse);
        if (cy == ZERO) {
            if (sx == 0) {
                f.zero(sy);
            } else {
                piMultiple(f, sy, 4); // +-pi
            }
            return;
        }
        if (cy == INF) {
            piMultiple(f, sy, cx != INF ? 2 : sx == 0 ? 1 : 3);
            return;
        }
        if (cx == ZERO) {
            piMultiple(f, sy, 2);
            return;
        }
        if (cx == INF) {
            if (sx == 0) {
                f.zero(sy);
            } else {
                piMultiple(f, sy, 4);
            }
            return;
        }
        BigInteger mxv = mant(xs, xse), myv = mant(ys, yse);
        int ex = exp2(xs, xse), ey = exp2(ys, yse);
        // t = small / large <= 1
        boolean swap = ey > ex || (ey == ex && myv.compareTo(mxv) > 0);
        BigInteger num = swap ? mxv : myv, den = swap ? myv : mxv;
        int shift = swap ? ex - ey : ey - ex; // t = num/den * 2^shift, shift <= 0
        round(f, g -> {
            int et = num.bitLength() - den.bitLength() + shift + 1; // |t| < 2^et
            int fb = Math.min(g + 64 + Math.max(0, -et), g + 64 + 16500);
            BigInteger t = shift + fb >= 0 ? num.shiftLeft(shift + fb).divide(den)
                    : num.divide(den.shiftLeft(-(shift + fb)));
            BigInteger a = FixedPointMath.atan(t, fb);
            if (swap || sx != 0) {
                BigInteger pi = FixedPointMath.pi(fb);
                if (swap) {
                    a = pi.shiftRight(1).subtract(a);
                }
                if (sx != 0) {
                    a = pi.subtract(a);
                }
            }
            return new Approx(sy != 0 ? a.negate() : a, -fb);
        });
    }

    /** Result +-k*pi/4 rounded (k = 1..4). */
    private static void piMultiple(Float80 f, int sign, int k) {
        round(f, g -> {
            int fb = g + 64;
            BigInteger v = FixedPointMath.pi(fb + 2).multiply(BigInteger.valueOf(k)).shiftRight(4);
            return new Approx(sign != 0 ? v.negate() : v, -fb);
        });
    }

    // ================================================================ F2XM1

    /** 2^x - 1 into f; for |x| > 1 (undefined in the SDM) the hardware returns x with PE. */
    static void exp2m1(Float80 f, long sig, int se) {
        int cls = classify(sig, se);
        if (screenUnary(f, sig, se, cls)) {
            return;
        }
        int sx = sign(se);
        if (cls == ZERO) {
            f.setResult(sig, se);
            return;
        }
        if (cls == INF) {
            if (sx == 0) {
                f.setResult(sig, se);
            } else {
                f.setResult(0x8000000000000000L, 0x8000 | BIAS); // -1
            }
            return;
        }
        int e = normExp(sig, se) - BIAS;
        long m = normSig(sig, se);
        if (e > 0 || (e == 0 && m != 0x8000000000000000L)) {
            f.setResult(sig, se);
            f.flags |= PE;
            return;
        }
        if (e == 0) { // exactly +-1: exact results, but the hardware reports them rounded
            if (sx == 0) {
                f.setResult(0x8000000000000000L, BIAS);
                f.flags |= PE | C1;
            } else {
                f.setResult(0x8000000000000000L, 0x8000 | (BIAS - 1));
                f.flags |= PE;
            }
            return;
        }
        BigInteger mx = mant(sig, se);
        if (sx != 0) {
            mx = mx.negate();
        }
        int ex = exp2(sig, se);
        BigInteger xm = mx;
        round(f, g -> {
            int fb = g + 64 + Math.max(0, -(ex + 64));
            int fl = fb + 8;
            BigInteger z = xm.multiply(FixedPointMath.ln2(fl)).shiftRight(fl - fb - ex); // x ln2 at fb bits
            return new Approx(FixedPointMath.expm1(z, fb), -fb);
        });
    }

    // ================================================================ FYL2X, FYL2XP1

    /**
     * y * log2(v) for v = vm * 2^ve (vm positive) into f; {@code ySig}/{@code yse} finite nonzero.
     * A power of two gives the exact product; the hardware still reports PE.
     */
    private static void yLog2(Float80 f, BigInteger vm, int ve, long ySig, int yse) {
        BigInteger my = mant(ySig, yse);
        int ey = exp2(ySig, yse);
        int sy = sign(yse);
        // v = (vm / 2^j) * 2^(j + ve) with vm / 2^j in [0.75, 1.5)
        int j = vm.bitLength() - 1;
        if (j > 0 && vm.testBit(j - 1)) {
            j++;
        }
        int e = j + ve;
        BigInteger p2 = BigInteger.ONE.shiftLeft(j);
        BigInteger num = vm.subtract(p2), den = vm.add(p2); // s = (m - 1) / (m + 1)
        if (num.signum() == 0) {
            if (e == 0) {
                f.zero(sy);
                return;
            }
            BigInteger prod = my.multiply(BigInteger.valueOf(Math.abs(e)));
            f.packBig(sy ^ (e < 0 ? 1 : 0), prod, ey, false);
            if ((f.se & Float80.EXP_MAX) == 0) {
                f.flags |= UE;
            }
            f.flags |= PE;
            return;
        }
        round(f, g -> {
            int es = num.abs().bitLength() - den.bitLength() + 1; // |s| < 2^es
            int fb = g + 64 + Math.max(0, -es);
            BigInteger s = FixedPointMath.div(num, den, fb);
            BigInteger lnm = FixedPointMath.atanh(s, fb).shiftLeft(1);
            BigInteger l = BigInteger.valueOf(e).shiftLeft(fb).add(FixedPointMath.div(lnm, FixedPointMath.ln2(fb), fb));
            BigInteger y = l.multiply(my);
            return new Approx(sy != 0 ? y.negate() : y, ey - fb);
        });
    }

    /**
     * The two-operand rule every binary transcendental starts with: an unsupported encoding gives
     * the indefinite value, a NaN operand the NaN-propagation result. True when {@code f} is done.
     */
    private static boolean unsupportedOrNaN(Float80 f, long xs, int xse, int cx, long ys, int yse, int cy) {
        if (cx == UNSUPPORTED || cy == UNSUPPORTED) {
            f.indefinite();
            return true;
        }
        if (isNaN(cx) || isNaN(cy)) {
            f.propagateNaN(xs, xse, cx, ys, yse, cy);
            return true;
        }
        return false;
    }

    /** FYL2X: y * log2(x) with x = ST(0), y = ST(1), into f. */
    static void yl2x(Float80 f, long xs, int xse, long ys, int yse) {
        int cx = classify(xs, xse), cy = classify(ys, yse);
        if (unsupportedOrNaN(f, xs, xse, cx, ys, yse, cy)) {
            return;
        }
        int sx = sign(xse), sy = sign(yse);
        if (sx != 0 && cx != ZERO) { // log of a negative number
            f.indefinite();
            return;
        }
        if (cx == DENORMAL || cy == DENORMAL) {
            f.flags |= DE;
        }
        if (cx == ZERO) { // log2(0) = -inf; a denormal y raises no DE here
            f.flags &= ~DE;
            if (cy == ZERO) {
                f.indefinite();
            } else {
                if (cy != INF) {
                    f.flags |= ZE;
                }
                f.inf(sy ^ 1);
            }
            return;
        }
        if (cx == INF) {
            if (cy == ZERO) {
                f.flags &= ~DE;
                f.indefinite();
            } else {
                f.inf(sy);
            }
            return;
        }
        boolean one = normSig(xs, xse) == 0x8000000000000000L && normExp(xs, xse) == BIAS;
        if (cy == INF) {
            if (one) {
                f.indefinite();
            } else {
                f.inf(sy ^ (normExp(xs, xse) < BIAS ? 1 : 0));
            }
            return;
        }
        if (cy == ZERO) {
            f.zero(sy ^ (normExp(xs, xse) < BIAS ? 1 : 0));
            return;
        }
        yLog2(f, mant(xs, xse), exp2(xs, xse), ys, yse);
    }

    /**
     * FYL2XP1: y * log2(x + 1) with x = ST(0), y = ST(1), into f. For x <= -1 (outside the
     * documented range) the hardware returns x with PE.
     */
    static void yl2xp1(Float80 f, long xs, int xse, long ys, int yse) {
        int cx = classify(xs, xse), cy = classify(ys, yse);
        if (unsupportedOrNaN(f, xs, xse, cx, ys, yse, cy)) {
            return;
        }
        int sx = sign(xse), sy = sign(yse);
        if (cx == INF && sx != 0) {
            f.indefinite();
            return;
        }
        if (cx == DENORMAL || cy == DENORMAL) {
            f.flags |= DE;
        }
        if (cx == ZERO || cy == ZERO) {
            if (cx == INF || cy == INF) { // 0 * inf
                f.flags &= ~DE;
                f.indefinite();
            } else {
                f.zero(sx ^ sy);
            }
            return;
        }
        if (cx == INF) {
            f.inf(sy);
            return;
        }
        if (cy == INF) {
            f.inf(sy ^ sx);
            return;
        }
        BigInteger mx = mant(xs, xse);
        int ex = exp2(xs, xse);
        if (sx != 0 && ex >= -63) { // x <= -1
            f.setResult(xs, xse);
            f.flags |= PE;
            return;
        }
        // 1 + x exactly as vm * 2^ve
        int ve = Math.min(ex, 0);
        BigInteger vm = BigInteger.ONE.shiftLeft(-ve).add(sx != 0 ? mx.negate().shiftLeft(ex - ve) : mx.shiftLeft(ex - ve));
        yLog2(f, vm, ve, ys, yse);
    }
}
