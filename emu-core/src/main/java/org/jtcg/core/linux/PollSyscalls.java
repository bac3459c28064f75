package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * poll, ppoll, select and pselect6 over guest fds: readiness comes from each open file description's
 * {@link OpenFile#pollReady()} (pipes: data, room, hang-up; regular files always ready; a tty or host stream
 * reported ready, see there). With nothing ready they block through {@link KernelWait} until another guest
 * task changes something, the timeout passes, or a signal arrives (EINTR); ppoll and pselect6 wait with
 * the caller's temporary signal mask, as rt_sigsuspend does. An infinite wait nothing can end is a deadlock.
 */
final class PollSyscalls {
    /** POLLPRI: urgent data, never present here; select's exception set asks for it. */
    static final int POLLPRI = 0x2;
    private static final int SELECT_IN = OpenFile.POLLIN | OpenFile.POLLHUP | OpenFile.POLLERR;
    private static final int SELECT_OUT = OpenFile.POLLOUT | OpenFile.POLLERR;

    private final LinuxProcess proc;
    private final GuestIo io;

    PollSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("poll", a -> poll(a[0], a[1], (int) a[2] < 0 ? -1 : (long) (int) a[2] * 1_000_000L, 0, 0));
        m.put("ppoll", a -> poll(a[0], a[1], GuestTimespec.timeout(io, a[2]), a[3], a[4]));
        m.put("select", a -> select((int) a[0], a[1], a[2], a[3], a[4], false, 0));
        m.put("pselect6", a -> select((int) a[0], a[1], a[2], a[3], a[4], true, a[5]));
    }

    /** A wait deadline ({@link System#nanoTime()} based) for a timeout in nanoseconds; negative: none. */
    private static long deadline(long timeoutNanos) {
        if (timeoutNanos < 0) return Long.MAX_VALUE;
        long d = System.nanoTime() + timeoutNanos;
        return d == Long.MAX_VALUE ? d - 1 : d;
    }

    long poll(long fdsPtr, long nfds, long timeoutNanos, long sigmask, long sigsetsize) {
        if (nfds < 0 || nfds > proc.fds().limit()) throw new SyscallException(Errno.EINVAL);
        ByteBuffer b = io.read(fdsPtr, (int) nfds * 8);
        long deadline = deadline(timeoutNanos);
        int ready = withMask(sigmask, sigsetsize, () -> {
            synchronized (KernelWait.LOCK) {
                for (;;) {
                    int n = pollOnce(b, (int) nfds);
                    if (n > 0 || timeoutNanos == 0) return n;
                    if (!KernelWait.await(proc, deadline, "poll with no ready fd and no timeout")) return 0;
                }
            }
        });
        io.write(fdsPtr, b);
        return ready;
    }

    /** Fills revents: the asked-for bits that hold plus POLLERR/POLLHUP, POLLNVAL for a closed fd; returns how many are set. */
    private int pollOnce(ByteBuffer b, int nfds) {
        int ready = 0;
        for (int i = 0; i < nfds; i++) {
            int fd = b.getInt(i * 8);
            int events = b.getShort(i * 8 + 4) & 0xffff;
            int rev = 0;
            if (fd >= 0) {
                if (!proc.fds().isOpen(fd)) {
                    rev = OpenFile.POLLNVAL;
                } else {
                    int now = proc.fds().get(fd).pollReady();
                    rev = (now & events) | (now & (OpenFile.POLLERR | OpenFile.POLLHUP));
                }
            }
            b.putShort(i * 8 + 6, (short) rev);
            if (rev != 0) ready++;
        }
        return ready;
    }

    /**
     * select and pselect6: three fd_set bitmaps (unsigned longs in the guest's byte order) rewritten with the
     * ready fds; select's timeval is updated with the time left, as Linux does; EBADF for a closed fd in a set.
     */
    long select(int nfds, long readPtr, long writePtr, long exceptPtr, long timeoutPtr, boolean pselect, long sigData) {
        if (nfds < 0 || nfds > proc.fds().limit()) throw new SyscallException(Errno.EINVAL);
        int words = (nfds + 63) / 64;
        long[] in = readSet(readPtr, words), out = readSet(writePtr, words), ex = readSet(exceptPtr, words);
        long timeoutNanos = -1;
        if (timeoutPtr != 0) {
            ByteBuffer t = io.read(timeoutPtr, 16);
            long sec = t.getLong(0), frac = t.getLong(8);
            long unit = pselect ? 1 : 1000;
            if (frac >= GuestTimespec.NANOS_PER_SECOND / unit) throw new SyscallException(Errno.EINVAL);
            timeoutNanos = GuestTimespec.toNanos(sec, frac * unit); // select's timeval counts microseconds
        }
        for (int fd = 0; fd < nfds; fd++) {
            if ((bit(in, fd) || bit(out, fd) || bit(ex, fd)) && !proc.fds().isOpen(fd)) throw new SyscallException(Errno.EBADF);
        }
        long sigmask = 0, sigsetsize = 8;
        if (pselect && sigData != 0) {
            ByteBuffer s = io.read(sigData, 16);
            sigmask = s.getLong(0);
            sigsetsize = s.getLong(8);
        }
        long[] rIn = new long[words], rOut = new long[words], rEx = new long[words];
        long deadline = deadline(timeoutNanos);
        long start = System.nanoTime();
        long limit = timeoutNanos;
        int ready = withMask(sigmask, sigsetsize, () -> {
            synchronized (KernelWait.LOCK) {
                for (;;) {
                    int n = 0;
                    for (int fd = 0; fd < nfds; fd++) {
                        boolean r = bit(in, fd), w = bit(out, fd), e = bit(ex, fd);
                        if (!r && !w && !e) continue;
                        int now = proc.fds().get(fd).pollReady();
                        if (r && (now & SELECT_IN) != 0) { set(rIn, fd); n++; }
                        if (w && (now & SELECT_OUT) != 0) { set(rOut, fd); n++; }
                        if (e && (now & POLLPRI) != 0) { set(rEx, fd); n++; }
                    }
                    if (n > 0 || limit == 0) return n;
                    if (!KernelWait.await(proc, deadline, "select with no ready fd and no timeout")) return 0;
                }
            }
        });
        writeSet(readPtr, rIn);
        writeSet(writePtr, rOut);
        writeSet(exceptPtr, rEx);
        if (timeoutPtr != 0 && !pselect) {
            long left = Math.max(0, timeoutNanos - (System.nanoTime() - start));
            ByteBuffer t = io.struct(16);
            t.putLong(0, left / 1_000_000_000L);
            t.putLong(8, left % 1_000_000_000L / 1000);
            io.write(timeoutPtr, t);
        }
        return ready;
    }

    interface Wait {
        int run();
    }

    private int withMask(long sigmask, long sigsetsize, Wait w) {
        return withMask(proc, sigmask, sigsetsize, w);
    }

    /**
     * Runs {@code w} with the blocked mask replaced by the one at {@code sigmask} (0: unchanged), like rt_sigsuspend
     * (ppoll, pselect6, epoll_pwait, epoll_pwait2).
     */
    static int withMask(LinuxProcess proc, long sigmask, long sigsetsize, Wait w) {
        if (sigmask == 0) return w.run();
        if (sigsetsize != 8) throw new SyscallException(Errno.EINVAL);
        long m = proc.io().u64(sigmask);
        SignalState s = proc.signals();
        s.saveMaskForSuspend();
        s.setBlocked(m);
        try {
            int n = w.run();
            s.restoreSuspendMask();
            return n;
        } catch (SyscallException | GuestDeadlockException e) {
            s.restoreSuspendMask();
            throw e;
        }
        // SyscallInterruptedException: the handler frame records the saved mask and its return restores it
    }

    private long[] readSet(long ptr, int words) {
        long[] s = new long[words];
        if (ptr == 0) return s;
        for (int i = 0; i < words; i++) s[i] = io.u64(ptr + 8L * i);
        return s;
    }

    private void writeSet(long ptr, long[] s) {
        if (ptr == 0) return;
        for (int i = 0; i < s.length; i++) io.put64(ptr + 8L * i, s[i]);
    }

    private static boolean bit(long[] s, int fd) {
        return (s[fd >>> 6] & (1L << (fd & 63))) != 0;
    }

    private static void set(long[] s, int fd) {
        s[fd >>> 6] |= 1L << (fd & 63);
    }

}
