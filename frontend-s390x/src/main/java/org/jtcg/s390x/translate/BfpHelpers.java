package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.softfloat.Float128;
import org.jtcg.core.softfloat.FloatFormat;
import org.jtcg.core.softfloat.FpFlags;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.core.softfloat.FusedMultiplyAdd;
import org.jtcg.core.softfloat.Rounding;
import org.jtcg.core.softfloat.SoftFloat;
import org.jtcg.s390x.S390xCpu;

/**
 * BFP (IEEE binary floating point) on the shared soft-float core with the s390x settings of
 * docs/softfloat.md: rounding from FPC bits 29-31 (0 nearest, 1 toward zero, 2 up, 3 down) or the
 * instruction's M3, SNaN-first NaN propagation, tininess before rounding, positive default NaN.
 * IEEE flags accumulate in the FPC flags byte. Operands and results are raw encodings (short values
 * right-aligned). Helpers read the FPC and write it and the CC: READS/WRITES_GLOBALS.
 */
public final class BfpHelpers {
    private BfpHelpers() {}

    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4, LOAD_TEST = 5, WIDEN = 6, NARROW = 7;

    static final HelperRef ARITH = HelperRef.of(BfpHelpers.class, "arith", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef COMPARE = HelperRef.of(BfpHelpers.class, "compare", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef FMA = HelperRef.of(BfpHelpers.class, "fma", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef FROM_INT = HelperRef.of(BfpHelpers.class, "fromInt", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);
    static final HelperRef TO_INT = HelperRef.of(BfpHelpers.class, "toInt", HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);

    /** FPC bits 29-31; 4-6 are invalid (LFPC, SFPC and SRNMB refuse them; a by-id FPC write could still hold one) and act as 0-2. */
    private static final int[] FPC_ROUNDING = {Rounding.NEAREST_EVEN, Rounding.TOWARD_ZERO, Rounding.UP, Rounding.DOWN,
        Rounding.NEAREST_EVEN, Rounding.TOWARD_ZERO, Rounding.UP, Rounding.TO_ODD};
    private static final int SETTINGS = FpStatus.SIGNALING_NAN_FIRST | FpStatus.TININESS_BEFORE_ROUNDING;

    static FloatFormat format(long wide) {
        return wide != 0 ? FloatFormat.BINARY64 : FloatFormat.BINARY32;
    }

    static FpStatus status(S390xCpu cpu, long m3) {
        int r;
        switch ((int) m3) {
            case 1 -> r = Rounding.NEAREST_AWAY;
            case 3 -> r = Rounding.TO_ODD;
            case 4 -> r = Rounding.NEAREST_EVEN;
            case 5 -> r = Rounding.TOWARD_ZERO;
            case 6 -> r = Rounding.UP;
            case 7 -> r = Rounding.DOWN;
            default -> r = FPC_ROUNDING[(int) cpu.fpc & 7];
        }
        return new FpStatus(r | SETTINGS);
    }

    /** Records the flags or recognises a trap ({@link FpControl#commit}); true when the result is suppressed. */
    private static boolean commit(S390xCpu cpu, FpStatus st) {
        return FpControl.commit(cpu, st, false);
    }

    /** CC of a BFP result: 0 zero, 1 negative, 2 positive, 3 NaN. */
    static long resultCc(FloatFormat f, long v) {
        if (f.isNaN(v)) {
            return 3;
        }
        if ((v & ~f.signBit & f.allBits) == 0) {
            return 0;
        }
        return (v & f.signBit) != 0 ? 1 : 2;
    }

    /**
     * One BFP operation on format {@code wide} (1 long, 0 short): ADD/SUB/LOAD_TEST set the CC from the
     * result; WIDEN/NARROW convert short to long / long to short ({@code wide} names the source; for
     * NARROW, {@code b} is the M3 rounding field ORed with the M4 field shifted left by 4).
     */
    public static long arith(CpuState state, long op, long wide, long a, long b) {
        S390xCpu cpu = (S390xCpu) state;
        if (op <= SQRT && BfpFastPath.applies(cpu.fpc)) {
            long r = BfpFastPath.arith(op, wide, a, b);
            if (r != BfpFastPath.DECLINED) {
                if (op <= SUB) {
                    cpu.setCc((r & (wide != 0 ? Long.MIN_VALUE : 0x80000000L)) != 0 ? 1 : 2); // non-zero, not NaN
                }
                return r;
            }
        }
        FloatFormat f = format(wide);
        FpStatus st = status(cpu, op == NARROW ? b & 15 : 0);
        long r;
        switch ((int) op) {
            case ADD -> r = SoftFloat.add(f, a, b, st);
            case SUB -> r = SoftFloat.sub(f, a, b, st);
            case MUL -> r = SoftFloat.mul(f, a, b, st);
            case DIV -> r = SoftFloat.div(f, a, b, st);
            case SQRT -> r = SoftFloat.sqrt(f, a, st);
            case LOAD_TEST -> {
                r = a;
                if (f.isSignalingNaN(a)) {
                    st.raise(FpFlags.INVALID);
                    r = a | f.quietBit;
                }
            }
            case WIDEN -> r = SoftFloat.convert(FloatFormat.BINARY32, FloatFormat.BINARY64, a, st);
            case NARROW -> r = SoftFloat.convert(FloatFormat.BINARY64, FloatFormat.BINARY32, a, st);
            default -> throw new IllegalArgumentException("BFP op " + op);
        }
        boolean xxc = op == NARROW && (b & 0x40) != 0;
        boolean suppressed;
        if (!xxc && op != LOAD_TEST && op != WIDEN && BfpTrapResults.enabled(cpu)) {
            // an enabled overflow/underflow/inexact trap: scaled results, exact underflow, the incremented bit
            FloatFormat target = op == NARROW ? FloatFormat.BINARY32 : f;
            Float128 precise = op == NARROW ? BfpTrapResults.wide(FloatFormat.BINARY64, a) : BfpTrapResults.precise((int) op, f, a, b);
            r = BfpTrapResults.commit(cpu, target, st, r, precise);
            suppressed = BfpTrapResults.suppressed(cpu);
        } else {
            suppressed = FpControl.commit(cpu, st, xxc);
        }
        if (!suppressed && (op == ADD || op == SUB || op == LOAD_TEST)) {
            cpu.setCc(resultCc(f, r));
        }
        return r;
    }

    /** CDBR/CEBR (quiet: INVALID only for an SNaN) and KDBR/KEBR (signaling): CC 0 equal, 1 low, 2 high, 3 unordered. */
    public static void compare(CpuState state, long wide, long signaling, long a, long b) {
        S390xCpu cpu = (S390xCpu) state;
        long cc = BfpFastPath.compareCc(wide, a, b);
        if (cc >= 0) {
            cpu.setCc(cc);
            return;
        }
        FpStatus st = status(cpu, 0);
        int c = SoftFloat.compare(format(wide), a, b, signaling != 0, st);
        if (!commit(cpu, st)) {
            cpu.setCc(compareCc(c));
        }
    }

    /** CC of a compare: 0 equal, 1 low, 2 high, 3 unordered. */
    static long compareCc(int c) {
        return c == SoftFloat.EQUAL ? 0 : c == SoftFloat.LESS ? 1 : c == SoftFloat.GREATER ? 2 : 3;
    }

    static final HelperRef ROUND_TO_INTEGRAL = HelperRef.of(BfpHelpers.class, "roundToIntegral",
            HelperRef.READS_GLOBALS | HelperRef.WRITES_GLOBALS);

    /**
     * FIEBR/FIDBR (LOAD FP INTEGER): round to an integral value in the same format by M3; M4 bit 0x4
     * suppresses the inexact flag. NaNs propagate (an SNaN is quieted with IEEE-invalid), infinities and
     * values of magnitude at least 2^precision are already integral; a zero result keeps the sign.
     */
    public static long roundToIntegral(CpuState state, long wide, long m3, long m4, long a) {
        S390xCpu cpu = (S390xCpu) state;
        FloatFormat f = format(wide);
        FpStatus st = status(cpu, m3);
        long r;
        long exp = (a & f.expMask) >>> f.fracBits;
        if (f.isNaN(a)) {
            if (f.isSignalingNaN(a)) {
                st.raise(FpFlags.INVALID);
            }
            r = a | f.quietBit;
        } else if (exp >= f.bias + f.fracBits) {
            r = a; // infinity or no fraction bits left
        } else {
            long i = SoftFloat.toInt(f, a, 64, false, st.rounding, st);
            r = i == 0 ? a & f.signBit : SoftFloat.fromInt(f, i, st);
        }
        FpControl.commit(cpu, st, (m4 & 4) != 0);
        return r;
    }

    /**
     * MADBR/MSDBR and the short forms: a * b + c (c negated for the subtract forms), one rounding; a is
     * the third operand, b the second, c the first. Of several NaN operands the second operand's wins,
     * then the third's, then the addend's, SNaNs before QNaNs (found by jtcg fuzz against qemu:
     * madbr %f8,%f14,%f8 and madbr %f3,%f1,%f12 with QNaNs), hence b before a in the core call.
     */
    public static long fma(CpuState state, long wide, long subtract, long a, long b, long c) {
        S390xCpu cpu = (S390xCpu) state;
        FloatFormat f = format(wide);
        long addend = subtract != 0 && !f.isNaN(c) ? c ^ f.signBit : c;
        if (BfpFastPath.applies(cpu.fpc)) {
            long r = BfpFastPath.fma(wide, b, a, addend);
            if (r != BfpFastPath.DECLINED) {
                return r;
            }
        }
        FpStatus st = status(cpu, 0);
        long r = FusedMultiplyAdd.fma(f, b, a, addend, st);
        if (BfpTrapResults.enabled(cpu)) {
            return BfpTrapResults.commit(cpu, f, st, r, BfpTrapResults.preciseFma(f, b, a, addend));
        }
        commit(cpu, st);
        return r;
    }

    /**
     * CDFBR(A)/CDGBR(A)/CEFBR(A)/CEGBR(A): signed integer (already sign-extended) to BFP rounded by M3 (0: the
     * FPC mode); with {@code unsigned} (CDLFBR... : the value zero-extended) the logical forms. M4 bit 0x4
     * (XxC) suppresses inexact.
     */
    public static long fromInt(CpuState state, long wide, long unsigned, long m3, long m4, long v) {
        S390xCpu cpu = (S390xCpu) state;
        FpStatus st = status(cpu, m3);
        long r = unsigned != 0 ? SoftFloat.fromUnsigned(format(wide), v, st) : SoftFloat.fromInt(format(wide), v, st);
        FpControl.commit(cpu, st, (m4 & 4) != 0);
        return r;
    }

    /**
     * CFDBR/CGDBR/CFEBR/CGEBR (signed) and CLFDBR... (logical): BFP to a 32/64-bit integer rounded by
     * M3; M4 bit 0x4 (XxC) suppresses inexact. CC from the source: 0 zero, 1 negative, 2 positive, 3 NaN
     * or out of range (IEEE-invalid, result from {@link #invalidIntResult}).
     */
    public static long toInt(CpuState state, long wide, long width, long unsigned, long m3, long m4, long a) {
        S390xCpu cpu = (S390xCpu) state;
        FloatFormat f = format(wide);
        FpStatus st = status(cpu, m3);
        long r = SoftFloat.toInt(f, a, (int) width, unsigned != 0, st.rounding, st);
        long cc;
        if ((st.flags & FpFlags.INVALID) != 0) {
            r = invalidIntResult(f.isNaN(a), (a & f.signBit) != 0, (int) width, unsigned != 0, st);
            cc = 3;
        } else {
            cc = resultCc(f, a);
        }
        if (!FpControl.commit(cpu, st, (m4 & 4) != 0)) {
            cpu.setCc(cc);
        }
        return r;
    }

    /**
     * The result of an invalid conversion to an integer: signed, the most negative number for a NaN or
     * a negative value and the most positive otherwise; logical, 0 or all ones. An infinite or
     * out-of-range operand also raises inexact, a NaN does not (as qemu-s390x does).
     */
    static long invalidIntResult(boolean nan, boolean negative, int width, boolean unsigned, FpStatus st) {
        st.flags = nan ? st.flags & ~FpFlags.INEXACT : st.flags | FpFlags.INEXACT;
        boolean low = nan || negative;
        if (unsigned) {
            return low ? 0 : width == 32 ? 0xffffffffL : -1L;
        }
        long min = width == 32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        return low ? min : ~min;
    }
}
