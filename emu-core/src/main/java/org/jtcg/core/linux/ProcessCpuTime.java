package org.jtcg.core.linux;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of one guest process, as getrusage, times and wait4/waitid report it. Each guest thread is a JVM
 * thread, so a thread's time is its JVM thread's (user and system, from {@link ThreadMXBean}; it includes the
 * translation work done on that thread, which is the guest's cost under jtcg). When a thread or the process
 * ends, its time is added here on the ending thread; when the parent reaps the process with a wait, the
 * process's total (its own and its reaped children's) is added to the parent's children total, as Linux does
 * (RUSAGE_CHILDREN counts waited-for descendants only).
 */
final class ProcessCpuTime {
    /**
     * Made on first use: java.lang.management's set-up (its native library, the platform MXBean registry) costs
     * ~5 ms, and a guest that never asks for its CPU time and is not reaped by a guest parent never needs it.
     */
    private static final class Threads {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }

    /** {user, system} nanoseconds of this process's threads that ended. */
    private long endedUser, endedSys;
    /** {user, system} nanoseconds of reaped children (with their reaped descendants). */
    private long childUser, childSys;

    /** The calling JVM thread's {user, system} CPU nanoseconds (0 where the JVM cannot measure them). */
    static long[] currentThread() {
        ThreadMXBean threads = Threads.BEAN;
        if (!threads.isCurrentThreadCpuTimeSupported()) return new long[2];
        long cpu = threads.getCurrentThreadCpuTime(), user = threads.getCurrentThreadUserTime();
        if (cpu < 0 || user < 0) return new long[2];   // measurement disabled
        return new long[] {user, Math.max(0, cpu - user)};
    }

    /** The calling thread (one of this process's) ends: its time joins the process's. */
    synchronized void addCurrentThread() {
        long[] t = currentThread();
        endedUser += t[0];
        endedSys += t[1];
    }

    /** {user, system} of this process: its ended threads plus the calling (live) thread. */
    synchronized long[] self() {
        long[] t = currentThread();
        return new long[] {endedUser + t[0], endedSys + t[1]};
    }

    /** {user, system} of this ended process as its parent's wait sees it: its threads' and its reaped children's. */
    synchronized long[] total() {
        return new long[] {endedUser + childUser, endedSys + childSys};
    }

    /** {user, system} of the reaped children. */
    synchronized long[] children() {
        return new long[] {childUser, childSys};
    }

    /** A wait reaped {@code child}: its total counts as this process's children's time. */
    void addChild(ProcessCpuTime child) {
        long[] t = child.total();
        synchronized (this) {
            childUser += t[0];
            childSys += t[1];
        }
    }
}
