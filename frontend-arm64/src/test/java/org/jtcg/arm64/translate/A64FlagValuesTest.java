package org.jtcg.arm64.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * NZCV of the flag-setting add, subtract and logical instructions (register and immediate, 32 and 64 bit) on
 * operands around every signed and unsigned boundary and on random ones, against the Arm ARM's AddWithCarry
 * written out in {@link A64CcmpBranchAndCountDownTest}. {@code Flags} computes Z and C without setcond (shift
 * and mask identities that hold only for the right operand ranges), so the boundaries are where they would break.
 * "jit-bytecode" builds the engine with {@code jtcg.tierUp=0}: blocks are JVM bytecode from their first run
 * (plain "jit" runs them in the cold tier).
 */
class A64FlagValuesTest {
    private static final long[] EDGES = {0, 1, 2, 0x7fff_ffffL, 0x8000_0000L, 0x8000_0001L, 0xffff_fffeL, 0xffff_ffffL,
        0x1_0000_0000L, 0x1_0000_0001L, 0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L, 0x8000_0000_0000_0001L,
        0xffff_ffff_0000_0000L, -2L, -1L};

    private interface Reference {
        int nzcv(long x1, long x2);
    }

    private static int logicalFlags(long r, boolean sf) {
        long v = sf ? r : r & 0xffff_ffffL;
        int n = (int) (sf ? v >>> 63 : v >>> 31);
        return n << 3 | (v == 0 ? 1 : 0) << 2;
    }

    private static A64SnippetRunner runner(String engine, int insn) {
        if (!engine.equals("jit-bytecode")) {
            return new A64SnippetRunner(engine).code(insn);
        }
        String old = System.getProperty("jtcg.tierUp");
        System.setProperty("jtcg.tierUp", "0");
        try {
            return new A64SnippetRunner("jit").code(insn);
        } finally {
            if (old == null) {
                System.clearProperty("jtcg.tierUp");
            } else {
                System.setProperty("jtcg.tierUp", old);
            }
        }
    }

    private static void check(String engine, String name, int insn, Reference ref) {
        A64SnippetRunner r = runner(engine, insn);
        SplittableRandom rnd = new SplittableRandom(11);
        long[] randoms = new long[24];
        for (int i = 0; i < randoms.length; i++) {
            long x = rnd.nextLong();
            randoms[i] = switch (i % 3) { // also values equal in the low word, or in all but the sign
                case 0 -> x;
                case 1 -> x & 0xffff_ffffL;
                default -> randoms[i - 1] ^ (rnd.nextBoolean() ? 0x8000_0000L : 0x1_0000_0000L << rnd.nextInt(31));
            };
        }
        for (long[] set : new long[][] {EDGES, randoms}) {
            for (long a : set) {
                for (long b : set) {
                    r.cpu.x1 = a;
                    r.cpu.x2 = b;
                    r.runToEnd();
                    assertEquals(ref.nzcv(a, b), r.nzcv(), String.format("%s a=%x b=%x", name, a, b));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit", "jit-bytecode"})
    void addSubtractAndLogicalFlags(String e) {
        check(e, "adds x0, x1, x2", 0xab020020, (a, b) -> A64CcmpBranchAndCountDownTest.addFlags(a, b, true));
        check(e, "subs x0, x1, x2", 0xeb020020, (a, b) -> A64CcmpBranchAndCountDownTest.subFlags(a, b, true));
        check(e, "adds w0, w1, w2", 0x2b020020, (a, b) -> A64CcmpBranchAndCountDownTest.addFlags(a, b, false));
        check(e, "subs w0, w1, w2", 0x6b020020, (a, b) -> A64CcmpBranchAndCountDownTest.subFlags(a, b, false));
        check(e, "cmn x1, x2", 0xab02003f, (a, b) -> A64CcmpBranchAndCountDownTest.addFlags(a, b, true));
        check(e, "subs x0, x1, #0xfff", 0xf13ffc20, (a, b) -> A64CcmpBranchAndCountDownTest.subFlags(a, 0xfff, true));
        check(e, "adds w0, w1, #1", 0x31000420, (a, b) -> A64CcmpBranchAndCountDownTest.addFlags(a, 1, false));
        check(e, "ands x0, x1, x2", 0xea020020, (a, b) -> logicalFlags(a & b, true));
        check(e, "ands w0, w1, w2", 0x6a020020, (a, b) -> logicalFlags(a & b, false));
        check(e, "bics w0, w1, w2", 0x6a220020, (a, b) -> logicalFlags(a & ~b, false));
        check(e, "ands x0, x1, #0x8000000000000001", 0xf2410420, (a, b) -> logicalFlags(a & 0x8000_0000_0000_0001L, true));
        check(e, "ands w0, w1, #0x80000001", 0x72010420, (a, b) -> logicalFlags(a & 0x8000_0001L, false));
    }
}
