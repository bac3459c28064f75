package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Syscalls on descriptors rather than files: close, dup family, fcntl (incl. record locks through
 * {@link FcntlLocks}), the tty ioctls and pipes.
 */
final class FdControlSyscalls {
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6,
            F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_DUPFD_CLOEXEC = 1030,
            F_GETPIPE_SZ = 1032, FD_CLOEXEC = 1;
    static final int TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGPGRP = 0x540f,
            TIOCGWINSZ = 0x5413, FIONBIO = 0x5421;

    private final LinuxProcess proc;
    private final GuestIo io;
    private final OpenFlags of;
    private final FcntlLocks locks;

    FdControlSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
        this.of = proc.abi().openFlags();
        this.locks = new FcntlLocks(proc, io, RecordLocks.JVM);
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("close", a -> {
            locks.closing(proc.fds().get((int) a[0]));
            proc.fds().close((int) a[0]);
            return 0;
        });
        m.put("dup", a -> proc.fds().dup((int) a[0], 0, false));
        m.put("dup2", a -> proc.fds().dupTo((int) a[0], (int) a[1], false));
        m.put("dup3", a -> dup3((int) a[0], (int) a[1], (int) a[2]));
        m.put("fcntl", a -> fcntl((int) a[0], (int) a[1], a[2]));
        m.put("ioctl", a -> ioctl((int) a[0], (int) a[1], a[2]));
        m.put("pipe", a -> pipe2(a[0], 0));
        m.put("pipe2", a -> pipe2(a[0], (int) a[1]));
        // poll, ppoll, select, pselect6: PollSyscalls
    }

    long dup3(int oldFd, int newFd, int flags) throws IOException {
        if ((flags & ~OpenFlags.O_CLOEXEC) != 0 || oldFd == newFd) throw new SyscallException(Errno.EINVAL);
        return proc.fds().dupTo(oldFd, newFd, (flags & OpenFlags.O_CLOEXEC) != 0);
    }

    long fcntl(int fd, int cmd, long arg) throws IOException {
        FdTable fds = proc.fds();
        OpenFile f = fds.get(fd);
        switch (cmd) {
            case F_DUPFD: return fds.dup(fd, (int) arg, false);
            case F_DUPFD_CLOEXEC: return fds.dup(fd, (int) arg, true);
            case F_GETFD: return fds.closeOnExec(fd) ? FD_CLOEXEC : 0;
            case F_SETFD: fds.setCloseOnExec(fd, (arg & FD_CLOEXEC) != 0); return 0;
            case F_GETFL: return f.statusFlags();
            case F_SETFL: f.setStatusFlags((int) arg); return 0;
            case F_GETLK: return locks.get(f, false, arg);
            case F_OFD_GETLK: return locks.get(f, true, arg);
            case F_SETLK, F_SETLKW: return locks.set(f, false, cmd == F_SETLKW, arg);
            case F_OFD_SETLK, F_OFD_SETLKW: return locks.set(f, true, cmd == F_OFD_SETLKW, arg);
            case F_GETPIPE_SZ: if (f instanceof HostFile) throw new SyscallException(Errno.EBADF); return 65536;
            default: throw new SyscallException(Errno.EINVAL);
        }
    }

    long ioctl(int fd, int request, long arg) {
        OpenFile f = proc.fds().get(fd);
        switch (request) {
            case TCGETS -> {
                if (!f.isTty()) throw new SyscallException(Errno.ENOTTY);
                // A plausible cooked-mode termios: ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD, ISIG|ICANON|ECHO...|IEXTEN.
                ByteBuffer t = io.struct(36);
                t.putInt(0, 0x100 | 0x400);
                t.putInt(4, 0x1 | 0x4);
                t.putInt(8, 0xf | 0x30 | 0x80);
                t.putInt(12, 0x1 | 0x2 | 0x8 | 0x10 | 0x20 | 0x200 | 0x800 | 0x8000);
                byte[] cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0};
                t.position(17);
                t.put(cc);
                io.write(arg, t);
                return 0;
            }
            case TCSETS, TCSETSW, TCSETSF -> {
                if (!f.isTty()) throw new SyscallException(Errno.ENOTTY);
                return 0;
            }
            case TIOCGWINSZ -> {
                if (!f.isTty()) throw new SyscallException(Errno.ENOTTY);
                ByteBuffer w = io.struct(8);
                w.putShort(0, (short) 24);
                w.putShort(2, (short) 80);
                io.write(arg, w);
                return 0;
            }
            case TIOCGPGRP -> {
                if (!f.isTty()) throw new SyscallException(Errno.ENOTTY);
                io.put32(arg, proc.pid());
                return 0;
            }
            case FIONBIO -> {
                int on = (int) io.u32(arg);
                f.setStatusFlags(on != 0 ? f.statusFlags() | OpenFlags.O_NONBLOCK : f.statusFlags() & ~OpenFlags.O_NONBLOCK);
                return 0;
            }
            default -> throw new SyscallException(Errno.ENOTTY);
        }
    }

    long pipe2(long fdsPtr, int flags) throws IOException {
        if ((flags & ~(OpenFlags.O_CLOEXEC | OpenFlags.O_NONBLOCK | of.direct())) != 0) throw new SyscallException(Errno.EINVAL);
        Pipe p = new Pipe();
        boolean cloexec = (flags & OpenFlags.O_CLOEXEC) != 0;
        if ((flags & OpenFlags.O_NONBLOCK) != 0) {
            p.readEnd.setStatusFlags(OpenFlags.O_NONBLOCK);
            p.writeEnd.setStatusFlags(OpenFlags.O_NONBLOCK);
        }
        FdTable fds = proc.fds();
        int r = fds.add(p.readEnd, cloexec);
        int w;
        try {
            w = fds.add(p.writeEnd, cloexec);
        } catch (SyscallException e) {
            fds.close(r);
            throw e;
        }
        ByteBuffer b = io.struct(8);
        b.putInt(0, r);
        b.putInt(4, w);
        try {
            io.write(fdsPtr, b);
        } catch (RuntimeException e) {
            fds.close(r);
            fds.close(w);
            throw e;
        }
        return 0;
    }
}
