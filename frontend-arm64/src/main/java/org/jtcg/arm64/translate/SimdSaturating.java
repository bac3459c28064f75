package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;
import static org.jtcg.arm64.translate.SimdIntEmit.*;
import static org.jtcg.arm64.translate.SimdIntLanes.*;
import static org.jtcg.arm64.translate.SimdOps.*;

/**
 * AdvSIMD integer saturating, halving, rounding and accumulating forms, vector and scalar: the
 * three-same ops {s,u}{q,h,rh}add, {s,u}{q,h}sub, {s,u}q[r]shl, {s,u}rshl, {s,u}ab{d,a}, pmul,
 * sq[r]dmulh; the two-register misc ops {s,u}addlp, {s,u}adalp, suqadd/usqadd, sqabs/sqneg,
 * sqxtn/uqxtn/sqxtun, shll, urecpe/ursqrte; the shifts by immediate {s,u}sra, {s,u}rshr, {s,u}rsra,
 * sri, sli, sqshlu, {s,u}qshl, and the narrowing [r]shrn, {s,u}q[r]shrn, sq[r]shrun. Saturation sets
 * FPSR.QC (see {@link SimdIntEmit#lanes}). The other integer forms are {@link SimdOps}.
 */
final class SimdSaturating {
    private SimdSaturating() {}

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        for (String p : new String[] {"SIMD_3same_hq", "SIMD_3same_rh", "SIMD_3same_hqsub", "SIMD_3same_qshl",
                "SIMD_3same_rshl", "SIMD_3same_abd", "SIMD_3same_pmul", "SIMD_3same_dmulh",
                "SIMD_s3same_q", "SIMD_s3same_qsub", "SIMD_s3same_qshl", "SIMD_s3same_rshl", "SIMD_s3same_dmulh"}) {
            h.on(p, SimdSaturating::threeSame);
        }
        for (String p : new String[] {"SIMD_2misc_addlp", "SIMD_2misc_adalp", "SIMD_2misc_narrow", "SIMD_2misc_qxtn",
                "SIMD_2misc_estimate", "SIMD_s2misc_sqadd", "SIMD_s2misc_sqabs", "SIMD_s2misc_narrow",
                "SIMD_s2misc_qxtn"}) {
            h.on(p, SimdSaturating::twoMisc);
        }
        for (String p : new String[] {"SIMD_shimm_sra", "SIMD_shimm_rshr", "SIMD_shimm_insert", "SIMD_shimm_sqshlu",
                "SIMD_shimm_qshl", "SIMD_shimm_sqshrun", "SIMD_shimm_rshrn", "SIMD_shimm_qshrn",
                "SIMD_sshimm_sra", "SIMD_sshimm_rshr", "SIMD_sshimm_insert", "SIMD_sshimm_sqshlu",
                "SIMD_sshimm_qshl", "SIMD_sshimm_sqshrun", "SIMD_sshimm_rshrn", "SIMD_sshimm_qshrn"}) {
            h.on(p, SimdSaturating::shiftImmediate);
        }
    }

    /** bit 28: the AdvSIMD scalar encodings. */
    static boolean scalar(A64Ctx c) {
        return (c.insn >>> 28 & 1) != 0;
    }

    // ---------------------------------------------------------------- three same

    private static void threeSame(A64Ctx c, long[] a) {
        boolean sc = scalar(c), q = !sc && a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], opcode = (int) a[SIMDOP], rd = (int) a[RD];
        int op = switch (opcode) {
            case 0x00 -> u ? UHADD : SHADD;
            case 0x01 -> u ? UQADD : SQADD;
            case 0x02 -> u ? URHADD : SRHADD;
            case 0x04 -> u ? UHSUB : SHSUB;
            case 0x05 -> u ? UQSUB : SQSUB;
            case 0x09 -> u ? UQSHL : SQSHL;
            case 0x0a -> u ? URSHL : SRSHL;
            case 0x0b -> u ? UQRSHL : SQRSHL;
            case 0x0e, 0x0f -> u ? UABD : SABD;
            case 0x13 -> PMUL;
            default -> u ? SQRDMULH : SQDMULH; // 0x16
        };
        boolean sizeOk = switch (op) {
            case SHADD, UHADD, SRHADD, URHADD, SHSUB, UHSUB, SABD, UABD -> !sc && size != 3;
            case PMUL -> !sc && size == 0;
            case SQDMULH, SQRDMULH -> size == 1 || size == 2;
            case SRSHL, URSHL -> !sc || size == 3;
            default -> true;
        };
        if (!sizeOk || (!sc && size == 3 && !q)) {
            c.sigill();
            return;
        }
        if (sc) {
            Val r = lanes(c, op, size, scalarLane(c, (int) a[RN], size), scalarLane(c, (int) a[RM], size));
            scalarResult(c, rd, size, r);
            return;
        }
        Val[] n = halves(c, (int) a[RN], q), m = halves(c, (int) a[RM], q);
        Val[] d = opcode == 0x0f ? halves(c, rd, q) : null;
        Val[] r = new Val[2];
        for (int i = 0; i < (q ? 2 : 1); i++) {
            r[i] = lanes(c, op, size, n[i], m[i]);
            if (d != null) { // SABA/UABA accumulate
                r[i] = plain(c, SimdHelpers.ADD, size, d[i], r[i]);
            }
        }
        write(c, rd, q, r[0], r[1]);
    }

    // ---------------------------------------------------------------- two-register misc

    private static void twoMisc(A64Ctx c, long[] a) {
        boolean sc = scalar(c), q = !sc && a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], opcode = (int) a[MISC], rd = (int) a[RD], rn = (int) a[RN];
        switch (opcode) {
            case 0x02, 0x06 -> { // SADDLP/UADDLP, SADALP/UADALP
                if (size == 3) {
                    c.sigill();
                    return;
                }
                Val[] n = halves(c, rn, q), d = opcode == 6 ? halves(c, rd, q) : null;
                Val[] r = new Val[2];
                for (int i = 0; i < (q ? 2 : 1); i++) {
                    r[i] = c.b.callValue(ADD_PAIRS_LONG, i32(c, size), n[i], i32(c, u ? 0 : 1));
                    if (d != null) {
                        r[i] = plain(c, SimdHelpers.ADD, size + 1, d[i], r[i]);
                    }
                }
                write(c, rd, q, r[0], r[1]);
            }
            case 0x03, 0x07 -> { // SUQADD/USQADD (Vd += Vn), SQABS/SQNEG
                if (!sc && size == 3 && !q) {
                    c.sigill();
                    return;
                }
                int op = opcode == 3 ? (u ? USQADD : SUQADD) : (u ? SQNEG : SQABS);
                if (sc) {
                    Val n = scalarLane(c, rn, size), d = opcode == 3 ? scalarLane(c, rd, size) : n;
                    scalarResult(c, rd, size, opcode == 3 ? lanes(c, op, size, d, n) : lanes(c, op, size, n, n));
                    return;
                }
                Val[] n = halves(c, rn, q), d = opcode == 3 ? halves(c, rd, q) : n;
                Val lo = lanes(c, op, size, d[0], n[0]);
                Val hi = q ? lanes(c, op, size, d[1], n[1]) : null;
                write(c, rd, q, lo, hi);
            }
            case 0x12, 0x14 -> { // SQXTUN (u = 1; u = 0 is XTN), SQXTN/UQXTN
                if (size == 3) {
                    c.sigill();
                    return;
                }
                int kind = opcode == 0x12 ? SRC_SIGNED | SAT_UNSIGNED : u ? SAT_UNSIGNED : SRC_SIGNED | SAT_SIGNED;
                if (sc) {
                    scalarResult(c, rd, size, narrow(c, kind, size, scalarLane(c, rn, size + 1), c.c(0), 0));
                    return;
                }
                Val r = narrow(c, kind, size, c.b.mov(c.vlo(rn)), c.b.mov(c.vhi(rn)), 0);
                narrowResult(c, rd, a[Q] != 0, r);
            }
            case 0x13 -> { // SHLL, SHLL2: widen and shift left by the lane size
                if (size == 3) {
                    c.sigill();
                    return;
                }
                Val src = c.b.mov(a[Q] != 0 ? c.vhi(rn) : c.vlo(rn));
                Val[] r = new Val[2];
                for (int part = 0; part < 2; part++) {
                    r[part] = c.b.callValue(WIDEN, i32(c, size), src, i32(c, part), i32(c, 0), i32(c, 8 << size));
                }
                c.setV(rd, r[0], r[1]);
            }
            default -> { // 0x1c: URECPE (u = 0), URSQRTE (u = 1), 32-bit lanes only
                if (size != 2) {
                    c.sigill();
                    return;
                }
                Val[] n = halves(c, rn, q);
                Val lo = c.b.callValue(ESTIMATE, n[0], i32(c, u ? 1 : 0));
                Val hi = q ? c.b.callValue(ESTIMATE, n[1], i32(c, u ? 1 : 0)) : null;
                write(c, rd, q, lo, hi);
            }
        }
    }

    // ---------------------------------------------------------------- shifts by immediate

    private static void shiftImmediate(A64Ctx c, long[] a) {
        boolean sc = scalar(c), q = !sc && a[Q] != 0, u = a[U] != 0;
        int immh = (int) a[IMMH], opcode = (int) a[SHOP], rd = (int) a[RD], rn = (int) a[RN];
        if (immh == 0) {
            c.sigill();
            return;
        }
        int esize = 31 - Integer.numberOfLeadingZeros(immh);
        int immhb = immh << 3 | (int) a[IMMB];
        int bits = 8 << esize;
        int right = 2 * bits - immhb, left = immhb - bits;
        if (opcode >= 0x10) {
            narrowingShift(c, a, sc, u, esize, opcode, right);
            return;
        }
        boolean anySize = opcode >= 0x0c; // the saturating left shifts also have B, H, S scalar forms
        if ((!sc && esize == 3 && !q) || (sc && !anySize && esize != 3)) {
            c.sigill();
            return;
        }
        Val[] n = sc ? new Val[] {scalarLane(c, rn, esize), null} : halves(c, rn, q);
        Val[] d = sc ? new Val[] {scalarLane(c, rd, esize), null} : halves(c, rd, q);
        Val[] r = new Val[2];
        for (int i = 0; i < (q ? 2 : 1); i++) {
            r[i] = switch (opcode) {
                case 0x02 -> plain(c, SimdHelpers.ADD, esize, d[i], shiftImm(c, u ? 1 : 0, esize, n[i], right)); // SSRA/USRA
                case 0x04, 0x06 -> { // SRSHR/URSHR, SRSRA/URSRA
                    Val s = lanes(c, u ? URSHL : SRSHL, esize, n[i], replicated(c, esize, -right));
                    yield opcode == 0x06 ? plain(c, SimdHelpers.ADD, esize, d[i], s) : s;
                }
                case 0x08, 0x0a -> { // SRI, SLI (u = 1); SHL is SimdOps
                    yield c.b.callValue(SHIFT_INSERT, i32(c, esize), d[i], n[i],
                            i32(c, opcode == 0x0a ? left : right), i32(c, opcode == 0x0a ? 1 : 0));
                }
                case 0x0c -> lanes(c, SQSHLU, esize, n[i], replicated(c, esize, left));
                default -> lanes(c, u ? UQSHL : SQSHL, esize, n[i], replicated(c, esize, left)); // 0x0e
            };
        }
        if (sc) {
            scalarResult(c, rd, esize, r[0]);
        } else {
            write(c, rd, q, r[0], r[1]);
        }
    }

    /** SQSHRUN (0x10, u = 1), RSHRN/SQRSHRUN (0x11), SQSHRN/UQSHRN (0x12), SQRSHRN/UQRSHRN (0x13). */
    private static void narrowingShift(A64Ctx c, long[] a, boolean sc, boolean u, int esize, int opcode, int right) {
        int rd = (int) a[RD], rn = (int) a[RN];
        boolean round = (opcode & 1) != 0;
        int kind;
        if (opcode <= 0x11) {
            kind = u ? SRC_SIGNED | SAT_UNSIGNED : 0; // SQ[R]SHRUN, RSHRN
        } else {
            kind = u ? SAT_UNSIGNED : SRC_SIGNED | SAT_SIGNED;
        }
        if (round) {
            kind |= ROUND;
        }
        if (esize == 3 || (sc && kind == ROUND)) { // no D narrow; RSHRN has no scalar form
            c.sigill();
            return;
        }
        if (sc) {
            scalarResult(c, rd, esize, narrow(c, kind, esize, scalarLane(c, rn, esize + 1), c.c(0), right));
            return;
        }
        Val r = narrow(c, kind, esize, c.b.mov(c.vlo(rn)), c.b.mov(c.vhi(rn)), right);
        narrowResult(c, rd, a[Q] != 0, r);
    }
}
