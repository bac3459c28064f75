package org.jtcg.core.linux;

/**
 * ITIMER_REAL (alarm, setitimer): a deadline on the monotonic clock and a reload interval. The process
 * {@link LinuxProcess#pollTimers() polls} it after every syscall, while a blocking syscall waits for a
 * signal, and when the engine was interrupted: every arming asks {@link SignalInterrupts} to interrupt
 * the running CPUs at the deadline, so SIGALRM also reaches a loop that makes no syscalls.
 */
final class RealTimer {
    private long deadline;   // System.nanoTime() value; meaningful only when armed
    private long interval;
    private boolean armed;
    private final SignalInterrupts interrupts;

    RealTimer(SignalInterrupts interrupts) {
        this.interrupts = interrupts;
    }

    /** Nanoseconds until expiry (0 when disarmed; at least 1 while armed). */
    long remaining(long now) {
        return armed ? Math.max(1, deadline - now) : 0;
    }

    long interval() {
        return interval;
    }

    boolean armed() {
        return armed;
    }

    /** The expiry time (System.nanoTime()), valid while armed. */
    long deadline() {
        return deadline;
    }

    /** Arms (value &gt; 0) or disarms (value 0) the timer. */
    void set(long valueNanos, long intervalNanos, long now) {
        armed = valueNanos > 0;
        deadline = now + valueNanos;
        interval = intervalNanos;
        if (armed) interrupts.interruptAt(deadline);
        else interrupts.cancel();
    }

    /** True once per expiry: re-arms from the interval (skipping missed periods, as one signal covers them) or disarms. */
    boolean fire(long now) {
        if (!armed || now - deadline < 0) return false;
        if (interval > 0) {
            long missed = (now - deadline) / interval + 1;
            deadline += missed * interval;
            interrupts.interruptAt(deadline);
        } else {
            armed = false;
        }
        return true;
    }
}
