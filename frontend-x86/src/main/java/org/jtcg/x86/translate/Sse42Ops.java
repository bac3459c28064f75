package org.jtcg.x86.translate;

import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Mnemonic;
import org.jtcg.x86.decoder.Operand;

import java.util.Map;

import static org.jtcg.x86.translate.SseOperands.libV2;
import static org.jtcg.x86.translate.SseOperands.source;
import static org.jtcg.x86.translate.SseOperands.xmm;

/**
 * SSE4.2 string compares and crc32 (pcmpgtq is in {@link Sse41Ops}). pcmp[ei]str[im] read their
 * 16-byte memory operand without an alignment check (the SDM exempts them); the explicit forms take
 * the lengths from eax/edx (rax/rdx with REX.W). One library call gives IntRes2 and the flags;
 * the index goes to ecx (zero-extending rcx), the mask to xmm0, the flags (CF ZF SF OF, AF = PF = 0)
 * are set in the explicit lazy-flag mode. crc32 folds 1/2/4/8 source bytes into the low 32 bits of
 * the destination and writes them zero-extended.
 */
final class Sse42Ops {
    private Sse42Ops() {}

    private static final int RAX = 0, RCX = 1, RDX = 2;

    static void register(Map<Mnemonic, InsnTable.Emitter> m) {
        m.put(Mnemonic.PCMPESTRI, c -> stringCompare(c, true, true));
        m.put(Mnemonic.PCMPESTRM, c -> stringCompare(c, true, false));
        m.put(Mnemonic.PCMPISTRI, c -> stringCompare(c, false, true));
        m.put(Mnemonic.PCMPISTRM, c -> stringCompare(c, false, false));
        m.put(Mnemonic.CRC32, Sse42Ops::crc32);
    }

    private static void stringCompare(Ctx c, boolean explicit, boolean index) {
        int a = xmm(c, 0);
        int b = source(c, 1, false);
        long imm8 = SseOperands.imm(c, 2);
        Val imm = c.c(imm8);
        Val result;
        if (explicit) {
            Val width = c.c(c.insn.rexW() ? 64 : 32);
            Val lenA = c.b.callValue(libV2("explicitLength"), c.readGpr(RAX, 8), width, imm);
            Val lenB = c.b.callValue(libV2("explicitLength"), c.readGpr(RDX, 8), width, imm);
            result = c.b.callValue(libV2("pcmpestr"), c.c(a), c.c(b), lenA, lenB, imm);
        } else {
            result = c.b.callValue(libV2("pcmpistr"), c.c(a), c.c(b), imm);
        }
        if (index) {
            c.writeGpr(RCX, 4, c.b.callValue(libV2("index"), result, imm));
        } else {
            c.b.call(libV2("mask"), null, result, imm);
        }
        c.flags.setExplicit(c.b.callValue(libV2("flags"), result));
    }

    /** crc32 r32/r64, r/m8/16/32/64. */
    private static void crc32(Ctx c) {
        if (!(c.op(0) instanceof Operand.Reg dst)) {
            throw new Ctx.Unsupported("crc32 destination " + c.op(0));
        }
        int bytes = SseOperands.size(c.op(1));
        Val data = c.read(c.op(1), bytes);
        Val crc = c.b.callValue(libV2("crc32"), c.readGpr(dst.num(), 4), data, c.c(bytes));
        c.writeGpr(dst.num(), dst.size(), crc);
    }
}
