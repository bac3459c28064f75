package org.jtcg.s390x.translate;

import org.jtcg.core.decode.EncodingPattern;
import org.jtcg.core.decode.PatternHandlers;
import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.jtcg.s390x.S390xCpu;

import java.util.Set;

import static org.jtcg.s390x.translate.S390xTable.R1;

/**
 * The PSW program mask (PSW bits 20-23: fixed-point overflow, decimal overflow, HFP exponent underflow, HFP
 * significance), SET PROGRAM MASK and INSERT PROGRAM MASK, and the fixed-point-overflow interrupt.
 *
 * <p>Linux starts a program with the mask 0, and no instruction but SPM (and rt_sigreturn, which restores
 * it from the signal frame) changes it. An instruction that can overflow (the rows of {@link #OVERFLOW_ROWS}:
 * PoO lists "fixed-point overflow" among their program exceptions, and each records a CC kind whose CC 3
 * means exactly that overflow) is translated as usual; the first such instruction of a block is preceded
 * by one test of the fixed-point-overflow bit. When it is set, the block continues in its overflow-checked
 * copy ({@link OverflowCheckedBlocks}), where each such instruction, once complete, tests the CC and
 * raises the interrupt: SIGFPE {@code FPE_INTOVF} (arch/s390/kernel/traps.c, {@code overflow_exception})
 * with the instruction's address, the PSW at the next instruction (the operation is completed). So a
 * program with the mask clear pays one AND and branch per such block, not per instruction.
 *
 * <p>The decimal-overflow and HFP bits are kept in the PSW (IPM returns them) and enable nothing: jtcg has
 * no decimal or HFP instructions.
 */
final class ProgramMask {
    private ProgramMask() {}

    /** The program mask's position in {@code pswMask} (PSW bits 20-23 = bits 43-40 counting from the right). */
    static final int SHIFT = 40;
    static final long FIXED_POINT_OVERFLOW = 1L << 43;

    /** Instructions that raise fixed-point overflow (PoO, each instruction's "Program Exceptions"). */
    static final Set<String> OVERFLOW_ROWS = Set.of(
            "AR", "AGR", "AGFR", "ARK", "AGRK", "A", "AY", "AG", "AGF", "AH", "AHY", "AHI", "AGHI", "AFI", "AGFI",
            "AHIK", "AGHIK", "ASI", "AGSI",
            "SR", "SGR", "SGFR", "SRK", "SGRK", "S", "SY", "SG", "SGF", "SH", "SHY",
            "LCR", "LCGR", "LPR", "LPGR",
            "SLA", "SLAK", "SLAG", "SLDA",
            "LAA", "LAAG",
            "AHHHR", "AHHLR", "SHHHR", "SHHLR", "AIH");

    private static final boolean[] CAN_OVERFLOW = byId();

    private static boolean[] byId() {
        boolean[] ids = new boolean[S390xTable.TABLE.patterns().size()];
        for (String name : OVERFLOW_ROWS) {
            EncodingPattern p = S390xTable.TABLE.pattern(name);
            ids[p.id()] = true;
        }
        return ids;
    }

    /** Whether the decoded row can raise fixed-point overflow. */
    static boolean canOverflow(int id) {
        return CAN_OVERFLOW[id];
    }

    static void register(PatternHandlers.Builder<Handler> h) {
        // SPM: r1 bits 34-35 (bits 29-28 from the right) are the new CC, bits 36-39 the program mask. The
        // block ends: the next one starts with the mask as it now is (see the class comment).
        h.on("SPM", (e, a) -> {
            Val v = e.r((int) a[R1]);
            e.ccConst(e.b.and(e.b.shr(v, e.c(28)), e.c(3)));
            Val mask = e.b.and(e.b.shr(v, e.c(24)), e.c(15));
            Val psw = e.global(S390xCpu.PSW_MASK);
            e.b.mov(psw, e.b.deposit(psw, mask, SHIFT, 4));
            e.b.gotoDirect(e.next);
            e.ended = true;
        });
        // IPM: bits 32-39 of r1 = 00, CC, program mask; the rest of r1 unchanged
        h.on("IPM", (e, a) -> {
            Val mask = e.b.and(e.b.shr(e.global(S390xCpu.PSW_MASK), e.c(SHIFT)), e.c(15));
            Val byt = e.b.or(e.b.shl(e.ccValue(), e.c(4)), mask);
            e.set((int) a[R1], e.b.deposit(e.r((int) a[R1]), byt, 24, 8));
        });
    }

    /** Before the first instruction of a block that can overflow: to {@code checked} when the mask bit is set. */
    static void guard(Emit e, Label checked) {
        e.b.brcond(Cond.TSTNE, e.global(S390xCpu.PSW_MASK), e.c(FIXED_POINT_OVERFLOW), checked);
    }

    /**
     * After an instruction that can overflow, in overflow-checked code: when the mask bit is set and the
     * CC it left is 3, the fixed-point-overflow interrupt.
     */
    static void check(Emit e) {
        Label none = e.b.newLabel();
        e.b.brcond(Cond.TSTEQ, e.global(S390xCpu.PSW_MASK), e.c(FIXED_POINT_OVERFLOW), none);
        e.b.brcond(Cond.NE, e.ccValue(), e.c(3), none);
        e.b.exitSignal(Signals.SIGFPE, SigCodes.FPE_INTOVF, e.c(e.restartPc), e.next, "fixed-point overflow enabled by the program mask");
        e.b.setLabel(none);
    }
}
