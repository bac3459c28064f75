package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * x87 instructions: each is a call of the x87 library ({@link X87LibHelpers}) with memory operands
 * loaded or stored by IR (m80 as a 64-bit significand plus a 16-bit sign/exponent). Waiting
 * instructions (all but FNINIT/FNCLEX/FNSTCW/FNSTSW/FNSTENV/FNSAVE) first raise SIGFPE (#MF) when an
 * unmasked exception is pending, with Linux's si_code. FCOMI-family writes ZF/PF/CF and clears
 * OF/SF/AF (explicit lazy-flag mode); FCMOVcc evaluates its EFLAGS condition in IR.
 *
 * <p>The decoder names register forms as the SDM does (DC/DE E0-FF already swapped), so
 * {@code fsub ST(i), ST(0)} is {@code X87.fsub(dst=i, src=0)}. The transcendentals (FSIN, FCOS,
 * FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1) are library calls like the rest; packed BCD
 * (FBLD/FBSTP) is not in the library and stays SIGILL. FIP/FDP/FOP are not updated.
 */
final class X87Ops {
    private X87Ops() {}

    private static final Map<String, HelperRef> CACHE = new ConcurrentHashMap<>();

    private static HelperRef lib(String name) {
        return CACHE.computeIfAbsent("l." + name, n -> HelperRef.of(X87LibHelpers.class, name, 0));
    }

    private static HelperRef mem(String name) {
        return CACHE.computeIfAbsent("h." + name, n -> HelperRef.of(X87Helpers.class, name, 0));
    }

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        waiting(m, Mnemonic.FWAIT, c -> { });
        waiting(m, Mnemonic.FNOP, c -> { });
        m.put(Mnemonic.FNINIT, c -> call(c, "fninit"));
        m.put(Mnemonic.FNCLEX, c -> call(c, "fnclex"));
        m.put(Mnemonic.FNSTCW, c -> c.write(c.op(0), 2, c.b.callValue(lib("fnstcw"))));
        m.put(Mnemonic.FNSTSW, c -> {
            Val v = c.b.callValue(lib("fnstsw"));
            if (c.op(0) instanceof Operand.Reg r) {
                c.writeGpr(r.num(), 2, v); // fnstsw ax
            } else {
                c.write(c.op(0), 2, v);
            }
        });
        m.put(Mnemonic.FNSTENV, c -> c.b.call(mem("fnstenv"), null, c.ea(memOp(c, 0))));
        m.put(Mnemonic.FNSAVE, c -> c.b.call(mem("fnsave"), null, c.ea(memOp(c, 0))));
        m.put(Mnemonic.FXSAVE, c -> c.b.call(mem("fxsave"), null, c.ea(memOp(c, 0)), c.c(0)));
        m.put(Mnemonic.FXSAVE64, c -> c.b.call(mem("fxsave"), null, c.ea(memOp(c, 0)), c.c(1)));
        m.put(Mnemonic.FXRSTOR, c -> c.b.call(mem("fxrstor"), null, c.ea(memOp(c, 0)), c.c(0)));
        m.put(Mnemonic.FXRSTOR64, c -> c.b.call(mem("fxrstor"), null, c.ea(memOp(c, 0)), c.c(1)));

        waiting(m, Mnemonic.FLDCW, c -> call(c, "fldcw", c.read(c.op(0), 2)));
        waiting(m, Mnemonic.FLDENV, c -> c.b.call(mem("fldenv"), null, c.ea(memOp(c, 0))));
        waiting(m, Mnemonic.FRSTOR, c -> c.b.call(mem("frstor"), null, c.ea(memOp(c, 0))));
        String[][] noOperand = {
            {"FLD1", "fld1"}, {"FLDZ", "fldz"}, {"FLDPI", "fldpi"}, {"FLDL2E", "fldl2e"}, {"FLDL2T", "fldl2t"},
            {"FLDLG2", "fldlg2"}, {"FLDLN2", "fldln2"}, {"FCHS", "fchs"}, {"FABS", "fabs"}, {"FSQRT", "fsqrt"},
            {"FRNDINT", "frndint"}, {"FSCALE", "fscale"}, {"FPREM", "fprem"}, {"FPREM1", "fprem1"},
            {"FXTRACT", "fxtract"}, {"FTST", "ftst"}, {"FXAM", "fxam"}, {"FINCSTP", "fincstp"},
            {"FDECSTP", "fdecstp"}, {"FSIN", "fsin"}, {"FCOS", "fcos"}, {"FSINCOS", "fsincos"}, {"FPTAN", "fptan"},
            {"FPATAN", "fpatan"}, {"F2XM1", "f2xm1"}, {"FYL2X", "fyl2x"}, {"FYL2XP1", "fyl2xp1"},
        };
        for (String[] e : noOperand) {
            String name = e[1];
            waiting(m, Mnemonic.valueOf(e[0]), c -> call(c, name));
        }
        waiting(m, Mnemonic.FLD, X87Ops::fld);
        waiting(m, Mnemonic.FST, c -> fst(c, false));
        waiting(m, Mnemonic.FSTP, c -> fst(c, true));
        waiting(m, Mnemonic.FILD, c -> {
            Operand.Mem mo = memOp(c, 0);
            call(c, "fildMem" + 8 * mo.size(), c.load(c.ea(mo), mo.size()));
        });
        waiting(m, Mnemonic.FIST, c -> fist(c, "fistMem", true, 0));
        waiting(m, Mnemonic.FISTP, c -> fist(c, "fistMem", true, 1));
        waiting(m, Mnemonic.FISTTP, c -> fist(c, "fisttpMem", false, 0));
        waiting(m, Mnemonic.FXCH, c -> call(c, "fxch", c.c(st(c, 0))));
        waiting(m, Mnemonic.FFREE, c -> call(c, "ffree", c.c(st(c, 0)), c.c(0)));

        String[][] arith = {
            {"FADD", "fadd", "faddMem", "fiaddMem"}, {"FSUB", "fsub", "fsubMem", "fisubMem"},
            {"FSUBR", "fsubr", "fsubrMem", "fisubrMem"}, {"FMUL", "fmul", "fmulMem", "fimulMem"},
            {"FDIV", "fdiv", "fdivMem", "fidivMem"}, {"FDIVR", "fdivr", "fdivrMem", "fidivrMem"},
        };
        for (String[] e : arith) {
            String reg = e[1], fmem = e[2], imem = e[3];
            waiting(m, Mnemonic.valueOf(e[0]), c -> arith(c, reg, fmem, false));
            waiting(m, Mnemonic.valueOf(e[0] + "P"), c -> arith(c, reg, fmem, true));
            waiting(m, Mnemonic.valueOf("FI" + e[0].substring(1)), c -> {
                Operand.Mem mo = memOp(c, 0);
                call(c, imem + 8 * mo.size(), c.load(c.ea(mo), mo.size()));
            });
        }

        waiting(m, Mnemonic.FCOM, c -> fcom(c, "fcom", "fcomMem", 0));
        waiting(m, Mnemonic.FCOMP, c -> fcom(c, "fcom", "fcomMem", 1));
        waiting(m, Mnemonic.FCOMPP, c -> call(c, "fcom", c.c(1), c.c(2)));
        waiting(m, Mnemonic.FUCOM, c -> call(c, "fucom", c.c(st(c, 0)), c.c(0)));
        waiting(m, Mnemonic.FUCOMP, c -> call(c, "fucom", c.c(st(c, 0)), c.c(1)));
        waiting(m, Mnemonic.FUCOMPP, c -> call(c, "fucom", c.c(1), c.c(2)));
        waiting(m, Mnemonic.FICOM, c -> ficom(c, false));
        waiting(m, Mnemonic.FICOMP, c -> ficom(c, true));
        waiting(m, Mnemonic.FCOMI, c -> fcomi(c, "fcomi", false));
        waiting(m, Mnemonic.FCOMIP, c -> fcomi(c, "fcomi", true));
        waiting(m, Mnemonic.FUCOMI, c -> fcomi(c, "fucomi", false));
        waiting(m, Mnemonic.FUCOMIP, c -> fcomi(c, "fucomi", true));

        Object[][] fcmov = {
            {Mnemonic.FCMOVB, 2}, {Mnemonic.FCMOVNB, 3}, {Mnemonic.FCMOVE, 4}, {Mnemonic.FCMOVNE, 5}, {Mnemonic.FCMOVBE, 6},
            {Mnemonic.FCMOVNBE, 7}, {Mnemonic.FCMOVU, 10}, {Mnemonic.FCMOVNU, 11},
        };
        for (Object[] e : fcmov) {
            int cc = (Integer) e[1];
            waiting(m, (Mnemonic) e[0], c -> call(c, "fcmov", c.c(st(c, 1)), c.flags.cond(cc)));
        }
    }

    /** Registers a waiting x87 instruction: #MF check, then the body. */
    private static void waiting(Map<Mnemonic, InsnTable.Emitter> m, Mnemonic op, InsnTable.Emitter body) {
        m.put(op, c -> {
            Val pending = c.b.callValue(lib("unmaskedPending"));
            c.fpeIf(Cond.NE, pending, c.c(0), mem("mfSiCode"));
            body.emit(c);
        });
    }

    private static void call(Ctx c, String name, Val... args) {
        c.b.call(lib(name), null, args);
    }

    private static Operand.Mem memOp(Ctx c, int i) {
        if (c.op(i) instanceof Operand.Mem mo) {
            return mo;
        }
        throw new Ctx.Unsupported("expected a memory operand: " + c.op(i));
    }

    /** Index i of an ST(i) operand. */
    private static int st(Ctx c, int i) {
        if (c.op(i) instanceof Operand.Reg r && r.kind() == RegKind.ST) {
            return r.num();
        }
        throw new Ctx.Unsupported("expected an x87 register: " + c.op(i));
    }

    private static void fld(Ctx c) {
        if (!(c.op(0) instanceof Operand.Mem mo)) {
            call(c, "fld", c.c(st(c, 0)));
            return;
        }
        Val addr = c.ea(mo);
        switch (mo.size()) {
            case 4 -> call(c, "fldMem32", c.load(addr, 4));
            case 8 -> call(c, "fldMem64", c.load(addr, 8));
            case 10 -> {
                Val sig = c.load(addr, 8);
                Val se = c.load(c.b.add(addr, c.c(8)), 2);
                call(c, "fldMem80", sig, se);
            }
            default -> throw new Ctx.Unsupported("fld size " + mo.size());
        }
    }

    private static void fst(Ctx c, boolean pop) {
        Val p = c.c(pop ? 1 : 0);
        if (!(c.op(0) instanceof Operand.Mem mo)) {
            call(c, "fst", c.c(st(c, 0)), p);
            return;
        }
        Val addr = c.ea(mo);
        switch (mo.size()) {
            case 4 -> c.store(addr, 4, c.b.callValue(lib("fstMem32"), p));
            case 8 -> c.store(addr, 8, c.b.callValue(lib("fstMem64"), p));
            case 10 -> {
                c.store(addr, 8, c.b.callValue(lib("fstMem80Sig")));
                c.store(c.b.add(addr, c.c(8)), 2, c.b.callValue(lib("fstMem80SignExp"), p));
            }
            default -> throw new Ctx.Unsupported("fst size " + mo.size());
        }
    }

    /** FIST/FISTP (takes pop) and FISTTP (always pops) to m16/m32/m64. */
    private static void fist(Ctx c, String prefix, boolean takesPop, int pop) {
        Operand.Mem mo = memOp(c, 0);
        Val addr = c.ea(mo);
        HelperRef h = lib(prefix + 8 * mo.size());
        Val v = takesPop ? c.b.callValue(h, c.c(pop)) : c.b.callValue(h);
        c.store(addr, mo.size(), v);
    }

    /** Register forms "ST(dst), ST(src)" (the p forms pop); memory forms m32fp/m64fp with ST(0) as destination. */
    private static void arith(Ctx c, String reg, String mem, boolean pop) {
        if (c.op(0) instanceof Operand.Mem mo) {
            call(c, mem + 8 * mo.size(), c.load(c.ea(mo), mo.size()));
        } else {
            call(c, reg, c.c(st(c, 0)), c.c(st(c, 1)), c.c(pop ? 1 : 0));
        }
    }

    private static void fcom(Ctx c, String reg, String mem, int pops) {
        if (c.op(0) instanceof Operand.Mem mo) {
            call(c, mem + 8 * mo.size(), c.load(c.ea(mo), mo.size()), c.c(pops));
        } else {
            call(c, reg, c.c(st(c, 0)), c.c(pops));
        }
    }

    private static void ficom(Ctx c, boolean pop) {
        Operand.Mem mo = memOp(c, 0);
        call(c, "ficomMem" + 8 * mo.size(), c.load(c.ea(mo), mo.size()), c.c(pop ? 1 : 0));
    }

    /** FCOMI/FUCOMI ST(0), ST(i) [and pop]: ZF/PF/CF from the library, OF/SF/AF cleared. */
    private static void fcomi(Ctx c, String name, boolean pop) {
        Val f = c.b.callValue(lib(name), c.c(st(c, 1)), c.c(pop ? 1 : 0));
        c.flags.setExplicit(f);
    }
}
