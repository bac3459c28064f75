package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An eventfd: a 64-bit counter read and written as 8-byte values in the guest's byte order. A read
 * returns the counter and resets it (EFD_SEMAPHORE: returns 1 and decrements); a write adds. Reading a
 * zero counter or overflowing it would block: EAGAIN with O_NONBLOCK, otherwise (nothing else in a
 * single-threaded guest could change the counter) the guest ends as deadlocked, like an empty pipe.
 */
final class EventCounterFile extends OpenFile {
    static final long MAX = 0xffff_ffff_ffff_fffeL;

    private final boolean semaphore;
    private final ByteOrder order;
    private long count;

    EventCounterFile(long initial, boolean semaphore, boolean bigEndian) {
        super(OpenFlags.O_RDWR);
        this.count = initial;
        this.semaphore = semaphore;
        this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len < 8) throw new SyscallException(Errno.EINVAL);
        if (count == 0) wouldBlock("read of an eventfd whose counter is 0");
        long v = semaphore ? 1 : count;
        count -= v;
        ByteBuffer.wrap(buf, off, 8).order(order).putLong(v);
        return 8;
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        if (len < 8) throw new SyscallException(Errno.EINVAL);
        long v = ByteBuffer.wrap(buf, off, 8).order(order).getLong();
        if (v == -1L) throw new SyscallException(Errno.EINVAL);
        if (Long.compareUnsigned(v, MAX - count) > 0) wouldBlock("write that would overflow an eventfd counter");
        count += v;
        return 8;
    }

    private void wouldBlock(String what) {
        if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new SyscallException(Errno.EAGAIN);
        throw new GuestDeadlockException(what);
    }

    @Override
    public int pollReady() {
        return (count != 0 ? POLLIN : 0) | (Long.compareUnsigned(count, MAX) < 0 ? POLLOUT : 0);
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(0600, 0, 0, 0);   // an anonymous inode: no file type bits, like Linux
    }

    @Override
    protected void closeHost() {
    }
}
