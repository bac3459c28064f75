package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

/**
 * Syscalls that change a host file's metadata: chmod, chown and timestamp families (what
 * {@code cp -p}, {@code chmod}, {@code chown}, {@code touch} and {@code sed -i} use), through the
 * JDK's "unix:mode/uid/gid" attributes and {@link BasicFileAttributeView#setTimes}. An fd without a
 * host path (an in-process pipe, injected stdio) has no host inode to change: the call succeeds
 * without effect, as it would on Linux's anonymous pipe inode.
 */
final class FileAttributeSyscalls {
    /** timespec tv_nsec values of utimensat (include/uapi/linux/stat.h). */
    static final long UTIME_NOW = (1L << 30) - 1, UTIME_OMIT = (1L << 30) - 2;
    private static final LinkOption[] FOLLOW = {}, NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final LinuxProcess proc;
    private final GuestIo io;
    private final FileSyscalls files;

    FileAttributeSyscalls(LinuxProcess proc, FileSyscalls files) {
        this.proc = proc;
        this.io = proc.io();
        this.files = files;
    }

    void register(Map<String, SyscallHandler> m) {
        final int fdcwd = FileSyscalls.AT_FDCWD;
        m.put("chmod", a -> chmod(files.resolve(fdcwd, io.path(a[0])), (int) a[1]));
        m.put("fchmod", a -> chmod(fdPath((int) a[0]), (int) a[1]));
        // The fchmodat syscall has no flags argument (glibc emulates AT_SYMLINK_NOFOLLOW otherwise).
        m.put("fchmodat", a -> chmod(files.resolve((int) a[0], io.path(a[1])), (int) a[2]));
        m.put("chown", a -> chown(files.resolve(fdcwd, io.path(a[0])), a[1], a[2], FOLLOW));
        m.put("lchown", a -> chown(files.resolve(fdcwd, io.path(a[0])), a[1], a[2], NO_FOLLOW));
        m.put("fchown", a -> chown(fdPath((int) a[0]), a[1], a[2], FOLLOW));
        m.put("fchownat", a -> fchownat((int) a[0], a[1], a[2], a[3], (int) a[4]));
        m.put("utimensat", a -> utimensat((int) a[0], a[1], a[2], (int) a[3]));
        m.put("utimes", a -> utimes(a[0], a[1]));
    }

    /** The host path of an open fd; null for in-process objects (pipes, injected stdio). */
    private Path fdPath(int fd) {
        return proc.fds().get(fd).path();
    }

    private Path pathAt(int dirfd, long pathPtr, int flags) {
        String p = io.path(pathPtr);
        if (p.isEmpty() && (flags & FileSyscalls.AT_EMPTY_PATH) != 0) {
            return dirfd == FileSyscalls.AT_FDCWD ? proc.cwd() : fdPath(dirfd);
        }
        return files.resolve(dirfd, p);
    }

    long chmod(Path path, int mode) throws IOException {
        if (path == null) return 0;
        Files.setAttribute(path, "unix:mode", mode & 07777);
        return 0;
    }

    /** uid/gid -1 (as 32-bit values) leave that id unchanged. */
    long chown(Path path, long uid, long gid, LinkOption[] opts) throws IOException {
        if (path == null) return 0;
        int u = (int) uid, g = (int) gid;
        if (u == -1 && g == -1) Files.readAttributes(path, "unix:mode", opts);  // nothing to change: only the lookup can fail
        if (u != -1) Files.setAttribute(path, "unix:uid", u, opts);
        if (g != -1) Files.setAttribute(path, "unix:gid", g, opts);
        return 0;
    }

    long fchownat(int dirfd, long pathPtr, long uid, long gid, int flags) throws IOException {
        if ((flags & ~(FileSyscalls.AT_SYMLINK_NOFOLLOW | FileSyscalls.AT_EMPTY_PATH)) != 0) {
            throw new SyscallException(Errno.EINVAL);
        }
        return chown(pathAt(dirfd, pathPtr, flags), uid, gid,
                (flags & FileSyscalls.AT_SYMLINK_NOFOLLOW) != 0 ? NO_FOLLOW : FOLLOW);
    }

    /**
     * utimensat(dirfd, path, times[2], flags): times[0] is the access time, times[1] the modification
     * time; NULL times means both now; UTIME_NOW / UTIME_OMIT in tv_nsec set now / keep. A NULL path
     * changes dirfd itself (futimens).
     */
    long utimensat(int dirfd, long pathPtr, long timesPtr, int flags) throws IOException {
        if ((flags & ~(FileSyscalls.AT_SYMLINK_NOFOLLOW | FileSyscalls.AT_EMPTY_PATH)) != 0) {
            throw new SyscallException(Errno.EINVAL);
        }
        FileTime atime, mtime;
        if (timesPtr == 0) {
            atime = mtime = now();
        } else {
            ByteBuffer t = io.read(timesPtr, 32);
            atime = timespec(t.getLong(0), t.getLong(8));
            mtime = timespec(t.getLong(16), t.getLong(24));
        }
        Path path;
        if (pathPtr == 0) {
            if (dirfd == FileSyscalls.AT_FDCWD) throw new SyscallException(Errno.EFAULT);
            path = fdPath(dirfd);
        } else {
            path = pathAt(dirfd, pathPtr, flags);
        }
        return setTimes(path, atime, mtime, (flags & FileSyscalls.AT_SYMLINK_NOFOLLOW) != 0 ? NO_FOLLOW : FOLLOW);
    }

    /** utimes(path, timeval[2]): microsecond times, NULL = now; follows symlinks. */
    long utimes(long pathPtr, long timesPtr) throws IOException {
        Path path = files.resolve(FileSyscalls.AT_FDCWD, io.path(pathPtr));
        FileTime atime, mtime;
        if (timesPtr == 0) {
            atime = mtime = now();
        } else {
            ByteBuffer t = io.read(timesPtr, 32);
            atime = timeval(t.getLong(0), t.getLong(8));
            mtime = timeval(t.getLong(16), t.getLong(24));
        }
        return setTimes(path, atime, mtime, FOLLOW);
    }

    private static long setTimes(Path path, FileTime atime, FileTime mtime, LinkOption[] opts) throws IOException {
        if (path == null) return 0;
        if (atime == null && mtime == null) {
            Files.readAttributes(path, "unix:mode", opts);  // both UTIME_OMIT: nothing to change, only the lookup can fail
            return 0;
        }
        Files.getFileAttributeView(path, BasicFileAttributeView.class, opts).setTimes(mtime, atime, null);
        return 0;
    }

    /** A guest timespec as a FileTime; null for UTIME_OMIT (keep). */
    private static FileTime timespec(long sec, long nsec) {
        if (nsec == UTIME_OMIT) return null;
        if (nsec == UTIME_NOW) return now();
        if (nsec < 0 || nsec >= 1_000_000_000L) throw new SyscallException(Errno.EINVAL);
        return fileTime(sec, nsec);
    }

    private static FileTime timeval(long sec, long usec) {
        if (usec < 0 || usec >= 1_000_000L) throw new SyscallException(Errno.EINVAL);
        return fileTime(sec, usec * 1000);
    }

    private static FileTime fileTime(long sec, long nsec) {
        try {
            return FileTime.from(Instant.ofEpochSecond(sec, nsec));
        } catch (DateTimeException e) {
            throw new SyscallException(Errno.EINVAL);  // beyond what the host can store anyway
        }
    }

    private static FileTime now() {
        return FileTime.from(Instant.now());
    }
}
