package org.jtcg.arm64.translate;

import org.jtcg.arm64.fp.ArmFp;
import org.jtcg.arm64.fp.ArmFpPure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The inlined FP fast path as translated code runs it (the FPCR/IXC check and the result-magnitude
 * checks are IR): each instruction, run under an engine on random and edge operands with several
 * FPCR and FPSR states, must give the soft-float result ({@link ArmFpPure}) and the FPSR the
 * soft-float flags give, whether the fast path or the fallback ran.
 */
class FpFastPathTest {
    private static final long[] FPCRS = {0, 0, 0, 1L << 22, 2L << 22, 3L << 22, 1L << 24, 1L << 25};
    private static final long[] FPSRS = {0, 0x10, 0x10, 0x10, 0x9f, 0x08};
    private static final long[] SPECIAL = {
        0, 1L << 63, 1, 0x000f_ffff_ffff_ffffL, 0x0010_0000_0000_0000L, 0x0010_0000_0000_0001L,
        0x7fef_ffff_ffff_ffffL, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L, 0x7ff8_0000_0000_0000L,
        0x7ff0_0000_0000_0001L, 0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L, 0x1ff0_0000_0000_0000L,
        0x0000_0000_0080_0000L, 0x0000_0000_0080_0001L, 0x0000_0000_007f_ffffL, 0x0000_0000_7f7f_ffffL,
        0x0000_0000_7f80_0000L, 0x0000_0000_7fc0_0000L, 0x0000_0000_3f80_0000L, 0x0000_0000_1f80_0000L,
    };

    private final SplittableRandom rnd = new SplittableRandom(0xfa57_fa57L);

    private long operand() {
        return switch (rnd.nextInt(5)) {
            case 0 -> SPECIAL[rnd.nextInt(SPECIAL.length)];
            case 1 -> rnd.nextLong();
            case 2 -> Float.floatToRawIntBits((float) ((rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(-140, 140))))
                    & 0xffff_ffffL | (rnd.nextBoolean() ? rnd.nextLong() << 32 : 0);
            default -> Double.doubleToRawLongBits((rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(-1100, 1100)));
        };
    }

    /** What one instruction computes from (n, m, a, d) halves; also ORs its flags into {@code fpsr[0]}. */
    private interface Model {
        long half(long n, long m, long a, long d, long fpcr, long[] fpsr);
    }

    private static long both(long fpcr, long[] fpsr, java.util.function.IntToLongFunction call) {
        fpsr[0] |= call.applyAsLong(ArmFpPure.FLAGS);
        return call.applyAsLong(ArmFpPure.RESULT);
    }

    private static Model binary(int op, int type) {
        return (n, m, a, d, fpcr, fpsr) -> both(fpcr, fpsr, w -> ArmFpPure.binary(op, type, n, m, fpcr, w));
    }

    private static Model fused(int type, int negProduct, int negAddend) {
        return (n, m, a, d, fpcr, fpsr) -> both(fpcr, fpsr, w -> ArmFpPure.fused(type, n, m, a, negProduct, negAddend, fpcr, w));
    }

    private static Model lanes(int op) {
        return (n, m, a, d, fpcr, fpsr) -> both(fpcr, fpsr, w -> ArmFpPure.lanesBinary(op, 1, n, m, 1, fpcr, w));
    }

    private static Model lanesFused(int negate) {
        return (n, m, a, d, fpcr, fpsr) -> both(fpcr, fpsr, w -> ArmFpPure.lanesFused(1, d, n, m, negate, 1, fpcr, w));
    }

    /** The encoding (d0/v0 destination, sources 1, 2, 3), whether it is a full vector, and its model. */
    private record Insn(int word, boolean vector, boolean byElement, Model model) {}

    private static final Insn[] INSNS = {
        new Insn(0x1e620820, false, false, binary(ArmFp.FMUL, 1)), new Insn(0x1e621820, false, false, binary(ArmFp.FDIV, 1)),
        new Insn(0x1e622820, false, false, binary(ArmFp.FADD, 1)), new Insn(0x1e623820, false, false, binary(ArmFp.FSUB, 1)),
        new Insn(0x1e628820, false, false, binary(ArmFp.FNMUL, 1)),
        new Insn(0x1e220820, false, false, binary(ArmFp.FMUL, 0)), new Insn(0x1e221820, false, false, binary(ArmFp.FDIV, 0)),
        new Insn(0x1e222820, false, false, binary(ArmFp.FADD, 0)), new Insn(0x1e223820, false, false, binary(ArmFp.FSUB, 0)),
        new Insn(0x1e228820, false, false, binary(ArmFp.FNMUL, 0)),
        new Insn(0x1f420c20, false, false, fused(1, 0, 0)), new Insn(0x1f428c20, false, false, fused(1, 1, 0)),
        new Insn(0x1f620c20, false, false, fused(1, 1, 1)), new Insn(0x1f628c20, false, false, fused(1, 0, 1)),
        new Insn(0x1f020c20, false, false, fused(0, 0, 0)), new Insn(0x1f028c20, false, false, fused(0, 1, 0)),
        new Insn(0x1f220c20, false, false, fused(0, 1, 1)), new Insn(0x1f228c20, false, false, fused(0, 0, 1)),
        new Insn(0x1e61c020, false, false, (n, m, a, d, fpcr, fpsr) -> both(fpcr, fpsr, w -> ArmFpPure.sqrt(1, n, fpcr, w))),
        new Insn(0x1e21c020, false, false, (n, m, a, d, fpcr, fpsr) -> both(fpcr, fpsr, w -> ArmFpPure.sqrt(0, n, fpcr, w))),
        new Insn(0x4e62cc20, true, false, lanesFused(0)), new Insn(0x4ee2cc20, true, false, lanesFused(1)),
        new Insn(0x6e62dc20, true, false, lanes(ArmFp.FMUL)), new Insn(0x6e62fc20, true, false, lanes(ArmFp.FDIV)),
        new Insn(0x4e62d420, true, false, lanes(ArmFp.FADD)), new Insn(0x4ee2d420, true, false, lanes(ArmFp.FSUB)),
        new Insn(0x4fc21820, true, true, lanesFused(0)),
    };

    @ParameterizedTest
    @ValueSource(strings = {"jit", "interp"})
    void instructionsMatchSoftFloat(String engine) {
        int rounds = engine.equals("jit") ? 600 : 200;
        for (Insn insn : INSNS) {
            A64SnippetRunner r = new A64SnippetRunner(engine).code(insn.word());
            for (int i = 0; i < rounds; i++) {
                long n0 = operand(), n1 = operand(), m0 = operand(), m1 = operand(), a0 = operand(), d0 = operand(), d1 = operand();
                long fpcr = FPCRS[rnd.nextInt(FPCRS.length)], fpsr = FPSRS[rnd.nextInt(FPSRS.length)];
                r.cpu.v1lo = n0;
                r.cpu.v1hi = n1;
                r.cpu.v2lo = m0;
                r.cpu.v2hi = m1;
                r.cpu.v3lo = a0;
                r.cpu.v0lo = d0;
                r.cpu.v0hi = d1;
                r.cpu.fpcr = fpcr;
                r.cpu.fpsr = fpsr;
                r.runToEnd();
                long[] flags = {fpsr};
                long lo, hi = 0;
                if (insn.vector()) {
                    long elemLo = insn.byElement() ? m1 : m0, elemHi = m1;
                    lo = insn.model().half(n0, elemLo, 0, d0, fpcr, flags);
                    hi = insn.model().half(n1, elemHi, 0, d1, fpcr, flags);
                } else {
                    lo = insn.model().half(n0, m0, a0, 0, fpcr, flags);
                }
                String what = String.format("%s %08x n %x:%x m %x:%x a %x d %x:%x fpcr %x fpsr %x", engine, insn.word(), n1, n0, m1,
                        m0, a0, d1, d0, fpcr, fpsr);
                assertEquals(lo, r.cpu.v0lo, () -> what + ": low half");
                assertEquals(hi, r.cpu.v0hi, () -> what + ": high half");
                assertEquals(flags[0], r.cpu.fpsr, () -> what + ": FPSR");
            }
        }
    }
}
