package org.jtcg.core.linux;

/**
 * The single-threaded guest made a call that can never return (a FUTEX_WAIT nobody can wake, a
 * blocking read from its own empty pipe). The process ends with {@link ExitState#DEADLOCK_STATUS}
 * and one line on stderr instead of hanging.
 */
public final class GuestDeadlockException extends RuntimeException {
    public GuestDeadlockException(String what) {
        super(what, null, false, false);
    }
}
