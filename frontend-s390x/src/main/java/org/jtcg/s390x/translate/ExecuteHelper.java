package org.jtcg.s390x.translate;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.GuestMemory;

/**
 * EXECUTE / EXECUTE RELATIVE LONG at run time: fetches the target instruction, ORs bits 8-15 with the
 * given byte and returns the pseudo PC ({@link ExecuteTargets}) under which the engine translates and
 * runs the modified instruction; the translated EXECUTE jumps there. Returns {@link #SPECIFICATION} for
 * an odd target address and {@link #EXECUTE_EXCEPTION} when the target is itself an EXECUTE (both even,
 * so they never collide with a pseudo PC). A target that cannot be fetched faults here, at the EXECUTE.
 */
public final class ExecuteHelper {
    private ExecuteHelper() {}

    public static final long SPECIFICATION = 0, EXECUTE_EXCEPTION = 2;

    public static long execute(CpuState state, long target, long or, long executePc, long next) {
        if ((target & 1) != 0) {
            return SPECIFICATION;
        }
        GuestMemory m = state.memory();
        byte[] buf = new byte[6];
        // one fetch (one page-table walk) for the longest instruction; it stops early only at a page that
        // cannot be fetched, which faults below exactly when the instruction needs a byte of it
        int got = m.fetch(target, buf, 0, 6);
        if (got < 2) {
            m.fetch(target + got, buf, got, 1); // faults at the missing byte
        }
        int len = S390xTable.length(((buf[0] & 0xff) << 8) | (buf[1] & 0xff));
        if (got < len) {
            m.fetch(target + got, buf, got, 1);
        }
        buf[1] |= (byte) or;
        int op = buf[0] & 0xff;
        if (op == 0x44 || (op == 0xc6 && (buf[1] & 0x0f) == 0)) {
            return EXECUTE_EXCEPTION; // EX, or EXRL (C6x0)
        }
        long insn = S390xTranslator.leftAligned(buf, len);
        return ExecuteTargets.pseudoPc(new ExecuteTargets.Entry(insn, len, target, executePc, next));
    }
}
