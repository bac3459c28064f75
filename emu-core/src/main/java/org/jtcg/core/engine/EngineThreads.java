package org.jtcg.core.engine;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.GuestMemory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What each JVM thread running a {@link BlockEngine} has of its own, so the guest threads of a process
 * can share one engine (and its translated code) while running in parallel: the {@link ExecContext}
 * (its TLB is the thread's, its out-parameters and code epoch are the thread's), a jump cache per block
 * cache (as each CPU has its own in QEMU), and counters ({@link EngineStats} written by several threads
 * would lose counts and bounce one cache line between cores). Found once per engine entry, not per block.
 */
final class EngineThreads {
    /** One thread's share of the engine. */
    static final class PerThread {
        final ExecContext exec;
        final TranslatedBlock[] jumpCache = new TranslatedBlock[1 << BlockCache.JUMP_CACHE_BITS];
        final TranslatedBlock[] singleInsnJumpCache = new TranslatedBlock[1 << BlockCache.JUMP_CACHE_BITS];
        final EngineStats stats = new EngineStats();
        /** The CPU this thread runs while inside the engine (asked to leave when other threads drop code), else null. */
        volatile CpuState running;

        PerThread(GuestMemory memory) {
            exec = new ExecContext(memory);
        }
    }

    private final GuestMemory memory;
    private final ThreadLocal<PerThread> local = new ThreadLocal<>();
    private final List<PerThread> all = new CopyOnWriteArrayList<>();
    /** Counters of threads that have left (kept so totals do not shrink). */
    private final EngineStats retired = new EngineStats();

    EngineThreads(GuestMemory memory) {
        this.memory = memory;
    }

    /** The calling thread's share, or null when it never ran this engine (a syscall's or the loader's thread). */
    PerThread currentIfAny() {
        return local.get();
    }

    /** The calling thread's share (created on its first entry; its ExecContext takes this thread's TLB). */
    PerThread current() {
        PerThread t = local.get();
        if (t == null) {
            t = new PerThread(memory);
            all.add(t);
            local.set(t);
        }
        return t;
    }

    /**
     * Guest code was invalidated: every thread's region code sees a new code epoch at its next check, and
     * (when {@code dropped}) the other threads inside the engine are asked to leave at their next block
     * boundary, so none keeps running a dropped loop that never checks the epoch.
     */
    void codeChanged(boolean dropped) {
        PerThread me = local.get();
        for (PerThread t : all) {
            t.exec.codeEpoch++;
            CpuState c = t.running;
            if (dropped && t != me && c != null) {
                c.requestExit();
            }
        }
    }

    /** The calling thread will not run this engine again: its share goes, its counters stay in the totals. */
    void release() {
        PerThread t = local.get();
        if (t == null) {
            return;
        }
        local.remove();
        all.remove(t);
        synchronized (retired) {
            retired.add(t.stats);
        }
    }

    /** The counters of every thread, summed. */
    EngineStats total() {
        EngineStats sum = new EngineStats();
        synchronized (retired) {
            sum.add(retired);
        }
        for (PerThread t : all) {
            sum.add(t.stats);
        }
        return sum;
    }
}
