package org.jtcg.core.linux;

import java.io.IOException;

/**
 * A socket descriptor. jtcg has no network: a socket of a supported family can be created (so programs
 * that probe with socket() go on to their real question) but never connected; only an AF_UNIX
 * {@link #pair socketpair} carries data, as two in-process {@link Pipe}s, one per direction.
 * Stream semantics for every type: SOCK_DGRAM and SOCK_SEQPACKET pairs do not keep message boundaries.
 */
final class SocketFile extends OpenFile {
    static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_RAW = 3, SOCK_SEQPACKET = 5;

    final int family;
    final int type;
    /** Data from the peer (null: not connected). */
    private final OpenFile in;
    /** Data to the peer (null: not connected, or shut down for writing). */
    private OpenFile out;
    private boolean readShut;

    private SocketFile(int family, int type, OpenFile in, OpenFile out) {
        super(OpenFlags.O_RDWR);
        this.family = family;
        this.type = type;
        this.in = in;
        this.out = out;
    }

    /** An unconnected socket. */
    static SocketFile unconnected(int family, int type) {
        return new SocketFile(family, type, null, null);
    }

    /** Two connected AF_UNIX sockets (socketpair). */
    static SocketFile[] pair(int type) {
        Pipe ab = new Pipe(), ba = new Pipe();
        return new SocketFile[] {new SocketFile(AF_UNIX, type, ba.readEnd, ab.writeEnd),
                new SocketFile(AF_UNIX, type, ab.readEnd, ba.writeEnd)};
    }

    boolean connected() {
        return in != null;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (in == null) throw new SyscallException(Errno.EINVAL);   // Linux: reading an unconnected stream socket
        if (readShut) return 0;
        in.setStatusFlags(statusFlags);   // O_NONBLOCK follows this socket
        return in.read(buf, off, len);
    }

    /** A read that does not block (MSG_DONTWAIT), whatever O_NONBLOCK says. */
    int readNow(byte[] buf, int off, int len) throws IOException {
        if (in == null) throw new SyscallException(Errno.EINVAL);
        if (readShut) return 0;
        in.setStatusFlags(statusFlags | OpenFlags.O_NONBLOCK);
        return in.read(buf, off, len);
    }

    @Override
    public int write(byte[] buf, int off, int len) throws IOException {
        if (in == null) throw new SyscallException(Errno.ENOTCONN);
        if (out == null) throw new SyscallException(Errno.EPIPE);
        return out.write(buf, off, len);
    }

    /** shutdown(2): SHUT_RD (0), SHUT_WR (1, the peer reads end of file), SHUT_RDWR (2). */
    void shutdown(int how) throws IOException {
        if (how < 0 || how > 2) throw new SyscallException(Errno.EINVAL);
        if (in == null) throw new SyscallException(Errno.ENOTCONN);
        if (how != 1) readShut = true;
        if (how != 0 && out != null) {
            out.release();
            out = null;
        }
    }

    /**
     * Linux's unix_poll: the peer's shutdown of its writing side (or closing) is RCV_SHUTDOWN here, reported as
     * POLLIN|POLLRDHUP; POLLHUP only once both directions are shut; a connected socket stays writable.
     */
    @Override
    public int pollReady() {
        if (in == null) return POLLOUT | POLLHUP;   // Linux: an unconnected stream socket is writable and hung up
        int inReady = in.pollReady();
        boolean rcvShut = readShut || (inReady & POLLHUP) != 0;
        boolean sendShut = out == null || (out.pollReady() & POLLERR) != 0;
        int r = inReady & POLLIN;
        if (rcvShut) r |= POLLIN | POLLRDHUP;
        if (rcvShut && sendShut) r |= POLLHUP;
        if (out == null || (out.pollReady() & (POLLOUT | POLLERR)) != 0) r |= POLLOUT;
        return r;
    }

    @Override
    public long wakeups() {
        return (in != null ? in.wakeups() : 0) + (out != null ? out.wakeups() : 0);
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(FileStat.S_IFSOCK | 0777, 0, 0, 0);
    }

    @Override
    protected void closeHost() throws IOException {
        if (in != null) in.release();
        if (out != null) out.release();
    }
}
