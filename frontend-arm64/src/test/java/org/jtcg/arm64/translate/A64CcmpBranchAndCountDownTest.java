package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Arch;
import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Val;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Two translations that skip building the flags on the hot path: a b.cond right after CCMP branches on the CCMP's
 * operands or its constant NZCV ({@link Conditions#afterCcmp}), and ADDS/SUBS Xd, Xd, #imm computes its flags
 * from the result ({@code DataProcImm.countDown}). Each is checked against Arm's ConditionHolds on the NZCV the
 * instructions must leave, computed here independently, and against the same code with a NOP in between (not fused).
 */
class A64CcmpBranchAndCountDownTest {
    private static final int NOP = 0xd503201f;
    private static final long[] VALUES = {0, 1, 2, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL, 0x8000_0000_0000_0000L, -1L};
    private static final long[] OPERANDS = {0, 1, -1L};
    private static final int[] GUARDS = {0, 8, 11}; // eq hi lt: the CCMP's own condition
    /** Each of the 14 conditions is true for some and false for others of these. */
    private static final int[] CONSTANT_FLAGS = {0b0000, 0b0110, 0b1001, 0b0010};

    /** NZCV of a - b at 64 or 32 bits (the Arm ARM's AddWithCarry(a, NOT(b), 1)). */
    static int subFlags(long a, long b, boolean sf) {
        if (!sf) {
            a &= 0xffff_ffffL;
            b &= 0xffff_ffffL;
            long r = (a - b) & 0xffff_ffffL;
            int n = (int) (r >>> 31), z = r == 0 ? 1 : 0, c = a >= b ? 1 : 0;
            int v = (int) ((((a ^ b) & (a ^ r)) >>> 31) & 1);
            return n << 3 | z << 2 | c << 1 | v;
        }
        long r = a - b;
        int n = (int) (r >>> 63), z = r == 0 ? 1 : 0, c = Long.compareUnsigned(a, b) >= 0 ? 1 : 0;
        int v = (int) (((a ^ b) & (a ^ r)) >>> 63);
        return n << 3 | z << 2 | c << 1 | v;
    }

    static int addFlags(long a, long b, boolean sf) {
        if (!sf) {
            a &= 0xffff_ffffL;
            b &= 0xffff_ffffL;
            long wide = a + b, r = wide & 0xffff_ffffL;
            int n = (int) (r >>> 31), z = r == 0 ? 1 : 0, c = (int) (wide >>> 32);
            int v = (int) (((~(a ^ b) & (a ^ r)) >>> 31) & 1);
            return n << 3 | z << 2 | c << 1 | v;
        }
        long r = a + b;
        int n = (int) (r >>> 63), z = r == 0 ? 1 : 0, c = Long.compareUnsigned(r, a) < 0 ? 1 : 0;
        int v = (int) ((~(a ^ b) & (a ^ r)) >>> 63);
        return n << 3 | z << 2 | c << 1 | v;
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void branchRightAfterCcmpFollowsTheFlags(String engine) {
        for (int guard : GUARDS) {
            for (int nzcv : CONSTANT_FLAGS) {
                // per condition i: cmp x1, x2; ccmp x3, x4, #nzcv, guard; b.<i> +8; movz x(5+i), #1  (x(5+i) = 1: not
                // taken); the same with a NOP before the b.cond (not fused)
                int ccmp = 0xfa400000 | 4 << 16 | guard << 12 | 3 << 5 | nzcv;
                int[] fused = new int[14 * 4], apart = new int[14 * 5];
                for (int cond = 0; cond < 14; cond++) {
                    int[] unit = {0xeb02003f, ccmp, 0x54000040 | cond, 0xd2800020 | (5 + cond)};
                    System.arraycopy(unit, 0, fused, 4 * cond, 4);
                    int[] spaced = {0xeb02003f, ccmp, NOP, 0x54000040 | cond, 0xd2800020 | (5 + cond)};
                    System.arraycopy(spaced, 0, apart, 5 * cond, 5);
                }
                A64SnippetRunner r = new A64SnippetRunner(engine).code(fused);
                A64SnippetRunner q = new A64SnippetRunner(engine).code(apart);
                for (long a : new long[]{0, 1}) { // the guard both held and failed
                    for (long b : new long[]{0, 1}) {
                        for (long x3 : OPERANDS) {
                            for (long x4 : OPERANDS) {
                                check(r, a, b, x3, x4, guard, nzcv, "fused");
                                check(q, a, b, x3, x4, guard, nzcv, "apart");
                            }
                        }
                    }
                }
            }
        }
    }

    private static void check(A64SnippetRunner r, long a, long b, long x3, long x4, int guard, int nzcv, String how) {
        r.cpu.x1 = a;
        r.cpu.x2 = b;
        r.cpu.x3 = x3;
        r.cpu.x4 = x4;
        for (int i = 0; i < 14; i++) {
            setX(r, 5 + i, 7);
        }
        r.runToEnd();
        int flags = A64ConditionFusionTest.holds(guard, subFlags(a, b, true)) ? subFlags(x3, x4, true) : nzcv;
        String what = String.format("%s guard %d nzcv %x: x1=%x x2=%x x3=%x x4=%x", how, guard, nzcv, a, b, x3, x4);
        assertEquals(flags, r.nzcv(), what + " flags");
        for (int cond = 0; cond < 14; cond++) {
            long expected = A64ConditionFusionTest.holds(cond, flags) ? 7 : 1;
            assertEquals(expected, x(r, 5 + cond), what + " b." + Conditions.NAMES[cond]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "jit"})
    void addsAndSubsIntoTheirSourceSetTheFlagsOfTheOldValue(String engine) {
        // {subs x1, x1, #k | subs w1, w1, #k | adds x1, x1, #k | adds w1, w1, #k}; cset x(3+cond), cond (the first fused)
        int[] bases = {0xf1000021, 0x71000021, 0xb1000021, 0x31000021};
        for (int base : bases) {
            for (int k : new int[]{0, 1, 7, 0xfff}) {
                int setter = base | k << 10;
                int[] code = new int[15];
                code[0] = setter;
                for (int cond = 0; cond < 14; cond++) {
                    code[1 + cond] = 0x9a9f07e0 | (cond ^ 1) << 12 | (3 + cond); // csinc x(3+cond), xzr, xzr, !cond
                }
                A64SnippetRunner r = new A64SnippetRunner(engine).code(code);
                boolean sf = (base & 0x80000000) != 0, sub = (base & 0x40000000) != 0;
                for (long a : VALUES) {
                    r.cpu.x1 = a;
                    r.runToEnd();
                    long wide = sub ? a - k : a + k;
                    long result = sf ? wide : wide & 0xffff_ffffL;
                    int flags = sub ? subFlags(a, k, sf) : addFlags(a, k, sf);
                    String what = String.format("%08x x1=%x", setter, a);
                    assertEquals(result, r.cpu.x1, what + " result");
                    assertEquals(flags, r.nzcv(), what + " flags");
                    for (int cond = 0; cond < 14; cond++) {
                        assertEquals(A64ConditionFusionTest.holds(cond, flags) ? 1 : 0, x(r, 3 + cond),
                                what + " cset " + Conditions.NAMES[cond]);
                    }
                }
            }
        }
    }

    private static long x(A64SnippetRunner r, int n) {
        try {
            return r.cpu.getClass().getField("x" + n).getLong(r.cpu);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void setX(A64SnippetRunner r, int n, long v) {
        try {
            r.cpu.getClass().getField("x" + n).setLong(r.cpu, v);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Regression (round 8): in {@code cmp; ccmp; b.hi} (lzwork's input loop) nothing may read a flag field: the
     * conditions are fused with the compares, and CCMP selects between its compare's flags held in temps and its
     * constant. When CCMP read back flag fields its compare had just written, jit RegionCarry could not rebuild its
     * NZCV from registers and the loop computed them on every iteration.
     */
    @Test
    void cmpCcmpBranchReadsNoFlagField() {
        A64SnippetRunner r = new A64SnippetRunner("interp").code(0xeb03001f, 0xfa428340, 0x54ffffc8); // cmp x0, x3;
        // ccmp x26, x2, #0, hi; b.hi back to the cmp
        IrBlock block = new Arm64Arch().translator().translate(
                new TranslationRequest(A64SnippetRunner.CODE, r.mem, r.cpu.layout(), 16));
        Set<Integer> flags = Set.of(Arm64Cpu.N, Arm64Cpu.Z, Arm64Cpu.C, Arm64Cpu.V);
        int flagWrites = 0;
        for (Op op : block.ops()) {
            for (Val a : op.args) {
                assertFalse(a != null && a.isGlobal() && flags.contains(a.index()), "reads a flag field: " + op);
            }
            if (op.dst != null && op.dst.isGlobal() && flags.contains(op.dst.index())) {
                flagWrites++;
            }
        }
        assertEquals(8, flagWrites, "CMP and CCMP each write the four flags");
    }
}
