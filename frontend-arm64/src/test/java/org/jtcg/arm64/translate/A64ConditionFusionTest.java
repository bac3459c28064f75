package org.jtcg.arm64.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Condition fusion ({@link Conditions}): a CSET right after CMP/TST (32 and 64 bit) compares the compare's
 * operands or the TST result directly; its value must be the Arm ConditionHolds of the NZCV the flag-setting
 * instruction wrote, for all 14 conditions, on operands around the signed and unsigned boundaries.
 */
class A64ConditionFusionTest {
    private static final int NOP = 0xd503201f;
    private static final long[] VALUES = {0, 1, 0x8000_0000L, 0xffff_ffffL, 0x7fff_ffff_ffff_ffffL, 0x8000_0000_0000_0000L, -1L};

    /** Arm's ConditionHolds on a 4-bit NZCV (N = 8), written out here rather than taken from the code under test (also A64CcmpBranchAndCountDownTest's oracle). */
    static boolean holds(int cond, int nzcv) {
        boolean n = (nzcv & 8) != 0, z = (nzcv & 4) != 0, c = (nzcv & 2) != 0, v = (nzcv & 1) != 0;
        boolean r = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !r : r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void csetAfterCompareAndTestMatchesTheFlags(String engine) {
        int[] setters = {0xeb02003f, 0x6b02003f, 0xea02003f, 0x6a02003f}; // cmp x1, x2; cmp w1, w2; tst x1, x2; tst w1, w2
        for (int setter : setters) {
            // setter; cset x3, eq; setter; cset x4, ne; ... (each CSET right after its setter: fused), and the same
            // with a NOP between them (not fused); results in x3..x16
            int[] fused = new int[28], apart = new int[42];
            for (int cond = 0; cond < 14; cond++) {
                int cset = 0x9a9f07e0 | (cond ^ 1) << 12 | (3 + cond); // csinc x(3+cond), xzr, xzr, !cond
                fused[2 * cond] = setter;
                fused[2 * cond + 1] = cset;
                apart[3 * cond] = setter;
                apart[3 * cond + 1] = NOP;
                apart[3 * cond + 2] = cset;
            }
            A64SnippetRunner r = new A64SnippetRunner(engine).code(fused);
            A64SnippetRunner q = new A64SnippetRunner(engine).code(apart);
            for (long a : VALUES) {
                for (long b : VALUES) {
                    r.cpu.x1 = q.cpu.x1 = a;
                    r.cpu.x2 = q.cpu.x2 = b;
                    r.runToEnd();
                    q.runToEnd();
                    String what = String.format("%08x a=%x b=%x", setter, a, b);
                    assertEquals(q.nzcv(), r.nzcv(), what + " flags");
                    long[] got = {r.cpu.x3, r.cpu.x4, r.cpu.x5, r.cpu.x6, r.cpu.x7, r.cpu.x8, r.cpu.x9, r.cpu.x10,
                        r.cpu.x11, r.cpu.x12, r.cpu.x13, r.cpu.x14, r.cpu.x15, r.cpu.x16};
                    long[] unfused = {q.cpu.x3, q.cpu.x4, q.cpu.x5, q.cpu.x6, q.cpu.x7, q.cpu.x8, q.cpu.x9, q.cpu.x10,
                        q.cpu.x11, q.cpu.x12, q.cpu.x13, q.cpu.x14, q.cpu.x15, q.cpu.x16};
                    for (int cond = 0; cond < 14; cond++) {
                        long expected = holds(cond, r.nzcv()) ? 1 : 0;
                        assertEquals(expected, got[cond], what + " cond " + cond);
                        assertEquals(expected, unfused[cond], what + " cond " + cond + " (not adjacent)");
                    }
                }
            }
        }
    }
}
