package org.jtcg.core.linux;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The futex wait queues of one process, keyed by guest address (FUTEX_PRIVATE_FLAG changes nothing:
 * every futex of a process is in its own address space). Waiters are kept in arrival order, so wakes
 * are FIFO. Called with the execution lock held; waiters sleep in {@link KernelWait}, so a wake also
 * wakes the KernelWait monitor.
 */
final class FutexTable {
    /** One thread waiting on {@code addr} for a wake whose bitset shares a bit with {@code bitset}. */
    static final class Waiter {
        final GuestThread thread;
        final int bitset;
        long addr;
        boolean woken;

        Waiter(GuestThread thread, long addr, int bitset) {
            this.thread = thread;
            this.addr = addr;
            this.bitset = bitset;
        }
    }

    private final List<Waiter> waiters = new ArrayList<>();

    Waiter enqueue(GuestThread t, long addr, int bitset) {
        Waiter w = new Waiter(t, addr, bitset);
        waiters.add(w);
        return w;
    }

    /** Removes a waiter that stopped waiting without a wake (timeout, signal, end of the process). */
    void remove(Waiter w) {
        waiters.remove(w);
    }

    /** Wakes up to {@code n} waiters on {@code addr} whose bitset meets {@code bitset}; returns how many. */
    int wake(long addr, int n, int bitset) {
        int woken = 0;
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext() && woken < n; ) {
            Waiter w = it.next();
            if (w.addr == addr && (w.bitset & bitset) != 0) {
                it.remove();
                w.woken = true;
                woken++;
            }
        }
        if (woken > 0) KernelWait.wakeAll();
        return woken;
    }

    /** Wakes up to {@code nWake} waiters on {@code from}, then moves up to {@code nMove} others to {@code to}; returns {woken, moved}. */
    int[] requeue(long from, int nWake, long to, int nMove) {
        int woken = wake(from, nWake, -1);
        int moved = 0;
        for (Waiter w : waiters) {
            if (moved >= nMove) break;
            if (w.addr == from) {
                w.addr = to;
                moved++;
            }
        }
        return new int[] {woken, moved};
    }
}
