package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * AdvSIMD integer arithmetic: three-same, two-register misc,
 * across lanes, shifts by immediate, modified immediates, permutes, ext, tbl/tbx. Bitwise ops are
 * IR on the two 64-bit halves; lane arithmetic calls {@link SimdHelpers}. A 64-bit (Q = 0) result
 * clears the high half. Loads, stores and register moves are {@link SimdMoves} and {@link SimdStructLoads};
 * the saturating, rounding and widening forms {@link SimdSaturating} and {@link SimdWidening}; the FP rows
 * of these groups are {@link SimdFpArith} and {@link SimdFpMisc} (their patterns come first in the decode groups).
 */
final class SimdOps {
    private SimdOps() {}

    private static final int P = HelperRef.PURE;
    private static final HelperRef BINARY = HelperRef.of(SimdHelpers.class, "binary", P);
    private static final HelperRef UNARY = HelperRef.of(SimdHelpers.class, "unary", P);
    private static final HelperRef REVERSE = HelperRef.of(SimdHelpers.class, "reverse", P);
    private static final HelperRef PAIRWISE = HelperRef.of(SimdHelpers.class, "pairwise", P);
    private static final HelperRef ACROSS = HelperRef.of(SimdHelpers.class, "across", P);
    private static final HelperRef ADDLV = HelperRef.of(SimdHelpers.class, "addLongAcross", P);
    private static final HelperRef NARROW = HelperRef.of(SimdHelpers.class, "narrow", P);
    private static final HelperRef WIDEN = HelperRef.of(SimdHelpers.class, "widen", P);
    private static final HelperRef PERMUTE = HelperRef.of(SimdHelpers.class, "permute", P);
    private static final HelperRef TBL = HelperRef.of(SimdHelpers.class, "tableLookup", P);
    private static final HelperRef PAIRWISE_BYTES = HelperRef.of(SimdSwar.class, "pairwiseBytes", P);
    private static final HelperRef NARROW_BYTES = HelperRef.of(SimdSwar.class, "narrowBytes", P);
    private static final HelperRef NARROW_HALVES = HelperRef.of(SimdSwar.class, "narrowHalves", P);

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("SIMD_3same", SimdOps::threeSame);
        h.on("SIMD_s3same", SimdOps::threeSame);
        h.on("SIMD_2misc", SimdOps::twoMisc);
        h.on("SIMD_s2misc", SimdOps::twoMisc);
        h.on("SIMD_across", SimdOps::across);
        h.on("SIMD_perm", SimdOps::permute);
        h.on("SIMD_ext", SimdOps::ext);
        h.on("SIMD_tbl", SimdOps::tbl);
        h.on("SIMD_modimm", SimdOps::modifiedImmediate);
        h.on("SIMD_shimm", SimdOps::shiftImmediate);
        h.on("SIMD_sshimm", SimdOps::shiftImmediate);
        h.on("SIMD_saddp", (c, a) -> {
            int n = (int) a[RN];
            c.setVlo((int) a[RD], c.b.add(c.b.mov(c.vlo(n)), c.b.mov(c.vhi(n))));
        });
    }

    /** ftype and vsize are the same bits; the slot is looked up once. */
    private static final int V_FTYPE = A64Table.TABLE.slot("ftype");
    static final int Q = A64Table.TABLE.slot("q"), U = A64Table.TABLE.slot("u"), VSIZE = A64Table.TABLE.slot("vsize"),
            SIMDOP = A64Table.TABLE.slot("simdop"), MISC = A64Table.TABLE.slot("misc"), DIFFOP = A64Table.TABLE.slot("diffop"),
            IMMH = A64Table.TABLE.slot("immh"), IMMB = A64Table.TABLE.slot("immb"), SHOP = A64Table.TABLE.slot("shop"),
            TLEN = A64Table.TABLE.slot("tlen"), TBX = A64Table.TABLE.slot("tbx"), PERM = A64Table.TABLE.slot("perm"),
            IMM8 = A64Table.TABLE.slot("imm8"), ABC = A64Table.TABLE.slot("abc"), CMODE = A64Table.TABLE.slot("cmode"),
            DEFGH = A64Table.TABLE.slot("defgh"), IMM4 = A64Table.TABLE.slot("imm4"), LSOPCODE = A64Table.TABLE.slot("lsopcode"),
            LSSIZE = A64Table.TABLE.slot("lssize"), POST = A64Table.TABLE.slot("post"), FTYPE = A64Table.TABLE.slot("ftype"),
            RMODE = A64Table.TABLE.slot("rmode"), FOP = A64Table.TABLE.slot("fop");

    static Val i32(A64Ctx c, long v) {
        return c.b.const32((int) v);
    }

    /** Writes a vector result: both halves, or the low half and zero when !q. */
    static void write(A64Ctx c, int rd, boolean q, Val lo, Val hi) {
        if (q) {
            c.setV(rd, lo, hi);
        } else {
            c.setVlo(rd, lo);
        }
    }

    // ---------------------------------------------------------------- arithmetic

    static Val[] halves(A64Ctx c, int n, boolean q) {
        return new Val[] {c.b.mov(c.vlo(n)), q ? c.b.mov(c.vhi(n)) : c.c(0)};
    }

    private static void threeSame(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], op = (int) a[SIMDOP], rd = (int) a[RD];
        boolean scalarForm = c.insn >>> 28 == 5 || c.insn >>> 28 == 7; // bits 31..30 = 01 and bit 28 = 1
        if (scalarForm && op == 3) { // the logical ops have no scalar form
            c.sigill();
            return;
        }
        Val[] n = halves(c, (int) a[RN], q), m = halves(c, (int) a[RM], q);
        if (op == 3) { // logical
            Val[] r = new Val[2];
            Val[] d = halves(c, rd, q);
            for (int i = 0; i < 2; i++) {
                r[i] = switch ((u ? 4 : 0) + size) {
                    case 0 -> c.b.and(n[i], m[i]);
                    case 1 -> c.b.andc(n[i], m[i]);
                    case 2 -> c.b.or(n[i], m[i]);
                    case 3 -> c.b.orc(n[i], m[i]);
                    case 4 -> c.b.xor(n[i], m[i]);
                    case 5 -> c.b.xor(m[i], c.b.and(c.b.xor(m[i], n[i]), d[i])); // BSL
                    case 6 -> c.b.xor(d[i], c.b.and(c.b.xor(d[i], n[i]), m[i])); // BIT
                    default -> c.b.xor(d[i], c.b.andc(c.b.xor(d[i], n[i]), m[i])); // BIF
                };
            }
            write(c, rd, q, r[0], q ? r[1] : null);
            return;
        }
        int lane = switch (op) {
            case 0x10 -> u ? SimdHelpers.SUB : SimdHelpers.ADD;
            case 0x11 -> u ? SimdHelpers.CMEQ : SimdHelpers.CMTST;
            case 0x06 -> u ? SimdHelpers.CMHI : SimdHelpers.CMGT;
            case 0x07 -> u ? SimdHelpers.CMHS : SimdHelpers.CMGE;
            case 0x0c -> size == 3 || scalarForm ? -1 : u ? SimdHelpers.UMAX : SimdHelpers.SMAX; // no 64-bit lanes
            case 0x0d -> size == 3 || scalarForm ? -1 : u ? SimdHelpers.UMIN : SimdHelpers.SMIN;
            case 0x13 -> u || size == 3 ? -1 : SimdHelpers.MUL;
            case 0x08 -> u ? SimdHelpers.USHL : SimdHelpers.SSHL;
            default -> -1;
        };
        int pairwise = switch (op) {
            case 0x14 -> u ? SimdHelpers.UMAX : SimdHelpers.SMAX;
            case 0x15 -> u ? SimdHelpers.UMIN : SimdHelpers.SMIN;
            case 0x17 -> u ? -1 : SimdHelpers.ADD;
            default -> -1;
        };
        if (pairwise >= 0 && !scalarForm && !(size == 3 && !q) && !(pairwise != SimdHelpers.ADD && size == 3)) {
            Val lo, hi;
            if (q) {
                lo = pairwise(c, pairwise, size, n[0], n[1]);
                hi = pairwise(c, pairwise, size, m[0], m[1]);
            } else {
                lo = pairwise(c, pairwise, size, n[0], m[0]);
                hi = null;
            }
            write(c, rd, q, lo, hi);
            return;
        }
        if (op == 0x12 && size != 3 && !scalarForm) { // MLA, MLS
            Val[] d = halves(c, rd, q);
            Val[] r = new Val[2];
            for (int i = 0; i < (q ? 2 : 1); i++) {
                Val p = c.b.callValue(BINARY, i32(c, SimdHelpers.MUL), i32(c, size), n[i], m[i]);
                r[i] = SimdIntEmit.addSub(c, u, size, d[i], p);
            }
            write(c, rd, q, r[0], r[1]);
            return;
        }
        if (lane < 0 || (size == 3 && !q && !scalarForm) || (scalarForm && size != 3)) {
            c.sigill();
            return;
        }
        Val lo = SimdIntEmit.plain(c, lane, size, n[0], m[0]);
        Val hi = q ? SimdIntEmit.plain(c, lane, size, n[1], m[1]) : null;
        write(c, rd, q, lo, hi);
    }

    /** A pairwise op on two 64-bit halves: word-at-a-time for bytes (UMAXP/UMINP/ADDP .16b in glibc's string loops). */
    private static Val pairwise(A64Ctx c, int op, int size, Val x, Val y) {
        if (size == 0 && (op == SimdHelpers.ADD || op == SimdHelpers.UMAX || op == SimdHelpers.UMIN)) {
            return c.b.callValue(PAIRWISE_BYTES, i32(c, op), x, y);
        }
        return c.b.callValue(PAIRWISE, i32(c, op), i32(c, size), x, y);
    }

    /** XTN/SHRN's 64-bit result from the wide lanes lo:hi (size: the narrow lanes' esize; shift within a wide lane's upper half). */
    private static Val narrow(A64Ctx c, int size, Val lo, Val hi, int shift) {
        return switch (size) {
            case 0 -> c.b.callValue(NARROW_BYTES, lo, hi, i32(c, shift));
            case 1 -> c.b.callValue(NARROW_HALVES, lo, hi, i32(c, shift));
            default -> c.b.callValue(NARROW, i32(c, size), lo, hi, i32(c, shift));
        };
    }

    private static void twoMisc(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], op = (int) a[MISC], rd = (int) a[RD];
        boolean scalarForm = (c.insn >>> 28 & 1) != 0;
        Val[] n = halves(c, (int) a[RN], q);
        if (op == 0x12 && !u && !scalarForm) { // XTN, XTN2
            if (size == 3) {
                c.sigill();
                return;
            }
            Val src = c.b.mov(c.vlo((int) a[RN])), srcHi = c.b.mov(c.vhi((int) a[RN]));
            Val r = narrow(c, size, src, srcHi, 0);
            narrowResult(c, rd, q, r);
            return;
        }
        if (op == 5 && u && size <= 1 && !scalarForm) { // NOT (size 0), RBIT (size 1)
            Val lo = size == 0 ? c.b.not(n[0]) : c.b.callValue(UNARY, i32(c, SimdHelpers.RBIT), i32(c, 0), n[0]);
            Val hi = q ? (size == 0 ? c.b.not(n[1]) : c.b.callValue(UNARY, i32(c, SimdHelpers.RBIT), i32(c, 0), n[1])) : null;
            write(c, rd, q, lo, hi);
            return;
        }
        if ((op == 0 || op == 1) && !scalarForm) { // REV64, REV32, REV16
            int container = op == 1 ? 16 : u ? 32 : 64;
            if ((8 << size) >= container || (op == 1 && u)) { // U = 1 with opcode 1 is unallocated
                c.sigill();
                return;
            }
            Val lo = c.b.callValue(REVERSE, i32(c, container), i32(c, size), n[0]);
            Val hi = q ? c.b.callValue(REVERSE, i32(c, container), i32(c, size), n[1]) : null;
            write(c, rd, q, lo, hi);
            return;
        }
        int lane = switch (op) {
            case 0x09 -> u ? SimdHelpers.CMLE0 : SimdHelpers.CMEQ0;
            case 0x08 -> u ? SimdHelpers.CMGE0 : SimdHelpers.CMGT0;
            case 0x0a -> u ? -1 : SimdHelpers.CMLT0;
            case 0x0b -> u ? SimdHelpers.NEG : SimdHelpers.ABS;
            case 0x05 -> !u && size == 0 ? SimdHelpers.CNT : -1;
            case 0x04 -> size == 3 ? -1 : u ? SimdHelpers.CLZ : SimdHelpers.CLS;
            default -> -1;
        };
        if (lane < 0 || (size == 3 && !q && !scalarForm) || (scalarForm && (size != 3 || lane == SimdHelpers.CNT
                || lane == SimdHelpers.CLZ || lane == SimdHelpers.CLS))) {
            c.sigill();
            return;
        }
        Val lo = unary(c, lane, size, n[0]);
        Val hi = q ? unary(c, lane, size, n[1]) : null;
        write(c, rd, q, lo, hi);
    }

    /** A unary lane op on one 64-bit half; CMEQ #0 (glibc's string loops) word-at-a-time. */
    private static Val unary(A64Ctx c, int lane, int size, Val x) {
        if (lane == SimdHelpers.CMEQ0) {
            return SimdIntEmit.compareEqual(c, size, x, c.c(0));
        }
        return c.b.callValue(UNARY, i32(c, lane), i32(c, size), x);
    }

    /** A narrowing op's 64-bit result: to the low half (clearing the high) or, for the "2" form, to the high half. */
    private static void narrowResult(A64Ctx c, int rd, boolean q, Val r) {
        if (q) {
            c.b.mov(c.vhi(rd), r);
        } else {
            c.setVlo(rd, r);
        }
    }

    private static void across(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int size = (int) a[VSIZE], op = (int) a[MISC];
        if (size == 3 || (size == 2 && !q)) {
            c.sigill();
            return;
        }
        Val[] n = halves(c, (int) a[RN], q);
        Val r;
        if (op == 3) { // SADDLV / UADDLV
            r = c.b.callValue(ADDLV, i32(c, size), n[0], n[1], i32(c, q ? 1 : 0), i32(c, u ? 0 : 1));
        } else {
            int lane = switch (op) {
                case 0x1b -> u ? -1 : SimdHelpers.ADD;
                case 0x0a -> u ? SimdHelpers.UMAX : SimdHelpers.SMAX;
                case 0x1a -> u ? SimdHelpers.UMIN : SimdHelpers.SMIN;
                default -> -1;
            };
            if (lane < 0) {
                c.sigill();
                return;
            }
            r = c.b.callValue(ACROSS, i32(c, lane), i32(c, size), n[0], n[1], i32(c, q ? 1 : 0));
        }
        c.setVlo((int) a[RD], r);
    }

    private static void permute(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0;
        int size = (int) a[VSIZE], perm = (int) a[PERM];
        if (perm == 0 || perm == 4 || (size == 3 && !q)) {
            c.sigill();
            return;
        }
        Val[] n = halves(c, (int) a[RN], q), m = halves(c, (int) a[RM], q);
        Val lo = c.b.callValue(PERMUTE, i32(c, perm), i32(c, size), n[0], n[1], m[0], m[1], i32(c, q ? 1 : 0), i32(c, 0));
        Val hi = q ? c.b.callValue(PERMUTE, i32(c, perm), i32(c, size), n[0], n[1], m[0], m[1], i32(c, 1), i32(c, 1)) : null;
        write(c, (int) a[RD], q, lo, hi);
    }

    /** EXT: bytes imm4.. of the concatenation Vm:Vn (Vn lowest). */
    private static void ext(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0;
        int pos = (int) a[IMM4];
        if (!q && pos >= 8) {
            c.sigill();
            return;
        }
        Val[] n = halves(c, (int) a[RN], q), m = halves(c, (int) a[RM], q);
        Val[] bytes = q ? new Val[] {n[0], n[1], m[0], m[1]} : new Val[] {n[0], m[0]};
        Val lo = window(c, bytes, pos);
        Val hi = q ? window(c, bytes, pos + 8) : null;
        write(c, (int) a[RD], q, lo, hi);
    }

    /** 8 bytes starting at byte pos of the little-endian concatenation of words. */
    private static Val window(A64Ctx c, Val[] words, int pos) {
        int w = pos / 8, sh = (pos % 8) * 8;
        if (sh == 0) {
            return c.b.mov(words[w]);
        }
        return c.b.or(c.b.shr(words[w], c.c(sh)), c.b.shl(words[w + 1], c.c(64 - sh)));
    }

    private static void tbl(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0;
        int nregs = (int) a[TLEN] + 1, rn = (int) a[RN], rd = (int) a[RD];
        Val[] args = new Val[12];
        Val[] idx = halves(c, (int) a[RM], q);
        Val[] old = halves(c, rd, q);
        for (int i = 0; i < 4; i++) {
            int r = (rn + i) & 31;
            boolean used = i < nregs;
            args[2 + 2 * i] = used ? c.b.mov(c.vlo(r)) : c.c(0);
            args[3 + 2 * i] = used ? c.b.mov(c.vhi(r)) : c.c(0);
        }
        args[10] = i32(c, nregs);
        args[11] = i32(c, a[TBX]);
        Val[] r = new Val[2];
        for (int h = 0; h < (q ? 2 : 1); h++) {
            args[0] = idx[h];
            args[1] = old[h];
            r[h] = c.b.callValue(TBL, args.clone());
        }
        write(c, rd, q, r[0], r[1]);
    }

    private static void modifiedImmediate(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0;
        int op = (int) a[U], cmode = (int) a[CMODE];
        int imm8 = (int) (a[ABC] << 5 | a[DEFGH]);
        if (cmode == 15 && op == 1 && !q) {
            c.sigill(); // FMOV (vector, double) needs Q = 1
            return;
        }
        long imm = SimdHelpers.expandImm(op, cmode, imm8);
        int rd = (int) a[RD];
        boolean orrBic = cmode < 12 && (cmode & 1) == 1;
        if (orrBic) {
            Val[] d = halves(c, rd, q);
            long k = op == 1 ? ~imm : imm;
            Val lo = op == 1 ? c.b.and(d[0], c.c(k)) : c.b.or(d[0], c.c(k));
            Val hi = q ? (op == 1 ? c.b.and(d[1], c.c(k)) : c.b.or(d[1], c.c(k))) : null;
            write(c, rd, q, lo, hi);
            return;
        }
        boolean mvni = op == 1 && cmode < 14;
        long v = mvni ? ~imm : imm;
        write(c, rd, q, c.c(v), c.c(v));
    }

    private static void shiftImmediate(A64Ctx c, long[] a) {
        boolean q = a[Q] != 0, u = a[U] != 0;
        int immh = (int) a[IMMH], op = (int) a[SHOP], rd = (int) a[RD];
        int esize = 31 - Integer.numberOfLeadingZeros(immh); // highest set bit of immh
        int immhb = immh << 3 | (int) a[IMMB];
        int bits = 8 << esize;
        int right = 2 * bits - immhb, left = immhb - bits;
        Val[] n = halves(c, (int) a[RN], q);
        if ((c.insn >>> 28 & 1) != 0) { // scalar: D lanes only, SSHR/USHR/SHL
            if (esize != 3 || (op != 0x00 && op != 0x0a) || (op == 0x0a && u)) {
                c.sigill();
                return;
            }
            int kind = op == 0x0a ? 2 : u ? 1 : 0;
            c.setVlo(rd, SimdIntEmit.shiftImm(c, kind, 3, n[0], op == 0x0a ? left : right));
            return;
        }
        switch (op) {
            case 0x00, 0x0a -> { // SSHR/USHR, SHL
                if ((esize == 3 && !q) || (op == 0x0a && u)) {
                    c.sigill();
                    return;
                }
                int kind = op == 0x0a ? 2 : u ? 1 : 0;
                int amount = op == 0x0a ? left : right;
                Val lo = SimdIntEmit.shiftImm(c, kind, esize, n[0], amount);
                Val hi = q ? SimdIntEmit.shiftImm(c, kind, esize, n[1], amount) : null;
                write(c, rd, q, lo, hi);
            }
            case 0x10 -> { // SHRN, SHRN2 (u = 1, SQSHRUN, is decoded to SimdSaturating first)
                if (esize == 3 || u) {
                    c.sigill();
                    return;
                }
                Val lo = c.b.mov(c.vlo((int) a[RN])), hi = c.b.mov(c.vhi((int) a[RN]));
                // immh's top bit gives the narrow size: the source lanes are twice as wide
                Val r = narrow(c, esize, lo, hi, right);
                narrowResult(c, rd, q, r);
            }
            case 0x14 -> { // SSHLL/USHLL (SXTL/UXTL), and the "2" forms
                if (esize == 3) {
                    c.sigill();
                    return;
                }
                Val src = c.b.mov(q ? c.vhi((int) a[RN]) : c.vlo((int) a[RN]));
                Val lo = c.b.callValue(WIDEN, i32(c, esize), src, i32(c, 0), i32(c, u ? 0 : 1), i32(c, left));
                Val hi = c.b.callValue(WIDEN, i32(c, esize), src, i32(c, 1), i32(c, u ? 0 : 1), i32(c, left));
                c.setV(rd, lo, hi);
            }
            default -> c.sigill();
        }
    }

}
