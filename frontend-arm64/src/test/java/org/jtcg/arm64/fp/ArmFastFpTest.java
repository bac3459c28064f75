package org.jtcg.arm64.fp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ArmFastFp} against the soft-float {@link ArmFpPure} (the inlined kernels are checked through
 * translated code by translate.FpFastPathTest): wherever the fast path returns a
 * value it must be the soft-float result, and the soft-float flags must add nothing to the FPSR
 * the fast path was given (so skipping the FPSR update is exact). Operands mix random bit patterns
 * with the values where the rules differ: zeros, denormals, the smallest normal, the largest finite,
 * infinities, NaNs, integers near the conversion limits.
 */
class ArmFastFpTest {
    private static final long IXC = 0x10;
    /** FPCRs: default, and each control bit the fast path must notice (RMode RP, RZ, FZ, DN). */
    private static final long[] FPCRS = {0, 1L << 22, 3L << 22, 1L << 24, 1L << 25};
    /** FPSRs: IXC clear, IXC set, everything set. */
    private static final long[] FPSRS = {0, IXC, 0x9f};
    private static final int ROUNDS = 40_000;

    private final SplittableRandom rnd = new SplittableRandom(0x5eed_f00dL);
    private int decided;

    private static final long[] D_SPECIAL = {
        0, 1L << 63, 1, 0x000f_ffff_ffff_ffffL, 0x0010_0000_0000_0000L, 0x0010_0000_0000_0001L,
        0x7fef_ffff_ffff_ffffL, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L, 0x7ff8_0000_0000_0000L,
        0x7ff0_0000_0000_0001L, Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(-1.0),
        Double.doubleToRawLongBits(0.5), Double.doubleToRawLongBits(3.0), Double.doubleToRawLongBits(0x1p-1022 * 1.5),
        Double.doubleToRawLongBits(0x1p-511), Double.doubleToRawLongBits(0x1p512), Double.doubleToRawLongBits(-0x1p63),
        Double.doubleToRawLongBits(0x1p63), Double.doubleToRawLongBits(0x1p64), Double.doubleToRawLongBits(-0x1p31),
        Double.doubleToRawLongBits(0x1p31), Double.doubleToRawLongBits(0x1p32), Double.doubleToRawLongBits(-0.5),
    };
    private static final long[] S_SPECIAL = {
        0, 0x8000_0000L, 1, 0x007f_ffffL, 0x0080_0000L, 0x0080_0001L, 0x7f7f_ffffL, 0x7f80_0000L, 0xff80_0000L,
        0x7fc0_0000L, 0x7f80_0001L, Float.floatToRawIntBits(1f), Float.floatToRawIntBits(-1f) & 0xffff_ffffL,
        Float.floatToRawIntBits(3f), Float.floatToRawIntBits(0x1p-63f), Float.floatToRawIntBits(0x1p63f),
        Float.floatToRawIntBits(0x1p31f), Float.floatToRawIntBits(-0x1p31f) & 0xffff_ffffL,
        Float.floatToRawIntBits(0x1p32f), Float.floatToRawIntBits(-0.5f) & 0xffff_ffffL,
    };

    /** A double or single operand: a special value, a random pattern, or a value of moderate magnitude. */
    private long operand(int type) {
        int k = rnd.nextInt(4);
        if (type == 0) {
            long v = switch (k) {
                case 0 -> S_SPECIAL[rnd.nextInt(S_SPECIAL.length)];
                case 1 -> rnd.nextLong() & 0xffff_ffffL;
                default -> Float.floatToRawIntBits((float) ((rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(-30, 30))))
                        & 0xffff_ffffL;
            };
            return v | (rnd.nextBoolean() ? rnd.nextLong() << 32 : 0); // high garbage must be ignored
        }
        return switch (k) {
            case 0 -> D_SPECIAL[rnd.nextInt(D_SPECIAL.length)];
            case 1 -> rnd.nextLong();
            default -> Double.doubleToRawLongBits((rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(-60, 60)));
        };
    }

    private long fpcr() { return FPCRS[rnd.nextInt(FPCRS.length)]; }
    private long fpsr() { return FPSRS[rnd.nextInt(FPSRS.length)]; }

    /** The fast result, when it decided, equals the slow one and the slow flags are already in fpsr. */
    private void check(String what, long fast, long slowResult, long slowFlags, long fpsr) {
        if (fast == ArmFastFp.SLOW) {
            return;
        }
        decided++;
        assertEquals(slowResult, fast, () -> what + String.format(": fast %x, soft-float %x", fast, slowResult));
        assertEquals(0, slowFlags & ~fpsr, () -> what + String.format(": soft-float raises %x beyond FPSR %x", slowFlags, fpsr));
    }

    @Test
    void binaryAgreesWithSoftFloat() {
        for (int i = 0; i < ROUNDS; i++) {
            int op = rnd.nextInt(ArmFp.FNMUL + 1), type = rnd.nextInt(2);
            long a = operand(type), b = rnd.nextInt(8) == 0 ? a : operand(type), fpcr = fpcr(), fpsr = fpsr();
            String what = String.format("binary op %d type %d %x %x fpcr %x fpsr %x", op, type, a, b, fpcr, fpsr);
            check(what, ArmFastFp.binary(op, type, a, b, fpcr, fpsr), ArmFpPure.binary(op, type, a, b, fpcr, ArmFpPure.RESULT),
                    ArmFpPure.binary(op, type, a, b, fpcr, ArmFpPure.FLAGS), fpsr);
        }
        assertTrue(decided > ROUNDS / 5, "fast path decided only " + decided);
    }

    @Test
    void compareAgreesWithSoftFloat() {
        for (int i = 0; i < ROUNDS; i++) {
            int type = rnd.nextInt(2), signaling = rnd.nextInt(2);
            long a = operand(type), b = rnd.nextInt(8) == 0 ? a : operand(type), fpcr = fpcr();
            String cmp = String.format("compare type %d %x %x e %d fpcr %x", type, a, b, signaling, fpcr);
            check(cmp, ArmFastFp.compare(type, a, b, fpcr), ArmFpPure.compare(type, a, b, signaling, fpcr, ArmFpPure.RESULT),
                    ArmFpPure.compare(type, a, b, signaling, fpcr, ArmFpPure.FLAGS), 0);
        }
        assertTrue(decided > ROUNDS / 3, "fast path decided only " + decided);
    }

    @Test
    void integerConversionsAgreeWithSoftFloat() {
        for (int i = 0; i < ROUNDS; i++) {
            int type = rnd.nextInt(2), width = rnd.nextBoolean() ? 32 : 64, unsigned = rnd.nextInt(2), rounding = rnd.nextInt(5);
            long fpcr = fpcr(), fpsr = fpsr();
            long v = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextLong();
                case 1 -> rnd.nextLong() >> rnd.nextInt(64);
                default -> (rnd.nextBoolean() ? 1L : -1L) << rnd.nextInt(64);
            };
            String what = String.format("fromInt type %d %x width %d u %d fpcr %x fpsr %x", type, v, width, unsigned, fpcr, fpsr);
            check(what, ArmFastFp.fromInt(type, v, width, unsigned, fpcr, fpsr),
                    ArmFpPure.fromInt(type, v, width, unsigned, fpcr, ArmFpPure.RESULT),
                    ArmFpPure.fromInt(type, v, width, unsigned, fpcr, ArmFpPure.FLAGS), fpsr);
            long a = operand(type);
            String to = String.format("toInt type %d %x width %d u %d mode %d fpcr %x fpsr %x", type, a, width, unsigned, rounding,
                    fpcr, fpsr);
            check(to, ArmFastFp.toInt(type, a, width, unsigned, rounding, fpcr, fpsr),
                    ArmFpPure.toInt(type, a, width, unsigned, rounding, fpcr, ArmFpPure.RESULT),
                    ArmFpPure.toInt(type, a, width, unsigned, rounding, fpcr, ArmFpPure.FLAGS), fpsr);
        }
        assertTrue(decided > ROUNDS / 2, "fast path decided only " + decided);
    }

    @Test
    void lanesAgreeWithSoftFloat() {
        for (int i = 0; i < ROUNDS; i++) {
            int sz = rnd.nextInt(2), lanes = sz == 1 ? 1 : 1 + rnd.nextInt(2), op = rnd.nextInt(ArmFp.FNMUL + 1), neg = rnd.nextInt(2);
            long a = lane(sz), b = lane(sz), acc = lane(sz), fpcr = fpcr(), fpsr = fpsr();
            String what = String.format("lanes op %d sz %d lanes %d %x %x fpcr %x fpsr %x", op, sz, lanes, a, b, fpcr, fpsr);
            check(what, ArmFastFp.lanesBinary(op, sz, a, b, lanes, fpcr, fpsr),
                    ArmFpPure.lanesBinary(op, sz, a, b, lanes, fpcr, ArmFpPure.RESULT),
                    ArmFpPure.lanesBinary(op, sz, a, b, lanes, fpcr, ArmFpPure.FLAGS), fpsr);
            String fma = String.format("lanes fma sz %d lanes %d neg %d %x %x %x fpcr %x fpsr %x", sz, lanes, neg, acc, a, b, fpcr, fpsr);
            check(fma, ArmFastFp.lanesFused(sz, acc, a, b, neg, lanes, fpcr, fpsr),
                    ArmFpPure.lanesFused(sz, acc, a, b, neg, lanes, fpcr, ArmFpPure.RESULT),
                    ArmFpPure.lanesFused(sz, acc, a, b, neg, lanes, fpcr, ArmFpPure.FLAGS), fpsr);
        }
        assertTrue(decided > ROUNDS / 10, "fast path decided only " + decided);
    }

    /** A 64-bit half: one double or two singles. */
    private long lane(int sz) {
        return sz == 1 ? operand(1) : (operand(0) & 0xffff_ffffL) | operand(0) << 32;
    }
}
