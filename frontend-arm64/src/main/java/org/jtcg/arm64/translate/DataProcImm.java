package org.jtcg.arm64.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;

/** Data processing, immediate: adr/adrp, add/sub, logical, move wide, bitfield, extr. */
final class DataProcImm {
    private DataProcImm() {}

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("ADR", (c, a) -> c.setX((int) a[RD], c.c(c.pc + a[IMM])));
        h.on("ADRP", (c, a) -> c.setX((int) a[RD], c.c((c.pc & ~0xfffL) + a[IMM])));
        h.on("ADDSUB_imm", DataProcImm::addSubImm);
        h.on("LOGIC_imm", DataProcImm::logicImm);
        h.on("MOVN", (c, a) -> moveWide(c, a, 0));
        h.on("MOVZ", (c, a) -> moveWide(c, a, 2));
        h.on("MOVK", (c, a) -> moveWide(c, a, 3));
        h.on("SBFM", (c, a) -> bitfield(c, a, 0));
        h.on("BFM", (c, a) -> bitfield(c, a, 1));
        h.on("UBFM", (c, a) -> bitfield(c, a, 2));
        h.on("EXTR", DataProcImm::extr);
    }

    /**
     * ADDS/SUBS Xd, Xd, #imm (a loop counter: {@code subs w18, w18, #1; b.ne}): the flags are computed from the
     * written result and the constant, the old value being {@code result -/+ imm}, instead of from the old value
     * itself. Then every input of the flags is still in a register at the block's end, so a region whose next
     * block overwrites the flags (the loop's next compare) need not compute them on the way
     * (jit RegionCarry rebuilds them from registers if a fault or an exit needs them); computed inline,
     * they cost one add more. The condition fusion of a following b.cond still compares the old value.
     */
    private static void countDown(A64Ctx c, boolean sf, boolean sub, Val old, long imm, int rd) {
        Val k = c.c(imm);
        Val r = Flags.addOrSub(c, sf, sub, old, k, false);
        c.setX(rd, true, r); // zero-extended already when 32-bit
        Val again = sub ? c.b.add(r, k) : c.b.sub(r, k);
        Flags.addOrSub(c, sf, sub, sf ? again : c.b.ext32u(again), k, true);
        if (sub) {
            c.lastCompare = new A64Ctx.Compare(c.pc, sf, old, c.c(sf ? imm : imm & 0xffff_ffffL));
        }
    }

    private static void addSubImm(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0, sub = a[OP] != 0, setFlags = a[S] != 0;
        long imm = a[IMM12] << (a[SH] != 0 ? 12 : 0);
        if (!sf && !setFlags) { // 32-bit ADD/SUB on the raw register, zero-extended once
            Val raw = c.xRaw((int) a[RN], true);
            c.setXsp((int) a[RD], true, c.b.ext32u(sub ? c.b.sub(raw, c.c(imm)) : c.b.add(raw, c.c(imm))));
            return;
        }
        Val rn = c.xsp((int) a[RN], sf);
        if (setFlags && a[RD] == a[RN] && a[RD] != 31) {
            countDown(c, sf, sub, rn, imm, (int) a[RD]);
            return;
        }
        Val r = Flags.addOrSub(c, sf, sub, rn, c.c(imm), setFlags); // imm < 2^24: zero-extended either way
        if (setFlags && sub) {
            c.lastCompare = new A64Ctx.Compare(c.pc, sf, rn, c.c(sf ? imm : imm & 0xffff_ffffL));
        }
        if (setFlags) {
            c.setX((int) a[RD], sf, r);
        } else {
            c.setXsp((int) a[RD], sf, r);
        }
    }

    private static void logicImm(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        long imm = BitMasks.logicalImmediate(sf, (int) a[N], (int) a[IMMR], (int) a[IMMS]);
        if (imm == BitMasks.NONE) {
            c.sigill();
            return;
        }
        int opc = (int) a[OPC];
        if (!sf) { // 32-bit: on the raw register, zero-extended once (AND with a 32-bit mask needs nothing)
            imm &= 0xffff_ffffL;
            Val raw = c.xRaw((int) a[RN], false);
            Val r = switch (opc) {
                case 0, 3 -> c.b.and(raw, c.c(imm));
                case 1 -> c.b.ext32u(c.b.or(raw, c.c(imm)));
                default -> c.b.ext32u(c.b.xor(raw, c.c(imm)));
            };
            if (opc == 3) {
                Flags.logical(c, false, r);
                c.setX((int) a[RD], true, r);
            } else {
                c.setXsp((int) a[RD], true, r);
            }
            return;
        }
        Val rn = c.x((int) a[RN], sf);
        Val r = switch (opc) {
            case 0, 3 -> c.b.and(rn, c.c(imm));
            case 1 -> c.b.or(rn, c.c(imm));
            default -> c.b.xor(rn, c.c(imm));
        };
        if (opc == 3) {
            Flags.logical(c, sf, r);
            c.setX((int) a[RD], sf, r);
        } else {
            c.setXsp((int) a[RD], sf, r); // AND/ORR/EOR immediate may write SP
        }
    }

    /** opc 0 MOVN, 2 MOVZ, 3 MOVK. */
    private static void moveWide(A64Ctx c, long[] a, int opc) {
        boolean sf = a[SF] != 0;
        int hw = (int) a[HW];
        if (!sf && hw >= 2) {
            c.sigill();
            return;
        }
        int pos = hw * 16;
        long imm = a[IMM16] << pos;
        int rd = (int) a[RD];
        switch (opc) {
            case 0 -> c.setX(rd, sf, c.c(sf ? ~imm : ~imm & 0xffff_ffffL));
            case 2 -> c.setX(rd, sf, c.c(imm));
            default -> c.setX(rd, sf, c.b.deposit(c.x(rd, sf), c.c(a[IMM16]), pos, 16));
        }
    }

    /** opc 0 SBFM, 1 BFM, 2 UBFM, through their aliases: every encoding is one of the six. */
    private static void bitfield(A64Ctx c, long[] a, int opc) {
        boolean sf = a[SF] != 0;
        int size = sf ? 64 : 32;
        int immr = (int) a[IMMR], imms = (int) a[IMMS];
        if (a[N] != (sf ? 1 : 0) || immr >= size || imms >= size) {
            c.sigill();
            return;
        }
        Val src = c.x((int) a[RN], sf);
        Val r;
        if (imms >= immr) { // SBFX / BFXIL / UBFX: bits [immr, imms] to the bottom
            int len = imms - immr + 1;
            r = switch (opc) {
                case 0 -> c.b.extract(src, immr, len, true);
                case 1 -> c.b.deposit(c.x((int) a[RD], sf), c.b.extract(src, immr, len, false), 0, len);
                default -> c.b.extract(src, immr, len, false);
            };
        } else { // SBFIZ / BFI / UBFIZ: bits [0, imms] to position size - immr
            int len = imms + 1, pos = size - immr;
            r = switch (opc) {
                case 0 -> c.b.shl(c.b.extract(src, 0, len, true), c.c(pos));
                case 1 -> c.b.deposit(c.x((int) a[RD], sf), src, pos, len);
                default -> c.b.shl(c.b.extract(src, 0, len, false), c.c(pos));
            };
        }
        c.setX((int) a[RD], sf, r);
    }

    private static void extr(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        int lsb = (int) a[IMMS];
        if (a[N] != (sf ? 1 : 0) || (!sf && lsb >= 32)) {
            c.sigill();
            return;
        }
        Val lo = c.x((int) a[RM], sf), hi = c.x((int) a[RN], sf);
        if (lsb == 0) {
            c.setX((int) a[RD], sf, lo);
            return;
        }
        int size = sf ? 64 : 32;
        Val r = c.b.or(c.b.shr(lo, c.c(lsb)), c.b.shl(hi, c.c(size - lsb)));
        c.setX((int) a[RD], sf, r); // 32-bit: setX drops the bits shifted above 31
    }
}
