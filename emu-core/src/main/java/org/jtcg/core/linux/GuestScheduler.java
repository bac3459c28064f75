package org.jtcg.core.linux;

import org.jtcg.core.engine.Engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The execution lock of one guest process: at most one of its guest threads runs translated code or
 * a syscall at a time; a thread that blocks in {@link KernelWait} (futex wait, sleep, pipe, wait4,
 * waiting for a signal) releases it while it waits. A thread that wants to run and finds the lock held for longer than a time slice
 * asks the running thread's engine to leave ({@link Engine#requestLeave}) at its next block
 * boundary; that thread's {@link CpuLoop} then {@link #yieldIfContended yields}. The lock is fair,
 * so threads take turns in arrival order.
 *
 * <p>Why a lock rather than fully parallel guest threads: guest memory (page table, soft TLB, lazy
 * frames), the block cache and the syscall layer's process state are single-writer structures, and
 * guest atomics (x86 lock-prefixed instructions, arm64 exclusive pairs, s390x compare-and-swap)
 * are translated as plain loads and stores. Serialising the threads makes all of that correct at
 * once, and every guest memory model (x86 TSO, arm64's, s390x's) allows the sequentially consistent
 * interleaving at instruction boundaries this produces. See docs/linux-user.md "Threads".
 *
 * <p>A single-threaded guest takes the lock once per {@link CpuLoop#run} and never contends.
 */
public final class GuestScheduler {
    /** How long a runnable thread waits before asking the running one to leave (milliseconds). */
    static final long TIME_SLICE_MS = Long.getLong("jtcg.threadSliceMs", 2);

    private final ReentrantLock lock = new ReentrantLock(true);
    /** Signalled when the process ends (a main thread that called exit waits for it). */
    private final Condition ended = lock.newCondition();
    /** The engine of the thread that holds the lock while it runs guest code, or null. */
    private volatile Engine running;
    /** Threads woken inside {@link KernelWait} that wait to take the lock back (see {@link #reacquireInside}). */
    private volatile int wanting;

    /** Takes the lock, asking the holder to leave its engine each time slice until it does. */
    public void acquire() {
        if (lock.tryLock()) return;
        waitForTurn();
    }

    private void waitForTurn() {
        boolean interrupted = false;
        for (;;) {
            try {
                if (lock.tryLock(TIME_SLICE_MS, TimeUnit.MILLISECONDS)) break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
            Engine e = running;
            if (e != null) e.requestLeave();
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    public void release() {
        running = null;
        lock.unlock();
    }

    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** Records the engine the lock holder is about to run (the one {@link #acquire} asks to leave). */
    void running(Engine e) {
        running = e;
    }

    /** Lets a waiting thread run first (the holder left its engine on request, or called sched_yield). */
    void yieldIfContended() {
        if (!lock.hasQueuedThreads() && wanting == 0) return;
        Engine e = running;
        lock.unlock();
        if (wanting > 0) {
            // a thread woken in KernelWait polls for the lock: tell it, and give it a moment to take it
            KernelWait.wakeAll();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIME_SLICE_MS);
            while (wanting > 0 && !lock.isLocked() && System.nanoTime() - end < 0) Thread.yield();
        }
        // a fair timed tryLock queues behind the threads already waiting
        waitForTurn();
        running = e;
    }

    /**
     * Before a blocking wait on {@code KernelWait.LOCK}: lets other guest threads run meanwhile. Returns
     * whether the calling thread held the lock (then {@link #reacquireInside} must follow).
     */
    boolean releaseForWait() {
        if (!lock.isHeldByCurrentThread()) return false;
        running = null;
        lock.unlock();
        return true;
    }

    /**
     * After such a wait, with {@code monitor} (KernelWait.LOCK) held: takes the lock back. It cannot block
     * on the lock while holding the monitor (the running thread may need the monitor before it yields), so
     * it asks the holder to leave and waits on the monitor in short steps, which releases it meanwhile.
     */
    void reacquireInside(Object monitor) {
        if (lock.tryLock()) return;
        wanting++;
        boolean interrupted = false;
        try {
            while (!lock.tryLock()) {
                Engine e = running;
                if (e != null) e.requestLeave();
                try {
                    monitor.wait(1);
                } catch (InterruptedException ex) {
                    interrupted = true;
                }
            }
        } finally {
            wanting--;
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Wakes the threads waiting for the process to end (called with the lock held). */
    void signalEnded() {
        ended.signalAll();
    }

    /** Waits, lock held, until {@code done} is true; the lock is released while waiting. */
    void awaitEnded(java.util.function.BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            try {
                ended.await(50, TimeUnit.MILLISECONDS);  // polls too: an end signalled without the lock is seen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
