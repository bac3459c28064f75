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
 * <li>A guest store into the code of the block or region being run (checked only on the slow path a
 *     store to a code page takes anyway) makes the page an SMC page and, after the engine dropped the
 *     page's blocks, is refused: the block code leaves as for a fault, with the guest state at the start
 *     of the storing instruction and the store not done, and the engine runs on from that instruction
 *     in a fresh translation ({@link #codeWritten}).</li>
 * <li>Blocks translated on an SMC page end after their first instruction that may write memory
 *     ({@link #instructionsUpToFirstStore}), so nothing translated from the old bytes follows a store in
 *     the same block, and they never join a region. Later stores to the page still drop its blocks
 *     (the engine's code-write listener) before they land; the next block is looked up afresh.</li>
 * </ul>
 * Code that never writes its own translations keeps full blocks and regions; the common-path cost is
 * the empty-set test per translation and noting the running block per dispatch. Stores made outside
 * guest code (syscalls, the loader) never restart.
 */
final class SelfModifyingCode {
    /** The si_code of the restart fault: no real SIGSEGV code (those are small and positive). */
    static final int RESTART_SI_CODE = Integer.MIN_VALUE + 0x5c;

    private final Set<Long> smcPages = ConcurrentHashMap.newKeySet();
    /** Restarts so far (tests, diagnostics). */
    volatile long restarts;

    /**
     * Called by the code-write listener after the page's blocks were dropped, with the written address
     * {@code va}. When it falls in the code of the block or region running on {@code exec} (a store that
     * changes an instruction of the running translation), the page becomes an SMC page and the store is
     * refused with the restart fault. A block already translated on an SMC page ends after its first store,
     * so no later instruction of it can be stale: it is never restarted (no restart loop).
     */
    void codeWritten(long va, ExecContext exec) {
        TranslatedBlock tb = exec.runningBlock;
        boolean stale = tb != null ? !tb.onSmcPage && covers(tb, va) : exec.runningRegion != null && covers(exec.runningRegion, va);
        if (stale) {
            smcPages.add(va & GuestMemory.PAGE_MASK);
            restarts++;
            throw new GuestFault(va, GuestFault.Access.WRITE, RESTART_SI_CODE);
        }
    }

    /** A store of up to {@link #MAX_STORE} bytes at va may change an instruction of tb. */
    private static boolean covers(TranslatedBlock tb, long va) {
        return va + MAX_STORE > tb.pc && va < tb.endPc;
    }

    private static boolean covers(Region r, long va) {
        for (TranslatedBlock tb : r.members) {
            if (covers(tb, va)) {
                return true;
            }
        }
        return false;
    }

    /** The widest single store (a vector store is split into 8-byte stores by the frontends). */
    private static final int MAX_STORE = 16;

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
