package org.jtcg.x86.x87;

import org.jtcg.core.softfloat.FloatFormat;

import java.math.BigInteger;

import static org.jtcg.x86.x87.X87Flags.C1;
import static org.jtcg.x86.x87.X87Flags.DE;
import static org.jtcg.x86.x87.X87Flags.IE;
import static org.jtcg.x86.x87.X87Flags.OE;
import static org.jtcg.x86.x87.X87Flags.PE;
import static org.jtcg.x86.x87.X87Flags.UE;
import static org.jtcg.x86.x87.X87Flags.ZE;

/**
 * Soft-float arithmetic on the x87 80-bit extended format (64-bit significand with explicit integer
 * bit, 15-bit exponent, bias 16383), giving the results x86 hardware gives with all exceptions
 * masked.
 *
 * <p>One instance is the environment of one operation: rounding control and precision control go in;
 * the result ({@link #sig}, {@link #se}) and the FSW exception bits plus C1 ("rounded up") come out in
 * {@link #flags}. Operands are passed as (significand, sign/exponent) pairs, the layout of
 * {@link X87State}. Integer results are returned directly.
 *
 * <p>Internally an exact intermediate is a sign, a biased exponent (any int, so tiny and huge values
 * are representable before rounding) and a 128-bit significand {@code hi:lo} whose bit 127 is the
 * integer bit: value = (hi + lo / 2^64) * 2^(exp - 16383 - 63).
 */
public final class Float80 {
    public static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;
    public static final int BIAS = 16383;
    public static final int EXP_MAX = 0x7fff;
    /** The default NaN ("real indefinite"). */
    public static final long INDEFINITE_SIG = 0xC000000000000000L;
    public static final int INDEFINITE_SE = 0xffff;
    private static final long INT_BIT = 0x8000000000000000L;
    private static final long QUIET_BIT = 0x4000000000000000L;

    /** Operand classes. */
    public static final int ZERO = 0, NORMAL = 1, DENORMAL = 2, INF = 3, QNAN = 4, SNAN = 5, UNSUPPORTED = 6;

    /** x87 signals underflow when the result is tiny after rounding (checked against hardware). */
    static final boolean TININESS_AFTER_ROUNDING = true;

    /** Rounding control (FCW bits 10-11). */
    public final int rc;
    /** Significand precision in bits for add/sub/mul/div/sqrt: 24, 53 or 64. */
    public final int precision;
    /** Exception bits (IE..PE) and C1 raised by the operations run so far. */
    public int flags;
    /** Result significand. */
    public long sig;
    /** Result sign (bit 15) and biased exponent. */
    public int se;

    /**
     * Set by the caller when an operand was widened from a denormal m32/m64: DE is then raised at
     * the point the operation checks its operands for denormals (not if a NaN decides the result).
     */
    public boolean memoryDenormal;

    // scratch for 128-bit shifts and rounding
    private long jHi, jLo;

    public Float80(int rc, int precision) {
        if (precision != 24 && precision != 53 && precision != 64) {
            throw new IllegalArgumentException("precision must be 24, 53 or 64: " + precision);
        }
        this.rc = rc & 3;
        this.precision = precision;
    }

    /** Environment from an FCW: RC from bits 10-11, PC from bits 8-9 (00=24, 10=53, 11=64; reserved 01 acts as 64). */
    public static Float80 forControlWord(int fcw) {
        int pc = (fcw >> X87Flags.FCW_PC_SHIFT) & 3;
        return new Float80((fcw >> X87Flags.FCW_RC_SHIFT) & 3, pc == 0 ? 24 : pc == 2 ? 53 : 64);
    }

    // ---------------------------------------------------------------- classification

    public static int classify(long sig, int se) {
        int exp = se & EXP_MAX;
        if (exp == 0) {
            return sig == 0 ? ZERO : DENORMAL; // with integer bit set: pseudo-denormal
        }
        if (sig >= 0) {
            return UNSUPPORTED; // unnormal, pseudo-infinity, pseudo-NaN
        }
        if (exp == EXP_MAX) {
            if ((sig << 1) == 0) {
                return INF;
            }
            return (sig & QUIET_BIT) != 0 ? QNAN : SNAN;
        }
        return NORMAL;
    }

    public static boolean isNaN(int cls) {
        return cls == QNAN || cls == SNAN;
    }

    /** Tag (valid / zero / special) the value gets when written to a register. */
    public static int tagOf(long sig, int se) {
        switch (classify(sig, se)) {
            case NORMAL: return X87Flags.TAG_VALID;
            case ZERO: return X87Flags.TAG_ZERO;
            default: return X87Flags.TAG_SPECIAL;
        }
    }

    /** Biased exponent after normalising a finite nonzero value (may be below 1 for denormals). */
    static int normExp(long sig, int se) {
        int exp = se & EXP_MAX;
        if (exp != 0) {
            return exp;
        }
        return sig < 0 ? 1 : 1 - Long.numberOfLeadingZeros(sig);
    }

    /** Significand after normalising a finite nonzero value (integer bit set). */
    static long normSig(long sig, int se) {
        return (se & EXP_MAX) != 0 || sig < 0 ? sig : sig << Long.numberOfLeadingZeros(sig);
    }

    void setResult(long s, int signExp) {
        sig = s;
        se = signExp;
    }

    void indefinite() {
        flags |= IE;
        setResult(INDEFINITE_SIG, INDEFINITE_SE);
    }

    void zero(int sign) {
        setResult(0, sign << 15);
    }

    void inf(int sign) {
        setResult(INT_BIT, (sign << 15) | EXP_MAX);
    }

    /**
     * NaN result of a two-operand op where at least one operand is a NaN (unsupported formats
     * already excluded): an SNaN raises IE; the QNaN wins over an SNaN; between two NaNs of the
     * same kind the larger significand wins (SDM vol. 1 table 4-7).
     */
    void propagateNaN(long sa, int sea, int ca, long sb, int seb, int cb) {
        if (ca == SNAN || cb == SNAN) {
            flags |= IE;
        }
        boolean aNaN = isNaN(ca), bNaN = isNaN(cb);
        boolean pickA;
        if (aNaN && bNaN) {
            if (ca != cb) {
                pickA = ca == QNAN;
            } else {
                int c = Long.compareUnsigned(sa << 1, sb << 1);
                pickA = c > 0 || (c == 0 && sea <= seb);
            }
        } else {
            pickA = aNaN;
        }
        if (pickA) {
            setResult(sa | QUIET_BIT, sea);
        } else {
            setResult(sb | QUIET_BIT, seb);
        }
    }

    /** Single-operand NaN result: SNaN raises IE and is quieted. */
    void propagateNaN(long s, int sgnExp, int cls) {
        if (cls == SNAN) {
            flags |= IE;
        }
        setResult(s | QUIET_BIT, sgnExp);
    }

    // ---------------------------------------------------------------- rounding core

    /** jHi:jLo = hi:lo >> n, with every bit shifted out OR-ed into bit 0 of jLo. */
    private void shiftRightJam(long hi, long lo, int n) {
        if (n == 0) {
            jHi = hi;
            jLo = lo;
        } else if (n < 64) {
            jLo = (hi << (64 - n)) | (lo >>> n) | ((lo << (64 - n)) != 0 ? 1 : 0);
            jHi = hi >>> n;
        } else if (n == 64) {
            jLo = hi | (lo != 0 ? 1 : 0);
            jHi = 0;
        } else if (n < 128) {
            jLo = (hi >>> (n - 64)) | (((hi << (128 - n)) | lo) != 0 ? 1 : 0);
            jHi = 0;
        } else {
            jLo = (hi | lo) != 0 ? 1 : 0;
            jHi = 0;
        }
    }

    private boolean roundedInexact, roundedUp;

    /**
     * Rounds hi:lo to a multiple of 2^shift in hi (shift 0..63) under {@link #rc}; returns the rounded
     * hi (low bits cleared) and sets roundedInexact / roundedUp. A carry out of bit 63 wraps to 0,
     * which callers detect as "rounded == 0 while hi != 0".
     */
    private long round(int sign, long hi, long lo, int shift) {
        long mask = shift == 0 ? 0 : (1L << shift) - 1;
        long rem = hi & mask;
        boolean inexact = rem != 0 || lo != 0;
        boolean increment;
        switch (rc) {
            case RC_NEAREST: {
                int cmp; // remainder versus half an ulp
                if (shift == 0) {
                    cmp = Long.compareUnsigned(lo, INT_BIT);
                } else {
                    long half = 1L << (shift - 1);
                    cmp = rem != half ? Long.compareUnsigned(rem, half) : (lo != 0 ? 1 : 0);
                }
                long ulp = shift == 0 ? 1 : 1L << shift;
                increment = cmp > 0 || (cmp == 0 && (hi & ulp) != 0);
                break;
            }
            case RC_DOWN:
                increment = inexact && sign != 0;
                break;
            case RC_UP:
                increment = inexact && sign == 0;
                break;
            default:
                increment = false;
        }
        roundedInexact = inexact;
        roundedUp = increment;
        long r = hi & ~mask;
        return increment ? r + (mask + 1) : r;
    }

    /**
     * Rounds an exact intermediate to {@code precBits} significand bits in a format whose exponent
     * field is {@code expMax} when all ones, result left in jHi (significand, integer bit at 63) and
     * the returned biased exponent (0 = denormal/zero, expMax = infinity). Raises PE/UE/OE and C1.
     */
    private int roundPack(int sign, int exp, long hi, long lo, int precBits, int expMax) {
        int shift = 64 - precBits;
        if (hi == 0 && lo == 0) {
            jHi = 0;
            return 0;
        }
        if (exp <= 0) {
            boolean tiny = true;
            if (TININESS_AFTER_ROUNDING) {
                // tiny unless rounding with unbounded exponent reaches the smallest normal
                long r = round(sign, hi, lo, shift);
                tiny = !(exp == 0 && r == 0 && roundedUp);
            }
            shiftRightJam(hi, lo, 1 - exp);
            long r = round(sign, jHi, jLo, shift);
            if (roundedInexact) {
                flags |= PE | (tiny ? UE : 0);
            }
            if (roundedUp) {
                flags |= C1;
            }
            jHi = r;
            return r < 0 ? 1 : 0;
        }
        long r = round(sign, hi, lo, shift);
        if (roundedUp && r == 0) { // carried out of bit 63
            r = INT_BIT;
            exp++;
        }
        if (exp >= expMax) {
            flags |= OE | PE;
            boolean toInf = rc == RC_NEAREST || (rc == RC_UP && sign == 0) || (rc == RC_DOWN && sign != 0);
            if (toInf) {
                flags |= C1;
                jHi = INT_BIT;
                return expMax;
            }
            jHi = -1L << shift;
            return expMax - 1;
        }
        if (roundedInexact) {
            flags |= PE;
        }
        if (roundedUp) {
            flags |= C1;
        }
        jHi = r;
        return exp;
    }

    /** Rounds an exact intermediate into the 80-bit result at the given precision. */
    void pack80(int sign, int exp, long hi, long lo, int precBits) {
        if (hi == 0 && lo == 0) {
            zero(sign);
            return;
        }
        int e = roundPack(sign, exp, hi, lo, precBits, EXP_MAX);
        setResult(jHi, (sign << 15) | e);
    }

    /**
     * Rounds mag * 2^unitExp (mag positive), plus an infinitesimal when {@code sticky}, into the
     * 80-bit result at 64-bit precision (the transcendentals ignore precision control).
     */
    void packBig(int sign, BigInteger mag, int unitExp, boolean sticky) {
        int n = mag.bitLength();
        long hi, lo;
        if (n > 128) {
            BigInteger top = mag.shiftRight(n - 128);
            hi = top.shiftRight(64).longValue();
            lo = top.longValue();
            sticky |= mag.getLowestSetBit() < n - 128;
        } else {
            BigInteger top = mag.shiftLeft(128 - n);
            hi = top.shiftRight(64).longValue();
            lo = top.longValue();
        }
        pack80(sign, n - 1 + unitExp + BIAS, hi, lo | (sticky ? 1 : 0), 64);
    }

    // ---------------------------------------------------------------- arithmetic

    /** Common operand screening of binary ops: unsupported → IE indefinite, NaN propagation, DE. */
    private boolean screenBinary(long sa, int sea, int ca, long sb, int seb, int cb) {
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
            indefinite();
            return true;
        }
        if (isNaN(ca) || isNaN(cb)) {
            propagateNaN(sa, sea, ca, sb, seb, cb);
            return true;
        }
        if (ca == DENORMAL || cb == DENORMAL || memoryDenormal) {
            flags |= DE;
        }
        return false;
    }

    /** a + b (or a - b when {@code subtract}), rounded to {@link #precision}. */
    public void add(long sa, int sea, long sb, int seb, boolean subtract) {
        int ca = classify(sa, sea), cb = classify(sb, seb);
        if (screenBinary(sa, sea, ca, sb, seb, cb)) {
            return;
        }
        int signA = (sea >> 15) & 1;
        int signB = ((seb >> 15) & 1) ^ (subtract ? 1 : 0);
        if (ca == INF || cb == INF) {
            if (ca == INF && cb == INF && signA != signB) {
                indefinite();
            } else {
                inf(ca == INF ? signA : signB);
            }
            return;
        }
        if (ca == ZERO && cb == ZERO) {
            zero(signA == signB ? signA : (rc == RC_DOWN ? 1 : 0));
            return;
        }
        if (ca == ZERO || cb == ZERO) {
            // the nonzero operand, rounded to the precision
            if (ca == ZERO) {
                pack80(signB, normExp(sb, seb), normSig(sb, seb), 0, precision);
            } else {
                pack80(signA, normExp(sa, sea), normSig(sa, sea), 0, precision);
            }
            return;
        }
        int ea = normExp(sa, sea), eb = normExp(sb, seb);
        long ma = normSig(sa, sea), mb = normSig(sb, seb);
        if (ea < eb || (ea == eb && Long.compareUnsigned(ma, mb) < 0)) {
            int t = ea; ea = eb; eb = t;
            long m = ma; ma = mb; mb = m;
            int s = signA; signA = signB; signB = s;
        }
        // one bit of headroom: operands at bit 126, exponent + 1
        long aHi = ma >>> 1, aLo = ma << 63;
        shiftRightJam(mb >>> 1, mb << 63, Math.min(ea - eb, 200));
        long bHi = jHi, bLo = jLo;
        int exp = ea + 1;
        long hi, lo;
        if (signA == signB) {
            lo = aLo + bLo;
            hi = aHi + bHi + (Long.compareUnsigned(lo, aLo) < 0 ? 1 : 0);
        } else {
            lo = aLo - bLo;
            hi = aHi - bHi - (Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0);
            if (hi == 0 && lo == 0) {
                zero(rc == RC_DOWN ? 1 : 0);
                return;
            }
        }
        int lz = hi != 0 ? Long.numberOfLeadingZeros(hi) : 64 + Long.numberOfLeadingZeros(lo);
        if (lz >= 64) {
            hi = lo << (lz - 64);
            lo = 0;
        } else if (lz > 0) {
            hi = (hi << lz) | (lo >>> (64 - lz));
            lo <<= lz;
        }
        pack80(signA, exp - lz, hi, lo, precision);
    }

    /** a * b rounded to {@link #precision}. */
    public void mul(long sa, int sea, long sb, int seb) {
        int ca = classify(sa, sea), cb = classify(sb, seb);
        if (screenBinary(sa, sea, ca, sb, seb, cb)) {
            return;
        }
        int sign = ((sea ^ seb) >> 15) & 1;
        if (ca == INF || cb == INF) {
            if (ca == ZERO || cb == ZERO) {
                indefinite();
            } else {
                inf(sign);
            }
            return;
        }
        if (ca == ZERO || cb == ZERO) {
            zero(sign);
            return;
        }
        long ma = normSig(sa, sea), mb = normSig(sb, seb);
        long lo = ma * mb;
        long hi = Math.multiplyHigh(ma, mb) + ma + mb; // both have bit 63 set: unsigned correction
        int exp = normExp(sa, sea) + normExp(sb, seb) - BIAS + 1;
        if (hi >= 0) {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
            exp--;
        }
        pack80(sign, exp, hi, lo, precision);
    }

    /** a / b rounded to {@link #precision}. */
    public void div(long sa, int sea, long sb, int seb) {
        int ca = classify(sa, sea), cb = classify(sb, seb);
        if (screenBinary(sa, sea, ca, sb, seb, cb)) {
            return;
        }
        int sign = ((sea ^ seb) >> 15) & 1;
        if (ca == INF) {
            if (cb == INF) {
                indefinite();
            } else {
                inf(sign);
            }
            return;
        }
        if (cb == INF) {
            zero(sign);
            return;
        }
        if (cb == ZERO) {
            if (ca == ZERO) {
                indefinite();
            } else {
                flags = (flags & ~DE) | ZE; // zero divide takes precedence over a denormal dividend
                inf(sign);
            }
            return;
        }
        if (ca == ZERO) {
            zero(sign);
            return;
        }
        long ma = normSig(sa, sea), mb = normSig(sb, seb);
        int exp = normExp(sa, sea) - normExp(sb, seb) + BIAS;
        long r = ma;
        boolean top = false;
        if (Long.compareUnsigned(ma, mb) < 0) {
            top = r < 0;
            r <<= 1;
            exp--;
        }
        long q = 0;
        for (int i = 0; i < 65; i++) {
            boolean bit = top || Long.compareUnsigned(r, mb) >= 0;
            if (bit) {
                r -= mb;
            }
            if (i < 64) {
                q = (q << 1) | (bit ? 1 : 0);
            } else {
                // 65th quotient bit is the guard bit, the remainder the sticky bit
                long lo = (bit ? INT_BIT : 0) | (r != 0 ? 1 : 0);
                pack80(sign, exp, q, lo, precision);
                return;
            }
            top = r < 0;
            r <<= 1;
        }
    }

    /** Square root rounded to {@link #precision}. */
    public void sqrt(long sa, int sea) {
        int ca = classify(sa, sea);
        int sign = (sea >> 15) & 1;
        if (ca == UNSUPPORTED) {
            indefinite();
            return;
        }
        if (isNaN(ca)) {
            propagateNaN(sa, sea, ca);
            return;
        }
        if (ca == ZERO) {
            setResult(sa, sea);
            return;
        }
        if (sign != 0) {
            indefinite(); // no DE for a negative denormal: the invalid operation wins
            return;
        }
        if (ca == DENORMAL) {
            flags |= DE;
        }
        if (ca == INF) {
            setResult(sa, sea);
            return;
        }
        int e2 = normExp(sa, sea) - BIAS - 63; // value = m * 2^e2
        int odd = e2 & 1;
        BigInteger m = new BigInteger(Long.toUnsignedString(normSig(sa, sea))).shiftLeft(68 + odd);
        int half = (e2 - 68 - odd) >> 1;
        BigInteger root = m.sqrt();
        boolean sticky = !root.multiply(root).equals(m);
        int n = root.bitLength(); // 66 or 67
        long hi = root.shiftRight(n - 64).longValue();
        long lo = root.longValue() << (128 - n) | (sticky ? 1 : 0);
        pack80(0, n - 1 + half + BIAS, hi, lo, precision);
    }

    /** FRNDINT: round to an integer under {@link #rc} (precision control does not apply). */
    public void roundToInt(long sa, int sea) {
        int ca = classify(sa, sea);
        if (ca == UNSUPPORTED) {
            indefinite();
            return;
        }
        if (isNaN(ca)) {
            propagateNaN(sa, sea, ca);
            return;
        }
        if (ca == ZERO || ca == INF) {
            setResult(sa, sea);
            return;
        }
        if (ca == DENORMAL) {
            flags |= DE;
        }
        int sign = (sea >> 15) & 1;
        int exp = normExp(sa, sea);
        long m = normSig(sa, sea);
        if (exp - BIAS >= 63) {
            setResult(sa, sea);
            return;
        }
        long n = integerPart(sign, exp, m);
        if (n == 0) {
            zero(sign);
            return;
        }
        int lz = Long.numberOfLeadingZeros(n);
        setResult(n << lz, (sign << 15) | (BIAS + 63 - lz));
    }

    /** Rounds |value| (exponent below 63+BIAS) to an unsigned integer under rc; sets PE/C1. */
    private long integerPart(int sign, int exp, long m) {
        shiftRightJam(m, 0, Math.min(BIAS + 63 - exp, 200));
        long n = round(sign, jHi, jLo, 0);
        if (roundedInexact) {
            flags |= PE;
        }
        if (roundedUp) {
            flags |= C1;
        }
        return n;
    }

    /**
     * Converts to a signed integer of {@code bits} bits (16, 32, 64) under {@link #rc}, or by
     * truncation when {@code truncate} (FISTTP). NaN, infinity, unsupported and out-of-range values
     * give the integer indefinite (most negative value) with IE.
     */
    public long toInt(long sa, int sea, int bits, boolean truncate) {
        long indefinite = Long.MIN_VALUE >> (64 - bits);
        int ca = classify(sa, sea);
        if (ca == UNSUPPORTED || isNaN(ca) || ca == INF) {
            flags |= IE;
            return indefinite;
        }
        if (ca == ZERO) {
            return 0;
        }
        int sign = (sea >> 15) & 1;
        int exp = normExp(sa, sea);
        long m = normSig(sa, sea);
        if (exp - BIAS >= 64) {
            flags |= IE;
            return indefinite;
        }
        long n;
        int saved = flags;
        if (exp - BIAS == 63) {
            n = m; // integral already, >= 2^63
        } else {
            Float80 env = truncate ? new Float80(RC_ZERO, 64) : this;
            n = env.integerPart(sign, exp, m);
            if (env != this) {
                flags |= env.flags;
            }
        }
        long limit = 1L << (bits - 1); // |min|, as unsigned
        boolean fits = sign != 0 ? Long.compareUnsigned(n, limit) <= 0 : Long.compareUnsigned(n, limit) < 0;
        if (!fits) {
            flags = saved | IE;
            return indefinite;
        }
        return sign != 0 ? -n : n;
    }

    /** Exact conversion of a signed integer (FILD). */
    public void fromInt(long v) {
        if (v == 0) {
            zero(0);
            return;
        }
        int sign = v < 0 ? 1 : 0;
        long m = v < 0 ? -v : v; // Long.MIN_VALUE stays 2^63 as unsigned
        int lz = Long.numberOfLeadingZeros(m);
        setResult(m << lz, (sign << 15) | (BIAS + 63 - lz));
    }

    /**
     * Widens an IEEE binary16/32/64 encoding exactly; denormal → DE. With {@code quietSnan} (FLD
     * m32/m64) an SNaN raises IE and is quieted; otherwise (memory operand of an arithmetic op) it
     * stays signaling so the operation itself applies the NaN rules.
     */
    public void fromIeee(long bits, FloatFormat format, boolean quietSnan) {
        int fracBits = format.fracBits;
        int sign = format.isNegative(bits) ? 1 : 0;
        long frac = bits & format.fracMask;
        if (format.isInfinite(bits)) {
            inf(sign);
            return;
        }
        if (format.isNaN(bits)) {
            long s = INT_BIT | (frac << (63 - fracBits));
            if (format.isSignalingNaN(bits) && quietSnan) {
                flags |= IE;
                setResult(s | QUIET_BIT, (sign << 15) | EXP_MAX);
            } else {
                setResult(s, (sign << 15) | EXP_MAX);
            }
            return;
        }
        if (format.isZero(bits)) {
            zero(sign);
            return;
        }
        if (format.isDenormal(bits)) {
            flags |= DE;
            int lz = Long.numberOfLeadingZeros(frac);
            // value = frac * 2^(emin - fracBits)
            setResult(frac << lz, (sign << 15) | (format.emin - fracBits + 63 - lz + BIAS));
            return;
        }
        int exp = (int) ((bits & format.expMask) >>> fracBits);
        setResult(INT_BIT | (frac << (63 - fracBits)), (sign << 15) | (exp - format.bias + BIAS));
    }

    /**
     * Narrows to an IEEE binary16/32/64 encoding under {@link #rc} (FST m32/m64): overflow,
     * underflow and precision as hardware; NaNs keep their top payload bits.
     */
    public long toIeee(long sa, int sea, FloatFormat format) {
        int ca = classify(sa, sea);
        int fracBits = format.fracBits;
        long signBit = (sea & 0x8000) != 0 ? format.signBit : 0;
        if (ca == UNSUPPORTED) {
            flags |= IE;
            return format.defaultNaN(true); // the indefinite
        }
        if (isNaN(ca)) {
            if (ca == SNAN) {
                flags |= IE;
            }
            long frac = ((sa | QUIET_BIT) << 1) >>> (64 - fracBits);
            return signBit | format.expMask | frac;
        }
        if (ca == INF) {
            return signBit | format.infinity;
        }
        if (ca == ZERO) {
            return signBit;
        }
        int expMax = (int) (format.expMask >>> fracBits);
        int exp = normExp(sa, sea) - BIAS + format.bias; // stores raise no DE for a denormal source
        int e = roundPack(signBit != 0 ? 1 : 0, exp, normSig(sa, sea), 0, format.precision, expMax);
        long frac = (jHi << 1) >>> (64 - fracBits);
        return signBit | ((long) e << fracBits) | frac;
    }

    // ---------------------------------------------------------------- comparisons and classes

    public static final int CMP_GT = 0, CMP_LT = 1, CMP_EQ = 2, CMP_UNORDERED = 3;

    /**
     * Compares a with b. NaNs give unordered; IE for any NaN when {@code signaling} (FCOM), only for
     * SNaN otherwise (FUCOM); unsupported formats always give IE + unordered; DE for denormals.
     */
    public int compare(long sa, int sea, long sb, int seb, boolean signaling) {
        int ca = classify(sa, sea), cb = classify(sb, seb);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
            flags |= IE;
            return CMP_UNORDERED;
        }
        if (isNaN(ca) || isNaN(cb)) {
            if (signaling || ca == SNAN || cb == SNAN) {
                flags |= IE;
            }
            return CMP_UNORDERED;
        }
        if (ca == DENORMAL || cb == DENORMAL || memoryDenormal) {
            flags |= DE;
        }
        if (ca == ZERO && cb == ZERO) {
            return CMP_EQ;
        }
        int signA = (sea >> 15) & 1, signB = (seb >> 15) & 1;
        int c;
        if (ca == ZERO) {
            c = signB != 0 ? 1 : -1;
        } else if (cb == ZERO) {
            c = signA != 0 ? -1 : 1;
        } else if (signA != signB) {
            c = signA != 0 ? -1 : 1;
        } else {
            int ea = ca == INF ? Integer.MAX_VALUE : normExp(sa, sea);
            int eb = cb == INF ? Integer.MAX_VALUE : normExp(sb, seb);
            c = ea != eb ? Integer.compare(ea, eb) : Long.compareUnsigned(normSig(sa, sea), normSig(sb, seb));
            if (signA != 0) {
                c = -c;
            }
        }
        return c > 0 ? CMP_GT : c < 0 ? CMP_LT : CMP_EQ;
    }

    // ---------------------------------------------------------------- scale, remainder, extract

    /** FSCALE: a * 2^trunc(b), exact unless it over/underflows (64-bit precision). */
    public void scale(long sa, int sea, long sb, int seb) {
        int ca = classify(sa, sea), cb = classify(sb, seb);
        if (screenBinary(sa, sea, ca, sb, seb, cb)) {
            return;
        }
        int signA = (sea >> 15) & 1, signB = (seb >> 15) & 1;
        if (cb == INF) {
            if (signB == 0) {
                if (ca == ZERO) {
                    indefinite();
                } else {
                    inf(signA);
                }
            } else {
                if (ca == INF) {
                    indefinite();
                } else {
                    zero(signA);
                }
            }
            return;
        }
        if (ca == ZERO || ca == INF) {
            setResult(sa, sea);
            return;
        }
        int n;
        if (cb == ZERO) {
            n = 0;
        } else {
            int eb = normExp(sb, seb) - BIAS;
            if (eb < 0) {
                n = 0;
            } else if (eb > 20) {
                n = 1 << 21;
            } else {
                n = (int) (normSig(sb, seb) >>> (63 - eb));
            }
            if (signB != 0) {
                n = -n;
            }
        }
        pack80(signA, normExp(sa, sea) + n, normSig(sa, sea), 0, 64);
    }

    /**
     * FPREM ({@code ieee} false: quotient truncated) / FPREM1 ({@code ieee} true: quotient rounded to
     * nearest even) of a by b. Returns the FSW condition bits: C2 when the reduction is incomplete,
     * else C0/C3/C1 = quotient bits 2/1/0. The result is exact.
     */
    public int remainder(long sa, int sea, long sb, int seb, boolean ieee) {
        int ca = classify(sa, sea), cb = classify(sb, seb);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED || isNaN(ca) || isNaN(cb)
                || ca == INF || cb == ZERO) { // invalid cases are decided before the denormal check
            if (!screenBinary(sa, sea, ca, sb, seb, cb)) {
                flags &= ~DE;
                indefinite();
            }
            return 0;
        }
        screenBinary(sa, sea, ca, sb, seb, cb); // raises DE
        if (ca == ZERO) {
            setResult(sa, sea);
            return 0;
        }
        if (cb == INF) {
            packExactNormalized((sea >> 15) & 1, normExp(sa, sea), normSig(sa, sea)); // pseudo-denormals normalised
            return 0;
        }
        int signA = (sea >> 15) & 1;
        int ea = normExp(sa, sea), eb = normExp(sb, seb);
        long ma = normSig(sa, sea), mb = normSig(sb, seb);
        int d = ea - eb;
        if (d >= 64) {
            // partial reduction: quotient chunk of n bits, n in 32..63
            int n = 32 + ((d - 64) & 31);
            // in a's scale the chunk divisor b * 2^(d-n) is mb * 2^-n: q = trunc(ma * 2^n / mb)
            BigInteger a = unsignedBig(ma).shiftLeft(n);
            BigInteger r = a.mod(unsignedBig(mb));
            packExact(signA, ea - n, r);
            return X87Flags.C2;
        }
        if (d < -1) {
            // |a| < |b| / 2: quotient 0 for both forms
            setResult(sa, sea);
            if (ca == DENORMAL) {
                packExactNormalized(signA, ea, ma);
            }
            return 0;
        }
        // exact: a = ma * 2^d relative to b's scale; r = ma*2^d - q*mb
        BigInteger a = unsignedBig(ma);
        BigInteger b = unsignedBig(mb);
        int scaleExp = eb;
        if (d >= 0) {
            a = a.shiftLeft(d);
        } else {
            b = b.shiftLeft(1);
            scaleExp = ea; // both at a's scale
        }
        BigInteger[] qr = a.divideAndRemainder(b);
        BigInteger q = qr[0], r = qr[1];
        int sign = signA;
        if (ieee) {
            int c = r.shiftLeft(1).compareTo(b);
            if (c > 0 || (c == 0 && q.testBit(0))) {
                q = q.add(BigInteger.ONE);
                r = b.subtract(r);
                sign ^= 1;
            }
        }
        int qlow = q.intValue() & 7;
        if (r.signum() == 0) {
            zero(signA);
        } else {
            packExact(sign, scaleExp, r);
        }
        return ((qlow & 4) != 0 ? X87Flags.C0 : 0) | ((qlow & 2) != 0 ? X87Flags.C3 : 0)
                | ((qlow & 1) != 0 ? X87Flags.C1 : 0);
    }

    private static BigInteger unsignedBig(long v) {
        return new BigInteger(Long.toUnsignedString(v));
    }

    /** Packs r * 2^(exp - BIAS - 63) (r below 2^64) exactly, denormalizing if needed. */
    private void packExact(int sign, int exp, BigInteger r) {
        if (r.signum() == 0) {
            zero(sign);
            return;
        }
        long m = r.longValue();
        int lz = Long.numberOfLeadingZeros(m);
        packExactNormalized(sign, exp - lz, m << lz);
    }

    private void packExactNormalized(int sign, int exp, long m) {
        pack80(sign, exp, m, 0, 64);
    }

    /**
     * FXTRACT: splits a into its unbiased exponent (result {@link #sig}/{@link #se}) and its
     * significand with exponent 0 (returned in {@code out[0]}, {@code out[1]}). Zero gives ZE,
     * exponent -infinity and the zero as significand.
     */
    public void extract(long sa, int sea, long[] out) {
        int ca = classify(sa, sea);
        if (ca == UNSUPPORTED || isNaN(ca)) {
            if (ca == UNSUPPORTED) {
                indefinite();
            } else {
                propagateNaN(sa, sea, ca);
            }
            out[0] = sig;
            out[1] = se;
            return;
        }
        if (ca == ZERO) {
            flags |= ZE;
            out[0] = sa;
            out[1] = sea;
            inf(1);
            return;
        }
        if (ca == INF) {
            out[0] = sa;
            out[1] = sea;
            inf(0);
            return;
        }
        if (ca == DENORMAL) {
            flags |= DE;
        }
        out[0] = normSig(sa, sea);
        out[1] = (sea & 0x8000) | BIAS;
        fromInt(normExp(sa, sea) - BIAS);
    }
}
