package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait and epoll_pwait2 over {@link EpollFile}
 * instances. Any fd whose file can be polled can be watched (pipes, sockets, eventfd, timerfd, signalfd, the
 * tty, other epoll fds); regular files, directories and non-tty character devices cannot (EPERM, as Linux:
 * they have no poll method).
 * A wait with nothing ready blocks through {@link KernelWait} until another task changes something, the
 * timeout or a watched timerfd's expiry comes, or a handled signal arrives (EINTR: Linux never restarts
 * epoll_wait); epoll_pwait/epoll_pwait2 wait with the caller's temporary signal mask.
 *
 * <p>{@code struct epoll_event} is {u32 events; u64 data}: packed (12 bytes) on x86-64, naturally aligned
 * (16 bytes) elsewhere; {@link LinuxAbi#epollEventSize()} says which.
 */
final class EpollSyscalls {
    static final int EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
    /** Linux's EP_MAX_EVENTS: INT_MAX / sizeof(struct epoll_event). */
    private final int maxEvents;

    private final LinuxProcess proc;
    private final GuestIo io;
    private final int eventSize;

    EpollSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
        this.eventSize = proc.abi().epollEventSize();
        this.maxEvents = Integer.MAX_VALUE / eventSize;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("epoll_create", a -> {
            if ((int) a[0] <= 0) throw new SyscallException(Errno.EINVAL);
            return create(0);
        });
        m.put("epoll_create1", a -> create((int) a[0]));
        m.put("epoll_ctl", a -> ctl((int) a[0], (int) a[1], (int) a[2], a[3]));
        m.put("epoll_wait", a -> await((int) a[0], a[1], (int) a[2], msNanos((int) a[3]), 0, 0));
        m.put("epoll_pwait", a -> await((int) a[0], a[1], (int) a[2], msNanos((int) a[3]), a[4], a[5]));
        m.put("epoll_pwait2", a -> await((int) a[0], a[1], (int) a[2], GuestTimespec.timeout(io, a[3]), a[4], a[5]));
    }

    long create(int flags) {
        if ((flags & ~AnonFileSyscalls.FD_CLOEXEC) != 0) throw new SyscallException(Errno.EINVAL);
        return proc.fds().add(new EpollFile(), (flags & AnonFileSyscalls.FD_CLOEXEC) != 0);
    }

    long ctl(int epfd, int op, int fd, long eventPtr) {
        int events = 0;
        long data = 0;
        if (op != EPOLL_CTL_DEL) {
            ByteBuffer e = io.read(eventPtr, eventSize);   // EFAULT first, as Linux copies the event in first
            events = e.getInt(0);
            data = e.getLong(eventSize - 8);
        }
        OpenFile ep = proc.fds().get(epfd);
        OpenFile target = proc.fds().get(fd);
        if (!pollable(target)) throw new SyscallException(Errno.EPERM);
        if (!(ep instanceof EpollFile epoll) || epfd == fd) throw new SyscallException(Errno.EINVAL);
        if ((events & EpollFile.EPOLLEXCLUSIVE) != 0) {
            // only with ADD, only with the poll bits, not on an epoll fd (fs/eventpoll.c)
            int allowed = EpollFile.EPOLLIN | EpollFile.EPOLLOUT | EpollFile.EPOLLERR | EpollFile.EPOLLHUP
                    | EpollFile.EPOLLWAKEUP | EpollFile.EPOLLET | EpollFile.EPOLLEXCLUSIVE
                    | EpollFile.EPOLLRDNORM | EpollFile.EPOLLWRNORM | EpollFile.EPOLLRDBAND | EpollFile.EPOLLWRBAND;
            if (op == EPOLL_CTL_MOD || (events & ~allowed) != 0 || target instanceof EpollFile) {
                throw new SyscallException(Errno.EINVAL);
            }
        }
        events &= ~EpollFile.EPOLLWAKEUP;   // needs CAP_BLOCK_SUSPEND; Linux silently drops it without
        switch (op) {
            case EPOLL_CTL_ADD -> {
                if (target instanceof EpollFile nested && nested.reaches(epoll)) throw new SyscallException(Errno.ELOOP);
                epoll.add(fd, target, events, data);
            }
            case EPOLL_CTL_MOD -> epoll.modify(fd, target, events, data);
            case EPOLL_CTL_DEL -> epoll.delete(fd, target);
            default -> throw new SyscallException(Errno.EINVAL);
        }
        return 0;
    }

    /**
     * Linux refuses files without a poll method: regular files, directories, and character devices other than
     * terminals (/dev/null has none; the random devices are the exception jtcg does not make).
     */
    private static boolean pollable(OpenFile f) {
        if (f.isDirectory()) return false;
        if (f.isTty()) return true;
        try {
            int type = f.stat().mode() & FileStat.S_IFMT;
            return type != FileStat.S_IFREG && type != FileStat.S_IFDIR && type != FileStat.S_IFCHR;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    long await(int epfd, long eventsPtr, int max, long timeoutNanos, long sigmask, long sigsetsize) {
        if (max <= 0 || max > maxEvents) throw new SyscallException(Errno.EINVAL);
        OpenFile f = proc.fds().get(epfd);
        if (!(f instanceof EpollFile epoll)) throw new SyscallException(Errno.EINVAL);
        long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        Object[] got = new Object[1];
        PollSyscalls.withMask(proc, sigmask, sigsetsize, () -> {
            synchronized (KernelWait.LOCK) {
                for (;;) {
                    List<EpollFile.Ready> ready = epoll.collect(max);
                    if (!ready.isEmpty() || timeoutNanos == 0
                            || deadline != Long.MAX_VALUE && System.nanoTime() - deadline >= 0) {
                        got[0] = ready;
                        return ready.size();
                    }
                    KernelWait.await(proc, epoll.readyDeadline(deadline), "epoll_wait with no ready fd and no timeout");
                }
            }
        });
        @SuppressWarnings("unchecked")
        List<EpollFile.Ready> ready = (List<EpollFile.Ready>) got[0];
        if (ready.isEmpty()) return 0;
        ByteBuffer out = io.struct(eventSize * ready.size());
        for (int i = 0; i < ready.size(); i++) {
            out.putInt(i * eventSize, ready.get(i).events());
            out.putLong(i * eventSize + eventSize - 8, ready.get(i).data());
        }
        io.write(eventsPtr, out);
        return ready.size();
    }

    /** epoll_wait's timeout in milliseconds; negative: infinite (-1). */
    private static long msNanos(int ms) {
        return ms < 0 ? -1 : ms * 1_000_000L;
    }

}
