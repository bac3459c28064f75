package org.jtcg.core.linux;

/**
 * An in-process pipe (pipe/pipe2): a 64 KiB ring buffer (Linux's default pipe capacity) with a read end
 * and a write end, shared by every guest process and thread that holds either end. Reads block until data
 * arrives or every write end is closed (then 0, end of file); writes block while the pipe is full and fail
 * with EPIPE once every read end is closed (the caller raises SIGPIPE). Writes of up to PIPE_BUF (4096)
 * bytes are atomic. O_NONBLOCK turns each block into EAGAIN (or a short write). Blocking goes through
 * {@link KernelWait}, whose monitor guards the buffer: a pipe nobody else can ever read or write ends the
 * guest as a deadlock, a signal interrupts the wait.
 */
public final class Pipe {
    /** Linux's default pipe capacity (F_GETPIPE_SZ). */
    public static final int CAPACITY = 65536;
    /** Writes up to this size are never interleaved with other writes. */
    public static final int PIPE_BUF = 4096;

    private final byte[] ring = new byte[CAPACITY];
    private int head, count;
    private int readers = 1, writers = 1;
    /** Wake-ups of the read end's pollers (data written, last writer gone) and of the write end's (room, last reader gone). */
    private long readWakeups, writeWakeups;

    /** Read end. */
    public final OpenFile readEnd = new End(true);
    /** Write end. */
    public final OpenFile writeEnd = new End(false);

    final class End extends OpenFile {
        private final boolean reader;

        End(boolean reader) {
            super(reader ? OpenFlags.O_RDONLY : OpenFlags.O_WRONLY);
            this.reader = reader;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (!reader) throw new SyscallException(Errno.EBADF);
            synchronized (KernelWait.LOCK) {
                while (count == 0) {
                    if (writers == 0 || len == 0) return 0;
                    if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new SyscallException(Errno.EAGAIN);
                    block("read from an empty pipe whose write end is still open");
                }
                int n = Math.min(count, len);
                for (int i = 0; i < n; i++) buf[off + i] = ring[(head + i) % CAPACITY];
                head = (head + n) % CAPACITY;
                count -= n;
                writeWakeups++;
                KernelWait.wakeAll();
                return n;
            }
        }

        @Override
        public int write(byte[] buf, int off, int len) {
            if (reader) throw new SyscallException(Errno.EBADF);
            synchronized (KernelWait.LOCK) {
                int done = 0;
                while (done < len) {
                    if (readers == 0) {
                        if (done > 0) return done;
                        throw new SyscallException(Errno.EPIPE);
                    }
                    int room = CAPACITY - count;
                    int want = len - done;
                    // An atomic write waits for room for all of it; a larger one takes what fits.
                    int n = want <= PIPE_BUF && room < want ? 0 : Math.min(room, want);
                    if (n > 0) {
                        int tail = (head + count) % CAPACITY;
                        for (int i = 0; i < n; i++) ring[(tail + i) % CAPACITY] = buf[off + done + i];
                        count += n;
                        done += n;
                        readWakeups++;
                        KernelWait.wakeAll();
                        continue;
                    }
                    if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) {
                        if (done > 0) return done;
                        throw new SyscallException(Errno.EAGAIN);
                    }
                    try {
                        block("write to a full pipe whose read end is still open");
                    } catch (SyscallInterruptedException e) {
                        if (done > 0) return done;  // a signal after a partial write: the count written
                        throw e;
                    }
                }
                return done;
            }
        }

        private void block(String what) {
            LinuxProcess p = LinuxProcess.current();
            if (p == null) throw new GuestDeadlockException(what);  // not called from a guest task: nobody else runs
            KernelWait.await(p, Long.MAX_VALUE, what);
        }

        /** Linux's pipe_poll: data → POLLIN, no writers → POLLHUP; room → POLLOUT, no readers → POLLERR (with POLLOUT). */
        @Override
        public int pollReady() {
            synchronized (KernelWait.LOCK) {
                if (reader) {
                    return (count > 0 ? POLLIN : 0) | (writers == 0 ? POLLHUP : 0);
                }
                return (readers == 0 ? POLLERR : 0) | (count < CAPACITY ? POLLOUT : 0);
            }
        }

        @Override
        public long wakeups() {
            synchronized (KernelWait.LOCK) {
                return reader ? readWakeups : writeWakeups;
            }
        }

        @Override
        public FileStat stat() {
            synchronized (KernelWait.LOCK) {
                return FileStat.synthetic(FileStat.S_IFIFO | 0600, count, 0, 0);
            }
        }

        @Override
        protected void closeHost() {
            synchronized (KernelWait.LOCK) {
                if (reader) readers--; else writers--;
                readWakeups++;
                writeWakeups++;
                KernelWait.wakeAll();
            }
        }
    }
}
