package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.Val;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.M;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;
import static org.jtcg.s390x.translate.S390xTable.REL;

/**
 * Branches: on condition (mask against the CC), and save (link in r1 = next address, 64-bit mode),
 * on count, on index, and compare-and-branch. A register operand of 0 means "no branch" for the RR
 * forms; BCR 15,0 and BCR 14,0 (fast-BCR-serialization) are serialization: a full host fence.
 */
final class Branches {
    private Branches() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        h.on("BCR", (e, a) -> {
            if (a[R2] != 0) {
                e.branchIndirect((int) a[M], e.b.mov(e.r((int) a[R2])));
            } else if (a[M] == 14 || a[M] == 15) {
                GuestAtomics.emitFence(e.b, GuestAtomics.Fence.FULL);
            }
        });
        h.on("BC", (e, a) -> e.branchIndirect((int) a[M], e.addr(a)));
        h.on("BRC", (e, a) -> e.branch((int) a[M], e.pc + a[REL]));
        h.on("BRCL", (e, a) -> e.branch((int) a[M], e.pc + a[REL]));
        h.on("BASR", (e, a) -> {
            Val target = e.b.mov(e.r((int) a[R2]));
            e.set((int) a[R1], e.c(e.next));
            if (a[R2] != 0) {
                e.branchIndirect(15, target);
            }
        });
        h.on("BAS", (e, a) -> {
            Val target = e.addr(a);
            e.set((int) a[R1], e.c(e.next));
            e.branchIndirect(15, target);
        });
        h.on("BRAS", (e, a) -> {
            e.set((int) a[R1], e.c(e.next));
            e.branch(15, e.pc + a[REL]);
        });
        h.on("BRASL", (e, a) -> {
            e.set((int) a[R1], e.c(e.next));
            e.branch(15, e.pc + a[REL]);
        });
        // on count: decrement r1 (low word for the 32-bit forms), branch when not zero
        h.on("BCTR", (e, a) -> {
            Val target = e.b.mov(e.r((int) a[R2]));
            Val n = count32(e, a);
            if (a[R2] != 0) {
                Val t = e.b.setcond(Cond.NE, e.b.ext32u(n), e.c(0));
                branchIndirectOn(e, t, target);
            }
        });
        h.on("BCTGR", (e, a) -> {
            Val target = e.b.mov(e.r((int) a[R2]));
            Val n = count64(e, a);
            if (a[R2] != 0) {
                branchIndirectOn(e, e.b.setcond(Cond.NE, n, e.c(0)), target);
            }
        });
        h.on("BCT", (e, a) -> {
            Val target = e.addr(a);
            Val n = count32(e, a);
            branchIndirectOn(e, e.b.setcond(Cond.NE, e.b.ext32u(n), e.c(0)), target);
        });
        h.on("BRCT", (e, a) -> e.branchOn(e.b.setcond(Cond.NE, e.b.ext32u(count32(e, a)), e.c(0)), e.pc + a[REL]));
        h.on("BRCTG", (e, a) -> e.branchOn(e.b.setcond(Cond.NE, count64(e, a), e.c(0)), e.pc + a[REL]));
        // on index: r1 += r3; compare with r3 (odd) or r3+1 (r3 even)
        h.on("BRXH", (e, a) -> onIndex(e, a, 32, Cond.GT));
        h.on("BRXLE", (e, a) -> onIndex(e, a, 32, Cond.LE));
        h.on("BRXHG", (e, a) -> onIndex(e, a, 64, Cond.GT));
        h.on("BRXLG", (e, a) -> onIndex(e, a, 64, Cond.LE));
        // compare and branch relative
        compareAndBranch(h, "CRJ", 32, true, false);
        compareAndBranch(h, "CGRJ", 64, true, false);
        compareAndBranch(h, "CLRJ", 32, false, false);
        compareAndBranch(h, "CLGRJ", 64, false, false);
        compareAndBranch(h, "CIJ", 32, true, true);
        compareAndBranch(h, "CGIJ", 64, true, true);
        compareAndBranch(h, "CLIJ", 32, false, true);
        compareAndBranch(h, "CLGIJ", 64, false, true);
    }

    private static Val count32(Emit e, long[] a) {
        Val n = e.b.sub(e.r((int) a[R1]), e.c(1));
        e.setLow((int) a[R1], n);
        return n;
    }

    private static Val count64(Emit e, long[] a) {
        Val n = e.b.sub(e.r((int) a[R1]), e.c(1));
        e.set((int) a[R1], n);
        return n;
    }

    private static void branchIndirectOn(Emit e, Val cond, Val target) {
        Label taken = e.b.newLabel();
        e.b.brcond(Cond.NE, cond, e.c(0), taken);
        e.b.gotoDirect(e.next);
        e.b.setLabel(taken);
        e.b.gotoIndirect(target);
        e.ended = true;
    }

    private static void onIndex(Emit e, long[] a, int width, Cond cond) {
        int r1 = (int) a[R1], r3 = (int) a[R3];
        int cmpReg = r3 | 1;
        Val inc = width == 64 ? e.b.mov(e.r(r3)) : e.low(r3, true);
        Val limit = width == 64 ? e.b.mov(e.r(cmpReg)) : e.low(cmpReg, true);
        Val sum;
        if (width == 64) {
            sum = e.b.add(e.r(r1), inc);
            e.set(r1, sum);
        } else {
            sum = e.b.ext32s(e.b.add(e.r(r1), inc));
            e.setLow(r1, sum);
        }
        e.branchOn(e.b.setcond(cond, sum, limit), e.pc + a[REL]);
    }

    private static void compareAndBranch(PatternHandlers.Builder<Handler> h, String name, int width, boolean signed,
                                         boolean immediate) {
        h.on(name, (e, a) -> {
            int m = (int) a[M] & 14;
            Val x = width == 64 ? e.b.mov(e.r((int) a[R1])) : e.low((int) a[R1], signed);
            Val y;
            if (immediate) {
                y = e.c(signed ? a[I] : a[I] & 0xff);
            } else {
                y = width == 64 ? e.b.mov(e.r((int) a[R2])) : e.low((int) a[R2], signed);
            }
            Cond c = switch (m) {
                case 8 -> Cond.EQ;
                case 4 -> signed ? Cond.LT : Cond.LTU;
                case 2 -> signed ? Cond.GT : Cond.GTU;
                case 12 -> signed ? Cond.LE : Cond.LEU;
                case 10 -> signed ? Cond.GE : Cond.GEU;
                case 6 -> Cond.NE;
                default -> null;
            };
            long target = e.pc + a[REL];
            if (c == null) {
                if (m == 14) {
                    e.b.gotoDirect(target);
                    e.ended = true;
                }
                return;
            }
            e.branchOn(e.b.setcond(c, x, y), target);
        });
    }
}
