package org.jtcg.s390x.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

/**
 * Program exceptions the translated code recognises, as the signals Linux delivers for them
 * (arch/s390/kernel/traps.c): specification and execute exceptions are SIGILL with ILL_ILLOPN; a data
 * exception with a non-zero DXC (compare-and-trap stores DXC 0xff in the FPC) goes through the
 * floating-point trap path, which gives SIGFPE with si_code 0 for a DXC that is not an IEEE one. The
 * signal address is the instruction's address (the EXECUTE's for an instruction EXECUTE runs:
 * {@link Emit#restartPc}); the PSW the signal frame holds points past it ({@link Emit#next}): these
 * exceptions suppress or complete the instruction (PoO "Types of Instruction Ending"), and Linux leaves the
 * old PSW as the hardware stored it (si_addr = PSW address - ILC). qemu-s390x does the same; a handler
 * that returns goes on after the instruction. Only a branch to an odd address reports the odd address in
 * both (ILC 0).
 */
final class ProgramExceptions {
    private ProgramExceptions() {}

    /** Data-exception code of compare-and-trap. */
    static final int DXC_COMPARE_AND_TRAP = 0xff;

    /** An unconditional specification exception (odd register of a pair, bad alignment known at translation). */
    static void specification(Emit e, String why) {
        e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.restartPc), e.next, "specification exception: " + why);
        e.ended = true;
    }

    /** A specification exception when {@code value & mask} is not zero (operand alignment). */
    static void specificationUnlessAligned(Emit e, Val address, long mask) {
        Label ok = e.b.newLabel();
        e.b.brcond(Cond.TSTEQ, address, e.c(mask), ok);
        e.b.exitSignal(Signals.SIGILL, SigCodes.ILL_ILLOPN, e.c(e.restartPc), e.next,
                "specification exception: operand not aligned");
        e.b.setLabel(ok);
    }

    /** Whether a register number can name the even register of an even/odd pair. */
    static boolean evenPair(long r) {
        return (r & 1) == 0;
    }
}
