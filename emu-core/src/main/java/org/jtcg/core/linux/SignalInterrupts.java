package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gets asynchronous signals into guest code that makes no syscalls: the CPUs of a process that are running
 * guest code ({@link CpuLoop} attaches its CPU), and a timer that {@link CpuState#requestExit() interrupts}
 * them when ITIMER_REAL expires, so the engine leaves at the next block boundary or loop back edge and the
 * loop delivers the SIGALRM there. {@link #interruptAll()} is the same for a signal another thread sends.
 * Interrupting a CPU that turns out to have nothing to deliver only costs one return to the loop.
 *
 * <p>One daemon thread for the whole JVM does the timing, created on first use.
 */
public final class SignalInterrupts {
    private final List<CpuState> cpus = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> pending;

    private static final class Scheduler {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jtcg-signal-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code cpu} runs this process's guest code from now on. */
    public void attach(CpuState cpu) {
        if (!cpus.contains(cpu)) cpus.add(cpu);
    }

    /** {@code cpu} no longer runs guest code of this process (its thread ended). */
    public void detach(CpuState cpu) {
        cpus.remove(cpu);
    }

    /** Makes every attached CPU leave translated code soon (a signal became pending); callable from any thread. */
    public void interruptAll() {
        for (CpuState c : cpus) c.requestExit();
    }

    /** Interrupts the CPUs at {@code deadline} ({@link System#nanoTime()} time), replacing any earlier request. */
    synchronized void interruptAt(long deadline) {
        cancel();
        pending = Scheduler.INSTANCE.schedule(this::interruptAll, Math.max(0, deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
    }

    /** Drops the pending timed interrupt (the timer was disarmed). */
    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
