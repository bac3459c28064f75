package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * pidfd_open and pidfd_send_signal over {@link PidFdFile} (waitid's P_PIDFD is in {@link WaitSyscalls}).
 * pidfd_open takes a process of the table that has not been reaped (ESRCH otherwise); the fd is always
 * close-on-exec, PIDFD_NONBLOCK (O_NONBLOCK) the one flag. pidfd_send_signal is kill to that process (SI_USER),
 * or with a siginfo rt_sigqueueinfo's rules (another process may only be sent a negative si_code); ESRCH once
 * the process has ended; a pidfd of a single-threaded process names its only thread, so the thread and thread-group
 * flags act alike. pidfd_getfd is not implemented (ENOSYS).
 */
final class PidFdSyscalls {
    static final int PIDFD_NONBLOCK = 0x800;

    private final LinuxProcess proc;

    PidFdSyscalls(LinuxProcess proc) {
        this.proc = proc;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("pidfd_open", a -> pidfdOpen(a[0], (int) a[1]));
        m.put("pidfd_send_signal", a -> pidfdSendSignal((int) a[0], (int) a[1], a[2], (int) a[3]));
    }

    long pidfdOpen(long pid, int flags) {
        if ((flags & ~PIDFD_NONBLOCK) != 0 || pid <= 0 || pid > Integer.MAX_VALUE) throw new SyscallException(Errno.EINVAL);
        LinuxProcess p = pid == proc.pid() ? proc : proc.table().process(pid);
        if (p == null) throw new SyscallException(Errno.ESRCH);
        PidFdFile f = new PidFdFile(p);
        if ((flags & PIDFD_NONBLOCK) != 0) f.setStatusFlags(OpenFlags.O_NONBLOCK);
        return proc.fds().add(f, true);
    }

    /** The process a pidfd names; EBADF for a closed fd or one that is not a pidfd (Linux's pidfd_get_pid). */
    static LinuxProcess target(LinuxProcess proc, int fd) {
        if (!(proc.fds().get(fd) instanceof PidFdFile f)) throw new SyscallException(Errno.EBADF);
        return f.process;
    }

    /** pidfd_send_signal flags (Linux 6.9): to the thread, the thread group (both the process here), the process group. */
    static final int PIDFD_SIGNAL_THREAD = 1, PIDFD_SIGNAL_THREAD_GROUP = 2, PIDFD_SIGNAL_PROCESS_GROUP = 4;

    long pidfdSendSignal(int fd, int sig, long infoPtr, int flags) {
        // one scope at most; a process group is not offered (EINVAL, as a kernel before 6.9 answers any flag)
        if (flags != 0 && flags != PIDFD_SIGNAL_THREAD && flags != PIDFD_SIGNAL_THREAD_GROUP) {
            throw new SyscallException(Errno.EINVAL);
        }
        LinuxProcess p = target(proc, fd);
        if (sig != 0 && !Signals.valid(sig)) throw new SyscallException(Errno.EINVAL);
        if (p.exited()) throw new SyscallException(Errno.ESRCH);
        SigInfo info;
        if (infoPtr == 0) {
            info = SigInfo.sent(sig, SigCodes.SI_USER, proc.pid(), proc.uid(), 0);
        } else {
            ByteBuffer b = proc.io().read(infoPtr, SigInfo.SIZE);
            if (b.getInt(0) != sig) throw new SyscallException(Errno.EINVAL);
            int code = b.getInt(8);
            if (p != proc && (code >= 0 || code == SigCodes.SI_TKILL)) throw new SyscallException(Errno.EPERM);
            info = SigInfo.sent(sig, code, b.getInt(16), b.getInt(20), b.getLong(24));
        }
        if (sig == 0) return 0;
        if (p == proc) proc.raise(info); else p.post(info);
        return 0;
    }
}
