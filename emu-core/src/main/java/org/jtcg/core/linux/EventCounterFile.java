package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An eventfd: a 64-bit counter read and written as 8-byte values in the guest's byte order. A read
 * returns the counter and resets it (EFD_SEMAPHORE: returns 1 and decrements); a write adds. Reading a
 * zero counter or overflowing it blocks through {@link KernelWait} until another guest task changes it
 * (EAGAIN with O_NONBLOCK; a wait nothing can end is a deadlock, like an empty pipe's).
 */
final class EventCounterFile extends OpenFile {
    static final long MAX = 0xffff_ffff_ffff_fffeL;

    private final boolean semaphore;
    private final ByteOrder order;
    private long count;
    /** Changes of the counter (each wakes pollers on Linux). */
    private long changes;

    EventCounterFile(long initial, boolean semaphore, boolean bigEndian) {
        super(OpenFlags.O_RDWR);
        this.count = initial;
        this.semaphore = semaphore;
        this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len < 8) throw new SyscallException(Errno.EINVAL);
        synchronized (KernelWait.LOCK) {
            while (count == 0) wouldBlock("read of an eventfd whose counter is 0");
            long v = semaphore ? 1 : count;
            count -= v;
            changes++;
            KernelWait.wakeAll();
            ByteBuffer.wrap(buf, off, 8).order(order).putLong(v);
            return 8;
        }
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        if (len < 8) throw new SyscallException(Errno.EINVAL);
        long v = ByteBuffer.wrap(buf, off, 8).order(order).getLong();
        if (v == -1L) throw new SyscallException(Errno.EINVAL);
        synchronized (KernelWait.LOCK) {
            while (Long.compareUnsigned(v, MAX - count) > 0) wouldBlock("write that would overflow an eventfd counter");
            count += v;
            changes++;
            KernelWait.wakeAll();
            return 8;
        }
    }

    /** Blocks (the caller holds {@link KernelWait#LOCK}) until another task changes the counter; EAGAIN with O_NONBLOCK. */
    private void wouldBlock(String what) {
        if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new SyscallException(Errno.EAGAIN);
        LinuxProcess p = LinuxProcess.current();
        if (p == null) throw new GuestDeadlockException(what);
        KernelWait.await(p, Long.MAX_VALUE, what);
    }

    @Override
    public int pollReady() {
        synchronized (KernelWait.LOCK) {
            return (count != 0 ? POLLIN : 0) | (Long.compareUnsigned(count, MAX) < 0 ? POLLOUT : 0);
        }
    }

    @Override
    public long wakeups() {
        synchronized (KernelWait.LOCK) {
            return changes;
        }
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(0600, 0, 0, 0);   // an anonymous inode: no file type bits, like Linux
    }

    @Override
    protected void closeHost() {
    }
}
