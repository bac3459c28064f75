package org.jtcg.core.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A guest fd backed by a Java stream (stdio injected by an embedding application or a test).
 * Not seekable; fstat reports a FIFO.
 */
public final class StreamFile extends OpenFile {
    private final InputStream in;
    private final OutputStream out;

    public StreamFile(InputStream in) {
        super(OpenFlags.O_RDONLY);
        this.in = in;
        this.out = null;
    }

    public StreamFile(OutputStream out) {
        super(OpenFlags.O_WRONLY);
        this.in = null;
        this.out = out;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (in == null) throw new SyscallException(Errno.EBADF);
        if (len == 0) return 0;
        return Math.max(in.read(buf, off, len), 0);
    }

    @Override
    public int write(byte[] buf, int off, int len) throws IOException {
        if (out == null) throw new SyscallException(Errno.EBADF);
        out.write(buf, off, len);
        out.flush();
        return len;
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(FileStat.S_IFIFO | 0600, 0, 0, 0);
    }

    @Override
    protected void closeHost() {
        // The embedder owns the streams.
    }
}
