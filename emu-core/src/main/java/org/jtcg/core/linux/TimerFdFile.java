package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A timerfd: a one-shot or periodic timer whose expirations are read as an 8-byte count. Times are kept
 * on the host's monotonic clock ({@link System#nanoTime}); an absolute CLOCK_REALTIME time is converted
 * when it is set. A read with no expiration yet sleeps until the next one (EAGAIN with O_NONBLOCK); a
 * read of a disarmed timer could never complete and ends the single-threaded guest as deadlocked.
 */
final class TimerFdFile extends OpenFile {
    private final LinuxProcess proc;
    private final ByteOrder order;
    final int clock;
    /** Next expiry on the nanoTime clock; meaningless while disarmed. */
    private long deadline;
    private long interval;
    private boolean armed;

    TimerFdFile(LinuxProcess proc, int clock) {
        super(OpenFlags.O_RDWR);
        this.proc = proc;
        this.clock = clock;
        this.order = proc.abi().bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Arms (value > 0) or disarms (value 0) the timer; {@code value} is relative, in nanoseconds from now. */
    void set(long valueNanos, long intervalNanos, long now) {
        armed = valueNanos > 0;
        deadline = now + Math.max(valueNanos, 1);
        interval = intervalNanos;
    }

    /** {remaining nanoseconds to the next expiry (0: disarmed), interval}. */
    long[] get(long now) {
        expirations(now, false);
        return new long[] {armed ? Math.max(1, deadline - now) : 0, interval};
    }

    /** Expirations since the last read (consumed when {@code take}); a one-shot timer disarms itself. */
    private long pending;

    /** Expirations ever (each wakes pollers on Linux). */
    private long fired;

    private long expirations(long now, boolean take) {
        if (armed && now - deadline >= 0) {
            fired++;
            if (interval > 0) {
                long n = (now - deadline) / interval + 1;
                pending += n;
                deadline += n * interval;
            } else {
                pending++;
                armed = false;
            }
        }
        long n = pending;
        if (take) pending = 0;
        return n;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len < 8) throw new SyscallException(Errno.EINVAL);
        long n = expirations(System.nanoTime(), true);
        while (n == 0) {
            if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new SyscallException(Errno.EAGAIN);
            if (!armed) throw new GuestDeadlockException("read of a disarmed timerfd");
            proc.sleepNanos(Math.max(0, deadline - System.nanoTime()));
            n = expirations(System.nanoTime(), true);
        }
        ByteBuffer.wrap(buf, off, 8).order(order).putLong(n);
        return 8;
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        throw new SyscallException(Errno.EINVAL);
    }

    @Override
    public int pollReady() {
        return expirations(System.nanoTime(), false) > 0 ? POLLIN : 0;
    }

    @Override
    public long wakeups() {
        expirations(System.nanoTime(), false);
        return fired;
    }

    @Override
    public long readyDeadline() {
        return armed ? deadline : Long.MAX_VALUE;
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(0600, 0, 0, 0);   // anonymous inode
    }

    @Override
    protected void closeHost() {
    }
}
