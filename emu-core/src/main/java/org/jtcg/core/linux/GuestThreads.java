package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest threads of one process: the tid table, which guest thread the calling JVM thread is, and
 * the {@link GuestScheduler} they share. Every method except {@link #current} is called with the
 * execution lock held. Blocking waits go through {@link KernelWait}, which releases the lock.
 */
final class GuestThreads {
    private final GuestScheduler scheduler = new GuestScheduler();
    private final Map<Long, GuestThread> byTid = new LinkedHashMap<>();
    private final ThreadLocal<GuestThread> current = new ThreadLocal<>();
    private GuestThread main;
    /** The threads the last {@link #endAllBut} ended (execve waits for them to leave guest code). */
    private final List<GuestThread> ended = new ArrayList<>();
    GuestThreads(long pid) {
        main = new GuestThread(pid, null, new SignalState());
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
        GuestThread t = new GuestThread(tid, cpu, signals);
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

    /**
     * Waits until no thread but the caller runs translated code (they were asked to leave): execve must not
     * replace the program under a thread still running the old one. Called with the process lock held,
     * which the leaving threads then wait for. Gives up after {@code millis} (a thread stuck in one long
     * helper call) and reports whether all left.
     */
    boolean awaitOthersOutOfGuestCode(GuestThread caller, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<GuestThread> all = new ArrayList<>(byTid.values());
        all.addAll(ended);
        for (GuestThread t : all) {
            while (t != caller && t.inGuestCode()) {
                if (System.nanoTime() - deadline > 0) return false;
                Thread.onSpinWait();
                Thread.yield();
            }
        }
        return true;
    }

    /**
     * execve: every thread but {@code keep} ends (their loops stop at their next chance; blocked ones are
     * woken), and {@code keep} becomes the main thread with the pid as its tid, as Linux's de_thread does.
     * Returns the tid {@code keep} had.
     */
    long endAllBut(GuestThread keep) {
        ended.clear();
        for (GuestThread t : live()) {
            if (t != keep) ended.add(t);
            if (t == keep) continue;
            t.markExited(0);
            if (t.cpu() != null) t.cpu().requestExit();   // one running guest code leaves it at its next block boundary
            if (t != main) byTid.remove(t.tid());
        }
        long old = keep.tid();
        if (keep != main) {
            byTid.remove(old);
            byTid.remove(main.tid());
            keep.setTid(main.tid());
            main = keep;
            byTid.put(keep.tid(), keep);
        }
        KernelWait.wakeAll();
        return old;
    }
}
