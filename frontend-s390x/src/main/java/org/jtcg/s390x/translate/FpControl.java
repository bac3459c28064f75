package org.jtcg.s390x.translate;

import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.core.softfloat.FlagMap;
import org.jtcg.core.softfloat.FpStatus;
import org.jtcg.s390x.S390xCpu;

/**
 * The floating-point control register: its IEEE masks, flags and data-exception code (DXC), and the
 * instructions that set the rounding mode or move the whole FPC (SRNM, SRNMB, LFPC, SFPC, STFPC; EFPC is in
 * {@link SystemOps}).
 *
 * <p>FPC layout (32 bits, PoO "Floating-Point-Control Register"): byte 0 the IEEE masks, byte 1 the IEEE
 * flags, each invalid 0x80, divide-by-zero 0x40, overflow 0x20, underflow 0x10, inexact 0x08; byte 2 the
 * DXC; bits 29-31 the BFP rounding mode.
 *
 * <p>Traps: an IEEE exception whose mask bit is one is not recorded as a flag; the instruction ends with
 * a data exception carrying the DXC (the exception byte: 0x80 invalid, 0x40 divide, 0x20/0x28/0x2c overflow,
 * 0x10/0x18/0x1c underflow, 0x08/0x0c inexact; 0x04 "incremented" and the scaled results of short and long
 * BFP come from {@link BfpTrapResults}), which Linux stores in the FPC DXC byte and reports as SIGFPE with
 * FPE_FLTINV/FLTDIV/FLTOVF/FLTUND/FLTRES.
 * {@link #commit} makes that decision inside the helpers and leaves the si_code in {@code fpTrap};
 * {@link #checkTrap} emits the test after each BFP helper call. Invalid and divide-by-zero traps
 * suppress the result; the others complete it (short and long: with the PoO's scaled result, see
 * {@link BfpTrapResults}; extended: unscaled).
 */
public final class FpControl {
    private FpControl() {}

    /** IEEE exception bits of the mask / flag / DXC bytes. */
    static final int INVALID = 0x80, DIVIDE = 0x40, OVERFLOW = 0x20, UNDERFLOW = 0x10, INEXACT = 0x08;
    /**
     * Bits an FPC may hold: masks, flags, DXC, the DFP rounding mode (bits 25-27: the DFP-rounding part of
     * facility 41, which STFLE lists; no DFP arithmetic reads it) and the BFP rounding mode (bits 29-31).
     */
    static final long VALID_BITS = 0xf8f8ff77L;

    /** The core's flags as the FPC exception byte. */
    private static final FlagMap EXCEPTIONS = new FlagMap(INVALID, 0, DIVIDE, OVERFLOW, UNDERFLOW, INEXACT, 0);

    /**
     * Records the IEEE exceptions {@code st} raised in the FPC or, when one is enabled by its mask,
     * recognises the trap: DXC into the FPC, si_code into {@code cpu.fpTrap}. {@code suppressInexact} is
     * the XxC bit of an M4 field (inexact neither flagged nor trapped). Returns whether the result must
     * be suppressed (an invalid or divide-by-zero trap).
     */
    static boolean commit(S390xCpu cpu, FpStatus st, boolean suppressInexact) {
        int exc = EXCEPTIONS.toArch(st.flags);
        if (suppressInexact) {
            exc &= ~INEXACT;
        }
        if (exc == 0) {
            return false;
        }
        int masks = (int) (cpu.fpc >>> 24) & 0xf8;
        int others = exc & ~INEXACT;
        if ((others & masks) != 0) {
            trap(cpu, exc); // inexact is reported along in the DXC
            return (others & (INVALID | DIVIDE)) != 0;
        }
        cpu.fpc |= (long) others << 16;
        if ((exc & INEXACT) != 0) {
            if ((masks & INEXACT) != 0) {
                trap(cpu, INEXACT);
            } else {
                cpu.fpc |= (long) INEXACT << 16;
            }
        }
        return false;
    }

    /** Recognises a trap: the DXC into the FPC, its si_code into {@code fpTrap}. */
    static void trap(S390xCpu cpu, int dxc) {
        cpu.fpc = (cpu.fpc & ~0xff00L) | (long) dxc << 8;
        cpu.fpTrap = siCode(dxc);
    }

    /** Linux's si_code for an IEEE DXC (arch/s390 do_fp_trap: the highest-priority exception bit). */
    static int siCode(int dxc) {
        if ((dxc & INVALID) != 0) {
            return SigCodes.FPE_FLTINV;
        }
        if ((dxc & DIVIDE) != 0) {
            return SigCodes.FPE_FLTDIV;
        }
        if ((dxc & OVERFLOW) != 0) {
            return SigCodes.FPE_FLTOVF;
        }
        if ((dxc & UNDERFLOW) != 0) {
            return SigCodes.FPE_FLTUND;
        }
        return SigCodes.FPE_FLTRES;
    }

    private static final int[] TRAP_CODES = {SigCodes.FPE_FLTINV, SigCodes.FPE_FLTDIV, SigCodes.FPE_FLTOVF,
        SigCodes.FPE_FLTUND, SigCodes.FPE_FLTRES};

    /**
     * After a BFP helper call: when the helper recognised a trap, leave with SIGFPE at this instruction
     * (its si_code from {@code fpTrap}, which is cleared); {@code result} writes the instruction's result
     * and runs on the normal path and, before the signal, for the completing traps (overflow, underflow,
     * inexact). {@code result} may be null (the helper wrote everything itself).
     */
    static void checkTrap(Emit e, Runnable result) {
        Val trap = e.global(S390xCpu.FP_TRAP);
        Label ok = e.b.newLabel();
        e.b.brcond(Cond.EQ, trap, e.c(0), ok);
        Val code = e.b.mov(trap);
        e.b.movi(trap, 0);
        for (int i = 0; i < TRAP_CODES.length; i++) {
            int si = TRAP_CODES[i];
            Label other = e.b.newLabel();
            if (i < TRAP_CODES.length - 1) {
                e.b.brcond(Cond.NE, code, e.c(si), other);
            }
            if (result != null && si != SigCodes.FPE_FLTINV && si != SigCodes.FPE_FLTDIV) {
                result.run();
            }
            e.b.exitSignal(Signals.SIGFPE, si, e.c(e.restartPc), e.next, "IEEE floating-point exception enabled in the FPC ("
                    + SigCodes.name(Signals.SIGFPE, si) + ")");
            e.b.setLabel(other);
        }
        e.b.setLabel(ok);
        if (result != null) {
            result.run();
        }
    }

    static final HelperRef VALID_FPC = HelperRef.of(FpControl.class, "validFpc", HelperRef.PURE);

    static void register(PatternHandlers.Builder<Handler> h) {
        // SET BFP ROUNDING MODE: the mode is the second-operand address itself (no storage access); the
        // 2-bit SRNM sets FPC bits 30-31 and clears bit 29 (so it also leaves mode 7)
        h.on("SRNM", (e, a) -> setRounding(e, e.b.and(e.addrNoIndex(a), e.c(3)), 7));
        h.on("SRNMB", (e, a) -> {
            Val mode = e.b.and(e.addrNoIndex(a), e.c(7));
            Label ok = e.b.newLabel();
            // modes 4-6 are invalid: specification exception (Linux: SIGILL ILL_ILLOPN)
            Label bad = e.b.newLabel();
            e.b.brcond(Cond.LTU, mode, e.c(4), ok);
            e.b.brcond(Cond.NE, mode, e.c(7), bad);
            e.b.setLabel(ok);
            setRounding(e, mode, 7);
            Label done = e.b.newLabel();
            e.b.br(done);
            e.b.setLabel(bad);
            e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.restartPc), e.next, "SRNMB with a reserved rounding mode");
            e.b.setLabel(done);
        });
        // SET DFP ROUNDING MODE: address bits 61-63 into FPC bits 25-27; every value is valid
        h.on("SRNMT", (e, a) -> setRounding(e, e.b.shl(e.b.and(e.addrNoIndex(a), e.c(7)), e.c(4)), 0x70));
        h.on("STFPC", (e, a) -> e.store(e.global(S390xCpu.FPC), e.addrNoIndex(a), 4));
        h.on("LFPC", (e, a) -> setFpc(e, e.load(e.addrNoIndex(a), 4, false), "LFPC"));
        // SET FPC: the same validation as LFPC (PoO: a reserved bit or an invalid BFP rounding mode is a
        // specification exception, the FPC unchanged)
        h.on("SFPC", (e, a) -> setFpc(e, e.low((int) a[S390xTable.R1], false), "SFPC"));
    }

    /** The FPC = v (32 bits), or SIGILL ILL_ILLOPN (specification exception) when v is not a valid FPC. */
    private static void setFpc(Emit e, Val v, String insn) {
        Label ok = e.b.newLabel();
        e.b.brcond(Cond.NE, e.b.callValue(VALID_FPC, v), e.c(0), ok);
        e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.restartPc), e.next, insn + " of an invalid FPC value");
        e.b.setLabel(ok);
        e.b.mov(e.global(S390xCpu.FPC), v);
    }

    private static void setRounding(Emit e, Val mode, long field) {
        Val fpc = e.global(S390xCpu.FPC);
        e.b.mov(fpc, e.b.or(e.b.and(fpc, e.c(~field & 0xffffffffL)), mode));
    }

    /** 1 when v is a valid FPC value (no reserved bit, BFP rounding mode not 4-6; any DFP rounding mode), else 0. */
    public static long validFpc(long v) {
        long mode = v & 7;
        return (v & ~VALID_BITS) == 0 && (mode < 4 || mode == 7) ? 1 : 0;
    }
}
