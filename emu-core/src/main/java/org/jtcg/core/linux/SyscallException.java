package org.jtcg.core.linux;

/**
 * A syscall fails with an errno. Thrown inside the syscall layer and turned into the negative
 * return value by the dispatcher; carries no stack trace (it is control flow).
 */
public final class SyscallException extends RuntimeException {
    private final int errno;

    public SyscallException(int errno) {
        super(null, null, false, false);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    @Override
    public String getMessage() {
        return Errno.name(errno) + " (" + Errno.message(errno) + ")";
    }
}
