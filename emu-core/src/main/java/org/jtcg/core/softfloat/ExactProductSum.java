package org.jtcg.core.softfloat;

/**
 * The exact value of {@code ±ma×mb×2^ep ± mc×2^ec} for {@link FusedMultiplyAdd}, in two longs instead of a
 * {@code BigInteger}: significands of at most 53 bits (binary16/32/64) give a product of at most 106 bits
 * and an addend of at most 53, so both fit a 128-bit window, and {@link SoftFloat#roundSig} needs only the
 * top 64 bits of the sum plus whether anything below them is non-zero. No allocation: C1 (the launcher's
 * compiler) has no escape analysis, and this runs once per MADBR/FMADD.
 *
 * <p>Alignment: the operand whose top bit is higher (the "larger") is shifted left so that its top bit is
 * window bit 125 (bits 126-127 stay free for the carry of an addition). Having at most 106 significant
 * bits, it is exact there. The other one is shifted to the same exponent; when that moves set bits below
 * window bit 0, they are "jammed" into bit 0 (OR of everything lost). That happens only when the smaller
 * operand's top bit is below window bit 105, so a difference stays above 2^124; the jammed bit then lies
 * sixty-odd bits below the rounding point, and the computed and the exact sum lie in the same open
 * interval (2k, 2k+2) of window units: their top 64 bits, top bit position and "anything below" agree,
 * which is all rounding uses.
 */
final class ExactProductSum {
    private ExactProductSum() {}

    /** Window bit of the larger operand's top bit. */
    private static final int TOP = 125;

    /**
     * Rounds {@code (±ma×mb×2^ep ± mc×2^ec) × 2^scale}. {@code ma}, {@code mb}, {@code mc} are
     * non-negative and below 2^53; a zero product or addend is given as a zero significand; not both zero.
     */
    static long round(FloatFormat f, boolean negP, long ma, long mb, int ep, boolean negC, long mc, int ec,
                      int scale, FpStatus st) {
        long ph = Math.multiplyHigh(ma, mb), pl = ma * mb;
        int lenP = ph != 0 ? 128 - Long.numberOfLeadingZeros(ph) : 64 - Long.numberOfLeadingZeros(pl);
        int lenC = 64 - Long.numberOfLeadingZeros(mc);
        int topP = ep + lenP - 1, topC = ec + lenC - 1;
        boolean productLarger = lenC == 0 || (lenP != 0 && topP >= topC);
        int base = (productLarger ? topP : topC) - TOP; // exponent of window bit 0
        // Larger operand (exact left shift) in (lh, ll), smaller one (shift either way, jammed) in (sh, sl).
        long lh, ll, sh, sl;
        boolean negL, negS;
        if (productLarger) {
            int k = ep - base;
            lh = shiftedHi(ph, pl, k);
            ll = shiftedLo(ph, pl, k);
            k = ec - base;
            sh = shiftedHi(0, mc, k);
            sl = shiftedLo(0, mc, k);
            negL = negP;
            negS = negC;
        } else {
            int k = ec - base;
            lh = shiftedHi(0, mc, k);
            ll = shiftedLo(0, mc, k);
            k = ep - base;
            sh = shiftedHi(ph, pl, k);
            sl = shiftedLo(ph, pl, k);
            negL = negC;
            negS = negP;
        }
        long hi, lo;
        boolean neg;
        if (negL == negS) {
            lo = ll + sl;
            hi = lh + sh + (Long.compareUnsigned(lo, ll) < 0 ? 1 : 0);
            neg = negL;
        } else {
            int cmp = Long.compare(lh, sh); // both below 2^126: signed compare of the high words is exact
            if (cmp == 0) cmp = Long.compareUnsigned(ll, sl);
            if (cmp == 0) return FusedMultiplyAdd.zeroSum(f, st);
            if (cmp > 0) {
                lo = ll - sl;
                hi = lh - sh - (Long.compareUnsigned(ll, sl) < 0 ? 1 : 0);
                neg = negL;
            } else {
                lo = sl - ll;
                hi = sh - lh - (Long.compareUnsigned(sl, ll) < 0 ? 1 : 0);
                neg = negS;
            }
        }
        int n = hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
        long sig;
        boolean sticky;
        if (n > 64) { // n <= 127, so the right shift is 1..63
            int s = n - 64;
            sig = (hi << (64 - s)) | (lo >>> s);
            sticky = (lo << (64 - s)) != 0;
        } else {
            sig = lo << (64 - n);
            sticky = false;
        }
        return SoftFloat.roundSig(f, neg, sig, base + n - 1 + scale, sticky, st);
    }

    /** High word of (hi:lo) shifted left by k (k < 128), or right by -k (bits lost below are jammed into the low word). */
    static long shiftedHi(long hi, long lo, int k) {
        if (k >= 0) {
            if (k == 0) return hi;
            return k < 64 ? (hi << k) | (lo >>> (64 - k)) : lo << (k - 64);
        }
        int s = -k;
        return s < 64 ? hi >>> s : 0;
    }

    /** Low word of (hi:lo) shifted like {@link #shiftedHi}, with bit 0 set when a right shift lost set bits. */
    static long shiftedLo(long hi, long lo, int k) {
        if (k >= 0) return k < 64 ? lo << k : 0;
        int s = -k;
        long v;
        boolean lost;
        if (s < 64) {
            v = (lo >>> s) | (hi << (64 - s));
            lost = (lo << (64 - s)) != 0;
        } else if (s == 64) {
            v = hi;
            lost = lo != 0;
        } else if (s < 128) {
            v = hi >>> (s - 64);
            lost = lo != 0 || (hi << (128 - s)) != 0;
        } else {
            v = 0;
            lost = (hi | lo) != 0;
        }
        return lost ? v | 1 : v;
    }
}
