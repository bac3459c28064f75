package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock of one guest process's kernel state, and how its guest threads share the host.
 *
 * <p><b>Parallel threads</b> (the default; {@link #PARALLEL}): the guest threads run
 * translated code at the same time, each on its own JVM thread; the lock is held only for syscalls and
 * signal handling ({@link CpuLoop} lets go of it around each engine run), so it guards the process's
 * kernel state (fd table, dispositions, pending sets, thread table, futexes) like a big kernel lock, and
 * the engine and guest memory are thread-safe on their own (BlockCache, PagedMemory). A single-threaded
 * guest pays one uncontended release and acquire per syscall.
 *
 * <p><b>Serial threads</b> ({@code -Djtcg.parallelThreads=false}, see {@link #PARALLEL}): at most one
 * of the process's guest threads runs translated code or a syscall at a time; a thread that blocks in {@link KernelWait} (futex wait, sleep, pipe, wait4,
 * waiting for a signal) releases it while it waits. A thread that wants to run and finds the lock
 * held for longer than a time slice asks the running thread's CPU to leave translated code
 * ({@link CpuState#requestExit}) at its next block boundary or loop back edge; that thread's
 * {@link CpuLoop} then {@link #yieldIfContended yields}. The lock is fair,
 * so threads take turns in arrival order.
 *
 * <p>The serial model is kept as a fallback for diagnosing a suspected memory-model problem: every guest
 * memory model (x86 TSO, arm64's, s390x's) allows the sequentially consistent interleaving at instruction
 * boundaries it produces. See docs/linux-user.md "Threads".
 *
 * <p>A single-threaded guest takes the lock once per {@link CpuLoop#run} and never contends.
 */
public final class GuestScheduler {
    /**
     * Whether the guest threads of a process run in parallel ({@code -Djtcg.parallelThreads}, default true).
     * Parallel threads rely on guest atomic instructions (x86 lock-prefixed ops, arm64 exclusives, s390x
     * compare-and-swap) being host atomics and on ordered plain accesses (GuestAtomics, Op.ORDERED).
     */
    public static final boolean PARALLEL = Boolean.parseBoolean(System.getProperty("jtcg.parallelThreads", "true"));

    /** How long a runnable thread waits before asking the running one to leave (milliseconds). */
    static final long TIME_SLICE_MS = Long.getLong("jtcg.threadSliceMs", 2);

    private final ReentrantLock lock = new ReentrantLock(true);
    /** Signalled when the process ends (a main thread that called exit waits for it). */
    private final Condition ended = lock.newCondition();
    /** The CPU of the thread that holds the lock while it runs guest code, or null. */
    private volatile CpuState running;

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
            CpuState c = running;
            if (c != null) c.requestExit();
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

    /** Records the CPU the lock holder is about to run (the one {@link #acquire} asks to leave). */
    void running(CpuState c) {
        running = c;
    }

    /** Lets a waiting thread run first (the holder left its engine on request, or called sched_yield). */
    void yieldIfContended() {
        if (PARALLEL) {
            Thread.yield();   // the others run anyway; give the host core away once
            return;
        }
        if (!lock.hasQueuedThreads()) return;
        CpuState c = running;
        lock.unlock();
        // a fair timed tryLock queues behind the threads already waiting
        waitForTurn();
        running = c;
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

    // ---- parallel threads: guest code runs without the lock ----

    /** Lets go of every hold before running guest code (parallel threads); returns how many to take back. */
    int releaseForGuestCode() {
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) lock.unlock();
        return holds;
    }

    /** Takes the lock back after guest code: a syscall or signal to handle (waits for another thread's syscall). */
    void reacquireAfterGuestCode(int holds) {
        for (int i = 0; i < holds; i++) {
            if (!lock.tryLock()) lock.lock();   // (barging: no hand-over queue for a lock held this briefly)
        }
    }

    // ---- blocking in the kernel (KernelWait) ----

    /** Releases every hold the current thread has on the lock (it blocks in {@link KernelWait}); returns how many. */
    int releaseForWait() {
        int holds = lock.getHoldCount();
        if (holds > 0) running = null;
        for (int i = 0; i < holds; i++) lock.unlock();
        return holds;
    }

    /**
     * Tries, for at most {@code millis}, to take back {@code holds} holds after a wait; asks the running
     * thread's CPU to leave meanwhile. False when the lock is still busy (the caller retries).
     */
    boolean reacquireAfterWait(int holds, long millis) {
        if (holds == 0) return true;
        boolean got;
        try {
            got = lock.tryLock(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            got = lock.tryLock();
        }
        if (!got) {
            CpuState c = running;
            if (c != null) c.requestExit();
            return false;
        }
        for (int i = 1; i < holds; i++) lock.lock();
        return true;
    }
}
