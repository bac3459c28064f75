package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;

/**
 * A64 condition codes over the four flag fields: each condition becomes one IR compare (two ops at
 * most for HI/LS and GT/LE), usable by brcond, setcond and movcond. Also builds the NZCV word for
 * MRS and splits it for MSR/CCMP/FCCMP.
 */
final class Conditions {
    private Conditions() {}

    /** A compare {@code cond(a, b)} that is true exactly when the A64 condition holds. */
    record Test(Cond cond, Val a, Val b) {
        Test inverted() {
            return new Test(cond.invert(), a, b);
        }
    }

    static final String[] NAMES = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

    static Test test(A64Ctx c, int cond) {
        Test fused = fusedWithCompare(c, cond);
        if (fused != null) {
            return fused;
        }
        Val zero = c.c(0);
        Test t = switch (cond >>> 1) {
            case 0 -> new Test(Cond.NE, c.global(Arm64Cpu.Z), zero);
            case 1 -> new Test(Cond.NE, c.global(Arm64Cpu.C), zero);
            case 2 -> new Test(Cond.NE, c.global(Arm64Cpu.N), zero);
            case 3 -> new Test(Cond.NE, c.global(Arm64Cpu.V), zero);
            case 4 -> new Test(Cond.NE, c.b.andc(c.global(Arm64Cpu.C), c.global(Arm64Cpu.Z)), zero);
            case 5 -> new Test(Cond.EQ, c.global(Arm64Cpu.N), c.global(Arm64Cpu.V));
            case 6 -> new Test(Cond.EQ, c.b.or(c.global(Arm64Cpu.Z), c.b.xor(c.global(Arm64Cpu.N), c.global(Arm64Cpu.V))), zero);
            default -> new Test(Cond.EQ, zero, zero); // AL and NV: always
        };
        return (cond & 1) != 0 && cond != 15 ? t.inverted() : t;
    }

    /** The IR compare of {@code a - b} equivalent to each A64 condition, when one exists (not MI/PL/VS/VC/AL/NV). */
    private static final Cond[] ON_OPERANDS = {Cond.EQ, Cond.NE, Cond.GEU, Cond.LTU, null, null, null, null,
        Cond.GTU, Cond.LEU, Cond.GE, Cond.LT, Cond.GT, Cond.LE, null, null};

    /**
     * The same after ANDS/TST, as a compare of the result with 0: C = V = 0, so MI/PL are its sign, GE/LT/GT/LE
     * signed compares with 0 (N == V means N == 0); the conditions on C (HS/LO/HI/LS) are not fused.
     */
    private static final Cond[] ON_LOGICAL_RESULT = {Cond.EQ, Cond.NE, null, null, Cond.LT, Cond.GE, null, null,
        null, null, Cond.GE, Cond.LT, Cond.GT, Cond.LE, null, null};

    /**
     * Condition fusion: right after a SUBS/CMP or ANDS/TST of this block (the previous instruction), a condition
     * on its flags is a compare of its operands (of its result with 0), one IR op that does not wait for the flag values
     * (they are still written, for whatever reads them later). Null when not applicable.
     */
    private static Test fusedWithCompare(A64Ctx c, int cond) {
        A64Ctx.Compare k = c.lastCompare;
        if (k == null || k.pc() != c.pc - 4) {
            return null;
        }
        return onOperands(c, k, cond);
    }

    /** The compare of k's operands (or result) equivalent to the condition on k's flags, or null. */
    private static Test onOperands(A64Ctx c, A64Ctx.Compare k, int cond) {
        Cond on = k.logical() ? ON_LOGICAL_RESULT[cond] : ON_OPERANDS[cond];
        if (on == null) {
            return null;
        }
        boolean signed = on == Cond.GE || on == Cond.LT || on == Cond.GT || on == Cond.LE;
        if (!k.sf() && signed) {
            return new Test(on, c.b.trunc(k.a()), c.b.trunc(k.b())); // 32-bit signed order
        }
        return new Test(on, k.a(), k.b()); // zero-extended 32-bit operands order and compare equal as 32-bit ones
    }

    /**
     * A condition right after a CCMP of this block, as two compares: when the CCMP's own condition held, the
     * condition on its compare's operands ({@code onOperands}); otherwise the condition on its constant NZCV, known
     * now ({@code whenNotHeld}). A b.cond then branches on the two compares without building the four flag values
     * first (they are still written, for later readers). Null when not applicable (no CCMP just before, CCMN, or a
     * condition without an operand form).
     */
    record AfterCcmp(Test held, Test onOperands, boolean whenNotHeld) {}

    static AfterCcmp afterCcmp(A64Ctx c, int cond) {
        A64Ctx.Ccmp k = c.lastCcmp;
        if (k == null || k.pc() != c.pc - 4 || cond >= 14) {
            return null;
        }
        Test on = onOperands(c, k.compare(), cond);
        return on == null ? null : new AfterCcmp(k.held(), on, holds(cond, k.nzcv()));
    }

    /** Whether condition {@code cond} holds for the flags {@code nzcv} (N in bit 3), as the Arm ARM's ConditionHolds. */
    static boolean holds(int cond, int nzcv) {
        boolean n = (nzcv & 8) != 0, z = (nzcv & 4) != 0, cf = (nzcv & 2) != 0, v = (nzcv & 1) != 0;
        boolean r = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> cf;
            case 2 -> n;
            case 3 -> v;
            case 4 -> cf && !z;
            case 5 -> n == v;
            case 6 -> n == v && !z;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !r : r;
    }

    /** Branches to {@code l} when the condition holds. */
    static void branchIf(A64Ctx c, int cond, Label l) {
        Test t = test(c, cond);
        c.b.brcond(t.cond(), t.a(), t.b(), l);
    }

    /** {@code cond ? ifTrue : ifFalse}. */
    static Val select(A64Ctx c, int cond, Val ifTrue, Val ifFalse) {
        Test t = test(c, cond);
        return c.b.movcond(t.cond(), t.a(), t.b(), ifTrue, ifFalse);
    }

    /** The NZCV flags as PSTATE bits 31..28 (MRS NZCV). */
    static Val nzcvWord(A64Ctx c) {
        Val w = c.b.shl(c.global(Arm64Cpu.N), c.c(31));
        w = c.b.or(w, c.b.shl(c.global(Arm64Cpu.Z), c.c(30)));
        w = c.b.or(w, c.b.shl(c.global(Arm64Cpu.C), c.c(29)));
        return c.b.or(w, c.b.shl(c.global(Arm64Cpu.V), c.c(28)));
    }

    /** Sets the flags from PSTATE bits 31..28 of {@code w}. */
    static void setFromWord(A64Ctx c, Val w) {
        c.b.extract(c.global(Arm64Cpu.N), w, 31, 1, false);
        c.b.extract(c.global(Arm64Cpu.Z), w, 30, 1, false);
        c.b.extract(c.global(Arm64Cpu.C), w, 29, 1, false);
        c.b.extract(c.global(Arm64Cpu.V), w, 28, 1, false);
    }

    /** Sets the flags to the constant nzcv (4 bits, N highest), as FCCMP does when its condition fails. */
    static void setConstant(A64Ctx c, int nzcv) {
        c.b.movi(c.global(Arm64Cpu.N), (nzcv >> 3) & 1);
        c.b.movi(c.global(Arm64Cpu.Z), (nzcv >> 2) & 1);
        c.b.movi(c.global(Arm64Cpu.C), (nzcv >> 1) & 1);
        c.b.movi(c.global(Arm64Cpu.V), nzcv & 1);
    }
}
