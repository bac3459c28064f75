package org.jtcg.core.linux;

/**
 * ITIMER_REAL (alarm, setitimer): a deadline on the monotonic clock and a reload interval. It has no
 * thread of its own: the process {@link LinuxProcess#pollTimers() polls} it after every syscall and
 * while a blocking syscall waits for a signal, so SIGALRM arrives at those points (not in the middle
 * of a loop that makes no syscalls; see docs/linux-user.md).
 */
final class RealTimer {
    private long deadline;   // System.nanoTime() value; meaningful only when armed
    private long interval;
    private boolean armed;

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
    }

    /** True once per expiry: re-arms from the interval (skipping missed periods, as one signal covers them) or disarms. */
    boolean fire(long now) {
        if (!armed || now - deadline < 0) return false;
        if (interval > 0) {
            long missed = (now - deadline) / interval + 1;
            deadline += missed * interval;
        } else {
            armed = false;
        }
        return true;
    }
}
