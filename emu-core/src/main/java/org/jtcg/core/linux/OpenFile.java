package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open file description: what one or more guest fds refer to (dup shares it, like Linux).
 * Operations that a kind of file does not support fail with the errno Linux gives.
 * The host resource is closed when the last fd referring to it is closed.
 */
public abstract class OpenFile {
    private int refs = 1;
    /** O_APPEND, O_NONBLOCK and the access mode, as F_GETFL reports them (generic values). */
    protected int statusFlags;

    protected OpenFile(int statusFlags) {
        this.statusFlags = statusFlags;
    }

    /** Reads up to len bytes; 0 at end of file. */
    public int read(byte[] buf, int off, int len) throws IOException {
        throw new SyscallException(Errno.EINVAL);
    }

    /** Writes len bytes (or fewer), returning how many. */
    public int write(byte[] buf, int off, int len) throws IOException {
        throw new SyscallException(Errno.EINVAL);
    }

    public int pread(byte[] buf, int off, int len, long pos) throws IOException {
        throw new SyscallException(Errno.ESPIPE);
    }

    public int pwrite(byte[] buf, int off, int len, long pos) throws IOException {
        throw new SyscallException(Errno.ESPIPE);
    }

    /** lseek; returns the new offset. */
    public long seek(long offset, int whence) throws IOException {
        throw new SyscallException(Errno.ESPIPE);
    }

    public abstract FileStat stat() throws IOException;

    /** Host path, or null for in-process objects. */
    public Path path() {
        return null;
    }

    public boolean isTty() {
        return false;
    }

    /** True for kinds getdents64 works on. */
    public boolean isDirectory() {
        return false;
    }

    public int statusFlags() {
        return statusFlags;
    }

    /** F_SETFL: only O_APPEND and O_NONBLOCK can change. */
    public void setStatusFlags(int flags) {
        int changeable = OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK;
        statusFlags = (statusFlags & ~changeable) | (flags & changeable);
    }

    public boolean readable() {
        return (statusFlags & OpenFlags.O_ACCMODE) != OpenFlags.O_WRONLY;
    }

    public boolean writable() {
        int acc = statusFlags & OpenFlags.O_ACCMODE;
        return acc == OpenFlags.O_WRONLY || acc == OpenFlags.O_RDWR;
    }

    /** poll(2) event bits, the same on every Linux arch (asm-generic/poll.h). */
    public static final int POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20;

    /**
     * The poll bits that hold now (POLLIN, POLLOUT, and POLLERR/POLLHUP, which poll reports whether asked or not).
     * This default is ready for whatever the access mode allows: right for regular files (always ready on Linux);
     * a tty or host stream is reported ready too because the JVM cannot ask the host without blocking, so a read
     * after poll may block on the host, which is real blocking (docs/linux-user.md).
     */
    public int pollReady() {
        return (readable() ? POLLIN : 0) | (writable() ? POLLOUT : 0);
    }

    /** POLLRDHUP (EPOLLRDHUP): the peer of a stream socket shut down its writing side. */
    public static final int POLLRDHUP = 0x2000;

    /**
     * Counts the wake-ups Linux would send this file's pollers (data arriving, room appearing, a peer
     * closing), so epoll's edge-triggered mode reports each new one even when the ready bits stay the same.
     * 0 for kinds whose readiness never changes.
     */
    public long wakeups() {
        return 0;
    }

    /**
     * When this file becomes ready by itself, without another task acting ({@link System#nanoTime()} based; a
     * timerfd's next expiry), so a poller can wait until then; {@link Long#MAX_VALUE}: never.
     */
    public long readyDeadline() {
        return Long.MAX_VALUE;
    }

    /** Whether the last fd referring to this description was closed. */
    public final synchronized boolean isClosed() {
        return refs == 0;
    }

    /** Reference counts change from several guest processes' threads (fork, close, exit). */
    final synchronized void retain() {
        refs++;
    }

    /** Drops one reference; closes the host resource at the last. */
    final void release() throws IOException {
        boolean last;
        synchronized (this) {
            last = --refs == 0;
        }
        if (last) {
            closeHost();
        }
    }

    protected abstract void closeHost() throws IOException;
}
