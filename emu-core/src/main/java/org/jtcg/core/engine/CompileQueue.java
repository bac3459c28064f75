package org.jtcg.core.engine;

import java.util.ArrayDeque;

/**
 * Background compilation for one {@link BlockEngine} (HotSpot's model): the guest thread that finds a block
 * hot enough to tier up, or a loop worth a region, hands the job to this queue and keeps running the block's
 * current tier; one daemon compiler thread takes the jobs, builds the classes and installs them through the
 * {@link BlockCache}, whose lock and validity checks drop an install whose blocks were invalidated while the
 * job waited or compiled (self-modifying code, munmap, mprotect, execve). The dispatcher picks the new code
 * up where it reads it: {@code tb.code} at every execution, {@code tb.regionEntry} at every dispatch of a block.
 *
 * <p>Bounded: a job offered to a full queue is refused (the caller retries later, as HotSpot does when its
 * compile queue is full). Region jobs go before tier-ups (a region is the bigger win and the larger compile).
 * De-duplication is the callers' (a block's "queued" state lives in its tier-up and region counters). The
 * thread starts with the first job and ends with {@link #close}; as a daemon it never keeps the JVM alive, and
 * a forked child gets a new engine and so a new, empty queue.
 *
 * <p>A job that throws (a jtcg bug; a too-large block or region is not an error, the job handles it) is kept
 * and rethrown on a guest thread by {@link #rethrowFailure}, so a compiler bug still ends the run as an
 * internal error instead of vanishing on a background thread.
 */
final class CompileQueue {
    /** Jobs the queue holds at most ({@code -Djtcg.compileQueue=N}). */
    static final int DEFAULT_CAPACITY = Integer.getInteger("jtcg.compileQueue", 512);

    /** The compiler thread's stack: what the guest threads get (generating a large region's bytecode recurses). */
    private static final long THREAD_STACK = 16L << 20;

    private final String threadName;
    private final int capacity;
    /** Guarded by this. */
    private final ArrayDeque<Runnable> regionJobs = new ArrayDeque<>();
    private final ArrayDeque<Runnable> tierUpJobs = new ArrayDeque<>();
    private Thread thread;
    private boolean closed;
    private boolean busy;
    /** Test hook: while held, the compiler thread takes no job ({@link #hold}). */
    private boolean held;
    private volatile Throwable failure;
    /** Counters written by the compiler thread only (installs, drops, tier-ups and regions it compiled). */
    final EngineStats compilerStats = new EngineStats();

    CompileQueue(String engineName, int capacity) {
        this.threadName = "jtcg-compile-" + engineName;
        this.capacity = capacity;
    }

    /** Queues a job; false when the queue is full or closed (the job will not run). */
    synchronized boolean offer(Runnable job, boolean region) {
        if (closed || regionJobs.size() + tierUpJobs.size() >= capacity) {
            return false;
        }
        (region ? regionJobs : tierUpJobs).addLast(job);
        if (thread == null) {
            thread = new Thread(null, this::work, threadName, THREAD_STACK);
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
        return true;
    }

    /** Takes back a job that is still waiting; false when the compiler thread has taken it (or it was dropped). */
    synchronized boolean remove(Runnable job) {
        return regionJobs.remove(job) || tierUpJobs.remove(job);
    }

    private void work() {
        for (;;) {
            Runnable job;
            synchronized (this) {
                while (!closed && (held || (regionJobs.isEmpty() && tierUpJobs.isEmpty()))) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = regionJobs.isEmpty() ? tierUpJobs.pollFirst() : regionJobs.pollFirst();
                busy = true;
            }
            try {
                job.run();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                }
            } finally {
                synchronized (this) {
                    busy = false;
                    notifyAll();
                }
            }
        }
    }

    /** Rethrows (on the calling guest thread) the first exception a job threw, if any. */
    void rethrowFailure() {
        Throwable f = failure;
        if (f != null) {
            failure = null;
            throw new IllegalStateException("background compilation failed: " + f, f);
        }
    }

    /** Waits until every queued job has run (tests; engine handoff). Returns at once when held or closed. */
    synchronized void awaitIdle() {
        boolean interrupted = false;
        while (!closed && !held && (busy || !regionJobs.isEmpty() || !tierUpJobs.isEmpty())) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Test hook: with {@code true} the compiler thread takes no new job until called with {@code false}. */
    synchronized void hold(boolean on) {
        held = on;
        notifyAll();
    }

    /** Jobs waiting (not counting one being compiled). */
    synchronized int size() {
        return regionJobs.size() + tierUpJobs.size();
    }

    /** Drops every waiting job and ends the thread (a job being compiled finishes; its install is refused by then). */
    synchronized void close() {
        closed = true;
        regionJobs.clear();
        tierUpJobs.clear();
        notifyAll();
    }
}
