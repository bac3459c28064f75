package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;
import org.jtcg.x86.sse.SseState;

import java.util.ArrayList;
import java.util.List;

/**
 * Operand plumbing of the VEX (AVX/AVX2) forms. A ymm register is two registers of the IR vector
 * file: xmm n (bits 127:0) and {@link SseState#YMM_HI} + n (bits 255:128), so a 256-bit op is the
 * 128-bit op once per half. Memory operands of 16 or 32 bytes are loaded first (VEX forms need no
 * alignment except the aligned moves) into {@link SseState#SCRATCH} / {@link SseState#SCRATCH_HI};
 * results are computed into {@link SseState#TEMP} / {@link SseState#TEMP_HI} and copied to the
 * destination at the end, so a fault or an unmasked SIMD exception leaves the destination unchanged.
 * The 128-bit implementations run on substituted operands ({@link #emitWith}).
 */
final class AvxOperands {
    private AvxOperands() {}

    static final int SCRATCH = SseState.SCRATCH, SCRATCH_HI = SseState.SCRATCH_HI;
    static final int TEMP = SseState.TEMP, TEMP_HI = SseState.TEMP_HI;

    /** Vector-file number of the upper half of ymm {@code n} (n = 0..15, or the scratch register). */
    static int upper(int n) {
        return SseState.YMM_HI + n;
    }

    static Operand.Reg xmmReg(int n) {
        return new Operand.Reg(RegKind.XMM, n, 16);
    }

    static boolean isVectorReg(Operand o) {
        return o instanceof Operand.Reg r && (r.kind() == RegKind.XMM || r.kind() == RegKind.YMM);
    }

    static boolean isYmm(Operand o) {
        return o instanceof Operand.Reg r && r.kind() == RegKind.YMM;
    }

    /** The register number of an xmm/ymm operand. */
    static int num(Operand o) {
        if (isVectorReg(o)) {
            return ((Operand.Reg) o).num();
        }
        throw new Ctx.Unsupported("expected an xmm/ymm operand: " + o);
    }

    /**
     * A 16- or 32-byte memory operand loaded into the scratch register(s), returned as the xmm/ymm
     * operand naming them; {@code align} > 0 checks that alignment first (#GP: SIGSEGV SI_KERNEL).
     * Other operands are returned unchanged.
     */
    static Operand preload(Ctx c, Operand o, int align) {
        if (!(o instanceof Operand.Mem m) || m.size() != 16 && m.size() != 32) {
            return o;
        }
        Val addr = c.ea(m);
        if (align > 0) {
            c.signalIf(Cond.TSTNE, addr, c.c(align - 1), Signals.SIGSEGV, SigCodes.SI_KERNEL, 0);
        }
        Val w0 = c.load(addr, 8);
        Val w1 = c.load(c.b.add(addr, c.c(8)), 8);
        if (m.size() == 16) {
            SseOperands.set(c, SCRATCH, w0, w1);
            return xmmReg(SCRATCH);
        }
        Val w2 = c.load(c.b.add(addr, c.c(16)), 8);
        Val w3 = c.load(c.b.add(addr, c.c(24)), 8);
        SseOperands.set(c, SCRATCH, w0, w1);
        SseOperands.set(c, SCRATCH_HI, w2, w3);
        return new Operand.Reg(RegKind.YMM, SCRATCH, 32);
    }

    /** Half {@code h} (0 low, 1 high) of a ymm operand as an xmm operand; xmm and other operands as they are. */
    static Operand half(Operand o, int h) {
        if (isYmm(o)) {
            int n = ((Operand.Reg) o).num();
            return xmmReg(h == 0 ? n : upper(n));
        }
        return o;
    }

    /** Vector-file number of half h of an xmm/ymm operand. */
    static int halfNum(Operand o, int h) {
        return num(half(o, h));
    }

    /** Bits 255:128 of ymm {@code n} = 0 (what every VEX.128 form does to its destination). */
    static void zeroUpper(Ctx c, int n) {
        SseOperands.set(c, upper(n), c.c(0), c.c(0));
    }

    /** Copies TEMP (and TEMP_HI when wide, else zero) into the destination register. */
    static void writeTemp(Ctx c, int dst, boolean wide) {
        c.b.vectors().mov(dst, TEMP);
        if (wide) {
            c.b.vectors().mov(upper(dst), TEMP_HI);
        } else {
            zeroUpper(c, dst);
        }
    }

    /** Runs a 128-bit emitter with {@code ops} in place of the instruction's operands. */
    static void emitWith(Ctx c, InsnTable.Emitter e, List<Operand> ops) {
        DecodedInsn i = c.insn;
        c.insn = new DecodedInsn(i.pc(), i.status(), i.length(), i.bytes(), i.op(), i.cond(), i.operandSize(),
                i.addressSize(), ops, i.prefixes(), i.segment(), i.rex(), i.mandatoryPrefix(), i.mnemonic(), i.vex());
        try {
            e.emit(c);
        } finally {
            c.insn = i;
        }
    }

    static List<Operand> ops(Operand first, Operand second, List<Operand> rest) {
        List<Operand> l = new ArrayList<>(2 + rest.size());
        l.add(first);
        if (second != null) {
            l.add(second);
        }
        l.addAll(rest);
        return l;
    }

    /** Stores ymm/xmm register halves to memory (32 or 16 bytes), alignment-checked when {@code align} > 0. */
    static void store(Ctx c, Operand.Mem m, Operand src, int align) {
        Val addr = c.ea(m);
        if (align > 0) {
            c.signalIf(Cond.TSTNE, addr, c.c(align - 1), Signals.SIGSEGV, SigCodes.SI_KERNEL, 0);
        }
        int lo = halfNum(src, 0);
        Val w0 = c.b.vectors().get(64, lo, 0);
        Val w1 = c.b.vectors().get(64, lo, 1);
        if (m.size() == 32) {
            int hi = halfNum(src, 1);
            Val w2 = c.b.vectors().get(64, hi, 0);
            Val w3 = c.b.vectors().get(64, hi, 1);
            // the last byte first: a fault on the second page leaves memory unchanged
            c.store(c.b.add(addr, c.c(24)), 8, w3);
            c.store(addr, 8, w0);
            c.store(c.b.add(addr, c.c(8)), 8, w1);
            c.store(c.b.add(addr, c.c(16)), 8, w2);
        } else {
            c.store(c.b.add(addr, c.c(8)), 8, w1);
            c.store(addr, 8, w0);
        }
    }
}
