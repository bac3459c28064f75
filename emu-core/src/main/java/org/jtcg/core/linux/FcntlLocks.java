package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * fcntl's record-lock commands over {@link RecordLocks}: decodes struct flock (the same 32 bytes on every
 * 64-bit Linux arch: short l_type, short l_whence, off_t l_start @8, off_t l_len @16, pid_t l_pid @24, in
 * the guest's byte order), resolves the range, and picks the owner: the process for F_GETLK/F_SETLK/F_SETLKW,
 * the open file description for the F_OFD_* commands.
 */
final class FcntlLocks {
    static final int F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    private final LinuxProcess proc;
    private final GuestIo io;
    private final RecordLocks table;

    FcntlLocks(LinuxProcess proc, GuestIo io, RecordLocks table) {
        this.proc = proc;
        this.io = io;
        this.table = table;
    }

    /** F_GETLK / F_OFD_GETLK: the first conflicting lock into {@code arg}, or l_type = F_UNLCK. */
    long get(OpenFile f, boolean ofd, long arg) throws IOException {
        ByteBuffer b = io.read(arg, 32);
        int type = b.getShort(0);
        if (type != F_RDLCK && type != F_WRLCK) throw new SyscallException(Errno.EINVAL);
        if (ofd && b.getInt(24) != 0) throw new SyscallException(Errno.EINVAL);
        long[] range = range(f, b);
        Object owner = ofd ? f : proc;
        RecordLocks.Lock c = table.conflict(fileKey(f), owner, type == F_WRLCK, range[0], range[1]);
        if (c == null) {
            b.putShort(0, (short) F_UNLCK);
        } else {
            b.putShort(0, (short) (c.write() ? F_WRLCK : F_RDLCK));
            b.putShort(2, (short) SEEK_SET);
            b.putLong(8, c.start());
            b.putLong(16, c.end() == Long.MAX_VALUE ? 0 : c.end() - c.start());
            b.putInt(24, (int) c.pid());
        }
        io.write(arg, b);
        return 0;
    }

    /**
     * F_SETLK(W) / F_OFD_SETLK(W). A conflict is EAGAIN for the non-waiting forms; for the waiting forms it can
     * never clear in this single-threaded process (the holder is this process's other description, or a guest
     * that cannot run meanwhile), so the guest ends as a deadlock instead of hanging.
     */
    long set(OpenFile f, boolean ofd, boolean wait, long arg) throws IOException {
        ByteBuffer b = io.read(arg, 32);
        int type = b.getShort(0);
        if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK) throw new SyscallException(Errno.EINVAL);
        if (ofd && b.getInt(24) != 0) throw new SyscallException(Errno.EINVAL);
        if (type == F_RDLCK && !f.readable() || type == F_WRLCK && !f.writable()) throw new SyscallException(Errno.EBADF);
        long[] range = range(f, b);
        Object owner = ofd ? f : proc;
        RecordLocks.Lock c = table.set(fileKey(f), owner, ofd ? -1 : proc.pid(), type == F_UNLCK, type == F_WRLCK,
                range[0], range[1]);
        if (c != null) {
            if (wait) throw new GuestDeadlockException("F_SETLKW on a range locked by " + (c.pid() < 0 ? "an open file description" : "pid " + c.pid()));
            throw new SyscallException(Errno.EAGAIN);
        }
        return 0;
    }

    /** POSIX semantics: closing any fd of a file drops every lock the process holds on it. */
    void closing(OpenFile f) throws IOException {
        table.releaseAll(fileKey(f), proc);
    }

    /** [start, end) from l_whence, l_start and l_len (0: to the end of the file; negative: the bytes before). */
    private static long[] range(OpenFile f, ByteBuffer b) throws IOException {
        int whence = b.getShort(2);
        long base = switch (whence) {
            case SEEK_SET -> 0;
            case SEEK_CUR -> f.seek(0, SEEK_CUR);
            case SEEK_END -> f.stat().size();
            default -> throw new SyscallException(Errno.EINVAL);
        };
        long start = base + b.getLong(8), len = b.getLong(16);
        long end;
        if (len == 0) {
            end = Long.MAX_VALUE;
        } else if (len > 0) {
            end = start + len < start ? Long.MAX_VALUE : start + len;
        } else {
            end = start;
            start += len;
        }
        if (start < 0) throw new SyscallException(Errno.EINVAL);
        return new long[] {start, end};
    }

    /** The file a lock is on: the host inode (dev, ino) for host files, the description itself otherwise. */
    private static Object fileKey(OpenFile f) throws IOException {
        if (f instanceof HostFile) {
            FileStat st = f.stat();
            if (st.ino() != 0) return List.of(st.dev(), st.ino());
        }
        return f;
    }
}
