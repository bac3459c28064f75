package org.jtcg.core.engine;

import org.jtcg.core.ir.HelperRef;
import org.jtcg.core.ir.IrBlock;
import org.jtcg.core.ir.Op;
import org.jtcg.core.ir.Opcode;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Precise self-modifying code: a guest store that changes an instruction later in the block (or region)
 * being executed takes effect before that instruction runs, as on hardware.
 *
 * <p>The cost stays on pages that have been written while they held translated code ("SMC pages"):
 * <ul>
 * <li>The first guest store to a code page that is not an SMC page yet makes it one and, after the
 *     engine dropped the page's blocks, is refused with a restart ({@link #restart}): the block code
 *     leaves as for a fault, with the guest state at the start of the storing instruction and the store
 *     not done, and the engine runs on from that instruction in a fresh translation.</li>
 * <li>Blocks translated on an SMC page end after their first instruction that may write memory
 *     ({@link #instructionsUpToFirstStore}), so nothing translated from the old bytes follows a store in
 *     the same block, and they never join a region. Later stores to the page still drop its blocks
 *     (the engine's code-write listener) before they land; the next block is looked up afresh.</li>
 * </ul>
 * Code that never writes its own pages keeps full blocks and regions; the only common-path cost is the
 * empty-set test per translation. Stores made outside guest code (syscalls, the loader) never restart.
 */
final class SelfModifyingCode {
    /** The si_code of the restart fault: no real SIGSEGV code (those are small and positive). */
    static final int RESTART_SI_CODE = Integer.MIN_VALUE + 0x5c;

    private final Set<Long> smcPages = ConcurrentHashMap.newKeySet();
    /** Restarts so far (tests, diagnostics). */
    volatile long restarts;

    /**
     * Called by the code-write listener after the page's blocks were dropped. When the store comes from
     * guest code ({@code fromGuestCode}) and the page is not an SMC page yet, makes it one and throws the
     * restart fault.
     */
    void codeWritten(long pageVa, boolean fromGuestCode) {
        // only guest stores can change code inside a running block: syscalls and mapping changes end it first
        if (fromGuestCode && smcPages.add(pageVa & GuestMemory.PAGE_MASK)) {
            restarts++;
            throw new GuestFault(pageVa, GuestFault.Access.WRITE, RESTART_SI_CODE);
        }
    }

    /** True when a block that left with FAULT left for a restart, not for a SIGSEGV. */
    static boolean isRestart(ExecContext exec) {
        return exec.faultSiCode == RESTART_SI_CODE;
    }

    /** True when any page of [pc, endPc) is an SMC page. */
    boolean touches(long pc, long endPc) {
        if (smcPages.isEmpty()) {
            return false;
        }
        long last = (Math.max(endPc, pc + 1) - 1) & GuestMemory.PAGE_MASK;
        for (long page = pc & GuestMemory.PAGE_MASK; ; page += GuestMemory.PAGE_SIZE) {
            if (smcPages.contains(page)) {
                return true;
            }
            if (page == last) {
                return false;
            }
        }
    }

    /**
     * For a block on an SMC page: the number of instructions up to and including the first one that may
     * write guest memory (a store, or a helper call that is not pure), or the block's own count when that
     * instruction is its last or there is none.
     */
    static int instructionsUpToFirstStore(IrBlock ir) {
        int insn = 0;
        for (Op op : ir.ops()) {
            if (op.opc == Opcode.INSN_START) {
                insn++;
            } else if (mayWriteMemory(op)) {
                return Math.max(insn, 1);
            }
        }
        return ir.insnCount();
    }

    private static boolean mayWriteMemory(Op op) {
        if (op.opc == Opcode.STORE) {
            return true;
        }
        return op.opc == Opcode.CALL && (op.helper.flags() & HelperRef.PURE) == 0;
    }
}
