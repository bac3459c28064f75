package org.jtcg.core.linux;

/**
 * A blocking syscall was interrupted by a signal (or by the end of its process): the dispatcher answers
 * EINTR, or restarts the syscall when the signal's handler has SA_RESTART.
 */
public final class SyscallInterruptedException extends RuntimeException {
    public SyscallInterruptedException() {
        super(null, null, false, false);
    }
}
