package org.jtcg.x86.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.GuestAtomics;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBuilder;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Type;
import org.jtcg.core.ir.Val;
import org.jtcg.x86.X86Cpu;
import org.jtcg.x86.decoder.DecodedInsn;
import org.jtcg.x86.decoder.X86Disassembler;
import org.jtcg.x86.decoder.Operand;
import org.jtcg.x86.decoder.RegKind;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-block translation state and the operand plumbing every instruction family uses: GPR reads and
 * writes with x86 width rules (32-bit writes zero-extend, 8/16-bit writes merge, AH..BH), effective
 * addresses (SIB, RIP-relative, 67 address size, FS/GS base), little-endian loads and stores, the
 * lazy-flag tracker, and out-of-line exception stubs. All integer values are I64 temps; a value "at
 * size s" is zero-extended from its low s bytes unless a method says otherwise.
 */
final class Ctx {
    final IrBuilder b;
    final Flags flags;
    DecodedInsn insn;
    private boolean ended;
    /** Exception exits placed after the block's last exit, so they do not split straight-line code. */
    private final List<Runnable> stubs = new ArrayList<>();

    Ctx(IrBuilder b) {
        this.b = b;
        this.flags = new Flags(this);
    }

    long pc() { return insn.pc(); }
    long next() { return insn.nextPc(); }
    int osize() { return insn.operandSize(); }
    Operand op(int i) { return insn.operand(i); }

    /** Marks that this instruction ended the block (it emitted its own exit). */
    void endBlock() { ended = true; }
    boolean ended() { return ended; }

    // ---------------------------------------------------------------- values

    Val c(long v) { return b.const64(v); }
    Val gpr(int n) { return b.global(n); }
    Val global(int idx) { return b.global(idx); }

    /** v zero-extended from its low size bytes. */
    Val zext(Val v, int size) {
        return switch (size) {
            case 1 -> b.ext8u(v);
            case 2 -> b.ext16u(v);
            case 4 -> b.ext32u(v);
            default -> v;
        };
    }

    /** v sign-extended from its low size bytes. */
    Val sext(Val v, int size) {
        return switch (size) {
            case 1 -> b.ext8s(v);
            case 2 -> b.ext16s(v);
            case 4 -> b.ext32s(v);
            default -> v;
        };
    }

    /** A snapshot (fresh temp) of GPR n at size: later writes to the register do not change it. */
    Val readGpr(int n, int size) {
        return size == 8 ? b.mov(gpr(n)) : zext(gpr(n), size);
    }

    void writeGpr(int n, int size, Val v) {
        Val g = gpr(n);
        switch (size) {
            case 8 -> b.mov(g, v);
            case 4 -> b.ext32u(g, v);
            case 2 -> b.deposit(g, g, v, 0, 16);
            case 1 -> b.deposit(g, g, v, 0, 8);
            default -> throw new IllegalStateException("bad GPR size " + size);
        }
    }

    // ---------------------------------------------------------------- memory

    /** Effective address of a memory operand, including the FS/GS base. */
    Val ea(Operand.Mem m) {
        Val a;
        if (m.ripRelative()) {
            a = c(insn.nextPc() + m.disp());
        } else {
            a = null;
            if (m.base() != Operand.NONE) {
                a = gpr(m.base());
            }
            if (m.index() != Operand.NONE) {
                Val idx = gpr(m.index());
                if (m.scale() > 1) {
                    idx = b.shl(idx, c(Integer.numberOfTrailingZeros(m.scale())));
                }
                a = a == null ? idx : b.add(a, idx);
            }
            if (a == null) {
                a = c(m.disp());
            } else if (m.disp() != 0) {
                a = b.add(a, c(m.disp()));
            }
            if (m.addressSize() == 4) {
                a = b.ext32u(a);
            }
        }
        if (m.segment() == Operand.FS) {
            a = b.add(a, global(X86Cpu.FS_BASE));
        } else if (m.segment() == Operand.GS) {
            a = b.add(a, global(X86Cpu.GS_BASE));
        }
        return a;
    }

    Val load(Val addr, int size) {
        return b.load(Type.I64, addr, size, false, false);
    }

    Val loadSigned(Val addr, int size) {
        return b.load(Type.I64, addr, size, true, false);
    }

    void store(Val addr, int size, Val v) {
        b.store(v, addr, size, false);
    }

    // ---------------------------------------------------------------- operands

    /** A resolved operand location (register or memory with its address computed once). */
    final class Loc {
        final Operand o;
        final Val addr;
        final int size;
        /**
         * LOCK prefix on a memory operand: read and write are one host atomic. The read is a plain load that
         * opens a retry loop; the write is a compare-and-swap against the value read, and the instruction's
         * code between the two runs again when another thread changed memory meanwhile (that code only
         * computes from the value read and registers it does not write before the write).
         */
        private final boolean locked;
        private Label retry;
        private Val seen;

        Loc(Operand o, int size) {
            this(o, o instanceof Operand.Mem m ? ea(m) : null, size);
        }

        Loc(Operand o, Val addr, int size) {
            this.o = o;
            this.size = size;
            this.addr = addr;
            this.locked = addr != null && insn.lock();
        }

        boolean isMem() { return addr != null; }

        Val read() {
            if (addr != null) {
                if (locked) {
                    retry = b.newLabel();
                    b.setLabel(retry);
                    seen = load(addr, size);
                    return seen;
                }
                return load(addr, size);
            }
            return Ctx.this.read(o, size);
        }

        void write(Val v) {
            if (addr != null) {
                if (locked) {
                    if (seen == null) {
                        throw new IllegalStateException("locked operand written before it was read");
                    }
                    Val found = GuestAtomics.emitCompareAndSwap(b, addr, seen, v, size, false);
                    b.brcond(Cond.NE, found, seen, retry);
                    return;
                }
                store(addr, size, v);
            } else {
                Ctx.this.write(o, size, v);
            }
        }
    }

    Loc loc(Operand o, int size) { return new Loc(o, size); }
    /** Memory operand o at a computed address (bt* with a register bit offset). */
    Loc locAt(Operand.Mem o, Val addr, int size) { return new Loc(o, addr, size); }
    Loc loc(int i) { return new Loc(op(i), osize()); }

    /** Reads a register, memory or immediate operand at size bytes (zero-extended). */
    Val read(Operand o, int size) {
        if (o instanceof Operand.Reg r) {
            if (r.kind() == RegKind.GPR) {
                return readGpr(r.num(), size);
            }
            if (r.kind() == RegKind.GPR_HIGH8) {
                return b.extract(gpr(r.num()), 8, 8, false);
            }
            if (r.kind() == RegKind.SEG) {
                return global(segField(r.num()));
            }
            throw new Unsupported("register operand " + r);
        }
        if (o instanceof Operand.Mem m) {
            return load(ea(m), size);
        }
        if (o instanceof Operand.Imm imm) {
            return c(imm.value() & org.jtcg.x86.LazyFlags.mask(size));
        }
        throw new Unsupported("operand " + o);
    }

    /** Operand i at the instruction's operand size. */
    Val read(int i) { return read(op(i), osize()); }

    void write(Operand o, int size, Val v) {
        if (o instanceof Operand.Reg r) {
            if (r.kind() == RegKind.GPR) {
                writeGpr(r.num(), size, v);
                return;
            }
            if (r.kind() == RegKind.GPR_HIGH8) {
                Val g = gpr(r.num());
                b.deposit(g, g, v, 8, 8);
                return;
            }
            throw new Unsupported("write to " + r);
        }
        if (o instanceof Operand.Mem m) {
            store(ea(m), size, v);
            return;
        }
        throw new Unsupported("write to " + o);
    }

    static int segField(int seg) {
        return 24 + seg; // es cs ss ds fs gs follow gsBase in the layout
    }

    // ---------------------------------------------------------------- helpers and exits

    Val callValue(HelperRef h, Val... args) { return b.callValue(h, args); }

    /** Branches out of line to a signal exit when cond(a, b) holds; the main path continues. */
    void signalIf(Cond cond, Val a, Val bv, int signo, int siCode, long address) {
        Label l = b.newLabel();
        b.brcond(cond, a, bv, l);
        long pc = pc();
        stubs.add(() -> {
            b.setLabel(l);
            b.exitSignal(signo, siCode, address, pc);
        });
    }

    /**
     * si_code for a floating-point exception with unmasked flags {@code err} (x87 FSW or MXCSR bit
     * order: IE DE ZE OE UE PE), as Linux's {@code fpu__exception_code} picks it; 0 when none is set.
     */
    static int fpeSiCode(int err) {
        if ((err & 0x01) != 0) return SigCodes.FPE_FLTINV;
        if ((err & 0x04) != 0) return SigCodes.FPE_FLTDIV;
        if ((err & 0x08) != 0) return SigCodes.FPE_FLTOVF;
        if ((err & 0x12) != 0) return SigCodes.FPE_FLTUND;
        if ((err & 0x20) != 0) return SigCodes.FPE_FLTRES;
        return 0;
    }

    /**
     * SIGFPE at this instruction (address = pc) when cond(a, b) holds, out of line. The si_code is
     * only known at run time: the stub calls {@code siCode} (a helper returning one of the FPE_FLT*
     * codes from the current FP state) and branches to the matching exit.
     */
    void fpeIf(Cond cond, Val a, Val bv, HelperRef siCode) {
        Label l = b.newLabel();
        b.brcond(cond, a, bv, l);
        long pc = pc();
        stubs.add(() -> {
            b.setLabel(l);
            Val code = b.callValue(siCode);
            int[] codes = {SigCodes.FPE_FLTDIV, SigCodes.FPE_FLTOVF, SigCodes.FPE_FLTUND, SigCodes.FPE_FLTRES};
            Label[] exits = new Label[codes.length];
            for (int i = 0; i < codes.length; i++) {
                exits[i] = b.newLabel();
                b.brcond(Cond.EQ, code, c(codes[i]), exits[i]);
            }
            b.exitSignal(Signals.SIGFPE, SigCodes.FPE_FLTINV, pc, pc);
            for (int i = 0; i < codes.length; i++) {
                b.setLabel(exits[i]);
                b.exitSignal(Signals.SIGFPE, codes[i], pc, pc);
            }
        });
    }

    /** Raises a signal at this instruction and ends the block. */
    void raise(int signo, int siCode, long address, long pc) {
        b.exitSignal(signo, siCode, address, pc);
        endBlock();
    }

    /** SIGILL for an instruction that is undefined or not implemented, naming the PC and the bytes. */
    void sigill() {
        String why = insn.ok()
                ? "unsupported instruction at 0x" + Long.toHexString(pc()) + ": " + insn.hexBytes()
                        + " (" + X86Disassembler.format(insn) + ")"
                : insn.describeProblem();
        b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, b.const64(pc()), pc(), why);
        endBlock();
    }

    void emitStubs() {
        for (Runnable r : stubs) {
            r.run();
        }
        stubs.clear();
    }

    Label label() { return b.newLabel(); }

    /** Places a label; straight-line facts (lazy-flag operands) are forgotten at merge points. */
    void place(Label l) {
        b.setLabel(l);
        flags.forget();
    }

    /** Thrown while translating an instruction the translator does not implement: it becomes SIGILL. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }
}
