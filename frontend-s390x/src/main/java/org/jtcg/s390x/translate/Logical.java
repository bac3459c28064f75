package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;

import static org.jtcg.s390x.translate.S390xTable.I;
import static org.jtcg.s390x.translate.S390xTable.R1;
import static org.jtcg.s390x.translate.S390xTable.R2;
import static org.jtcg.s390x.translate.S390xTable.R3;

/**
 * AND, OR, XOR in register, storage and immediate forms (CC 0 zero / 1 not zero), test under mask,
 * FIND LEFTMOST ONE and POPULATION COUNT.
 */
final class Logical {
    private Logical() {}

    static void register(PatternHandlers.Builder<Handler> h) {
        Object[][] ops = {{"N", Opcode.AND}, {"O", Opcode.OR}, {"X", Opcode.XOR}};
        for (Object[] o : ops) {
            String n = (String) o[0];
            Opcode opc = (Opcode) o[1];
            h.on(n + "R", (e, a) -> result(e, (int) a[R1], 32, e.b.binary(opc, e.r((int) a[R1]), e.r((int) a[R2]))));
            h.on(n + "GR", (e, a) -> result(e, (int) a[R1], 64, e.b.binary(opc, e.r((int) a[R1]), e.r((int) a[R2]))));
            h.on(n + "RK", (e, a) -> result(e, (int) a[R1], 32, e.b.binary(opc, e.r((int) a[R2]), e.r((int) a[R3]))));
            h.on(n + "GRK", (e, a) -> result(e, (int) a[R1], 64, e.b.binary(opc, e.r((int) a[R2]), e.r((int) a[R3]))));
            h.on(n, (e, a) -> result(e, (int) a[R1], 32, e.b.binary(opc, e.r((int) a[R1]), e.load(e.addr(a), 4, false))));
            h.on(n + "Y", (e, a) -> result(e, (int) a[R1], 32, e.b.binary(opc, e.r((int) a[R1]), e.load(e.addr(a), 4, false))));
            h.on(n + "G", (e, a) -> result(e, (int) a[R1], 64, e.b.binary(opc, e.r((int) a[R1]), e.load(e.addr(a), 8, false))));
            // immediates on a 32-bit or 16-bit part of r1; CC from that part
            String[] halves = {"HH", "HL", "LH", "LL"};
            for (int k = 0; k < 4 && opc != Opcode.XOR; k++) { // there is no XIHH ... XILL
                int pos = 48 - 16 * k;
                h.on(n + "I" + halves[k], (e, a) -> part(e, (int) a[R1], opc, pos, 16, a[I]));
            }
            h.on(n + "IHF", (e, a) -> part(e, (int) a[R1], opc, 32, 32, a[I]));
            h.on(n + "ILF", (e, a) -> part(e, (int) a[R1], opc, 0, 32, a[I]));
            // storage byte with immediate
            h.on(n + "I", (e, a) -> storageByte(e, a, opc));
            h.on(n + "IY", (e, a) -> storageByte(e, a, opc));
        }
        h.on("TM", (e, a) -> testStorage(e, a));
        h.on("TMY", (e, a) -> testStorage(e, a));
        String[] halves = {"HH", "HL", "LH", "LL"};
        for (int k = 0; k < 4; k++) {
            int pos = 48 - 16 * k;
            h.on("TM" + halves[k], (e, a) -> {
                Val sel = e.b.and(e.b.extract(e.r((int) a[R1]), pos, 16, false), e.c(a[I] & 0xffff));
                e.cc(S390xCc.TMX, sel, e.c(a[I] & 0xffff), null);
            });
        }
        h.on("FLOGR", (e, a) -> {
            int r1 = (int) a[R1];
            Val x = e.b.mov(e.r((int) a[R2]));
            Val n = e.b.clz(x);
            Val found = e.b.shr(e.c(Long.MIN_VALUE), n); // n = 64 shifts by 0: x is 0 then and found is unused
            Val rest = e.b.andc(x, found);
            e.set(r1, n);
            e.set(r1 + 1, e.b.movcond(Cond.EQ, x, e.c(0), e.c(0), rest));
            e.ccConst(e.b.movcond(Cond.EQ, x, e.c(0), e.c(0), e.c(2)));
        });
        h.on("POPCNT", (e, a) -> {
            Val x = e.b.mov(e.r((int) a[R2]));
            e.set((int) a[R1], e.b.callValue(DivHelpers.POPCNT_BYTES, x));
            e.cc(S390xCc.NZ64, null, null, x);
        });
    }

    private static void result(Emit e, int r1, int width, Val res) {
        if (width == 64) {
            e.set(r1, res);
            e.cc(S390xCc.NZ64, null, null, res);
        } else {
            e.setLow(r1, res);
            e.cc(S390xCc.NZ32, null, null, res);
        }
    }

    private static void part(Emit e, int r1, Opcode opc, int pos, int len, long imm) {
        Val field = e.b.extract(e.r(r1), pos, len, false);
        Val res = e.b.binary(opc, field, e.c(imm & (len == 32 ? 0xffffffffL : 0xffff)));
        e.set(r1, e.b.deposit(e.r(r1), res, pos, len));
        e.cc(S390xCc.NZ64, null, null, res);
    }

    private static void storageByte(Emit e, long[] a, Opcode opc) {
        Val addr = e.addrNoIndex(a);
        Val res = e.b.binary(opc, e.load(addr, 1, false), e.c(a[I] & 0xff));
        e.store(res, addr, 1);
        e.cc(S390xCc.NZ64, null, null, res);
    }

    private static void testStorage(Emit e, long[] a) {
        long mask = a[I] & 0xff;
        Val sel = e.b.and(e.load(e.addrNoIndex(a), 1, false), e.c(mask));
        e.cc(S390xCc.TM, sel, e.c(mask), null);
    }
}
