package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;
import static org.jtcg.arm64.translate.SimdIntEmit.*;
import static org.jtcg.arm64.translate.SimdOps.*;

/**
 * AdvSIMD three-different (long, wide and high-narrowing) forms, vector and scalar, and the integer
 * multiplies by element: {s,u}addl, {s,u}subl, {s,u}addw, {s,u}subw, [r]addhn, [r]subhn, {s,u}abal,
 * {s,u}abdl, {s,u}mlal, {s,u}mlsl, {s,u}mull, sqdmlal, sqdmlsl, sqdmull, pmull (8-bit; the 64-bit
 * form is the crypto extension, not advertised), mul/mla/mls/sqdmulh/sqrdmulh by element and the
 * long ones by element. Each "2" form reads the high halves of the narrow sources.
 */
final class SimdWidening {
    private SimdWidening() {}

    private static final int H11 = TABLE.slot("h11"), M20 = TABLE.slot("m20"), RM4 = TABLE.slot("rm4"),
            NREG = TABLE.slot("nreg");

    /** Long operations (on widened lanes). */
    private static final int ADDL = 0, SUBL = 1, ABDL = 2, ABAL = 3, MLAL = 4, MLSL = 5, MULL = 6, SQDMULL = 7,
            SQDMLAL = 8, SQDMLSL = 9, PMULL = 10;

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("SIMD_3diff", SimdWidening::threeDiff);
        h.on("SIMD_s3diff", SimdWidening::threeDiff);
        for (String p : new String[] {"SIMD_elem_long", "SIMD_elem_mul", "SIMD_elem_dmull", "SIMD_elem_dmulh",
                "SIMD_elem_mla", "SIMD_selem_long", "SIMD_selem_dmull", "SIMD_selem_dmulh"}) {
            h.on(p, SimdWidening::byElement);
        }
    }

    private static void threeDiff(A64Ctx c, long[] a) {
        boolean sc = SimdSaturating.scalar(c), second = !sc && a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], opcode = (int) a[DIFFOP], rd = (int) a[RD], rn = (int) a[RN], rm = (int) a[RM];
        boolean doubling = opcode == 9 || opcode == 11 || opcode == 13;
        if (size == 3 || opcode == 15 || (u && (doubling || opcode == 14)) || (doubling && size == 0)
                || (opcode == 14 && size != 0) || (sc && !doubling)) {
            c.sigill(); // size 3 of PMULL is the crypto PMULL.1Q, not advertised
            return;
        }
        if (opcode == 4 || opcode == 6) { // ADDHN, RADDHN, SUBHN, RSUBHN
            Val[] n = halves(c, rn, true), m = halves(c, rm, true);
            int wideOp = opcode == 4 ? SimdHelpers.ADD : SimdHelpers.SUB;
            Val lo = plain(c, wideOp, size + 1, n[0], m[0]), hi = plain(c, wideOp, size + 1, n[1], m[1]);
            Val r = narrow(c, u ? SimdIntLanes.ROUND : 0, size, lo, hi, 8 << size);
            narrowResult(c, rd, second, r);
            return;
        }
        if (opcode == 1 || opcode == 3) { // SADDW/UADDW, SSUBW/USUBW: wide Vn
            Val m = c.b.mov(second ? c.vhi(rm) : c.vlo(rm));
            Val[] r = new Val[2];
            for (int part = 0; part < 2; part++) {
                Val wn = c.b.mov(part == 0 ? c.vlo(rn) : c.vhi(rn));
                r[part] = plain(c, opcode == 1 ? SimdHelpers.ADD : SimdHelpers.SUB, size + 1, wn, widen(c, size, m, part, !u));
            }
            c.setV(rd, r[0], r[1]);
            return;
        }
        int op = switch (opcode) {
            case 0 -> ADDL;
            case 2 -> SUBL;
            case 5 -> ABAL;
            case 7 -> ABDL;
            case 8 -> MLAL;
            case 9 -> SQDMLAL;
            case 10 -> MLSL;
            case 11 -> SQDMLSL;
            case 12 -> MULL;
            case 13 -> SQDMULL;
            default -> PMULL;
        };
        if (sc) {
            longScalar(c, op, size, scalarLane(c, rn, size), scalarLane(c, rm, size), rd);
            return;
        }
        Val n = c.b.mov(second ? c.vhi(rn) : c.vlo(rn)), m = c.b.mov(second ? c.vhi(rm) : c.vlo(rm));
        longVector(c, op, u, size, n, m, rd);
    }

    /** A long op on the narrow lanes of the halves n and m into all of Vd. */
    private static void longVector(A64Ctx c, int op, boolean u, int size, Val n, Val m, int rd) {
        boolean signed = !u && op != PMULL;
        Val[] d = accumulates(op) ? halves(c, rd, true) : null;
        Val[] r = new Val[2];
        for (int part = 0; part < 2; part++) {
            r[part] = longPart(c, op, u, size, widen(c, size, n, part, signed), widen(c, size, m, part, signed),
                    d == null ? null : d[part]);
        }
        c.setV(rd, r[0], r[1]);
    }

    /** The scalar doubling forms: one lane of n and m (already isolated) into a 2*esize scalar. */
    private static void longScalar(A64Ctx c, int op, int size, Val n, Val m, int rd) {
        Val d = accumulates(op) ? scalarLane(c, rd, size + 1) : null;
        Val r = longPart(c, op, false, size, widen(c, size, n, 0, true), widen(c, size, m, 0, true), d);
        scalarResult(c, rd, size + 1, r);
    }

    private static boolean accumulates(int op) {
        return op == ABAL || op == MLAL || op == MLSL || op == SQDMLAL || op == SQDMLSL;
    }

    /** One 64-bit half of a long op on widened lanes wn, wm (accumulator half d or null). */
    private static Val longPart(A64Ctx c, int op, boolean u, int size, Val wn, Val wm, Val d) {
        int w = size + 1;
        return switch (op) {
            case ADDL -> plain(c, SimdHelpers.ADD, w, wn, wm);
            case SUBL -> plain(c, SimdHelpers.SUB, w, wn, wm);
            case ABDL -> lanes(c, u ? SimdIntLanes.UABD : SimdIntLanes.SABD, w, wn, wm);
            case ABAL -> plain(c, SimdHelpers.ADD, w, d, lanes(c, u ? SimdIntLanes.UABD : SimdIntLanes.SABD, w, wn, wm));
            case MULL -> plain(c, SimdHelpers.MUL, w, wn, wm);
            case MLAL -> plain(c, SimdHelpers.ADD, w, d, plain(c, SimdHelpers.MUL, w, wn, wm));
            case MLSL -> plain(c, SimdHelpers.SUB, w, d, plain(c, SimdHelpers.MUL, w, wn, wm));
            case SQDMULL -> lanes(c, SimdIntLanes.SQDMULL, w, wn, wm);
            case SQDMLAL -> lanes(c, SimdIntLanes.SQADD, w, d, lanes(c, SimdIntLanes.SQDMULL, w, wn, wm));
            case SQDMLSL -> lanes(c, SimdIntLanes.SQSUB, w, d, lanes(c, SimdIntLanes.SQDMULL, w, wn, wm));
            default -> lanes(c, SimdIntLanes.PMUL, w, wn, wm);
        };
    }

    // ---------------------------------------------------------------- by element

    private static void byElement(A64Ctx c, long[] a) {
        boolean sc = SimdSaturating.scalar(c), q = !sc && a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], opcode = (int) a[DIFFOP], rd = (int) a[RD], rn = (int) a[RN];
        int index, rm;
        if (size == 1) {
            index = (int) (a[H11] << 2 | a[NREG] << 1 | a[M20]);
            rm = (int) a[RM4];
        } else if (size == 2) {
            index = (int) (a[H11] << 1 | a[NREG]);
            rm = (int) (a[M20] << 4 | a[RM4]);
        } else {
            c.sigill();
            return;
        }
        boolean doubling = opcode == 3 || opcode == 7 || opcode == 11 || opcode == 12 || opcode == 13;
        boolean sameWidth = opcode == 0 || opcode == 4 || opcode == 8 || opcode == 12 || opcode == 13;
        if ((doubling && u) || (u && opcode == 8) || (!u && (opcode == 0 || opcode == 4))) {
            c.sigill(); // u = 1 with 1101/1111 is SQRDMLAH/SQRDMLSH (ARMv8.1, not advertised)
            return;
        }
        Val elem = SimdMoves.element(c, rm, size, index);
        Val rep = c.b.mul(elem, c.c(SimdMoves.replicator(size)));
        if (sameWidth) {
            if (sc) {
                int op = opcode == 12 ? SimdIntLanes.SQDMULH : SimdIntLanes.SQRDMULH;
                scalarResult(c, rd, size, lanes(c, op, size, scalarLane(c, rn, size), rep));
                return;
            }
            Val[] n = halves(c, rn, q), d = opcode == 0 || opcode == 4 ? halves(c, rd, q) : null;
            Val[] r = new Val[2];
            for (int i = 0; i < (q ? 2 : 1); i++) {
                r[i] = switch (opcode) {
                    case 8 -> plain(c, SimdHelpers.MUL, size, n[i], rep);
                    case 0 -> plain(c, SimdHelpers.ADD, size, d[i], plain(c, SimdHelpers.MUL, size, n[i], rep));
                    case 4 -> plain(c, SimdHelpers.SUB, size, d[i], plain(c, SimdHelpers.MUL, size, n[i], rep));
                    case 12 -> lanes(c, SimdIntLanes.SQDMULH, size, n[i], rep);
                    default -> lanes(c, SimdIntLanes.SQRDMULH, size, n[i], rep);
                };
            }
            write(c, rd, q, r[0], r[1]);
            return;
        }
        int op = switch (opcode) {
            case 2 -> MLAL;
            case 3 -> SQDMLAL;
            case 6 -> MLSL;
            case 7 -> SQDMLSL;
            case 10 -> MULL;
            default -> SQDMULL; // 11
        };
        if (sc) {
            longScalar(c, op, size, scalarLane(c, rn, size), rep, rd);
            return;
        }
        Val n = c.b.mov(a[Q] != 0 ? c.vhi(rn) : c.vlo(rn));
        longVector(c, op, u, size, n, rep, rd);
    }
}
