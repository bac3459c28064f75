package org.jtcg.core.linux;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Guest file descriptors: small integers mapped to shared {@link OpenFile} descriptions plus the
 * per-fd close-on-exec flag. New fds take the lowest free number, as POSIX requires, below the
 * soft RLIMIT_NOFILE (EMFILE when none is free; fds already open above a lowered limit stay open).
 */
public final class FdTable {
    /** The most fds a process can have: the default (and hard) RLIMIT_NOFILE. */
    public static final int MAX_FDS = 1024;

    private OpenFile[] files = new OpenFile[16];
    private boolean[] cloexec = new boolean[16];
    /** The soft RLIMIT_NOFILE, read at each allocation so setrlimit takes effect at once. */
    private final IntSupplier softLimit;

    public FdTable() {
        this(() -> MAX_FDS);
    }

    public FdTable(IntSupplier softLimit) {
        this.softLimit = softLimit;
    }

    /** The first fd number a new fd may not have (Linux: the soft RLIMIT_NOFILE). */
    public int limit() {
        return Math.max(0, Math.min(MAX_FDS, softLimit.getAsInt()));
    }

    /** The open file for {@code fd}, or EBADF. */
    public OpenFile get(long fd) {
        if (fd < 0 || fd >= files.length || files[(int) fd] == null) {
            throw new SyscallException(Errno.EBADF);
        }
        return files[(int) fd];
    }

    public boolean isOpen(long fd) {
        return fd >= 0 && fd < files.length && files[(int) fd] != null;
    }

    /** Installs a new description at the lowest free fd >= minFd. */
    public int add(OpenFile f, boolean closeOnExec, int minFd) {
        int limit = limit();
        if (minFd < 0 || minFd >= limit) throw new SyscallException(Errno.EINVAL);
        for (int fd = minFd; fd < limit; fd++) {
            if (fd >= files.length || files[fd] == null) {
                put(fd, f, closeOnExec);
                return fd;
            }
        }
        throw new SyscallException(Errno.EMFILE);
    }

    public int add(OpenFile f, boolean closeOnExec) {
        return add(f, closeOnExec, 0);
    }

    /** Places {@code f} at exactly {@code fd} (which must be free). */
    public void put(int fd, OpenFile f, boolean closeOnExec) {
        if (fd >= files.length) {
            int n = Math.min(MAX_FDS, Math.max(fd + 1, files.length * 2));
            files = Arrays.copyOf(files, n);
            cloexec = Arrays.copyOf(cloexec, n);
        }
        files[fd] = f;
        cloexec[fd] = closeOnExec;
    }

    /** dup / F_DUPFD: a new fd >= minFd sharing the description. */
    public int dup(long fd, int minFd, boolean closeOnExec) {
        OpenFile f = get(fd);
        int n = add(f, closeOnExec, minFd);
        f.retain();
        return n;
    }

    /** dup2/dup3: makes {@code newFd} refer to {@code oldFd}'s description, closing what it had. */
    public int dupTo(long oldFd, long newFd, boolean closeOnExec) throws IOException {
        OpenFile f = get(oldFd);
        if (newFd < 0 || newFd >= limit()) throw new SyscallException(Errno.EBADF);
        if (oldFd == newFd) return (int) newFd;
        if (isOpen(newFd)) close(newFd);
        f.retain();
        put((int) newFd, f, closeOnExec);
        return (int) newFd;
    }

    public void close(long fd) throws IOException {
        OpenFile f = get(fd);
        files[(int) fd] = null;
        cloexec[(int) fd] = false;
        f.release();
    }

    public boolean closeOnExec(long fd) {
        get(fd);
        return cloexec[(int) fd];
    }

    public void setCloseOnExec(long fd, boolean on) {
        get(fd);
        cloexec[(int) fd] = on;
    }

    /** Closes every fd (process exit). Errors are ignored: the guest is gone. */
    public void closeAll() {
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null) {
                try {
                    close(fd);
                } catch (IOException | SyscallException e) {
                    // nothing to report to
                }
            }
        }
    }

    /** fork: this (empty) table gets every fd of {@code parent}, sharing the open descriptions. */
    void copyFrom(FdTable parent) {
        files = parent.files.clone();
        cloexec = parent.cloexec.clone();
        for (OpenFile f : files) {
            if (f != null) f.retain();
        }
    }

    /** execve: closes the fds marked close-on-exec. */
    void closeOnExecFds() {
        for (int fd = 0; fd < files.length; fd++) {
            if (files[fd] != null && cloexec[fd]) {
                try {
                    close(fd);
                } catch (IOException | SyscallException e) {
                    // the fd is gone either way, as on Linux
                }
            }
        }
    }
}
