package org.jtcg.core.linux;

import java.util.Map;

/**
 * signalfd and signalfd4: create a {@link SignalFdFile} for a signal mask, or (fd not -1) change the mask of
 * an existing one. SFD_CLOEXEC and SFD_NONBLOCK are O_CLOEXEC and O_NONBLOCK (the same on the three arches);
 * the mask size must be 8 bytes, as the kernel's sigset_t.
 */
final class SignalFdSyscalls {
    private final LinuxProcess proc;

    SignalFdSyscalls(LinuxProcess proc) {
        this.proc = proc;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("signalfd", a -> signalfd((int) a[0], a[1], a[2], 0));
        m.put("signalfd4", a -> signalfd((int) a[0], a[1], a[2], (int) a[3]));
    }

    long signalfd(int fd, long maskPtr, long sizemask, int flags) {
        int known = AnonFileSyscalls.FD_CLOEXEC | AnonFileSyscalls.FD_NONBLOCK;
        if ((flags & ~known) != 0 || sizemask != 8) throw new SyscallException(Errno.EINVAL);
        long mask = proc.io().u64(maskPtr);
        if (fd != -1) {
            if (!(proc.fds().get(fd) instanceof SignalFdFile f)) throw new SyscallException(Errno.EINVAL);
            f.setMask(mask);
            return fd;
        }
        SignalFdFile f = new SignalFdFile(mask, proc.abi().bigEndian());
        if ((flags & AnonFileSyscalls.FD_NONBLOCK) != 0) f.setStatusFlags(OpenFlags.O_NONBLOCK);
        return proc.fds().add(f, (flags & AnonFileSyscalls.FD_CLOEXEC) != 0);
    }
}
