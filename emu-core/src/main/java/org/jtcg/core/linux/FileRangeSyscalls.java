package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Calls on a byte range of a file: copy_file_range (a real copy between host files), and the hints
 * fadvise64, readahead and sync_file_range, which check their arguments like Linux and otherwise have
 * nothing to do (every guest write already reached the host file; the host's page cache is the host's).
 */
final class FileRangeSyscalls {
    static final int POSIX_FADV_NOREUSE = 5;
    static final int SYNC_FILE_RANGE_ALL = 7;
    private static final int CHUNK = 1 << 20;

    private final LinuxProcess proc;
    private final GuestIo io;

    FileRangeSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("copy_file_range", a -> copyFileRange((int) a[0], a[1], (int) a[2], a[3], a[4], (int) a[5]));
        m.put("fadvise64", a -> fadvise((int) a[0], a[2], (int) a[3]));
        m.put("fadvise64_64", a -> fadvise((int) a[0], a[2], (int) a[3]));
        m.put("readahead", a -> { regularFile((int) a[0], Errno.EINVAL); return 0; });
        m.put("sync_file_range", a -> syncFileRange((int) a[0], a[1], a[2], (int) a[3]));
    }

    /** The fd's host file, if it is a regular (seekable) one; else {@code errno}. */
    private HostFile regularFile(int fd, int errno) {
        OpenFile f = proc.fds().get(fd);
        if (f instanceof HostFile h && h.seekable()) return h;
        throw new SyscallException(errno);
    }

    long fadvise(int fd, long len, int advice) {
        OpenFile f = proc.fds().get(fd);
        if (!(f instanceof HostFile h && h.seekable()) && !f.isDirectory()) throw new SyscallException(Errno.ESPIPE);
        if (advice < 0 || advice > POSIX_FADV_NOREUSE || len < 0) throw new SyscallException(Errno.EINVAL);
        return 0;
    }

    long syncFileRange(int fd, long offset, long nbytes, int flags) {
        proc.fds().get(fd);
        if ((flags & ~SYNC_FILE_RANGE_ALL) != 0 || offset < 0 || nbytes < 0 || offset + nbytes < 0) {
            throw new SyscallException(Errno.EINVAL);
        }
        regularFile(fd, Errno.ESPIPE);
        return 0;
    }

    /**
     * copy_file_range(fd_in, off_in*, fd_out, off_out*, len, flags): copies between two regular host
     * files. An offset pointer gives (and gets back) the position and leaves that fd's offset alone;
     * without one the fd's offset is used and advanced. Like Linux: flags must be 0, a pipe or other
     * non-regular file is EINVAL, an O_APPEND or unwritable fd_out and an unreadable fd_in are EBADF,
     * overlapping ranges of the same file are EINVAL; 0 at end of file.
     */
    long copyFileRange(int inFd, long inOffPtr, int outFd, long outOffPtr, long len, int flags) throws IOException {
        if (flags != 0) throw new SyscallException(Errno.EINVAL);
        OpenFile inFile = proc.fds().get(inFd), outFile = proc.fds().get(outFd);
        if (!inFile.readable() || !outFile.writable() || (outFile.statusFlags() & OpenFlags.O_APPEND) != 0) {
            throw new SyscallException(Errno.EBADF);
        }
        if (inFile.isDirectory() || outFile.isDirectory()) throw new SyscallException(Errno.EISDIR);
        HostFile in = regularFile(inFd, Errno.EINVAL), out = regularFile(outFd, Errno.EINVAL);
        long inPos = inOffPtr != 0 ? io.u64(inOffPtr) : in.channel().position();
        long outPos = outOffPtr != 0 ? io.u64(outOffPtr) : out.channel().position();
        if (inPos < 0 || outPos < 0 || len < 0) throw new SyscallException(Errno.EINVAL);
        if (len == 0) return 0;
        if (sameFile(in, out) && inPos < outPos + len && outPos < inPos + len) throw new SyscallException(Errno.EINVAL);
        byte[] buf = new byte[(int) Math.min(len, CHUNK)];
        long done = 0;
        while (done < len) {
            int want = (int) Math.min(buf.length, len - done);
            int got = in.channel().read(ByteBuffer.wrap(buf, 0, want), inPos + done);
            if (got <= 0) break;
            int put = out.channel().write(ByteBuffer.wrap(buf, 0, got), outPos + done);
            done += put;
            if (put < got) break;
        }
        if (inOffPtr != 0) io.put64(inOffPtr, inPos + done); else in.channel().position(inPos + done);
        if (outOffPtr != 0) io.put64(outOffPtr, outPos + done); else out.channel().position(outPos + done);
        return done;
    }

    private static boolean sameFile(HostFile a, HostFile b) {
        if (a == b) return true;
        try {
            FileStat x = a.stat(), y = b.stat();
            return x.dev() == y.dev() && x.ino() == y.ino() && x.ino() != 0;
        } catch (IOException e) {
            return false;
        }
    }
}
