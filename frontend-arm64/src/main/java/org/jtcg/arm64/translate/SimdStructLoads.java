package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;
import static org.jtcg.arm64.translate.SimdOps.*;

/**
 * AdvSIMD structure loads and stores: LD1-LD4/ST1-ST4 multiple structures (LD1/ST1 with 1-4
 * registers, LD2-LD4/ST2-ST4 interleaving 2-4 registers), single structures (one lane of 1-4
 * registers) and LD1R-LD4R (one structure replicated to every lane), each with post-index by
 * the transfer size (Rm = 31) or by a register. All loads happen before any register is written,
 * so a fault leaves the registers as they were.
 */
final class SimdStructLoads {
    private SimdStructLoads() {}

    private static final int P = HelperRef.PURE;
    private static final HelperRef DEINTERLEAVE = HelperRef.of(SimdStructLanes.class, "deinterleave", P);
    private static final HelperRef INTERLEAVE = HelperRef.of(SimdStructLanes.class, "interleave", P);
    private static final int NREG = TABLE.slot("nreg"), SSOP = TABLE.slot("ssop"),
            SBIT = TABLE.slot("sbit");

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("SIMD_ldst_multi", SimdStructLoads::multiple);
        h.on("SIMD_ldst_multi_post", SimdStructLoads::multiple);
        h.on("SIMD_ldst_single", SimdStructLoads::single);
        h.on("SIMD_ldst_single_post", SimdStructLoads::single);
    }

    /** Multiple structures: opcode gives (registers, structure elements). */
    private static void multiple(A64Ctx c, long[] a) {
        int regs, selem;
        switch ((int) a[LSOPCODE]) {
            case 0 -> { regs = 4; selem = 4; }
            case 2 -> { regs = 4; selem = 1; }
            case 4 -> { regs = 3; selem = 3; }
            case 6 -> { regs = 3; selem = 1; }
            case 7 -> { regs = 1; selem = 1; }
            case 8 -> { regs = 2; selem = 2; }
            case 10 -> { regs = 2; selem = 1; }
            default -> {
                c.sigill();
                return;
            }
        }
        boolean q = a[Q] != 0, load = a[L] != 0;
        int esize = (int) a[LSSIZE];
        if (esize == 3 && !q && selem > 1) { // LD2-4/ST2-4 .1d is reserved
            c.sigill();
            return;
        }
        int bytes = q ? 16 : 8, rt = (int) a[RD];
        Val base = c.xsp((int) a[RN]);
        if (selem == 1) {
            contiguous(c, base, rt, regs, q, load);
        } else if (load) {
            int words = selem * bytes / 8;
            Val[] args = new Val[12];
            for (int i = 0; i < 8; i++) {
                args[4 + i] = i < words ? c.load(c.b.add(base, c.c(8L * i)), 8, false) : c.c(0);
            }
            Val[] lo = new Val[selem], hi = new Val[selem];
            for (int s = 0; s < selem; s++) {
                lo[s] = deinterleave(c, args, esize, selem, s, 0);
                hi[s] = q ? deinterleave(c, args, esize, selem, s, 1) : null;
            }
            for (int s = 0; s < selem; s++) {
                write(c, (rt + s) & 31, q, lo[s], hi[s]);
            }
        } else {
            Val[] args = new Val[11];
            for (int s = 0; s < 4; s++) {
                int r = (rt + s) & 31;
                args[3 + 2 * s] = s < selem ? c.b.mov(c.vlo(r)) : c.c(0);
                args[4 + 2 * s] = s < selem && q ? c.b.mov(c.vhi(r)) : c.c(0);
            }
            for (int i = 0; i < selem * bytes / 8; i++) {
                args[0] = i32(c, esize);
                args[1] = i32(c, selem);
                args[2] = i32(c, i);
                c.store(c.b.callValue(INTERLEAVE, args.clone()), c.b.add(base, c.c(8L * i)), 8);
            }
        }
        postIndex(c, a, base, (long) regs * bytes);
    }

    private static Val deinterleave(A64Ctx c, Val[] args, int esize, int selem, int reg, int part) {
        Val[] x = args.clone();
        x[0] = i32(c, esize);
        x[1] = i32(c, selem);
        x[2] = i32(c, reg);
        x[3] = i32(c, part);
        return c.b.callValue(DEINTERLEAVE, x);
    }

    /** LD1/ST1 of whole registers: consecutive 8- or 16-byte blocks. */
    private static void contiguous(A64Ctx c, Val base, int rt, int regs, boolean q, boolean load) {
        int bytes = q ? 16 : 8;
        if (load) {
            Val[] lo = new Val[regs], hi = new Val[regs];
            for (int i = 0; i < regs; i++) {
                Val addr = c.b.add(base, c.c((long) i * bytes));
                lo[i] = c.load(addr, 8, false);
                hi[i] = q ? c.load(c.b.add(addr, c.c(8)), 8, false) : null;
            }
            for (int i = 0; i < regs; i++) {
                write(c, (rt + i) & 31, q, lo[i], hi[i]);
            }
            return;
        }
        for (int i = 0; i < regs; i++) {
            int r = (rt + i) & 31;
            Val addr = c.b.add(base, c.c((long) i * bytes));
            c.store(c.b.mov(c.vlo(r)), addr, 8);
            if (q) {
                c.store(c.b.mov(c.vhi(r)), c.b.add(addr, c.c(8)), 8);
            }
        }
    }

    /**
     * Single structure: opcode<2:1> is the lane size (3 = replicate, LDnR), opcode<0>:R + 1 the
     * number of registers; the lane index is Q:S:size with the bits the lane size leaves.
     */
    private static void single(A64Ctx c, long[] a) {
        int opc = (int) a[SSOP], s = (int) a[SBIT], size = (int) a[LSSIZE];
        boolean q = a[Q] != 0, load = a[L] != 0;
        int q1 = q ? 1 : 0;
        int selem = ((opc & 1) << 1 | (int) a[NREG]) + 1;
        int scale = opc >> 1, index = 0;
        boolean replicate = false;
        switch (scale) {
            case 0 -> index = q1 << 3 | s << 2 | size;
            case 1 -> {
                if ((size & 1) != 0) {
                    c.sigill();
                    return;
                }
                index = q1 << 2 | s << 1 | size >> 1;
            }
            case 2 -> {
                if ((size & 2) != 0 || ((size & 1) != 0 && s != 0)) {
                    c.sigill();
                    return;
                }
                if ((size & 1) == 0) {
                    index = q1 << 1 | s;
                } else {
                    scale = 3;
                    index = q1;
                }
            }
            default -> {
                if (!load || s != 0) {
                    c.sigill();
                    return;
                }
                replicate = true;
                scale = size;
            }
        }
        int ebytes = 1 << scale, rt = (int) a[RD];
        Val base = c.xsp((int) a[RN]);
        if (load) {
            Val[] v = new Val[selem];
            for (int i = 0; i < selem; i++) {
                v[i] = c.load(c.b.add(base, c.c((long) i * ebytes)), ebytes, false);
            }
            for (int i = 0; i < selem; i++) {
                int r = (rt + i) & 31;
                if (replicate) {
                    Val rep = c.b.mul(v[i], c.c(SimdMoves.replicator(scale)));
                    write(c, r, q, rep, rep);
                } else {
                    SimdMoves.insert(c, r, scale, index, v[i]);
                }
            }
        } else {
            for (int i = 0; i < selem; i++) {
                Val e = SimdMoves.element(c, (rt + i) & 31, scale, index);
                c.store(e, c.b.add(base, c.c((long) i * ebytes)), ebytes);
            }
        }
        postIndex(c, a, base, (long) selem * ebytes);
    }

    /** Post-index write-back: the transfer size when Rm = 31, else Xm. */
    private static void postIndex(A64Ctx c, long[] a, Val base, long total) {
        if (a[POST] == 0) {
            return;
        }
        int rm = (int) a[RM];
        c.setXsp((int) a[RN], true, c.b.add(base, rm == 31 ? c.c(total) : c.x(rm)));
    }
}
