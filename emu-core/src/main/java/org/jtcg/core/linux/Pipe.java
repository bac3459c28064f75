package org.jtcg.core.linux;

import java.io.ByteArrayOutputStream;

/**
 * An in-process pipe (pipe/pipe2): a byte queue with a read end and a write end. The guest is
 * single-threaded, so a read from an empty pipe whose write end is still open can never complete:
 * it fails with EAGAIN when O_NONBLOCK is set and ends the guest as a deadlock otherwise. Writes
 * never block (the buffer grows past Linux's 64 KiB pipe capacity instead).
 */
public final class Pipe {
    private byte[] data = new byte[0];
    private int start;
    private int readers = 1, writers = 1;

    /** Read end. */
    public final OpenFile readEnd = new End(true);
    /** Write end. */
    public final OpenFile writeEnd = new End(false);

    private final class End extends OpenFile {
        private final boolean reader;

        End(boolean reader) {
            super(reader ? OpenFlags.O_RDONLY : OpenFlags.O_WRONLY);
            this.reader = reader;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (!reader) throw new SyscallException(Errno.EBADF);
            int avail = data.length - start;
            if (avail == 0) {
                if (writers == 0 || len == 0) return 0;
                if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new SyscallException(Errno.EAGAIN);
                throw new GuestDeadlockException("read from an empty pipe whose write end is still open");
            }
            int n = Math.min(avail, len);
            System.arraycopy(data, start, buf, off, n);
            start += n;
            if (start == data.length) {
                data = new byte[0];
                start = 0;
            }
            return n;
        }

        @Override
        public int write(byte[] buf, int off, int len) {
            if (reader) throw new SyscallException(Errno.EBADF);
            if (readers == 0) throw new SyscallException(Errno.EPIPE);
            ByteArrayOutputStream b = new ByteArrayOutputStream(data.length - start + len);
            b.write(data, start, data.length - start);
            b.write(buf, off, len);
            data = b.toByteArray();
            start = 0;
            return len;
        }

        /** Linux's pipe_poll: data → POLLIN, no writers → POLLHUP; room (always here) → POLLOUT, no readers → POLLERR. */
        @Override
        public int pollReady() {
            if (reader) {
                return (data.length - start > 0 ? POLLIN : 0) | (writers == 0 ? POLLHUP : 0);
            }
            return readers == 0 ? POLLERR : POLLOUT;
        }

        @Override
        public FileStat stat() {
            return FileStat.synthetic(FileStat.S_IFIFO | 0600, data.length - start, 0, 0);
        }

        @Override
        protected void closeHost() {
            if (reader) readers--; else writers--;
        }
    }
}
