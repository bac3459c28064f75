package org.jtcg.core.linux;

/**
 * How the guest process ended: an exit code, a killing signal, or an emulation deadlock.
 * {@link #status()} is the status jtcg itself exits with (the shell convention 128+signo for
 * a signal death).
 */
public record ExitState(int code, int signal, boolean deadlock) {
    /** Exit status when the single-threaded guest blocked forever (futex wait nobody can wake, ...). */
    public static final int DEADLOCK_STATUS = 125;

    public static ExitState exited(int code) {
        return new ExitState(code & 0xff, 0, false);
    }

    public static ExitState killed(int signal) {
        return new ExitState(0, signal, false);
    }

    public static ExitState deadlocked() {
        return new ExitState(0, 0, true);
    }

    public int status() {
        if (deadlock) return DEADLOCK_STATUS;
        return signal != 0 ? 128 + signal : code;
    }
}
