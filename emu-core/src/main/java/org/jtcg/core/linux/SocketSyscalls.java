package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * The socket family, answered the way a host without network would: socket() works for AF_UNIX, AF_INET
 * and AF_INET6 (other families EAFNOSUPPORT); connect() to an AF_UNIX path is ENOENT when nothing is there
 * and ECONNREFUSED otherwise (nscd and similar look-ups then fall back to files, as they do natively when
 * the daemon is not running), to a loopback address ECONNREFUSED, to any other internet address ENETUNREACH; bind, listen and accept fail (EADDRNOTAVAIL,
 * EOPNOTSUPP, EINVAL). socketpair(AF_UNIX) really works ({@link SocketFile#pair}); send/recv and
 * sendmsg/recvmsg without ancillary data move bytes on it. See docs/linux-user.md.
 */
final class SocketSyscalls {
    /** SOCK_NONBLOCK and SOCK_CLOEXEC: O_NONBLOCK and O_CLOEXEC, the same on x86-64, arm64 and s390x. */
    static final int SOCK_NONBLOCK = 0x800, SOCK_CLOEXEC = 0x80000, SOCK_TYPE_MASK = 0xf;
    static final int MSG_PEEK = 0x2, MSG_DONTWAIT = 0x40, MSG_WAITALL = 0x100, MSG_NOSIGNAL = 0x4000;
    static final int SOL_SOCKET = 1, SO_TYPE = 3, SO_ERROR = 4, SO_SNDBUF = 7, SO_RCVBUF = 8, SO_DOMAIN = 39;
    /** Linux's default socket buffer size (net.core.rmem_default / wmem_default). */
    static final int DEFAULT_BUFFER = 212992;

    private final LinuxProcess proc;
    private final GuestIo io;
    private final FileSyscalls files;

    SocketSyscalls(LinuxProcess proc, FileSyscalls files) {
        this.proc = proc;
        this.io = proc.io();
        this.files = files;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("socket", a -> socket((int) a[0], (int) a[1], (int) a[2]));
        m.put("socketpair", a -> socketpair((int) a[0], (int) a[1], (int) a[2], a[3]));
        m.put("connect", a -> connect((int) a[0], a[1], a[2]));
        m.put("bind", a -> { socketOf((int) a[0]); throw new SyscallException(Errno.EADDRNOTAVAIL); });
        m.put("listen", a -> { socketOf((int) a[0]); throw new SyscallException(Errno.ENOTSUP); });
        m.put("accept", a -> { socketOf((int) a[0]); throw new SyscallException(Errno.EINVAL); });
        m.put("accept4", a -> { socketOf((int) a[0]); throw new SyscallException(Errno.EINVAL); });
        m.put("getsockname", a -> sockname((int) a[0], a[1], a[2], false));
        m.put("getpeername", a -> sockname((int) a[0], a[1], a[2], true));
        m.put("shutdown", a -> { socketOf((int) a[0]).shutdown((int) a[1]); return 0; });
        m.put("setsockopt", a -> setsockopt((int) a[0], (int) a[1]));
        m.put("getsockopt", a -> getsockopt((int) a[0], (int) a[1], (int) a[2], a[3], a[4]));
        m.put("sendto", a -> send((int) a[0], a[1], a[2], (int) a[3], a[4]));
        m.put("recvfrom", a -> recv((int) a[0], a[1], a[2], (int) a[3], a[4], a[5]));
        m.put("sendmsg", a -> message((int) a[0], a[1], (int) a[2], false));
        m.put("recvmsg", a -> message((int) a[0], a[1], (int) a[2], true));
        Map<String, SyscallHandler> direct = Map.copyOf(m);
        m.put("socketcall", a -> socketcall(direct, (int) a[0], a[1]));
    }

    /** socketcall's call numbers (linux/net.h SYS_SOCKET = 1 ...) and how many argument words each reads. */
    private static final String[] SOCKETCALL = {null, "socket", "bind", "connect", "listen", "accept", "getsockname",
            "getpeername", "socketpair", "send", "recv", "sendto", "recvfrom", "shutdown", "setsockopt", "getsockopt",
            "sendmsg", "recvmsg", "accept4"};
    private static final int[] SOCKETCALL_ARGS = {0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4};

    /**
     * socketcall(call, args): the multiplexed entry s390x's glibc uses (the direct syscalls exist there too):
     * reads the call's argument words (unsigned longs) from {@code args} and runs the direct handler; send and
     * recv are sendto and recvfrom without an address. Calls past accept4 (recvmmsg, sendmmsg) are ENOSYS.
     */
    private long socketcall(Map<String, SyscallHandler> direct, int call, long argsPtr) throws IOException {
        if (call < 1 || call >= SOCKETCALL.length) throw new SyscallException(call < 1 ? Errno.EINVAL : Errno.ENOSYS);
        int n = SOCKETCALL_ARGS[call];
        ByteBuffer b = io.read(argsPtr, 8 * n);
        long[] a = new long[6];
        for (int i = 0; i < n; i++) a[i] = b.getLong(8 * i);
        String name = SOCKETCALL[call];
        if (name.equals("send") || name.equals("recv")) {
            name = name.equals("send") ? "sendto" : "recvfrom";   // a[4], a[5] stay 0: no address
        }
        return direct.get(name).call(a);
    }

    private SocketFile socketOf(int fd) {
        if (!(proc.fds().get(fd) instanceof SocketFile s)) throw new SyscallException(Errno.ENOTSOCK);
        return s;
    }

    private static int checkedType(int family, int typeArg, int protocol) {
        int type = typeArg & SOCK_TYPE_MASK;
        if ((typeArg & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) != 0) throw new SyscallException(Errno.EINVAL);
        if (family != SocketFile.AF_UNIX && family != SocketFile.AF_INET && family != SocketFile.AF_INET6) {
            throw new SyscallException(Errno.EAFNOSUPPORT);
        }
        if (type != SocketFile.SOCK_STREAM && type != SocketFile.SOCK_DGRAM && type != SocketFile.SOCK_SEQPACKET
                && type != SocketFile.SOCK_RAW) {
            throw new SyscallException(Errno.EINVAL);
        }
        if (family == SocketFile.AF_UNIX) {
            if (type == SocketFile.SOCK_RAW) throw new SyscallException(Errno.ESOCKTNOSUPPORT);
            if (protocol != 0 && protocol != SocketFile.AF_UNIX) throw new SyscallException(Errno.EPROTONOSUPPORT);
        } else if (type == SocketFile.SOCK_RAW) {
            throw new SyscallException(Errno.EPERM);   // raw sockets need CAP_NET_RAW; jtcg has no network anyway
        }
        return type;
    }

    private int install(SocketFile s, int typeArg) {
        if ((typeArg & SOCK_NONBLOCK) != 0) s.setStatusFlags(OpenFlags.O_NONBLOCK);
        return proc.fds().add(s, (typeArg & SOCK_CLOEXEC) != 0);
    }

    long socket(int family, int typeArg, int protocol) {
        return install(SocketFile.unconnected(family, checkedType(family, typeArg, protocol)), typeArg);
    }

    long socketpair(int family, int typeArg, int protocol, long sv) throws IOException {
        int type = checkedType(family, typeArg, protocol);
        if (family != SocketFile.AF_UNIX) throw new SyscallException(Errno.ENOTSUP);
        io.read(sv, 8);   // EFAULT before any fd is created
        SocketFile[] pair = SocketFile.pair(type);
        int a = install(pair[0], typeArg);
        int b;
        try {
            b = install(pair[1], typeArg);
        } catch (SyscallException e) {
            proc.fds().close(a);
            throw e;
        }
        ByteBuffer out = io.struct(8);
        out.putInt(0, a);
        out.putInt(4, b);
        io.write(sv, out);
        return 0;
    }

    long connect(int fd, long addr, long len) {
        SocketFile s = socketOf(fd);
        if (s.connected()) throw new SyscallException(Errno.EISCONN);
        if (len < 2 || len > 128) throw new SyscallException(Errno.EINVAL);
        ByteBuffer a = io.read(addr, (int) len);
        int family = Short.toUnsignedInt(a.getShort(0));   // sa_family, in the guest's byte order
        if (s.family == SocketFile.AF_UNIX) {
            if (family != SocketFile.AF_UNIX) throw new SyscallException(Errno.EINVAL);
            if (len <= 2 || a.get(2) == 0) throw new SyscallException(Errno.ECONNREFUSED);   // abstract namespace
            int end = 2;
            while (end < len && a.get(end) != 0) end++;
            String path = new String(a.array(), 2, end - 2, StandardCharsets.UTF_8);
            Path p = path.startsWith("/") ? Path.of(path) : proc.cwd().resolve(path);
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(Errno.ENOENT);
            throw new SyscallException(Errno.ECONNREFUSED);
        }
        if (family != s.family) throw new SyscallException(Errno.EAFNOSUPPORT);
        throw new SyscallException(loopback(a, family) ? Errno.ECONNREFUSED : Errno.ENETUNREACH);
    }

    /** 127.0.0.0/8 or ::1: nothing listens there as far as the guest can tell, so "refused" like an idle host. */
    private static boolean loopback(ByteBuffer a, int family) {
        if (family == SocketFile.AF_INET) return a.capacity() >= 8 && a.get(4) == 127;
        if (a.capacity() < 24) return false;
        for (int i = 8; i < 23; i++) if (a.get(i) != 0) return false;
        return a.get(23) == 1;
    }

    /** getsockname/getpeername: an unnamed address of the socket's family (AF_UNIX: the family alone). */
    long sockname(int fd, long addr, long lenPtr, boolean peer) {
        SocketFile s = socketOf(fd);
        if (peer && !s.connected()) throw new SyscallException(Errno.ENOTCONN);
        int size = switch (s.family) {
            case SocketFile.AF_INET -> 16;
            case SocketFile.AF_INET6 -> 28;
            default -> 2;
        };
        long room = io.u32(lenPtr);
        if ((int) room < 0) throw new SyscallException(Errno.EINVAL);
        ByteBuffer b = io.struct(size);
        b.putShort(0, (short) s.family);
        int n = (int) Math.min(room, size);
        if (n > 0) io.putBytes(addr, b.array(), 0, n);
        io.put32(lenPtr, size);
        return 0;
    }

    long setsockopt(int fd, int level) {
        socketOf(fd);
        return 0;   // accepted and without effect: there is no network stack to tune
    }

    long getsockopt(int fd, int level, int name, long value, long lenPtr) {
        SocketFile s = socketOf(fd);
        if (level != SOL_SOCKET) throw new SyscallException(Errno.ENOPROTOOPT);
        int v = switch (name) {
            case SO_TYPE -> s.type;
            case SO_ERROR -> 0;
            case SO_DOMAIN -> s.family;
            case SO_SNDBUF, SO_RCVBUF -> DEFAULT_BUFFER;
            default -> throw new SyscallException(Errno.ENOPROTOOPT);
        };
        long room = io.u32(lenPtr);
        if ((int) room < 0) throw new SyscallException(Errno.EINVAL);
        ByteBuffer b = io.struct(4);
        b.putInt(0, v);
        int n = (int) Math.min(room, 4);
        if (n > 0) io.putBytes(value, b.array(), 0, n);
        io.put32(lenPtr, n);
        return 0;
    }

    long send(int fd, long buf, long len, int flags, long destAddr) throws IOException {
        SocketFile s = socketOf(fd);
        if (destAddr != 0 && s.connected()) throw new SyscallException(Errno.EISCONN);
        if (!s.connected()) throw new SyscallException(destAddr != 0 ? Errno.ENETUNREACH : Errno.ENOTCONN);
        if ((flags & MSG_NOSIGNAL) != 0) {
            byte[] b = io.bytes(buf, (int) Math.min(len, 1 << 20));
            return s.write(b, 0, b.length);   // EPIPE without SIGPIPE
        }
        return files.write(fd, buf, len);
    }

    long recv(int fd, long buf, long len, int flags, long srcAddr, long lenPtr) throws IOException {
        SocketFile s = socketOf(fd);
        if ((flags & MSG_PEEK) != 0) throw new SyscallException(Errno.ENOTSUP);
        long n;
        if ((flags & MSG_DONTWAIT) != 0) {
            byte[] b = new byte[(int) Math.min(Math.max(len, 0), 1 << 20)];
            int got = s.readNow(b, 0, b.length);
            if (got > 0) io.putBytes(buf, b, 0, got);
            n = got;
        } else {
            n = files.read(fd, buf, len);
        }
        if (srcAddr != 0 && lenPtr != 0) io.put32(lenPtr, 0);   // the peer of a socketpair has no address
        return n;
    }

    /** sendmsg/recvmsg over struct msghdr (name, namelen, iov, iovlen, control, controllen, flags; 56 bytes). */
    long message(int fd, long msg, int flags, boolean receiving) throws IOException {
        SocketFile s = socketOf(fd);
        if ((flags & MSG_PEEK) != 0) throw new SyscallException(Errno.ENOTSUP);
        ByteBuffer h = io.read(msg, 56);
        long name = h.getLong(0), iov = h.getLong(16), iovlen = h.getLong(24), controlLen = h.getLong(40);
        if (!receiving && controlLen != 0) {
            throw new SyscallException(Errno.ENOTSUP);   // SCM_RIGHTS / SCM_CREDENTIALS are not passed
        }
        if (!receiving && name != 0 && s.connected()) throw new SyscallException(Errno.EISCONN);
        if (!s.connected()) throw new SyscallException(Errno.ENOTCONN);
        long n = files.vector(fd, iov, iovlen, receiving);
        if (receiving) {
            io.put32(msg + 8, 0);     // msg_namelen: the peer has no address
            io.put64(msg + 40, 0);    // msg_controllen: no ancillary data
            io.put32(msg + 48, 0);    // msg_flags
        }
        return n;
    }
}
