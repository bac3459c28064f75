package org.jtcg.core.linux;

/**
 * Where guest tasks block inside syscalls (pipe reads and writes, wait4, poll): one JVM-wide monitor,
 * {@link #LOCK}, that guards every piece of state shared between guest tasks (pipes, the process table)
 * and is notified whenever such state changes. A blocked task sleeps on it and re-checks its condition
 * when woken, so a blocked guest takes no CPU. One monitor for all keeps the rules simple (no lock
 * ordering); the tasks of one jtcg are few, so waking all of them on a change costs little.
 *
 * <p>A task that blocks with no deadline while every other live task of its {@link ProcessTable} is
 * blocked with no deadline too, none of them woken since (and no timer can fire) would wait forever: {@link #await} then throws {@link GuestDeadlockException},
 * which the dispatcher turns into the deadlock exit, as for the single-threaded guest before.
 * A waiting guest thread releases its process's {@link GuestScheduler} execution lock, so the process's
 * other threads run meanwhile. A pending signal for the waiting process ends the wait with {@link SyscallInterruptedException}
 * (EINTR or an SA_RESTART restart).
 */
public final class KernelWait {
    /** The monitor: hold it to read or change shared task state, and while waiting. */
    public static final Object LOCK = new Object();

    private KernelWait() {
    }

    /**
     * Counts wake-ups. A task woken by the current wake-up no longer counts as blocked, even before it has
     * run again (it will re-check its condition): {@link ProcessTable} keeps its blocked count per epoch.
     */
    private static long epoch;

    /** Wakes every blocked task so it re-checks its condition (every change of shared task state calls it). */
    public static void wakeAll() {
        synchronized (LOCK) {
            epoch++;
            LOCK.notifyAll();
        }
    }

    /**
     * Sleeps once, until woken or {@code deadlineNanos} ({@link System#nanoTime()} based; {@link Long#MAX_VALUE}:
     * none); the caller holds {@link #LOCK} and re-checks its condition in a loop around this. Before sleeping,
     * signals posted to {@code proc} by other tasks are taken in and timers are polled.
     *
     * @return false when the deadline has passed (the caller times out)
     * @throws SyscallInterruptedException when a signal is deliverable (or the process ended)
     * @throws GuestDeadlockException      when no other task could ever wake this one
     */
    public static boolean await(LinuxProcess proc, long deadlineNanos, String what) {
        if (!Thread.holdsLock(LOCK)) throw new IllegalStateException("KernelWait.await without KernelWait.LOCK");
        long pendingBefore = proc.signals().pendingMask();
        proc.takePostedSignals();
        proc.pollTimers();
        if (proc.exited() || proc.currentThread().exited() || proc.signals().hasDeliverable()) {
            throw new SyscallInterruptedException();  // (a thread also ends when another one execs)
        }
        // a blocked signal became pending: a signalfd reader or poller re-checks before sleeping
        if (proc.signals().pendingMask() != pendingBefore) return true;
        long now = System.nanoTime();
        if (deadlineNanos != Long.MAX_VALUE && deadlineNanos - now <= 0) return false;
        long until = deadlineNanos;
        if (proc.realTimer().armed() && (until == Long.MAX_VALUE || proc.realTimer().deadline() - until < 0)) {
            until = proc.realTimer().deadline();
        }
        ProcessTable table = proc.table();
        boolean forever = until == Long.MAX_VALUE;
        if (forever && table.blockedTasks(epoch) + 1 >= table.liveTasks()) {
            throw new GuestDeadlockException(what + ", and no other guest task can change that");
        }
        long myEpoch = epoch;
        if (forever) table.taskBlocked(myEpoch, 1);
        // the process's other guest threads run while this one waits
        GuestScheduler sched = proc.scheduler();
        int holds = sched.releaseForWait();
        try {
            if (until == Long.MAX_VALUE) {
                LOCK.wait();
            } else {
                long ns = until - now;
                if (ns > 0) LOCK.wait(ns / 1_000_000L, (int) (ns % 1_000_000L));
            }
        } catch (InterruptedException e) {
            // jtcg is shutting down this task (its process was ended from outside)
            Thread.currentThread().interrupt();
            throw new SyscallInterruptedException();
        } finally {
            if (forever) table.taskBlocked(myEpoch, -1);
            // Take the execution lock back without holding LOCK indefinitely: its holder may need LOCK to
            // get to the point where it lets go (lock order: execution lock, then LOCK).
            boolean interrupted = Thread.interrupted();
            while (!sched.reacquireAfterWait(holds, 1)) {
                try {
                    LOCK.wait(1);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
        }
        // Signals that arrived while sleeping are taken in, but the caller re-checks its condition first
        // (a child that ended and sent SIGCHLD is reaped by wait4 rather than interrupting it, as on Linux).
        proc.takePostedSignals();
        proc.pollTimers();
        return true;
    }
}
