package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;
import org.jtcg.x86.sse.SseState;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.signal.SigCodes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operand plumbing shared by the SSE families: xmm and immediate operands, memory operands loaded by
 * IR into {@link SseState#SCRATCH} (16-byte operands of legacy SSE instructions must be aligned:
 * otherwise #GP, i.e. SIGSEGV SI_KERNEL with address 0, checked before any access), 128-bit stores,
 * moves between xmm halves and I64 values (IR vector lane ops on {@link SseState#xmm}), helper lookup, and the #XM → SIGFPE check after a library op that reports unmasked exceptions.
 */
final class SseOperands {
    private SseOperands() {}

    static final int SCRATCH = SseState.SCRATCH;
    private static final Map<String, HelperRef> CACHE = new ConcurrentHashMap<>();

    /** A register-file helper of {@link SseHelpers}. */
    static HelperRef sse(String name) {
        return CACHE.computeIfAbsent("h." + name, n -> HelperRef.of(SseHelpers.class, name, 0));
    }

    /** A library op ({@link SseLibHelpers}). */
    static HelperRef lib(String name) {
        return CACHE.computeIfAbsent("l." + name, n -> HelperRef.of(SseLibHelpers.class, name, 0));
    }

    /** An x86-64-v2 library op ({@link SseV2LibHelpers}). */
    static HelperRef libV2(String name) {
        return CACHE.computeIfAbsent("v2." + name, n -> HelperRef.of(SseV2LibHelpers.class, name, 0));
    }

    static boolean isXmm(Operand o) {
        return o instanceof Operand.Reg r && r.kind() == RegKind.XMM;
    }

    static int xmm(Ctx c, int i) {
        Operand o = c.op(i);
        if (isXmm(o)) {
            return ((Operand.Reg) o).num();
        }
        throw new Ctx.Unsupported("expected an xmm operand: " + o);
    }

    static long imm(Ctx c, int i) {
        return ((Operand.Imm) c.op(i)).value() & 0xff;
    }

    /** Size in bytes of a GPR or memory operand. */
    static int size(Operand o) {
        if (o instanceof Operand.Reg r) {
            return r.size();
        }
        if (o instanceof Operand.Mem m) {
            return m.size();
        }
        throw new Ctx.Unsupported("operand " + o);
    }

    static void checkAligned(Ctx c, Val addr) {
        c.signalIf(Cond.TSTNE, addr, c.c(15), Signals.SIGSEGV, SigCodes.SI_KERNEL, 0);
    }

    /** Loads 16 bytes: {lo, hi}. */
    static Val[] load128(Ctx c, Operand.Mem m, boolean aligned) {
        Val addr = c.ea(m);
        if (aligned) {
            checkAligned(c, addr);
        }
        Val lo = c.load(addr, 8);
        Val hi = c.load(c.b.add(addr, c.c(8)), 8);
        return new Val[] {lo, hi};
    }

    static void store128(Ctx c, Operand.Mem m, int reg, boolean aligned) {
        Val addr = c.ea(m);
        if (aligned) {
            checkAligned(c, addr);
        }
        Val lo = c.b.vectors().get(64, reg, 0);
        Val hi = c.b.vectors().get(64, reg, 1);
        c.store(addr, 8, lo);
        c.store(c.b.add(addr, c.c(8)), 8, hi);
    }

    /** The whole register from two I64 values (IR vector lane moves, no helper call). */
    static void set(Ctx c, int reg, Val lo, Val hi) {
        c.b.vectors().set(64, reg, 0, lo).set(64, reg, 1, hi);
    }

    /**
     * The xmm number holding operand i: a register, or {@link #SCRATCH} loaded from memory (a 16-byte
     * operand whole and alignment-checked; a 4/8-byte one into the low half, as scalar ops read it).
     */
    static int source(Ctx c, int i) {
        return source(c, i, true);
    }

    /** {@link #source(Ctx, int)} with the alignment check of a 16-byte operand optional (SSE4.2 string compares, lddqu). */
    static int source(Ctx c, int i, boolean aligned) {
        Operand o = c.op(i);
        if (isXmm(o)) {
            return ((Operand.Reg) o).num();
        }
        if (!(o instanceof Operand.Mem m)) {
            throw new Ctx.Unsupported("expected xmm or memory: " + o);
        }
        if (m.size() == 16) {
            Val[] v = load128(c, m, aligned);
            set(c, SCRATCH, v[0], v[1]);
        } else {
            set(c, SCRATCH, c.load(c.ea(m), m.size()), c.c(0));
        }
        return SCRATCH;
    }

    /** SIGFPE (#XM) when a library op returned non-zero unmasked-exception flags. */
    static void checkXm(Ctx c, Val fault) {
        c.fpeIf(Cond.NE, fault, c.c(0), sse("xmSiCode"));
    }
}
