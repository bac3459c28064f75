package org.jtcg.s390x.translate;

import org.jtcg.core.softfloat.Float128;
import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;
import org.jtcg.core.softfloat.SoftFloat128;
import org.jtcg.s390x.S390xCpu;

/**
 * What an enabled IEEE overflow, underflow or inexact trap delivers for short and long BFP results (PoO
 * chapter 19, "IEEE Exceptions" and "Data-Exception Code"):
 * <ul>
 * <li>overflow with the overflow mask on: the precise result scaled by 2^-alpha (alpha = 192 short, 1536
 *     long) and rounded, DXC 0x20;</li>
 * <li>underflow with the underflow mask on: recognised when the precise result is tiny (nonzero and below
 *     the smallest normal: tininess before rounding), <em>exact or not</em>; the precise result scaled by
 *     2^+alpha and rounded, DXC 0x10;</li>
 * <li>inexact with the inexact mask on (and no other trap): the delivered result, DXC 0x08;</li>
 * </ul>
 * each DXC with 0x08 when the delivered result is inexact and 0x04 ("incremented") when its magnitude
 * exceeds the precise result's. The precise result comes from the same operation on binary128 rounded to
 * odd: 113 bits are at least p + 2 for p = 24 and 53, so rounding it again to the target gives the
 * correctly rounded result in every mode, and it equals a target value only when the precise result does
 * (which makes "incremented" a comparison with it). Only called when the FPC enables one of the three traps,
 * so the untrapped path never pays for it. Extended (binary128) results would need a wider precise result:
 * their traps keep the unscaled result and never set the incremented bit.
 */
final class BfpTrapResults {
    private BfpTrapResults() {}

    static final int TRAP_MASKS = FpControl.OVERFLOW | FpControl.UNDERFLOW | FpControl.INEXACT;
    private static final int INCREMENTED = 0x04;
    private static final int SHORT_ALPHA = 192, LONG_ALPHA = 1536;

    /** Whether the FPC enables an overflow, underflow or inexact trap. */
    static boolean enabled(S390xCpu cpu) {
        return ((cpu.fpc >>> 24) & TRAP_MASKS) != 0;
    }

    static FpStatus toOdd() {
        return new FpStatus(Rounding.TO_ODD | FpStatus.SIGNALING_NAN_FIRST | FpStatus.TININESS_BEFORE_ROUNDING);
    }

    /** The operand of format f, exactly in binary128. */
    static Float128 wide(FloatFormat f, long v) {
        return SoftFloat128.widen(f, v, toOdd());
    }

    /** The precise result of a short/long ADD, SUB, MUL, DIV or SQRT, rounded to odd in binary128. */
    static Float128 precise(int op, FloatFormat f, long a, long b) {
        FpStatus st = toOdd();
        Float128 x = wide(f, a), y = wide(f, b);
        return switch (op) {
            case BfpHelpers.ADD -> SoftFloat128.add(x, y, st);
            case BfpHelpers.SUB -> SoftFloat128.sub(x, y, st);
            case BfpHelpers.MUL -> SoftFloat128.mul(x, y, st);
            case BfpHelpers.DIV -> SoftFloat128.div(x, y, st);
            case BfpHelpers.SQRT -> SoftFloat128.sqrt(x, st);
            default -> throw new IllegalArgumentException("BFP op " + op);
        };
    }

    /**
     * Commits an operation's exceptions like {@link FpControl#commit} with the trap results above: {@code r}
     * is the result the core rounded into format f (with {@code st}'s flags), {@code precise} the same
     * operation rounded to odd in binary128. Returns the result to deliver; the caller asks
     * {@link #suppressed} whether to write it.
     */
    static long commit(S390xCpu cpu, FloatFormat f, FpStatus st, long r, Float128 precise) {
        int masks = (int) (cpu.fpc >>> 24) & 0xf8;
        boolean tiny = !precise.isNaN() && !precise.isInfinite() && !precise.isZero()
                && precise.biasedExponent() - Float128.BIAS < f.emin;
        if ((st.flags & (FpFlags.INVALID | FpFlags.DIV_BY_ZERO)) == 0) {
            if ((st.flags & FpFlags.OVERFLOW) != 0 && (masks & FpControl.OVERFLOW) != 0) {
                return scaled(cpu, f, st, precise, -alpha(f), FpControl.OVERFLOW);
            }
            if (tiny && (masks & FpControl.UNDERFLOW) != 0) {
                return scaled(cpu, f, st, precise, alpha(f), FpControl.UNDERFLOW);
            }
        }
        FpControl.commit(cpu, st, false);
        if (cpu.fpTrap != 0 && ((cpu.fpc >>> 8) & 0xff) == FpControl.INEXACT && incremented(f, r, precise)) {
            cpu.fpc |= INCREMENTED << 8; // an inexact trap of a result rounded away from zero
        }
        return r;
    }

    /** Whether the trap recognised by the last commit suppresses the result (invalid, divide by zero). */
    static boolean suppressed(S390xCpu cpu) {
        long dxc = (cpu.fpc >>> 8) & 0xff;
        return cpu.fpTrap != 0 && (dxc & (FpControl.INVALID | FpControl.DIVIDE)) != 0;
    }

    private static int alpha(FloatFormat f) {
        return f == FloatFormat.BINARY32 ? SHORT_ALPHA : LONG_ALPHA;
    }

    private static long scaled(S390xCpu cpu, FloatFormat f, FpStatus st, Float128 precise, int by, int exception) {
        // precise is normal in binary128 (its exponent is within the target's range widened by the longest
        // product or quotient), so scaling is an exponent change
        Float128 s = new Float128(precise.hi() + ((long) by << 48), precise.lo());
        FpStatus round = new FpStatus(st.control);
        long r = SoftFloat128.narrow(s, f, round);
        int dxc = exception;
        if ((round.flags & FpFlags.INEXACT) != 0) {
            dxc |= FpControl.INEXACT;
        }
        if (incremented(f, r, s)) {
            dxc |= INCREMENTED;
        }
        FpControl.trap(cpu, dxc);
        return r;
    }

    /** The precise result of a*b+c (short/long), rounded to odd in binary128. */
    static Float128 preciseFma(FloatFormat f, long a, long b, long c) {
        return SoftFloat128.fma(wide(f, a), wide(f, b), wide(f, c), toOdd());
    }

    /** |r| > |precise| (r a value of format f). */
    private static boolean incremented(FloatFormat f, long r, Float128 precise) {
        if (f.isNaN(r) || precise.isNaN()) {
            return false;
        }
        Float128 wr = wide(f, r).withSign(false);
        return SoftFloat128.compare(wr, precise.withSign(false), false, toOdd()) == SoftFloat.GREATER;
    }
}
