package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A regular (or device) host file opened through a {@link FileChannel}. Also used for the host's
 * own stdin/stdout/stderr (channels of the FileDescriptor streams, path /proc/self/fd/N), which
 * keeps lseek working on redirected stdio.
 */
public final class HostFile extends OpenFile {
    private final FileChannel channel;
    private final Path path;
    private final boolean tty;
    private final boolean seekable;
    private final boolean ownsChannel;

    public HostFile(FileChannel channel, Path path, int statusFlags, boolean tty, boolean seekable) {
        this(channel, path, statusFlags, tty, seekable, true);
    }

    /** @param ownsChannel false for the host's stdio: a guest close must not close jtcg's own fds 0-2 */
    public HostFile(FileChannel channel, Path path, int statusFlags, boolean tty, boolean seekable, boolean ownsChannel) {
        super(statusFlags);
        this.channel = channel;
        this.path = path;
        this.tty = tty;
        this.seekable = seekable;
        this.ownsChannel = ownsChannel;
    }

    public boolean seekable() {
        return seekable;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (!readable()) throw new SyscallException(Errno.EBADF);
        int n = channel.read(ByteBuffer.wrap(buf, off, len));
        return Math.max(n, 0);
    }

    @Override
    public int write(byte[] buf, int off, int len) throws IOException {
        if (!writable()) throw new SyscallException(Errno.EBADF);
        if ((statusFlags & OpenFlags.O_APPEND) != 0 && seekable) {
            channel.position(channel.size());
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        int total = 0;
        while (b.hasRemaining()) {
            int n = channel.write(b);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    @Override
    public int pread(byte[] buf, int off, int len, long pos) throws IOException {
        if (!seekable) throw new SyscallException(Errno.ESPIPE);
        if (!readable()) throw new SyscallException(Errno.EBADF);
        if (pos < 0) throw new SyscallException(Errno.EINVAL);
        return Math.max(channel.read(ByteBuffer.wrap(buf, off, len), pos), 0);
    }

    @Override
    public int pwrite(byte[] buf, int off, int len, long pos) throws IOException {
        if (!seekable) throw new SyscallException(Errno.ESPIPE);
        if (!writable()) throw new SyscallException(Errno.EBADF);
        if (pos < 0) throw new SyscallException(Errno.EINVAL);
        return channel.write(ByteBuffer.wrap(buf, off, len), pos);
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        if (!seekable) throw new SyscallException(Errno.ESPIPE);
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> channel.position();
            case 2 -> channel.size();
            default -> throw new SyscallException(Errno.EINVAL);
        };
        long target = base + offset;
        if (target < 0) throw new SyscallException(Errno.EINVAL);
        channel.position(target);
        return target;
    }

    @Override
    public FileStat stat() throws IOException {
        if (path != null) {
            try {
                return FileStat.of(path, true);
            } catch (NoSuchFileException e) {
                // Unlinked or renamed since open: the JDK cannot fstat a channel, so report what we know.
            }
        }
        return FileStat.synthetic(FileStat.S_IFREG | 0600, seekable ? channel.size() : 0, 0, 0);
    }

    /** The channel, for file-backed mmap. */
    public FileChannel channel() {
        return channel;
    }

    @Override public Path path() { return path; }
    @Override public boolean isTty() { return tty; }

    @Override
    protected void closeHost() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }
}
