package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;

/** Branches: b, bl, b.cond, cbz/cbnz, tbz/tbnz, br, blr, ret. Each ends the block. */
final class Branches {
    private Branches() {}

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("B", (c, a) -> jump(c, c.pc + a[IMM26]));
        h.on("BL", (c, a) -> {
            c.setX(30, c.c(c.next()));
            jump(c, c.pc + a[IMM26]);
        });
        h.on("B_cond", (c, a) -> {
            int cond = (int) a[COND];
            if (cond >= 14) { // AL and NV both mean always
                jump(c, c.pc + a[IMM19]);
                return;
            }
            Conditions.AfterCcmp f = Conditions.afterCcmp(c, cond);
            if (f != null) {
                twoWayAfterCcmp(c, f, c.pc + a[IMM19]);
                return;
            }
            Conditions.Test t = Conditions.test(c, cond);
            twoWay(c, t.cond(), t.a(), t.b(), c.pc + a[IMM19]);
        });
        h.on("CBZ", (c, a) -> {
            Val rt = c.x((int) a[RD], a[SF] != 0);
            twoWay(c, a[NZ] != 0 ? Cond.NE : Cond.EQ, rt, c.c(0), c.pc + a[IMM19]);
        });
        h.on("TBZ", (c, a) -> {
            int bit = (int) (a[B5] << 5 | a[B40]);
            Val rt = c.x((int) a[RD]);
            twoWay(c, a[NZ] != 0 ? Cond.TSTNE : Cond.TSTEQ, rt, c.c(1L << bit), c.pc + a[IMM14]);
        });
        h.on("BR", (c, a) -> indirect(c, c.x((int) a[RN])));
        h.on("BLR", (c, a) -> {
            Val target = c.x((int) a[RN]);
            c.setX(30, c.c(c.next()));
            indirect(c, target);
        });
        h.on("RET", (c, a) -> indirect(c, c.x((int) a[RN])));
    }

    private static void jump(A64Ctx c, long target) {
        c.b.gotoDirect(target);
        c.endBlock();
    }

    private static void indirect(A64Ctx c, Val target) {
        c.b.gotoIndirect(target);
        c.endBlock();
    }

    /** b.cond right after CCMP: if the CCMP's condition failed, the constant flags decide; else its operands do. */
    private static void twoWayAfterCcmp(A64Ctx c, Conditions.AfterCcmp f, long target) {
        Label taken = c.b.newLabel(), notTaken = c.b.newLabel();
        Conditions.Test failed = f.held().inverted();
        c.b.brcond(failed.cond(), failed.a(), failed.b(), f.whenNotHeld() ? taken : notTaken);
        c.b.brcond(f.onOperands().cond(), f.onOperands().a(), f.onOperands().b(), taken);
        c.b.setLabel(notTaken);
        c.b.gotoDirect(c.next());
        c.b.setLabel(taken);
        c.b.gotoDirect(target);
        c.endBlock();
    }

    /** If cond(x, y) continue at target, else at the next instruction. */
    private static void twoWay(A64Ctx c, Cond cond, Val x, Val y, long target) {
        Label taken = c.b.newLabel();
        c.b.brcond(cond, x, y, taken);
        c.b.gotoDirect(c.next());
        c.b.setLabel(taken);
        c.b.gotoDirect(target);
        c.endBlock();
    }
}
