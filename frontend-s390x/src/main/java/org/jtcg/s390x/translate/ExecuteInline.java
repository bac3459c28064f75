package org.jtcg.s390x.translate;

import org.jtcg.core.ir.Cond;
import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.Label;
import org.jtcg.core.ir.Val;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;

import static org.jtcg.s390x.translate.S390xTable.R1;

/**
 * EXECUTE of a target known at translation time, translated in place: glibc runs its variable-length
 * moves, clears and compares as {@code exrl r4,mvc_template} (or {@code larl r5,t; ex r4,0(r5)}) where the
 * template is an SS instruction with length code 0, so the executed instruction is the template with the
 * length code {@code L | (r1 & 0xff)}. The generic path ({@link SystemOps#execute}) makes each EXECUTE a
 * helper call, a dispatcher round trip and a one-instruction block under a pseudo PC; here the block calls
 * the storage helper with the run-time length and goes on (MVC, CLC, XC, NC, OC, TR: the same helpers the
 * instructions use, so results, CC and faults are the same; faults report the EXECUTE's address, as the
 * block of an executed instruction does).
 *
 * <p>EXECUTE fetches its target every time it runs. A target on the EXECUTE's own page needs no check: a
 * store there drops this block like any code change. A target elsewhere is compared with the bytes seen at
 * translation time (two loads) and, when they differ, the generic path runs instead.
 */
final class ExecuteInline {
    private ExecuteInline() {}

    /** {@link #knownTarget} when the target depends on run-time register values (odd: never a target). */
    static final long UNKNOWN = 1;

    /**
     * EX's target when it is a translation-time constant: no index and either no base or the base the
     * previous instruction loaded with LARL; else {@link #UNKNOWN}.
     */
    static long knownTarget(Emit e, long[] a) {
        long x = a[S390xTable.X], base = a[S390xTable.B], d = a[S390xTable.D];
        if (x != 0) {
            return UNKNOWN;
        }
        if (base == 0) {
            return d;
        }
        return base == e.larlReg ? e.larlValue + d : UNKNOWN;
    }

    /** Emits EXECUTE of the instruction at {@code target} in place; false (nothing emitted) when it cannot. */
    static boolean emit(Emit e, long[] a, long target) {
        if (e.req == null || (target & 1) != 0) {
            return false;
        }
        byte[] insn = new byte[6];
        try {
            if (e.req.fetch(target, insn, 0, 6) < 6) {
                return false;
            }
        } catch (GuestFault f) {
            return false; // the generic path faults at run time, if the EXECUTE runs
        }
        HelperRef helper = helper(insn[0] & 0xff);
        if (helper == null) {
            return false;
        }
        boolean onOwnPage = ((target ^ e.pc) & GuestMemory.PAGE_MASK) == 0
                && (((target + 5) ^ e.pc) & GuestMemory.PAGE_MASK) == 0;
        if (!onOwnPage) {
            checkTarget(e, a, target, insn);
        }
        int r1 = (int) a[R1];
        long lengthCode = insn[1] & 0xff;
        Val length = r1 == 0 ? e.c(lengthCode) : e.b.or(e.b.and(e.r(r1), e.c(0xff)), e.c(lengthCode));
        Val first = e.addr(0, (insn[2] >> 4) & 15, ((insn[2] & 15) << 8) | (insn[3] & 0xff));
        Val second = e.addr(0, (insn[4] >> 4) & 15, ((insn[4] & 15) << 8) | (insn[5] & 0xff));
        if (helper == StorageHelpers.MVC || helper == StorageHelpers.TR) {
            e.b.call(helper, null, length, first, second);
        } else {
            e.ccConst(e.b.callValue(helper, length, first, second));
        }
        return true;
    }

    /** The SS instructions with one 8-bit length code that run in place, by first opcode byte. */
    private static HelperRef helper(int opcode) {
        return switch (opcode) {
            case 0xd2 -> StorageHelpers.MVC;
            case 0xd4 -> StorageHelpers.NC;
            case 0xd5 -> StorageHelpers.CLC;
            case 0xd6 -> StorageHelpers.OC;
            case 0xd7 -> StorageHelpers.XC;
            case 0xdc -> StorageHelpers.TR;
            default -> null;
        };
    }

    /** Runs the generic EXECUTE (which leaves the block) unless the six bytes at target are still insn. */
    private static void checkTarget(Emit e, long[] a, long target, byte[] insn) {
        long head = ((insn[0] & 0xff) << 8) | (insn[1] & 0xff);
        long tail = ((insn[2] & 0xffL) << 24) | ((insn[3] & 0xff) << 16) | ((insn[4] & 0xff) << 8) | (insn[5] & 0xff);
        Label generic = e.b.newLabel(), inPlace = e.b.newLabel();
        e.b.brcond(Cond.NE, e.load(e.c(target), 2, false), e.c(head), generic);
        e.b.brcond(Cond.EQ, e.load(e.c(target + 2), 4, false), e.c(tail), inPlace);
        e.b.setLabel(generic);
        SystemOps.execute(e, a, e.c(target));
        e.ended = false; // the generic path left the block; the in-place one goes on
        e.b.setLabel(inPlace);
    }
}
