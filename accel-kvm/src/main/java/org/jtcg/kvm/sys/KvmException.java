package org.jtcg.kvm.sys;

/** A KVM system call failed: names the call and the errno, in one line. */
public class KvmException extends RuntimeException {
    private final int errno;

    public KvmException(String what, int errno) {
        super(what + " failed: " + describe(errno));
        this.errno = errno;
    }

    public KvmException(String message) {
        super(message);
        this.errno = 0;
    }

    /** The errno, or 0 when the failure was not a system call error. */
    public int errno() {
        return errno;
    }

    static String describe(int errno) {
        String s;
        try {
            s = LibC.strerror(errno);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            s = null;
        }
        return (s == null ? "error" : s) + " (errno " + errno + ")";
    }
}
