package org.jtcg.kvm.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The few libc calls the KVM binding needs, bound with JNA direct mapping (one native call per
 * Java call, no reflection on the hot KVM_RUN path). Failures throw {@link LastErrorException}
 * carrying errno.
 */
final class LibC {
    private LibC() {}

    static final int O_RDWR = 2, O_CLOEXEC = 0x80000;
    static final int PROT_READ = 1, PROT_WRITE = 2;
    static final int MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    static final int EINTR = 4, EAGAIN = 11, EACCES = 13, ENOENT = 2, EPERM = 1;

    static {
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    static native int open(String path, int flags) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    /** ioctl with an integer or pointer argument (passed as a 64-bit value). */
    static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    static native long mmap(long addr, long length, int prot, int flags, int fd, long offset) throws LastErrorException;

    static native int munmap(long addr, long length) throws LastErrorException;

    static native String strerror(int errno);

    /** close(2), ignoring a failure: nothing useful can be done on a failed close of a device fd. */
    static void closeQuietly(int fd) {
        try {
            close(fd);
        } catch (LastErrorException ignored) {
            // see above
        }
    }
}
