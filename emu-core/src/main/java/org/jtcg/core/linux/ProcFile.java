package org.jtcg.core.linux;

/**
 * A read-only file whose contents jtcg made up when it was opened (the {@code /proc} files of a guest
 * process, {@link ProcFs}): read, pread and lseek over a byte array. Like Linux's /proc files it stats as
 * a regular file of size 0.
 */
final class ProcFile extends OpenFile {
    private final byte[] data;
    private long pos;

    ProcFile(byte[] data) {
        super(OpenFlags.O_RDONLY);
        this.data = data;
    }

    @Override
    public synchronized int read(byte[] buf, int off, int len) {
        int n = pread(buf, off, len, pos);
        pos += n;
        return n;
    }

    @Override
    public int pread(byte[] buf, int off, int len, long at) {
        if (at < 0) throw new SyscallException(Errno.EINVAL);
        if (at >= data.length) return 0;
        int n = (int) Math.min(len, data.length - at);
        System.arraycopy(data, (int) at, buf, off, n);
        return n;
    }

    @Override
    public synchronized long seek(long offset, int whence) {
        long base = switch (whence) {
            case 0 -> 0;
            case 1 -> pos;
            case 2 -> data.length;
            default -> throw new SyscallException(Errno.EINVAL);
        };
        if (base + offset < 0) throw new SyscallException(Errno.EINVAL);
        pos = base + offset;
        return pos;
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(FileStat.S_IFREG | 0444, 0, 0, 0);
    }

    @Override
    protected void closeHost() {
    }
}
