package org.jtcg.x86.translate;

import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.LazyFlags;
import org.jtcg.x86.decoder.Mnemonic;

import java.util.Map;

/** add adc sub sbb cmp and or xor test not neg inc dec, every width and operand form. */
final class AluOps {
    private AluOps() {}

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.ADD, c -> addSub(c, true, false, true));
        m.put(Mnemonic.ADC, c -> addSub(c, true, true, true));
        m.put(Mnemonic.SUB, c -> addSub(c, false, false, true));
        m.put(Mnemonic.SBB, c -> addSub(c, false, true, true));
        m.put(Mnemonic.CMP, c -> addSub(c, false, false, false));
        m.put(Mnemonic.AND, c -> logic(c, Mnemonic.AND, true));
        m.put(Mnemonic.OR, c -> logic(c, Mnemonic.OR, true));
        m.put(Mnemonic.XOR, c -> logic(c, Mnemonic.XOR, true));
        m.put(Mnemonic.TEST, c -> logic(c, Mnemonic.AND, false));
        m.put(Mnemonic.NOT, AluOps::not);
        m.put(Mnemonic.NEG, AluOps::neg);
        m.put(Mnemonic.INC, c -> incDec(c, true));
        m.put(Mnemonic.DEC, c -> incDec(c, false));
    }

    private static void addSub(Ctx c, boolean add, boolean withCarry, boolean store) {
        IrBuilder b = c.b;
        int size = c.osize();
        Ctx.Loc dst = c.loc(0);
        Val a = dst.read();
        Val v = c.read(1);
        Val cin = withCarry ? c.flags.carry() : null;
        Val res = add ? b.add(a, v) : b.sub(a, v);
        if (cin != null) {
            res = add ? b.add(res, cin) : b.sub(res, cin);
        }
        res = c.zext(res, size);
        if (store) {
            dst.write(res);
        }
        c.flags.set(add ? LazyFlags.ADD : LazyFlags.SUB, size, res, a, v, !withCarry);
    }

    private static void logic(Ctx c, Mnemonic op, boolean store) {
        IrBuilder b = c.b;
        int size = c.osize();
        Ctx.Loc dst = c.loc(0);
        Val a = dst.read();
        Val v = c.read(1);
        Val res = switch (op) {
            case AND -> b.and(a, v);
            case OR -> b.or(a, v);
            default -> b.xor(a, v);
        };
        if (store) {
            dst.write(res);
        }
        c.flags.set(LazyFlags.LOGIC, size, res, null, null);
    }

    private static void not(Ctx c) {
        Ctx.Loc dst = c.loc(0);
        dst.write(c.zext(c.b.not(dst.read()), c.osize()));
    }

    private static void neg(Ctx c) {
        int size = c.osize();
        Ctx.Loc dst = c.loc(0);
        Val a = dst.read();
        Val zero = c.c(0);
        Val res = c.zext(c.b.neg(a), size);
        dst.write(res);
        c.flags.set(LazyFlags.SUB, size, res, zero, a, true);
    }

    private static void incDec(Ctx c, boolean inc) {
        int size = c.osize();
        Ctx.Loc dst = c.loc(0);
        Val cf = c.flags.carry();
        Val a = dst.read();
        Val res = c.zext(inc ? c.b.add(a, c.c(1)) : c.b.sub(a, c.c(1)), size);
        dst.write(res);
        c.flags.set(inc ? LazyFlags.INC : LazyFlags.DEC, size, res, cf, null);
    }
}
