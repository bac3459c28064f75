package org.jtcg.core.softfloat;

/**
 * Rounding-direction attributes as small ints, the value of {@link FpStatus#rounding}. Each
 * architecture maps its own encoding (MXCSR.RC, FPCR.RMode, FPC BFP rounding mode) onto these.
 */
public final class Rounding {
    private Rounding() {}

    /** roundTiesToEven. */
    public static final int NEAREST_EVEN = 0;
    /** roundTowardZero. */
    public static final int TOWARD_ZERO = 1;
    /** roundTowardPositive. */
    public static final int UP = 2;
    /** roundTowardNegative. */
    public static final int DOWN = 3;
    /** roundTiesToAway (Arm FCVTAS/FRINTA, s390x rounding method 1). */
    public static final int NEAREST_AWAY = 4;
    /**
     * Round to odd: truncate, then set the lowest kept bit when anything was discarded (s390x "round to
     * prepare for shorter precision", FPC mode 7 / M3 = 3: a later rounding to a narrower format cannot
     * double-round). Overflow gives the largest finite number.
     */
    public static final int TO_ODD = 5;

    /** True when the rounding direction gives an overflowed result of this sign infinity (else MAX). */
    static boolean overflowsToInfinity(int rounding, boolean negative) {
        switch (rounding) {
            case TOWARD_ZERO: case TO_ODD: return false;
            case UP: return !negative;
            case DOWN: return negative;
            default: return true;
        }
    }

    /**
     * True when rounding moves a magnitude away from zero, given the kept low bit, the discarded
     * part {@code rem} compared with {@code half} (half an ulp) and a sticky flag for anything below.
     */
    static boolean incrementMagnitude(int rounding, boolean negative, long kept, long rem, long half,
                                      boolean sticky) {
        switch (rounding) {
            case NEAREST_EVEN:
                return Long.compareUnsigned(rem, half) > 0
                        || (rem == half && (sticky || (kept & 1) != 0));
            case NEAREST_AWAY:
                return Long.compareUnsigned(rem, half) >= 0;
            case UP:
                return !negative && (rem != 0 || sticky);
            case DOWN:
                return negative && (rem != 0 || sticky);
            case TO_ODD:
                return (kept & 1) == 0 && (rem != 0 || sticky);
            default:
                return false;
        }
    }

    /** Rounds a finite double to an integral double in the given direction. */
    static double roundToIntegral(int rounding, double x) {
        switch (rounding) {
            case NEAREST_EVEN: return Math.rint(x);
            case NEAREST_AWAY: {
                double t = x < 0 ? Math.ceil(x) : Math.floor(x);
                return Math.abs(x - t) >= 0.5 ? t + Math.signum(x) : t;
            }
            case UP: return Math.ceil(x);
            case DOWN: return Math.floor(x);
            case TO_ODD: {
                double t = x < 0 ? Math.ceil(x) : Math.floor(x);
                return t != x && Math.abs(t % 2) == 0 ? t + Math.signum(x) : t;
            }
            default: return x < 0 ? Math.ceil(x) : Math.floor(x);
        }
    }
}
