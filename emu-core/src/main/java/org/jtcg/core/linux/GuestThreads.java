package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest threads of one process: the tid table, which guest thread the calling JVM thread is,
 * the {@link GuestScheduler} they share, and blocking waits that release it. Every method except
 * {@link #current} is called with the execution lock held.
 */
final class GuestThreads {
    private final GuestScheduler scheduler = new GuestScheduler();
    private final Map<Long, GuestThread> byTid = new LinkedHashMap<>();
    private final ThreadLocal<GuestThread> current = new ThreadLocal<>();
    private final GuestThread main;
    GuestThreads(long pid) {
        main = new GuestThread(pid, null, new SignalState(), scheduler.newCondition());
        byTid.put(pid, main);
    }

    GuestScheduler scheduler() { return scheduler; }
    GuestThread main() { return main; }

    /** The guest thread the calling JVM thread runs (the main thread for a JVM thread not bound to one). */
    GuestThread current() {
        GuestThread t = current.get();
        return t != null ? t : main;
    }

    void bind(GuestThread t) {
        current.set(t);
    }

    /** The thread running {@code cpu}, or the main thread when none does (it then gets {@code cpu}). */
    GuestThread forCpu(CpuState cpu) {
        for (GuestThread t : byTid.values()) {
            if (t.cpu() == cpu) return t;
        }
        if (main.cpu() == null) main.setCpu(cpu);
        return main;
    }

    GuestThread add(long tid, CpuState cpu, SignalState signals) {
        GuestThread t = new GuestThread(tid, cpu, signals, scheduler.newCondition());
        byTid.put(tid, t);
        return t;
    }

    GuestThread byTid(long tid) {
        GuestThread t = byTid.get(tid);
        return t == null || t.exited() ? null : t;
    }

    /** Threads that have not exited. */
    List<GuestThread> live() {
        List<GuestThread> l = new ArrayList<>();
        for (GuestThread t : byTid.values()) if (!t.exited()) l.add(t);
        return l;
    }

    /** Drops an exited thread that is not the main one (the main thread's tid stays the pid). */
    void remove(GuestThread t) {
        if (t != main) byTid.remove(t.tid());
    }

    /** Wakes every waiting thread (the process ended, or a signal arrived that any thread may take). */
    void wakeAll() {
        for (GuestThread t : byTid.values()) t.wakeup.signalAll();
    }

    /**
     * Blocks the current thread, lock released, until {@code woken} is true, {@code nanos} have passed
     * ({@code nanos < 0}: no limit) or the process ends. Returns false without waiting when the wait has
     * no limit and every other live thread is also waiting without one, unless {@code timerArmed} (then
     * nothing could ever wake it: the caller reports a deadlock).
     */
    boolean await(long nanos, java.util.function.BooleanSupplier woken, boolean timerArmed, java.util.function.BooleanSupplier ended) {
        GuestThread self = current();
        boolean forever = nanos < 0;
        if (forever && !timerArmed && !someOtherCanRun(self)) return false;
        if (forever) self.foreverWait = woken;
        try {
            long end = System.nanoTime() + nanos;
            while (!woken.getAsBoolean() && !ended.getAsBoolean()) {
                if (forever) {
                    self.wakeup.awaitUninterruptibly();
                } else {
                    long left = end - System.nanoTime();
                    if (left <= 0) break;
                    try {
                        self.wakeup.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } finally {
            self.foreverWait = null;
        }
        return true;
    }

    /**
     * Whether a live thread other than {@code self} can still run: it is not in a wait without a limit, or
     * it is but has been woken (it only waits to get the execution lock back).
     */
    private boolean someOtherCanRun(GuestThread self) {
        for (GuestThread t : byTid.values()) {
            if (t == self || t.exited()) continue;
            java.util.function.BooleanSupplier w = t.foreverWait;
            if (w == null || w.getAsBoolean()) return true;
        }
        return false;
    }
}
