package org.jtcg.s390x.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.TranslationRequest;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.jtcg.s390x.S390xCc;
import org.jtcg.s390x.S390xCpu;

/**
 * Per-instruction emission state and the IR idioms every family shares: register halves, operand
 * addresses, big-endian memory, the lazy condition code and branches on a mask. One per block.
 */
final class Emit {
    static final HelperRef CC_COMPUTE = HelperRef.of(S390xCc.class, "value", HelperRef.PURE);

    final IrBuilder b;
    /** Address of the current instruction and of the next one. */
    long pc, next;
    /**
     * Where the instruction starts again when it is interrupted part way (MVCL, CLCL): {@link #pc}, except
     * for an instruction run by EXECUTE, where it is the EXECUTE.
     */
    long restartPc;
    /** The block ends after the current instruction. */
    boolean ended;
    /** The CC kind last written in this block (a translation-time fact), or -1 when unknown. */
    private int ccKind = -1;
    /**
     * Where code bytes come from at translation time ({@link ExecuteInline} reads an EXECUTE's target); null
     * in the block of an instruction EXECUTE runs, which translates nothing in place.
     */
    TranslationRequest req;
    /**
     * The register the previous instruction of this block set with LOAD ADDRESS RELATIVE LONG and the
     * address it loaded (a translation-time constant: glibc's {@code larl r5,target; ex r4,0(r5)}), or -1.
     */
    int larlReg = -1;
    long larlValue;
    /** What the current instruction sets ({@link #startInsn} moves it to {@link #larlReg}). */
    private int larlRegNow = -1;
    private long larlValueNow;

    Emit(IrBuilder b) {
        this.b = b;
    }

    /** Before each instruction: what the previous one left in {@link #larlReg}. */
    void startInsn() {
        larlReg = larlRegNow;
        larlValue = larlValueNow;
        larlRegNow = -1;
    }

    /** The current instruction (LARL) set register n to the constant v. */
    void setConstantAddress(int n, long v) {
        larlRegNow = n;
        larlValueNow = v;
    }

    // ---- registers

    Val r(int n) {
        return b.global(n);
    }

    /** The low 32 bits of rN sign- or zero-extended to 64. */
    Val low(int n, boolean signed) {
        return signed ? b.ext32s(r(n)) : b.ext32u(r(n));
    }

    /** The high 32 bits of rN, zero-extended. */
    Val high(int n) {
        return b.shr(r(n), b.const64(32));
    }

    void set(int n, Val v) {
        b.mov(r(n), v);
    }

    /** Replaces bits 32-63 (the low word) of rN. */
    void setLow(int n, Val v) {
        b.mov(r(n), b.deposit(r(n), v, 0, 32));
    }

    void setHigh(int n, Val v) {
        b.mov(r(n), b.deposit(r(n), v, 32, 32));
    }

    Val c(long v) {
        return b.const64(v);
    }

    Val global(int index) {
        return b.global(index);
    }

    // ---- addresses and memory

    /**
     * x + b + d with register 0 meaning "none" (64-bit addressing), always a fresh temp. The displacement
     * is added last and only when not 0 (the passes fold {@code v + 0} only with the constant second).
     */
    Val addr(long x, long base, long d) {
        Val a = x != 0 ? r((int) x) : null;
        if (base != 0) {
            a = a == null ? r((int) base) : b.add(a, r((int) base));
        }
        if (a == null) {
            return b.mov(c(d));
        }
        return b.mov(d == 0 ? a : b.add(a, c(d)));
    }

    Val addr(long[] a) {
        return addr(a[S390xTable.X], a[S390xTable.B], a[S390xTable.D]);
    }

    /** Second-operand address of a format without index (RS, RSY, SI, SIY, SIL, S). */
    Val addrNoIndex(long[] a) {
        return addr(0, a[S390xTable.B], a[S390xTable.D]);
    }

    Val relative(long[] a) {
        return c(pc + a[S390xTable.REL]);
    }

    Val load(Val addr, int size, boolean signed) {
        return b.load(Type.I64, addr, size, signed, true);
    }

    void store(Val v, Val addr, int size) {
        b.store(v, addr, size, true);
    }

    Val plus(Val addr, long off) {
        return off == 0 ? addr : b.add(addr, c(off));
    }

    // ---- condition code

    /** Records a lazy CC; null operands are not needed by the kind. */
    void cc(int kind, Val a, Val bb, Val res) {
        b.movi(global(S390xCpu.CC_OP), kind);
        if (a != null) {
            b.mov(global(S390xCpu.CC_A), a);
        }
        if (bb != null) {
            b.mov(global(S390xCpu.CC_B), bb);
        }
        if (res != null) {
            b.mov(global(S390xCpu.CC_R), res);
        }
        ccKind = kind;
    }

    void ccConst(Val cc) {
        cc(S390xCc.CONST, cc, null, null);
    }

    /** After a helper that set the CC itself. */
    void ccUnknown() {
        ccKind = -1;
    }

    /** The CC as an I64 value 0..3. */
    Val ccValue() {
        if (ccKind == S390xCc.CONST) {
            return global(S390xCpu.CC_A);
        }
        return b.callValue(CC_COMPUTE, global(S390xCpu.CC_OP), global(S390xCpu.CC_A), global(S390xCpu.CC_B),
                global(S390xCpu.CC_R));
    }

    /** 1 when the current CC is selected by a branch mask (8 = CC0 ... 1 = CC3), else 0; type I32 or I64. */
    Val test(int mask) {
        mask &= 15;
        if (mask == 15) {
            return c(1);
        }
        if (mask == 0) {
            return c(0);
        }
        switch (ccKind) {
            case S390xCc.CMP_S32, S390xCc.CMP_U32, S390xCc.CMP_S64, S390xCc.CMP_U64 -> {
                boolean signed = ccKind == S390xCc.CMP_S32 || ccKind == S390xCc.CMP_S64;
                boolean wide = ccKind == S390xCc.CMP_S64 || ccKind == S390xCc.CMP_U64;
                Cond cond = compareCond(mask & 14, signed);
                if (cond == null) {
                    return c((mask & 14) == 14 ? 1 : 0);
                }
                Val x = global(S390xCpu.CC_A), y = global(S390xCpu.CC_B);
                if (!wide) {
                    x = b.trunc(x);
                    y = b.trunc(y);
                }
                return b.setcond(cond, x, y);
            }
            case S390xCc.NZ64 -> {
                int m = mask & 12;
                if (m == 12 || m == 0) {
                    return c(m == 12 ? 1 : 0);
                }
                return b.setcond(m == 8 ? Cond.EQ : Cond.NE, global(S390xCpu.CC_R), c(0));
            }
            default -> {
                Val bit = b.shr(c(8), ccValue());
                return b.setcond(Cond.TSTNE, bit, c(mask));
            }
        }
    }

    private static Cond compareCond(int m, boolean signed) {
        return switch (m) {
            case 8 -> Cond.EQ;
            case 4 -> signed ? Cond.LT : Cond.LTU;
            case 2 -> signed ? Cond.GT : Cond.GTU;
            case 12 -> signed ? Cond.LE : Cond.LEU;
            case 10 -> signed ? Cond.GE : Cond.GEU;
            case 6 -> Cond.NE;
            default -> null;
        };
    }

    // ---- control flow

    /** Branches to a constant target when the CC matches; ends the block unless the mask is 0. */
    void branch(int mask, long target) {
        mask &= 15;
        if (mask == 0) {
            return;
        }
        if (mask == 15) {
            b.gotoDirect(target);
        } else {
            branchOn(test(mask), target);
        }
        ended = true;
    }

    /** Branches to {@code target} when {@code cond} (0/1 of any type) is not 0, else falls through. */
    void branchOn(Val cond, long target) {
        Label taken = b.newLabel();
        b.brcond(Cond.NE, cond, b.constant(cond.type(), 0), taken);
        b.gotoDirect(next);
        b.setLabel(taken);
        b.gotoDirect(target);
        ended = true;
    }

    /** Branches to an address held in a value when the CC matches. */
    void branchIndirect(int mask, Val target) {
        mask &= 15;
        if (mask == 0) {
            return;
        }
        if (mask == 15) {
            b.gotoIndirect(target);
        } else {
            Val t = test(mask);
            Label taken = b.newLabel();
            b.brcond(Cond.NE, t, b.constant(t.type(), 0), taken);
            b.gotoDirect(next);
            b.setLabel(taken);
            b.gotoIndirect(target);
        }
        ended = true;
    }
}
