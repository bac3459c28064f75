package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;
import static org.jtcg.arm64.translate.SimdOps.*;

/**
 * AdvSIMD and FP data movement: element moves (dup, ins, umov, smov), fmov between general and FP
 * registers, fmov (register, immediate), fabs/fneg (sign-bit operations) and fsqrt's entry. The
 * structure loads and stores are {@link SimdStructLoads}.
 */
final class SimdMoves {
    private SimdMoves() {}

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("DUP_elem", SimdMoves::dupElement);
        h.on("DUP_gen", SimdMoves::dupGeneral);
        h.on("DUP_scalar", SimdMoves::dupScalar);
        h.on("INS_gen", SimdMoves::insGeneral);
        h.on("INS_elem", SimdMoves::insElement);
        h.on("UMOV", (c, a) -> moveToGeneral(c, a, false));
        h.on("SMOV", (c, a) -> moveToGeneral(c, a, true));
        h.on("FMOV_gen", SimdMoves::fmovGeneral);
        h.on("FP_1src", SimdMoves::fpMoveAbsNeg);
        h.on("FP_imm", (c, a) -> {
            int type = (int) a[V_FTYPE];
            if (type > 1) {
                c.sigill();
                return;
            }
            int imm8 = (int) a[IMM8];
            c.setVlo((int) a[RD], c.c(type == 0 ? FpImm.single(imm8) : FpImm.dbl(imm8)));
        });
    }

    private static final int FTYPE = TABLE.slot("ftype"), IMM8 = TABLE.slot("imm8"), IMM4 = TABLE.slot("imm4"),
            RMODE = TABLE.slot("rmode"), FOP = TABLE.slot("fop"), V_FTYPE = FTYPE;

    /** Multiplying a lane value by this copies it into every lane of 64 bits. */
    static long replicator(int esize) {
        return switch (esize) {
            case 0 -> 0x0101_0101_0101_0101L;
            case 1 -> 0x0001_0001_0001_0001L;
            case 2 -> 0x0000_0001_0000_0001L;
            default -> 1;
        };
    }

    // ---------------------------------------------------------------- element moves

    /** esize (0..3) from imm5's lowest set bit, or -1 when reserved. */
    private static int elementSize(long imm5) {
        int low = Long.numberOfTrailingZeros(imm5 | 32);
        return low > 3 ? -1 : low;
    }

    /** Element idx of Vn (zero-extended). */
    static Val element(A64Ctx c, int n, int esize, int idx) {
        int bit = idx << (3 + esize);
        Val half = bit >= 64 ? c.vhi(n) : c.vlo(n);
        return esize == 3 ? c.b.mov(half) : c.b.extract(half, bit % 64, 8 << esize, false);
    }

    private static void dupElement(A64Ctx c, long[] a) {
        int esize = elementSize(a[IMM5]);
        if (esize < 0 || (esize == 3 && a[Q] == 0)) {
            c.sigill();
            return;
        }
        Val rep = c.b.mul(element(c, (int) a[RN], esize, (int) (a[IMM5] >>> (esize + 1))), c.c(replicator(esize)));
        write(c, (int) a[RD], a[Q] != 0, rep, rep);
    }

    /** DUP (element, scalar), alias MOV Bd/Hd/Sd/Dd, Vn.T[i]: the element alone, the rest of Vd zero. */
    private static void dupScalar(A64Ctx c, long[] a) {
        int esize = elementSize(a[IMM5]);
        if (esize < 0) {
            c.sigill();
            return;
        }
        c.setVlo((int) a[RD], element(c, (int) a[RN], esize, (int) (a[IMM5] >>> (esize + 1))));
    }

    private static void dupGeneral(A64Ctx c, long[] a) {
        int esize = elementSize(a[IMM5]);
        if (esize < 0 || (esize == 3 && a[Q] == 0)) {
            c.sigill();
            return;
        }
        Val v = c.x((int) a[RN]);
        if (esize < 3) {
            v = c.b.extract(v, 0, 8 << esize, false);
        }
        Val rep = c.b.mul(v, c.c(replicator(esize)));
        write(c, (int) a[RD], a[Q] != 0, rep, rep);
    }

    static void insert(A64Ctx c, int rd, int esize, int idx, Val v) {
        int bit = idx << (3 + esize);
        Val half = bit >= 64 ? c.vhi(rd) : c.vlo(rd);
        if (esize == 3) {
            c.b.mov(half, v);
        } else {
            c.b.deposit(half, half, v, bit % 64, 8 << esize);
        }
    }

    private static void insGeneral(A64Ctx c, long[] a) {
        int esize = elementSize(a[IMM5]);
        if (esize < 0) {
            c.sigill();
            return;
        }
        insert(c, (int) a[RD], esize, (int) (a[IMM5] >>> (esize + 1)), c.x((int) a[RN]));
    }

    private static void insElement(A64Ctx c, long[] a) {
        int esize = elementSize(a[IMM5]);
        if (esize < 0) {
            c.sigill();
            return;
        }
        Val v = element(c, (int) a[RN], esize, (int) (a[IMM4] >>> esize));
        insert(c, (int) a[RD], esize, (int) (a[IMM5] >>> (esize + 1)), v);
    }

    private static void moveToGeneral(A64Ctx c, long[] a, boolean signed) {
        int esize = elementSize(a[IMM5]);
        boolean q = a[Q] != 0;
        // UMOV: W form for B/H/S, X form only for D; SMOV: B/H to W or X, S to X only
        boolean ok = esize >= 0 && (signed ? (esize < 2 || (esize == 2 && q)) : (q == (esize == 3)));
        if (!ok) {
            c.sigill();
            return;
        }
        Val v = element(c, (int) a[RN], esize, (int) (a[IMM5] >>> (esize + 1)));
        if (signed) {
            v = c.extend(v, 1 << esize, true);
        }
        c.setX((int) a[RD], q, v);
    }

    // ---------------------------------------------------------------- FP register moves

    /** FMOV (register), FABS, FNEG on single or double: sign-bit operations, no FP exceptions. FSQRT: not yet. */
    private static void fpMoveAbsNeg(A64Ctx c, long[] a) {
        int type = (int) a[FTYPE], op = (int) a[A64Table.TABLE.slot("fpopc")];
        if (type > 1) {
            c.sigill();
            return;
        }
        if (op == 3) {
            FpScalar.sqrt(c, a);
            return;
        }
        long sign = type == 0 ? 1L << 31 : 1L << 63;
        Val v = c.b.mov(c.vlo((int) a[RN]));
        if (type == 0) {
            v = c.b.ext32u(v);
        }
        Val r = switch (op) {
            case 0 -> v;
            case 1 -> c.b.and(v, c.c(~sign));
            default -> c.b.xor(v, c.c(sign));
        };
        c.setVlo((int) a[RD], r);
    }

    /** FMOV between general and FP registers (sf:ftype:rmode:opcode = 0/00/00/11x, 1/01/00/11x, 1/10/01/11x). */
    private static void fmovGeneral(A64Ctx c, long[] a) {
        int sf = (int) a[SF], type = (int) a[FTYPE], rmode = (int) a[RMODE], op = (int) a[FOP];
        int rd = (int) a[RD], rn = (int) a[RN];
        boolean toFp = op == 7, toGeneral = op == 6;
        if (!(toFp || toGeneral)) {
            if (!FpScalar.integerConversion(c, a)) {
                c.sigill();
            }
            return;
        }
        if (sf == 0 && type == 0 && rmode == 0) {
            if (toFp) {
                c.setVlo(rd, c.x(rn, false));
            } else {
                c.setX(rd, false, c.b.ext32u(c.vlo(rn)));
            }
        } else if (sf == 1 && type == 1 && rmode == 0) {
            if (toFp) {
                c.setVlo(rd, c.x(rn));
            } else {
                c.setX(rd, c.b.mov(c.vlo(rn)));
            }
        } else if (sf == 1 && type == 2 && rmode == 1) { // V.D[1]
            if (toFp) {
                c.b.mov(c.vhi(rd), c.x(rn));
            } else {
                c.setX(rd, c.b.mov(c.vhi(rn)));
            }
        } else {
            c.sigill();
        }
    }
}
