package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;

import static org.jtcg.arm64.translate.A64Table.*;

/**
 * Data processing, register: logical and add/sub (shifted and extended register), adc/sbc,
 * conditional compare and select, divide, variable shifts, bit reversal and counts, multiply.
 */
final class DataProcReg {
    private DataProcReg() {}

    private static final HelperRef RBIT = HelperRef.of(BitHelpers.class, "rbit64", HelperRef.PURE);
    private static final HelperRef CLS = HelperRef.of(BitHelpers.class, "cls64", HelperRef.PURE);

    static void bind(PatternHandlers.Builder<A64Handler> h) {
        h.on("LOGIC_reg", DataProcReg::logicReg);
        h.on("ADDSUB_reg", DataProcReg::addSubReg);
        h.on("ADDSUB_ext", DataProcReg::addSubExt);
        h.on("ADC", DataProcReg::adc);
        h.on("CCMP_reg", (c, a) -> ccmp(c, a, c.x((int) a[RM], a[SF] != 0)));
        h.on("CCMP_imm", (c, a) -> ccmp(c, a, c.c(a[IMM5])));
        h.on("CSEL", DataProcReg::csel);
        h.on("DIV", DataProcReg::div);
        h.on("SHIFTV", (c, a) -> {
            boolean sf = a[SF] != 0;
            c.setX((int) a[RD], sf, c.shiftByReg(sf, (int) a[SHIFT], c.x((int) a[RN], sf), c.x((int) a[RM], sf)));
        });
        h.on("REV", DataProcReg::rev);
        h.on("CLZ", DataProcReg::clz);
        h.on("MADD", DataProcReg::madd);
        h.on("SMADDL", (c, a) -> maddLong(c, a, true));
        h.on("UMADDL", (c, a) -> maddLong(c, a, false));
        h.on("SMULH", (c, a) -> c.setX((int) a[RD], c.b.mulhs(c.x((int) a[RN]), c.x((int) a[RM]))));
        h.on("UMULH", (c, a) -> c.setX((int) a[RD], c.b.mulhu(c.x((int) a[RN]), c.x((int) a[RM]))));
    }

    /** Rm shifted by imm6, or null (after SIGILL) for a reserved shift. */
    private static Val shiftedRm(A64Ctx c, long[] a, boolean sf, boolean rorAllowed) {
        int type = (int) a[SHIFT], amount = (int) a[IMM6];
        if ((!sf && amount >= 32) || (type == 3 && !rorAllowed)) {
            c.sigill();
            return null;
        }
        return c.shiftBy(sf, type, c.x((int) a[RM], sf), amount);
    }

    /**
     * Rm shifted left by imm6 for a 32-bit operation taking raw operands ({@link A64Ctx#lowHalfOperands}), or
     * null when that does not apply (a right shift or rotate, 64-bit, or a reserved shift: {@link #shiftedRm} decides).
     */
    private static Val rawShiftedRm(A64Ctx c, long[] a, boolean sf, boolean rorAllowed) {
        int type = (int) a[SHIFT], amount = (int) a[IMM6];
        if (!A64Ctx.lowHalfOperands(sf, type, amount) || amount >= 32 || (type == 3 && !rorAllowed)) {
            return null;
        }
        Val rm = c.xRaw((int) a[RM], false);
        return amount == 0 ? rm : c.b.shl(rm, c.c(amount));
    }

    private static void logicReg(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        Val rm = rawShiftedRm(c, a, sf, true);
        boolean raw = rm != null;
        if (!raw) {
            rm = shiftedRm(c, a, sf, true);
        }
        if (rm == null) {
            return;
        }
        Val rn = raw ? c.xRaw((int) a[RN], false) : c.x((int) a[RN], sf);
        boolean invert = a[N] != 0;
        int opc = (int) a[OPC];
        Val r = switch (opc) {
            case 0, 3 -> invert ? c.b.andc(rn, rm) : c.b.and(rn, rm);
            case 1 -> invert ? c.b.orc(rn, rm) : c.b.or(rn, rm);
            default -> invert ? c.b.xor(rn, c.b.not(rm)) : c.b.xor(rn, rm);
        };
        if (!sf) {
            r = c.b.ext32u(r);
        }
        if (opc == 3) {
            Flags.logical(c, sf, r);
        }
        c.setX((int) a[RD], true, r); // zero-extended above when 32-bit
    }

    private static void addSubReg(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        if (a[S] == 0) { // ADD/SUB: 32-bit on raw operands (flag setters need them zero-extended)
            Val raw = rawShiftedRm(c, a, sf, false);
            if (raw != null) {
                Val rn = c.xRaw((int) a[RN], false);
                c.setX((int) a[RD], true, c.b.ext32u(a[OP] != 0 ? c.b.sub(rn, raw) : c.b.add(rn, raw)));
                return;
            }
        }
        Val rm = shiftedRm(c, a, sf, false);
        if (rm == null) {
            return;
        }
        Val rn = c.x((int) a[RN], sf);
        Val r = addSub(c, sf, a[OP] != 0, a[S] != 0, rn, rm);
        noteCompare(c, a, sf, rn, rm);
        c.setX((int) a[RD], sf, r);
    }

    /** SUBS (CMP): remembers the operands for condition fusion ({@link Conditions}); not CCMP, whose flags are conditional. */
    private static void noteCompare(A64Ctx c, long[] a, boolean sf, Val rn, Val rm) {
        if (a[OP] != 0 && a[S] != 0) {
            c.lastCompare = new A64Ctx.Compare(c.pc, sf, rn, rm);
        }
    }

    /** rn +/- rm at the operation size (32-bit operands zero-extended). */
    private static Val addSub(A64Ctx c, boolean sf, boolean sub, boolean setFlags, Val rn, Val rm) {
        return Flags.addOrSub(c, sf, sub, rn, rm, setFlags);
    }

    private static void addSubExt(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        int option = (int) a[OPTION], amount = (int) a[IMM3];
        if (amount > 4) {
            c.sigill();
            return;
        }
        Val rm = c.extend(c.x((int) a[RM]), 1 << (option & 3), option >= 4);
        if (amount != 0) {
            rm = c.b.shl(rm, c.c(amount));
        }
        if (!sf) {
            rm = c.b.ext32u(rm);
        }
        boolean setFlags = a[S] != 0;
        Val rn = c.xsp((int) a[RN], sf);
        Val r = addSub(c, sf, a[OP] != 0, setFlags, rn, rm);
        noteCompare(c, a, sf, rn, rm);
        if (setFlags) {
            c.setX((int) a[RD], sf, r);
        } else {
            c.setXsp((int) a[RD], sf, r);
        }
    }

    private static void adc(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        Val rm = c.x((int) a[RM], sf);
        if (a[OP] != 0) {
            rm = sf ? c.b.not(rm) : c.b.xor(rm, c.c(0xffff_ffffL));
        }
        Val carry = c.b.mov(c.global(Arm64Cpu.C));
        Val r = Flags.addWithCarry(c, sf, c.x((int) a[RN], sf), rm, carry, -1, a[S] != 0);
        c.setX((int) a[RD], sf, r);
    }

    /**
     * CCMP/CCMN: flags of rn - operand (or rn + operand) if the condition holds, else the constant nzcv. Written as
     * one select per flag rather than two branches: straight-line writes computed from registers, so a region whose
     * next block overwrites them (the next iteration's compare) skips them (jit RegionCarry), and a b.cond right
     * after branches on the operands ({@link Conditions#afterCcmp}).
     */
    private static void ccmp(A64Ctx c, long[] a, Val operand) {
        boolean sf = a[SF] != 0;
        int nzcv = (int) a[NZCV];
        Val rn = c.x((int) a[RN], sf);
        Conditions.Test held = Conditions.test(c, (int) a[COND]);
        held = new Conditions.Test(held.cond(), snapshot(c, held.a()), snapshot(c, held.b())); // flags change below
        Val[] compared = {c.b.temp64(), c.b.temp64(), c.b.temp64(), c.b.temp64()};
        Flags.addOrSub(c, sf, a[OP] != 0, rn, operand, compared);
        Val[] fields = Flags.flagFields(c);
        for (int i = 0; i < 4; i++) {
            c.b.movcond(held.cond(), fields[i], held.a(), held.b(), compared[i], c.c((nzcv >> (3 - i)) & 1));
        }
        c.lastCcmp = a[OP] != 0 ? new A64Ctx.Ccmp(c.pc, held, new A64Ctx.Compare(c.pc, sf, rn, operand), nzcv) : null;
    }

    /** A temp holding v's current value (v itself unless it is a global, which may be written later). */
    private static Val snapshot(A64Ctx c, Val v) {
        return v.isGlobal() ? c.b.mov(v) : v;
    }

    /** CSEL, CSINC, CSINV, CSNEG (op:o2). */
    private static void csel(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        Val rn = c.x((int) a[RN], sf), rm = c.x((int) a[RM], sf);
        int kind = (int) (a[OP] << 1 | a[O2]);
        Val other = switch (kind) {
            case 0 -> rm;
            case 1 -> c.b.add(rm, c.c(1));
            case 2 -> c.b.not(rm);
            default -> c.b.neg(rm);
        };
        c.setX((int) a[RD], sf, Conditions.select(c, (int) a[COND], rn, other));
    }

    /** UDIV (o2 = 0), SDIV (o2 = 1); division by zero gives 0, no trap. */
    private static void div(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        boolean signed = a[O2] != 0;
        Val r;
        if (sf) {
            Val n = c.x((int) a[RN]), m = c.x((int) a[RM]);
            r = signed ? c.b.divs(n, m) : c.b.divu(n, m);
        } else {
            Val n = c.b.trunc(c.x((int) a[RN], false)), m = c.b.trunc(c.x((int) a[RM], false));
            r = c.b.extu(signed ? c.b.divs(n, m) : c.b.divu(n, m));
        }
        c.setX((int) a[RD], sf, r);
    }

    /** sh2: 0 RBIT, 1 REV16, 2 REV32 (64-bit) / REV (32-bit), 3 REV (64-bit only). */
    private static void rev(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        int kind = (int) a[SH2];
        if (kind == 3 && !sf) {
            c.sigill();
            return;
        }
        Val rn = c.x((int) a[RN], sf);
        Val r = switch (kind) {
            case 0 -> sf ? c.b.callValue(RBIT, rn) : c.b.shr(c.b.callValue(RBIT, rn), c.c(32));
            case 1 -> {
                Val m = c.c(0x00ff_00ff_00ff_00ffL);
                yield c.b.or(c.b.shl(c.b.and(rn, m), c.c(8)), c.b.and(c.b.shr(rn, c.c(8)), m));
            }
            case 2 -> sf ? c.b.rotr(c.b.bswap64(rn), c.c(32)) : c.b.bswap32(rn);
            default -> c.b.bswap64(rn);
        };
        c.setX((int) a[RD], sf, r);
    }

    /** CLZ (o2 = 0), CLS (o2 = 1). */
    private static void clz(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        Val rn = c.x((int) a[RN], sf);
        Val r;
        if (a[O2] == 0) {
            r = sf ? c.b.clz(rn) : c.b.extu(c.b.clz(c.b.trunc(rn)));
        } else {
            r = sf ? c.b.callValue(CLS, rn) : c.b.sub(c.b.callValue(CLS, c.b.ext32s(rn)), c.c(32));
        }
        c.setX((int) a[RD], sf, r);
    }

    /** MADD (o0 = 0), MSUB (o0 = 1). */
    private static void madd(A64Ctx c, long[] a) {
        boolean sf = a[SF] != 0;
        Val p = c.b.mul(c.x((int) a[RN], sf), c.x((int) a[RM], sf));
        Val ra = c.x((int) a[RA], sf);
        c.setX((int) a[RD], sf, a[O0] == 0 ? c.b.add(ra, p) : c.b.sub(ra, p));
    }

    /** SMADDL/SMSUBL/UMADDL/UMSUBL: 32 x 32 -> 64 plus or minus Xa. */
    private static void maddLong(A64Ctx c, long[] a, boolean signed) {
        Val n = c.x((int) a[RN]), m = c.x((int) a[RM]);
        n = signed ? c.b.ext32s(n) : c.b.ext32u(n);
        m = signed ? c.b.ext32s(m) : c.b.ext32u(m);
        Val p = c.b.mul(n, m);
        Val ra = c.x((int) a[RA]);
        c.setX((int) a[RD], a[O0] == 0 ? c.b.add(ra, p) : c.b.sub(ra, p));
    }
}
