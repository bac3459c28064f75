package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.jtcg.core.memory.GuestMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * File syscalls, through the host file system like qemu-user: open/read/write/seek, stat
 * family, directories, links, truncate/sync ({@link FdControlSyscalls} has close, dup, fcntl,
 * ioctl, pipes and poll). Relative paths resolve against
 * the process's own cwd (or a dirfd), not the JVM's.
 */
final class FileSyscalls {
    static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200,
            AT_SYMLINK_FOLLOW = 0x400, AT_EMPTY_PATH = 0x1000;
    /** Largest single host transfer; longer reads/writes loop (bounded host buffers). */
    private static final int CHUNK = 1 << 20;
    private static final int MAX_IOV = 1024;

    private final LinuxProcess proc;
    private final GuestIo io;
    private final OpenFlags of;

    FileSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
        this.of = proc.abi().openFlags();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("read", a -> read((int) a[0], a[1], a[2]));
        m.put("write", a -> write((int) a[0], a[1], a[2]));
        m.put("pread64", a -> pread((int) a[0], a[1], a[2], a[3]));
        m.put("pwrite64", a -> pwrite((int) a[0], a[1], a[2], a[3]));
        m.put("readv", a -> vector((int) a[0], a[1], a[2], true));
        m.put("writev", a -> vector((int) a[0], a[1], a[2], false));
        m.put("sendfile", a -> sendfile((int) a[0], (int) a[1], a[2], a[3]));
        m.put("open", a -> openat(AT_FDCWD, a[0], (int) a[1], (int) a[2]));
        m.put("creat", a -> openat(AT_FDCWD, a[0], OpenFlags.O_CREAT | OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, (int) a[1]));
        m.put("openat", a -> openat((int) a[0], a[1], (int) a[2], (int) a[3]));
        m.put("lseek", a -> proc.fds().get((int) a[0]).seek(a[1], (int) a[2]));
        m.put("fstat", a -> { writeStat(a[1], proc.fds().get((int) a[0]).stat()); return 0; });
        m.put("stat", a -> { writeStat(a[1], FileStat.of(resolve(AT_FDCWD, io.path(a[0])), true)); return 0; });
        m.put("lstat", a -> { writeStat(a[1], FileStat.of(resolve(AT_FDCWD, io.path(a[0])), false)); return 0; });
        m.put("newfstatat", a -> { writeStat(a[2], statAt((int) a[0], a[1], (int) a[3])); return 0; });
        m.put("statx", a -> statx((int) a[0], a[1], (int) a[2], a[4]));
        m.put("statfs", a -> statfs(FileSystemStat.of(resolve(AT_FDCWD, io.path(a[0]))), a[1]));
        m.put("fstatfs", a -> statfs(FileSystemStat.of(proc.fds().get((int) a[0]).path()), a[1]));
        m.put("getdents64", a -> getdents64((int) a[0], a[1], a[2]));
        m.put("readlink", a -> readlinkat(AT_FDCWD, a[0], a[1], a[2]));
        m.put("readlinkat", a -> readlinkat((int) a[0], a[1], a[2], a[3]));
        m.put("access", a -> faccessat(AT_FDCWD, a[0], (int) a[1]));
        m.put("faccessat", a -> faccessat((int) a[0], a[1], (int) a[2]));
        m.put("faccessat2", a -> faccessat((int) a[0], a[1], (int) a[2]));
        m.put("getcwd", a -> getcwd(a[0], a[1]));
        m.put("chdir", a -> chdir(resolve(AT_FDCWD, io.path(a[0]))));
        m.put("fchdir", a -> chdir(dirPath((int) a[0])));
        m.put("mkdir", a -> mkdirat(AT_FDCWD, a[0], (int) a[1]));
        m.put("mkdirat", a -> mkdirat((int) a[0], a[1], (int) a[2]));
        m.put("unlink", a -> unlinkat(AT_FDCWD, a[0], 0));
        m.put("rmdir", a -> unlinkat(AT_FDCWD, a[0], AT_REMOVEDIR));
        m.put("unlinkat", a -> unlinkat((int) a[0], a[1], (int) a[2]));
        m.put("rename", a -> renameat(AT_FDCWD, a[0], AT_FDCWD, a[1], 0));
        m.put("renameat", a -> renameat((int) a[0], a[1], (int) a[2], a[3], 0));
        m.put("renameat2", a -> renameat((int) a[0], a[1], (int) a[2], a[3], (int) a[4]));
        m.put("symlink", a -> symlinkat(a[0], AT_FDCWD, a[1]));
        m.put("symlinkat", a -> symlinkat(a[0], (int) a[1], a[2]));
        m.put("link", a -> linkat(AT_FDCWD, a[0], AT_FDCWD, a[1], 0));
        m.put("linkat", a -> linkat((int) a[0], a[1], (int) a[2], a[3], (int) a[4]));
        m.put("sync", a -> 0L);  // every guest write already went to the host file
        m.put("syncfs", a -> { proc.fds().get((int) a[0]); return 0; });
        m.put("ftruncate", a -> ftruncate((int) a[0], a[1]));
        m.put("fsync", a -> sync((int) a[0]));
        m.put("fdatasync", a -> sync((int) a[0]));
        m.put("umask", a -> proc.umask((int) a[0] & 0777));
    }

    // ---- paths ----

    /** Resolves a guest path against a dirfd (AT_FDCWD: the process cwd). */
    Path resolve(int dirfd, String p) {
        if (p.isEmpty()) throw new SyscallException(Errno.ENOENT);
        Path procPath = p.startsWith("/") ? ProcFs.hostPath(proc, p) : null;  // process model: /proc/self/exe, fd/N...
        if (procPath != null) return procPath;
        if (p.startsWith("/")) return Path.of(p);
        return (dirfd == AT_FDCWD ? proc.cwd() : dirPath(dirfd)).resolve(p);
    }

    private Path dirPath(int dirfd) {
        OpenFile f = proc.fds().get(dirfd);
        if (!f.isDirectory() || f.path() == null) throw new SyscallException(Errno.ENOTDIR);
        return f.path();
    }

    // ---- read / write ----

    private void checkWritable(long addr, long len) {
        GuestMemory m = io.memory();
        for (long pg = addr & GuestMemory.PAGE_MASK; pg < addr + len; pg += GuestMemory.PAGE_SIZE) {
            int prot = m.protectionAt(pg);
            if (prot < 0 || (prot & GuestMemory.PROT_WRITE) == 0) throw new SyscallException(Errno.EFAULT);
        }
    }

    private static int count(long count) {
        if (count < 0) throw new SyscallException(Errno.EINVAL);
        return (int) Math.min(count, 0x7fff_f000L);  // Linux MAX_RW_COUNT
    }

    long read(int fd, long buf, long countArg) throws IOException {
        OpenFile f = proc.fds().get(fd);
        int count = count(countArg);
        checkWritable(buf, count);
        byte[] b = new byte[Math.min(count, CHUNK)];
        long total = 0;
        while (total < count) {
            int want = (int) Math.min(b.length, count - total);
            int n = f.read(b, 0, want);
            if (n > 0) io.putBytes(buf + total, b, 0, n);
            total += n;
            // Only regular files are read in a loop; pipes, ttys and streams return what they have.
            if (n < want || !(f instanceof HostFile h && h.seekable())) break;
        }
        return total;
    }

    long write(int fd, long buf, long countArg) throws IOException {
        OpenFile f = proc.fds().get(fd);
        int count = count(countArg);
        long total = 0;
        while (total < count) {
            int want = (int) Math.min(CHUNK, count - total);
            byte[] b = io.bytes(buf + total, want);
            int n = writeChecked(f, b, 0, want);
            total += n;
            if (n < want) break;
        }
        return total;
    }

    /**
     * Writes and raises SIGPIPE on EPIPE, whether an in-process pipe reports it or the host does
     * (jtcg's own stdout is a pipe whose reader exited: {@code jtcg run busybox yes | head}).
     */
    private int writeChecked(OpenFile f, byte[] b, int off, int len) throws IOException {
        int errno;
        try {
            return f.write(b, off, len);
        } catch (SyscallException e) {
            errno = e.errno();
            if (errno != Errno.EPIPE) throw e;
        } catch (IOException e) {
            errno = Errno.of(e);
            if (errno != Errno.EPIPE) throw e;
        }
        proc.raise(Signals.SIGPIPE);
        throw new SyscallException(errno);
    }

    long pread(int fd, long buf, long countArg, long pos) throws IOException {
        OpenFile f = proc.fds().get(fd);
        int count = (int) Math.min(count(countArg), CHUNK * 16L);
        checkWritable(buf, count);
        byte[] b = new byte[count];
        int n = f.pread(b, 0, count, pos);
        io.putBytes(buf, b, 0, n);
        return n;
    }

    long pwrite(int fd, long buf, long countArg, long pos) throws IOException {
        OpenFile f = proc.fds().get(fd);
        int count = (int) Math.min(count(countArg), CHUNK * 16L);
        return f.pwrite(io.bytes(buf, count), 0, count, pos);
    }

    long vector(int fd, long iov, long iovcnt, boolean reading) throws IOException {
        proc.fds().get(fd);
        if (iovcnt < 0 || iovcnt > MAX_IOV) throw new SyscallException(Errno.EINVAL);
        ByteBuffer v = io.read(iov, (int) iovcnt * 16);
        long total = 0;
        for (int i = 0; i < iovcnt; i++) {
            long base = v.getLong(i * 16), len = v.getLong(i * 16 + 8);
            if (len < 0) throw new SyscallException(Errno.EINVAL);
            if (len == 0) continue;
            long n = reading ? read(fd, base, len) : write(fd, base, len);
            total += n;
            if (n < len) break;
        }
        return total;
    }

    /**
     * sendfile(out_fd, in_fd, off_t *offset, count): copies from a seekable file to any writable fd
     * (busybox's cat, tail and tar use it). With an offset pointer the transfer starts there, the
     * pointer is advanced and in_fd's own offset is untouched; without one in_fd's offset is used and
     * advanced by what was written. Like Linux: in_fd must be a regular file (a pipe or stream is
     * EINVAL, or ESPIPE with an offset), an O_APPEND out_fd is EINVAL, a short write ends the transfer.
     */
    long sendfile(int outFd, int inFd, long offPtr, long countArg) throws IOException {
        OpenFile in = proc.fds().get(inFd);
        if (!in.readable()) throw new SyscallException(Errno.EBADF);
        if (!(in instanceof HostFile h && h.seekable())) {
            throw new SyscallException(offPtr != 0 ? Errno.ESPIPE : Errno.EINVAL);
        }
        long pos = offPtr != 0 ? io.u64(offPtr) : in.seek(0, 1);
        if (pos < 0) throw new SyscallException(Errno.EINVAL);
        OpenFile out = proc.fds().get(outFd);
        if (!out.writable()) throw new SyscallException(Errno.EBADF);
        if ((out.statusFlags() & OpenFlags.O_APPEND) != 0) throw new SyscallException(Errno.EINVAL);
        int count = count(countArg);
        byte[] b = new byte[Math.min(count, CHUNK)];
        long total = 0;
        try {
            while (total < count) {
                int n = in.pread(b, 0, (int) Math.min(b.length, count - total), pos);
                if (n <= 0) break;
                int w = writeChecked(out, b, 0, n);
                total += w;
                pos += w;
                if (w < n) break;
            }
        } catch (SyscallException | IOException e) {
            if (total == 0) throw e;  // Linux reports a partial transfer as its count, the error on the next call
        } finally {
            if (offPtr != 0) io.put64(offPtr, pos);
            else in.seek(pos, 0);
        }
        return total;
    }

    // ---- open ----

    long openat(int dirfd, long pathPtr, int flags, int mode) throws IOException {
        String p = io.path(pathPtr);
        OpenFile procFile = p.startsWith("/") ? ProcFs.open(proc, p) : null;  // process model: /proc/PID files, pipes by fd
        if (procFile != null) return proc.fds().add(procFile, (flags & OpenFlags.O_CLOEXEC) != 0);
        Path path = resolve(dirfd, p);
        int acc = flags & OpenFlags.O_ACCMODE;
        if (acc == 3) throw new SyscallException(Errno.EINVAL);
        if ((flags & OpenFlags.O_TMPFILE_BIT) != 0) throw new SyscallException(Errno.ENOTSUP);
        boolean noFollow = (flags & of.noFollow()) != 0;
        boolean wantDir = (flags & of.directory()) != 0;
        boolean creat = (flags & OpenFlags.O_CREAT) != 0, excl = (flags & OpenFlags.O_EXCL) != 0;
        LinkOption[] lo = noFollow ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
        boolean exists = Files.exists(path, lo);
        if (noFollow && Files.isSymbolicLink(path)) {
            if (creat && excl) throw new SyscallException(Errno.EEXIST);
            throw new SyscallException(Errno.ELOOP);
        }
        if (exists && creat && excl) throw new SyscallException(Errno.EEXIST);
        boolean cloexec = (flags & OpenFlags.O_CLOEXEC) != 0;
        int status = acc | (flags & (OpenFlags.O_APPEND | OpenFlags.O_NONBLOCK)) | of.largeFile();
        if (exists && Files.isDirectory(path)) {
            if (acc != OpenFlags.O_RDONLY || creat) throw new SyscallException(Errno.EISDIR);
            if (!Files.isReadable(path) && (flags & OpenFlags.O_PATH) == 0) throw new SyscallException(Errno.EACCES);
            return proc.fds().add(new DirectoryFile(path, status | of.directory()), cloexec);
        }
        if (wantDir) throw new SyscallException(exists ? Errno.ENOTDIR : Errno.ENOENT);
        if (!exists && !creat) throw new SyscallException(Errno.ENOENT);

        Set<OpenOption> opts = new HashSet<>();
        if (acc != OpenFlags.O_WRONLY) opts.add(StandardOpenOption.READ);
        if (acc != OpenFlags.O_RDONLY) opts.add(StandardOpenOption.WRITE);
        if (creat) opts.add(excl ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if ((flags & OpenFlags.O_TRUNC) != 0 && acc != OpenFlags.O_RDONLY) opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        if (noFollow) opts.add(LinkOption.NOFOLLOW_LINKS);
        FileAttribute<?>[] attrs = creat && !exists
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions(mode & ~proc.umaskValue()))}
                : new FileAttribute<?>[0];
        FileChannel ch;
        try {
            ch = FileChannel.open(path, opts, attrs);
        } catch (FileAlreadyExistsException e) {
            throw new SyscallException(Errno.EEXIST);
        }
        boolean regular = Files.isRegularFile(path);
        String s = path.toString();
        boolean tty = s.startsWith("/dev/tty") || s.startsWith("/dev/pts/") || s.equals("/dev/console");
        return proc.fds().add(new HostFile(ch, path, status, tty, regular), cloexec);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) s.add(bits[i]);
        }
        return s;
    }

    // ---- stat ----

    private FileStat statAt(int dirfd, long pathPtr, int flags) throws IOException {
        String p = io.path(pathPtr);
        if (p.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return dirfd == AT_FDCWD ? FileStat.of(proc.cwd(), true) : proc.fds().get(dirfd).stat();
        }
        return FileStat.of(resolve(dirfd, p), (flags & AT_SYMLINK_NOFOLLOW) == 0);
    }

    private long statfs(FileSystemStat.Values v, long buf) {
        io.write(buf, FileSystemStat.encode(v, proc.abi(), io));
        return 0;
    }

    /** Writes {@code struct stat} in the arch's layout and byte order. */
    void writeStat(long addr, FileStat st) {
        StatLayout l = proc.abi().statLayout();
        ByteBuffer b = io.struct(l.size());
        put(b, l, StatLayout.Field.DEV, st.dev());
        put(b, l, StatLayout.Field.INO, st.ino());
        put(b, l, StatLayout.Field.MODE, st.mode());
        put(b, l, StatLayout.Field.NLINK, st.nlink());
        put(b, l, StatLayout.Field.UID, st.uid());
        put(b, l, StatLayout.Field.GID, st.gid());
        put(b, l, StatLayout.Field.RDEV, st.rdev());
        put(b, l, StatLayout.Field.SIZE, st.size());
        put(b, l, StatLayout.Field.BLKSIZE, st.blksize());
        put(b, l, StatLayout.Field.BLOCKS, st.blocks());
        put(b, l, StatLayout.Field.ATIME, st.atimeSec());
        put(b, l, StatLayout.Field.ATIME_NSEC, st.atimeNsec());
        put(b, l, StatLayout.Field.MTIME, st.mtimeSec());
        put(b, l, StatLayout.Field.MTIME_NSEC, st.mtimeNsec());
        put(b, l, StatLayout.Field.CTIME, st.ctimeSec());
        put(b, l, StatLayout.Field.CTIME_NSEC, st.ctimeNsec());
        io.write(addr, b);
    }

    private static void put(ByteBuffer b, StatLayout l, StatLayout.Field f, long v) {
        StatLayout.Slot s = l.slot(f);
        if (s.size() == 8) b.putLong(s.offset(), v); else b.putInt(s.offset(), (int) v);
    }

    /** statx: the generic struct statx (same on every arch), 256 bytes. */
    long statx(int dirfd, long pathPtr, int flags, long buf) throws IOException {
        FileStat st = statAt(dirfd, pathPtr, flags);
        ByteBuffer b = io.struct(256);
        b.putInt(0, 0x7ff);                       // STATX_BASIC_STATS
        b.putInt(4, (int) st.blksize());
        b.putInt(16, (int) st.nlink());
        b.putInt(20, st.uid());
        b.putInt(24, st.gid());
        b.putShort(28, (short) st.mode());
        b.putLong(32, st.ino());
        b.putLong(40, st.size());
        b.putLong(48, st.blocks());
        b.putLong(64, st.atimeSec());
        b.putInt(72, (int) st.atimeNsec());
        b.putLong(96, st.ctimeSec());
        b.putInt(104, (int) st.ctimeNsec());
        b.putLong(112, st.mtimeSec());
        b.putInt(120, (int) st.mtimeNsec());
        b.putInt(128, (int) FileStat.major(st.rdev()));
        b.putInt(132, (int) FileStat.minor(st.rdev()));
        b.putInt(136, (int) FileStat.major(st.dev()));
        b.putInt(140, (int) FileStat.minor(st.dev()));
        io.write(buf, b);
        return 0;
    }

    // ---- directories and links ----

    long getdents64(int fd, long dirp, long count) throws IOException {
        OpenFile f = proc.fds().get(fd);
        if (!(f instanceof DirectoryFile d)) throw new SyscallException(Errno.ENOTDIR);
        List<DirectoryFile.Entry> entries = d.remaining();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int used = 0, pos = d.position();
        for (DirectoryFile.Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + name.length + 1 + 7) & ~7;
            if (out.size() + reclen > count) break;
            ByteBuffer r = io.struct(reclen);
            r.putLong(0, e.ino());
            r.putLong(8, pos + used + 1);
            r.putShort(16, (short) reclen);
            r.put(18, (byte) e.type());
            r.position(19);
            r.put(name);
            out.write(r.array(), 0, reclen);
            used++;
        }
        if (used == 0 && !entries.isEmpty()) throw new SyscallException(Errno.EINVAL);
        byte[] bytes = out.toByteArray();
        io.putBytes(dirp, bytes, 0, bytes.length);
        d.advance(used);
        return bytes.length;
    }

    long readlinkat(int dirfd, long pathPtr, long buf, long size) throws IOException {
        if (size <= 0) throw new SyscallException(Errno.EINVAL);
        String p = io.path(pathPtr);
        byte[] target;
        String procLink = p.startsWith("/") ? ProcFs.readlink(proc, p) : null;  // process model: exe, cwd, fd/N
        if (procLink != null) {
            target = procLink.getBytes(StandardCharsets.UTF_8);
        } else {
            Path path = resolve(dirfd, p);
            if (!Files.isSymbolicLink(path)) {
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(Errno.ENOENT);
                throw new SyscallException(Errno.EINVAL);
            }
            target = Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8);
        }
        int n = (int) Math.min(target.length, size);
        io.putBytes(buf, target, 0, n);
        return n;
    }

    long faccessat(int dirfd, long pathPtr, int mode) {
        Path path = resolve(dirfd, io.path(pathPtr));
        if (!Files.exists(path)) {
            throw new SyscallException(Files.isSymbolicLink(path) ? Errno.ENOENT : parentErrno(path));
        }
        if ((mode & 4) != 0 && !Files.isReadable(path) || (mode & 2) != 0 && !Files.isWritable(path)
                || (mode & 1) != 0 && !Files.isExecutable(path)) {
            throw new SyscallException(Errno.EACCES);
        }
        return 0;
    }

    /** ENOTDIR when a path component is a non-directory, else ENOENT. */
    private static int parentErrno(Path path) {
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) return Files.isDirectory(p) ? Errno.ENOENT : Errno.ENOTDIR;
        }
        return Errno.ENOENT;
    }

    long getcwd(long buf, long size) {
        byte[] cwd = proc.cwd().toString().getBytes(StandardCharsets.UTF_8);
        if (size < cwd.length + 1) throw new SyscallException(Errno.ERANGE);
        byte[] z = java.util.Arrays.copyOf(cwd, cwd.length + 1);
        io.putBytes(buf, z, 0, z.length);
        return z.length;
    }

    long chdir(Path path) throws IOException {
        if (!Files.exists(path)) throw new SyscallException(parentErrno(path));
        if (!Files.isDirectory(path)) throw new SyscallException(Errno.ENOTDIR);
        if (!Files.isExecutable(path)) throw new SyscallException(Errno.EACCES);
        proc.setCwd(path.toRealPath());
        return 0;
    }

    long mkdirat(int dirfd, long pathPtr, int mode) throws IOException {
        Path path = resolve(dirfd, io.path(pathPtr));
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(Errno.EEXIST);
        Files.createDirectory(path, PosixFilePermissions.asFileAttribute(permissions(mode & ~proc.umaskValue() & 0777)));
        return 0;
    }

    long unlinkat(int dirfd, long pathPtr, int flags) throws IOException {
        if ((flags & ~AT_REMOVEDIR) != 0) throw new SyscallException(Errno.EINVAL);
        Path path = resolve(dirfd, io.path(pathPtr));
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(parentErrno(path));
        boolean dir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if ((flags & AT_REMOVEDIR) != 0 && !dir) throw new SyscallException(Errno.ENOTDIR);
        if ((flags & AT_REMOVEDIR) == 0 && dir) throw new SyscallException(Errno.EISDIR);
        Files.delete(path);
        return 0;
    }

    long renameat(int olddirfd, long oldPtr, int newdirfd, long newPtr, int flags) throws IOException {
        final int noReplace = 1;
        if ((flags & ~noReplace) != 0) throw new SyscallException(Errno.EINVAL);
        Path from = resolve(olddirfd, io.path(oldPtr));
        Path to = resolve(newdirfd, io.path(newPtr));
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(parentErrno(from));
        if ((flags & noReplace) != 0 && Files.exists(to, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(Errno.EEXIST);
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new SyscallException(Errno.EXDEV);
        }
        return 0;
    }

    long symlinkat(long targetPtr, int dirfd, long linkPtr) throws IOException {
        String target = io.path(targetPtr);
        Path link = resolve(dirfd, io.path(linkPtr));
        Files.createSymbolicLink(link, Path.of(target));
        return 0;
    }

    /** Hard link; like link(2) the old path is not followed unless AT_SYMLINK_FOLLOW. */
    long linkat(int olddirfd, long oldPtr, int newdirfd, long newPtr, int flags) throws IOException {
        if ((flags & ~AT_SYMLINK_FOLLOW) != 0) throw new SyscallException(Errno.EINVAL);
        Path from = resolve(olddirfd, io.path(oldPtr));
        Path to = resolve(newdirfd, io.path(newPtr));
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(parentErrno(from));
        if ((flags & AT_SYMLINK_FOLLOW) != 0) from = from.toRealPath();
        if (Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(Errno.EPERM);
        if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) throw new SyscallException(Errno.EEXIST);
        Files.createLink(to, from);
        return 0;
    }

    long ftruncate(int fd, long length) throws IOException {
        if (length < 0) throw new SyscallException(Errno.EINVAL);
        OpenFile f = proc.fds().get(fd);
        if (!(f instanceof HostFile h) || !h.seekable()) throw new SyscallException(Errno.EINVAL);
        if (!f.writable()) throw new SyscallException(Errno.EINVAL);
        FileChannel ch = h.channel();
        long size = ch.size();
        if (length < size) {
            ch.truncate(length);
        } else if (length > size) {
            ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
        return 0;
    }

    long sync(int fd) throws IOException {
        OpenFile f = proc.fds().get(fd);
        if (f instanceof HostFile h && h.seekable()) h.channel().force(true);
        return 0;
    }
}
