package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A signalfd: reading it dequeues pending signals of its mask as 128-byte {@code struct signalfd_siginfo}
 * records, instead of delivering them (programs block those signals first). As on Linux, what a read or poll
 * sees is the pending set of the task doing it (its own and its process's), not of the task that created the fd.
 * A read with nothing pending blocks through {@link KernelWait} until such a signal arrives (EAGAIN with
 * O_NONBLOCK); a signal that is not blocked is delivered as usual and interrupts the wait.
 */
final class SignalFdFile extends OpenFile {
    static final int SIGINFO_SIZE = 128;

    private final ByteOrder order;
    /** The signals this fd reads (SIGKILL and SIGSTOP never). */
    private volatile long mask;

    SignalFdFile(long mask, boolean bigEndian) {
        super(OpenFlags.O_RDWR);
        this.order = bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        setMask(mask);
    }

    /** signalfd on an existing signalfd: replaces the mask. */
    void setMask(long m) {
        mask = m & ~(SignalState.bit(Signals.SIGKILL) | SignalState.bit(Signals.SIGSTOP));
        KernelWait.wakeAll();
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (len < SIGINFO_SIZE) throw new SyscallException(Errno.EINVAL);
        LinuxProcess p = LinuxProcess.current();
        if (p == null) throw new SyscallException(Errno.EAGAIN);
        int n = 0;
        synchronized (KernelWait.LOCK) {
            for (;;) {
                p.takePostedSignals();
                SigInfo info;
                while (n + SIGINFO_SIZE <= len && (info = p.signals().takePending(mask)) != null) {
                    encode(info, ByteBuffer.wrap(buf, off + n, SIGINFO_SIZE).slice().order(order),
                            order == ByteOrder.BIG_ENDIAN);
                    n += SIGINFO_SIZE;
                }
                if (n > 0) return n;
                if ((statusFlags & OpenFlags.O_NONBLOCK) != 0) throw new SyscallException(Errno.EAGAIN);
                KernelWait.await(p, Long.MAX_VALUE, "read of a signalfd with no signal that could arrive");
            }
        }
    }

    /**
     * Linux's signalfd_copyinfo: the fields the siginfo's layout carries (kill: pid, uid; real-time and
     * sigqueue: pid, uid, int, ptr; SIGCHLD: pid, uid, status; faults: addr); the rest stays 0.
     */
    private static void encode(SigInfo i, ByteBuffer b, boolean bigEndian) {
        b.putInt(0, i.signo());
        b.putInt(8, i.code());
        int code = i.code();
        boolean fault = code > 0 && code < SigCodes.SI_KERNEL && i.signo() != Signals.SIGCHLD;
        if (fault) {
            b.putLong(72, i.address());
            return;
        }
        b.putInt(12, (int) i.pid());
        b.putInt(16, (int) i.uid());
        if (code > 0 && code < SigCodes.SI_KERNEL && i.signo() == Signals.SIGCHLD) {
            b.putInt(40, (int) i.value());   // ssi_status
        } else if (code < 0) {
            // si_value is kept as the 8 bytes the sender stored; sival_int is their first 4 in memory
            b.putInt(44, (int) (bigEndian ? i.value() >>> 32 : i.value()));   // ssi_int
            b.putLong(48, i.value());        // ssi_ptr
        }
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        throw new SyscallException(Errno.EINVAL);
    }

    /** Readable while the polling task has a pending signal of the mask. */
    @Override
    public int pollReady() {
        LinuxProcess p = LinuxProcess.current();
        if (p == null) return 0;
        return (p.signals().pendingMask() & mask) != 0 ? POLLIN : 0;
    }

    @Override
    public long wakeups() {
        LinuxProcess p = LinuxProcess.current();
        return p == null ? 0 : p.signals().pendingMask() & mask;
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(0600, 0, 0, 0);   // anonymous inode
    }

    @Override
    protected void closeHost() {
    }
}
