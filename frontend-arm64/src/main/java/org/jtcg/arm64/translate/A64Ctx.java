package org.jtcg.arm64.translate;

import org.jtcg.arm64.Arm64Cpu;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

/**
 * Per-block translation state and the operand plumbing every A64 family uses: register reads that
 * know register 31 (XZR or SP depending on the operand), writes with the 32-bit zero-extension
 * rule, shifts and rotates at the operation size, little-endian memory access. Integer values are
 * I64 temps; a 32-bit value is kept zero-extended in them.
 */
final class A64Ctx {
    final IrBuilder b;
    /** PC of the instruction being translated and its encoding. */
    long pc;
    int insn;
    private boolean ended;
    /** The operands of this block's last SUBS/CMP (register or immediate form) or ANDS/TST, for condition fusion. */
    Compare lastCompare;

    /**
     * A subtract that set NZCV from {@code a - b} at {@code pc} (sf: 64-bit; 32-bit operands zero-extended),
     * or (logical) an ANDS/BICS/TST whose result is a (b the constant 0): N and Z as for {@code a - 0}, C = V = 0.
     */
    record Compare(long pc, boolean sf, Val a, Val b, boolean logical) {
        Compare(long pc, boolean sf, Val a, Val b) {
            this(pc, sf, a, b, false);
        }
    }

    /** This block's last CCMP (not CCMN), for the fusion of a b.cond right after it ({@link Conditions#afterCcmp}). */
    Ccmp lastCcmp;

    /**
     * A CCMP at {@code pc}: if {@code held} (its condition, on the flags before it) the flags of {@code a - b}, else
     * the constant {@code nzcv}. The operands are snapshots taken before its branch, valid on both paths.
     */
    record Ccmp(long pc, Conditions.Test held, Compare compare, int nzcv) {}

    A64Ctx(IrBuilder b) {
        this.b = b;
    }

    long next() { return pc + 4; }

    /** Marks that this instruction ended the block (it emitted its own exit). */
    void endBlock() { ended = true; }
    boolean ended() { return ended; }

    Val c(long v) { return b.const64(v); }
    Val global(int idx) { return b.global(idx); }

    // ---------------------------------------------------------------- general registers

    /** A snapshot of Xn, register 31 reading as zero (XZR); 32-bit when !sf (zero-extended). */
    Val x(int n, boolean sf) {
        if (n == 31) {
            return c(0);
        }
        return sf ? b.mov(b.global(n)) : b.ext32u(b.global(n));
    }

    Val x(int n) { return x(n, true); }

    /** A snapshot of Xn, register 31 being SP. */
    Val xsp(int n, boolean sf) {
        Val g = b.global(n == 31 ? Arm64Cpu.SP : n);
        return sf ? b.mov(g) : b.ext32u(g);
    }

    Val xsp(int n) { return xsp(n, true); }

    /**
     * Xn as it is, upper half included (31: XZR, or SP when {@code sp}), for a 32-bit operation whose result's low
     * half depends only on the operands' low halves (add, sub, logic, left shift) and which zero-extends its result
     * once at the end: saves the zero-extension of each operand (see {@link #lowHalfOperands}).
     */
    Val xRaw(int n, boolean sp) {
        if (n == 31 && !sp) {
            return c(0);
        }
        return b.mov(b.global(n == 31 ? Arm64Cpu.SP : n));
    }

    /**
     * True when a 32-bit operation with a second operand shifted by {@code type}/{@code amount} can take its
     * operands unextended ({@link #xRaw}): LSL (or no shift) only moves low bits upwards.
     */
    static boolean lowHalfOperands(boolean sf, int type, int amount) {
        return !sf && (type == 0 || amount == 0);
    }

    /** Writes Xn (31 = XZR: discarded); a 32-bit result is zero-extended. */
    void setX(int n, boolean sf, Val v) {
        if (n != 31) {
            b.mov(b.global(n), sf ? v : b.ext32u(v));
        }
    }

    void setX(int n, Val v) { setX(n, true, v); }

    /** Writes Xn, register 31 being SP. */
    void setXsp(int n, boolean sf, Val v) {
        b.mov(b.global(n == 31 ? Arm64Cpu.SP : n), sf ? v : b.ext32u(v));
    }

    // ---------------------------------------------------------------- arithmetic at the operation size

    /** Shift of type 0 LSL, 1 LSR, 2 ASR, 3 ROR by a constant amount, at 64 or 32 bits (input zero-extended). */
    Val shiftBy(boolean sf, int type, Val v, int amount) {
        if (amount == 0) {
            return v;
        }
        if (sf) {
            return switch (type) {
                case 0 -> b.shl(v, c(amount));
                case 1 -> b.shr(v, c(amount));
                case 2 -> b.sar(v, c(amount));
                default -> b.rotr(v, c(amount));
            };
        }
        Val w = b.trunc(v);
        Val k = b.const32(amount);
        Val r = switch (type) {
            case 0 -> b.shl(w, k);
            case 1 -> b.shr(w, k);
            case 2 -> b.sar(w, k);
            default -> b.rotr(w, k);
        };
        return b.extu(r);
    }

    /** Shift by a register amount (taken modulo the size, as LSLV etc. do). */
    Val shiftByReg(boolean sf, int type, Val v, Val amount) {
        if (sf) {
            return switch (type) {
                case 0 -> b.shl(v, amount);
                case 1 -> b.shr(v, amount);
                case 2 -> b.sar(v, amount);
                default -> b.rotr(v, amount);
            };
        }
        Val w = b.trunc(v);
        Val k = b.trunc(amount);
        Val r = switch (type) {
            case 0 -> b.shl(w, k);
            case 1 -> b.shr(w, k);
            case 2 -> b.sar(w, k);
            default -> b.rotr(w, k);
        };
        return b.extu(r);
    }

    /** v zero- or sign-extended from its low {@code bytes} bytes to 64 bits. */
    Val extend(Val v, int bytes, boolean signed) {
        return switch (bytes) {
            case 1 -> signed ? b.ext8s(v) : b.ext8u(v);
            case 2 -> signed ? b.ext16s(v) : b.ext16u(v);
            case 4 -> signed ? b.ext32s(v) : b.ext32u(v);
            default -> v;
        };
    }

    // ---------------------------------------------------------------- FP/SIMD registers

    Val vlo(int n) { return b.global(Arm64Cpu.vreg(n, 0)); }
    Val vhi(int n) { return b.global(Arm64Cpu.vreg(n, 1)); }

    /** Writes all 128 bits of Vn. */
    void setV(int n, Val lo, Val hi) {
        b.mov(vlo(n), lo);
        b.mov(vhi(n), hi);
    }

    /** Writes the low 64 bits of Vn and clears the rest (every scalar and 64-bit vector write does). */
    void setVlo(int n, Val lo) {
        b.mov(vlo(n), lo);
        b.movi(vhi(n), 0);
    }

    // ---------------------------------------------------------------- memory (little-endian)

    Val load(Val addr, int size, boolean signed) {
        return b.load(Type.I64, addr, size, signed, false);
    }

    void store(Val v, Val addr, int size) {
        b.store(v, addr, size, false);
    }

    // ---------------------------------------------------------------- exits

    /** Undefined or unimplemented encoding: SIGILL (ILL_ILLOPC) at this pc, with a one-line reason. */
    void sigill() {
        String why = String.format("undefined instruction at 0x%x: %08x (%s)", pc, insn,
                A64Disassembler.format(insn, pc));
        b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPC, b.const64(pc), pc, why);
        endBlock();
    }
}
