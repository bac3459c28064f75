package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.jtcg.core.linux.SyscallFixture.BAD;
import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

class FileSyscallsTest {
    static final long AT_FDCWD = -100;
    static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200, O_TRUNC = 01000,
            O_APPEND = 02000, O_DIRECTORY = 0200000, O_CLOEXEC = 02000000;

    @TempDir Path dir;
    final SyscallFixture f = new SyscallFixture();
    final long path = SCRATCH, buf = SCRATCH + 0x1000, buf2 = SCRATCH + 0x8000;

    private long open(String p, int flags, int mode) {
        return f.call("openat", AT_FDCWD, f.str(path, p), flags, mode);
    }

    @Test
    void writeReadSeekPreadPwrite() throws Exception {
        Path file = dir.resolve("a.txt");
        long fd = open(file.toString(), O_RDWR | O_CREAT | O_EXCL, 0644);
        assertEquals(3, fd, "lowest free fd after stdio");
        f.str(buf, "hello, world");
        assertEquals(12, f.call("write", fd, buf, 12));
        assertEquals("hello, world", Files.readString(file));
        assertEquals(0, f.call("lseek", fd, 0, 0));
        assertEquals(5, f.call("read", fd, buf2, 5));
        assertEquals("hello", new String(f.bytes(buf2, 5)));
        assertEquals(12, f.call("lseek", fd, 0, 2));
        assertEquals(0, f.call("read", fd, buf2, 100), "EOF reads 0");
        assertEquals(5, f.call("pread64", fd, buf2, 5, 7));
        assertEquals("world", new String(f.bytes(buf2, 5)));
        f.str(buf, "W");
        assertEquals(1, f.call("pwrite64", fd, buf, 1, 7));
        assertEquals(12, f.call("lseek", fd, 0, 1), "pread/pwrite leave the offset alone");
        assertEquals("hello, World", Files.readString(file));
        assertEquals(-Errno.EINVAL, f.call("lseek", fd, -100, 0));
        assertEquals(-Errno.EINVAL, f.call("lseek", fd, 0, 7));
        assertEquals(0, f.call("close", fd));
        assertEquals(-Errno.EBADF, f.call("close", fd));
        assertEquals(-Errno.EBADF, f.call("read", fd, buf2, 1));
    }

    @Test
    void openErrorsMapToErrno() throws Exception {
        assertEquals(-Errno.ENOENT, open(dir.resolve("missing").toString(), O_RDONLY, 0));
        Path file = Files.writeString(dir.resolve("x"), "x");
        assertEquals(-Errno.EEXIST, open(file.toString(), O_WRONLY | O_CREAT | O_EXCL, 0600));
        assertEquals(-Errno.EISDIR, open(dir.toString(), O_WRONLY, 0));
        assertEquals(-Errno.ENOTDIR, open(file.toString(), O_RDONLY | O_DIRECTORY, 0));
        assertEquals(-Errno.ENOENT, open("", O_RDONLY, 0));
        assertEquals(-Errno.EFAULT, f.call("openat", AT_FDCWD, BAD, O_RDONLY, 0));
        assertEquals(-Errno.EFAULT, f.call("openat", AT_FDCWD, 0, O_RDONLY, 0));
        Path locked = Files.writeString(dir.resolve("locked"), "x");
        locked.toFile().setReadable(false, false);
        if (!Files.isReadable(locked)) {  // root ignores permissions
            assertEquals(-Errno.EACCES, open(locked.toString(), O_RDONLY, 0));
        }
    }

    @Test
    void appendTruncateAndUmask() throws Exception {
        Path file = Files.writeString(dir.resolve("log"), "abc");
        long fd = open(file.toString(), O_WRONLY | O_APPEND, 0);
        f.str(buf, "def");
        assertEquals(3, f.call("write", fd, buf, 3));
        assertEquals("abcdef", Files.readString(file));
        long fd2 = open(file.toString(), O_WRONLY | O_TRUNC, 0);
        assertTrue(fd2 > fd);
        assertEquals(0, Files.size(file));
        assertEquals(022, f.call("umask", 077));
        long fd3 = open(dir.resolve("new").toString(), O_WRONLY | O_CREAT, 0666);
        assertTrue(fd3 > 0);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("new"))));
    }

    @Test
    void relativePathsUseTheGuestCwdAndDirfd() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/f"), "in sub");
        assertEquals(0, f.call("chdir", f.str(path, dir.toString())));
        long fd = open("sub/f", O_RDONLY, 0);
        assertEquals(6, f.call("read", fd, buf2, 100));
        long dfd = open("sub", O_RDONLY | O_DIRECTORY, 0);
        long fd2 = f.call("openat", dfd, f.str(path, "f"), O_RDONLY, 0);
        assertTrue(fd2 > 0);
        assertEquals(-Errno.ENOTDIR, f.call("openat", fd, f.str(path, "f"), O_RDONLY, 0));
        long len = f.call("getcwd", buf, 4096);
        assertEquals(dir.toRealPath().toString(), f.cstr(buf));
        assertEquals(dir.toRealPath().toString().length() + 1, len);
        assertEquals(-Errno.ERANGE, f.call("getcwd", buf, 2));
        assertEquals(-Errno.ENOENT, f.call("chdir", f.str(path, "nope")));
        assertEquals(-Errno.ENOTDIR, f.call("chdir", f.str(path, "sub/f")));
    }

    @Test
    void fstatAndNewfstatatWriteX8664Layout() throws Exception {
        Path file = Files.writeString(dir.resolve("s"), "12345");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        long fd = open(file.toString(), O_RDONLY, 0);
        assertEquals(0, f.call("fstat", fd, buf));
        long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
        assertEquals(dev, f.u64(buf));
        assertEquals(ino, f.u64(buf + 8));
        assertEquals(1, f.u64(buf + 16), "nlink (8 bytes at 16 on x86-64)");
        assertEquals(0100640, f.u32(buf + 24), "mode at 24");
        assertEquals(5, f.u64(buf + 48), "size at 48");
        assertEquals(4096, f.u64(buf + 56));
        assertEquals(8, f.u64(buf + 64), "blocks: one 4 KiB block in 512-byte units");
        long mtime = Files.getLastModifiedTime(file).toMillis() / 1000;
        assertEquals(mtime, f.u64(buf + 88));
        assertEquals(0, f.call("newfstatat", AT_FDCWD, f.str(path, file.toString()), buf2, 0));
        assertArrayEquals(f.bytes(buf + 0, 72), f.bytes(buf2, 72), "fstat and fstatat agree (before the atime)");
        assertEquals(-Errno.ENOENT, f.call("newfstatat", AT_FDCWD, f.str(path, dir + "/none"), buf2, 0));
        assertEquals(-Errno.EFAULT, f.call("fstat", fd, BAD));
        // AT_EMPTY_PATH with a dirfd stats the fd itself
        assertEquals(0, f.call("newfstatat", fd, f.str(path, ""), buf2, 0x1000));
        assertEquals(ino, f.u64(buf2 + 8));
        // symlinks: AT_SYMLINK_NOFOLLOW reports the link
        Files.createSymbolicLink(dir.resolve("ln"), file);
        assertEquals(0, f.call("newfstatat", AT_FDCWD, f.str(path, dir + "/ln"), buf2, 0x100));
        assertEquals(0120000, f.u32(buf2 + 24) & 0170000);
        assertEquals(0, f.u64(buf2 + 64), "a symlink holds no data blocks");
    }

    @Test
    void stBlocksCountsWhole4KiBBlocksLikeTheHost() throws Exception {
        long[] sizes = {0, 1, 4096, 4097, 20000};
        long[] blocks = {0, 8, 8, 16, 40};
        for (int i = 0; i < sizes.length; i++) {
            Path file = Files.write(dir.resolve("b" + i), new byte[(int) sizes[i]]);
            assertEquals(0, f.call("newfstatat", AT_FDCWD, f.str(path, file.toString()), buf, 0));
            assertEquals(sizes[i], f.u64(buf + 48));
            assertEquals(blocks[i], f.u64(buf + 64), "st_blocks for size " + sizes[i]);
        }
    }

    @Test
    void statUsesTheAbisLayoutAndByteOrder() throws Exception {
        SyscallFixture be = new SyscallFixture(new TestAbi(true, StatLayout.GENERIC_64), "");
        Path file = Files.writeString(dir.resolve("s"), "123");
        long fd = be.call("openat", AT_FDCWD, be.str(path, file.toString()), O_RDONLY, 0);
        assertEquals(0, be.call("fstat", fd, buf));
        byte[] raw = be.bytes(buf, 128);
        // asm-generic: mode is 4 bytes at 16, nlink 4 bytes at 20, size 8 bytes at 48; big-endian
        assertEquals(0x81, raw[16 + 2] & 0xff, "S_IFREG high byte of mode, big-endian");
        assertEquals(1, java.nio.ByteBuffer.wrap(raw, 20, 4).getInt());
        assertEquals(3, java.nio.ByteBuffer.wrap(raw, 48, 8).getLong());
        assertEquals(4096, java.nio.ByteBuffer.wrap(raw, 56, 4).getInt(), "blksize is 4 bytes at 56");
    }

    @Test
    void statxFillsBasicFields() throws Exception {
        Path file = Files.writeString(dir.resolve("x"), "abcdefg");
        assertEquals(0, f.call("statx", AT_FDCWD, f.str(path, file.toString()), 0, 0xfff, buf));
        assertEquals(0x7ff, f.u32(buf));
        assertEquals(7, f.u64(buf + 40));
        assertEquals(0100000, f.u32(buf + 28) & 0170000);
        assertEquals(((Number) Files.getAttribute(file, "unix:ino")).longValue(), f.u64(buf + 32));
    }

    @Test
    void getdents64ListsEveryEntryAcrossSmallBuffers() throws Exception {
        Set<String> expected = new HashSet<>(Set.of(".", ".."));
        for (int i = 0; i < 40; i++) {
            Files.writeString(dir.resolve("file-" + i), "");
            expected.add("file-" + i);
        }
        Files.createDirectory(dir.resolve("d"));
        expected.add("d");
        long fd = open(dir.toString(), O_RDONLY | O_DIRECTORY, 0);
        Set<String> seen = new HashSet<>();
        int types = 0;
        long n;
        while ((n = f.call("getdents64", fd, buf, 200)) > 0) {
            for (long p = buf; p < buf + n; ) {
                int reclen = (int) f.mem.load(p + 16, 2, false);
                assertEquals(0, reclen % 8);
                String name = f.cstr(p + 19);
                assertTrue(seen.add(name), "no duplicates: " + name);
                int type = (int) f.mem.load(p + 18, 1, false);
                if (name.equals("d")) assertEquals(4, type);
                if (name.startsWith("file-")) { assertEquals(8, type); types++; }
                p += reclen;
            }
        }
        assertEquals(0, n);
        assertEquals(expected, seen);
        assertEquals(40, types);
        assertEquals(-Errno.EINVAL, f.call("getdents64", open(dir.toString(), O_RDONLY, 0), buf, 10), "buffer too small");
        long reg = open(dir.resolve("file-1").toString(), O_RDONLY, 0);
        assertEquals(-Errno.ENOTDIR, f.call("getdents64", reg, buf, 4096));
        assertEquals(0, f.call("lseek", fd, 0, 0));
        assertTrue(f.call("getdents64", fd, buf, 4096) > 0, "rewind lists again");
    }

    @Test
    void mkdirUnlinkRenameReadlinkAccess() throws Exception {
        String d = dir + "/newdir";
        assertEquals(0, f.call("mkdirat", AT_FDCWD, f.str(path, d), 0755));
        assertTrue(Files.isDirectory(Path.of(d)));
        assertEquals(-Errno.EEXIST, f.call("mkdirat", AT_FDCWD, f.str(path, d), 0755));
        assertEquals(-Errno.ENOENT, f.call("mkdirat", AT_FDCWD, f.str(path, dir + "/a/b"), 0755));
        Files.writeString(Path.of(d, "f"), "x");
        assertEquals(-Errno.ENOTEMPTY, f.call("unlinkat", AT_FDCWD, f.str(path, d), 0x200));
        assertEquals(-Errno.EISDIR, f.call("unlinkat", AT_FDCWD, f.str(path, d), 0));
        assertEquals(-Errno.ENOTDIR, f.call("unlinkat", AT_FDCWD, f.str(path, d + "/f"), 0x200));
        f.str(buf, d + "/g");
        assertEquals(0, f.call("renameat", AT_FDCWD, f.str(path, d + "/f"), AT_FDCWD, buf));
        assertFalse(Files.exists(Path.of(d, "f")));
        assertEquals("x", Files.readString(Path.of(d, "g")));
        assertEquals(-Errno.ENOENT, f.call("renameat", AT_FDCWD, f.str(path, d + "/f"), AT_FDCWD, buf));
        assertEquals(0, f.call("access", f.str(path, d + "/g"), 4));
        assertEquals(-Errno.ENOENT, f.call("faccessat", AT_FDCWD, f.str(path, d + "/zz"), 0));
        assertEquals(-Errno.ENOTDIR, f.call("faccessat", AT_FDCWD, f.str(path, d + "/g/zz"), 0));
        Files.createSymbolicLink(Path.of(d, "link"), Path.of("g"));
        assertEquals(1, f.call("readlinkat", AT_FDCWD, f.str(path, d + "/link"), buf2, 100));
        assertEquals("g", new String(f.bytes(buf2, 1)));
        assertEquals(-Errno.EINVAL, f.call("readlinkat", AT_FDCWD, f.str(path, d + "/g"), buf2, 100));
        assertEquals(-Errno.ENOENT, f.call("readlink", f.str(path, d + "/none"), buf2, 100));
        f.proc.setExePath("/opt/guest/prog");
        assertEquals(15, f.call("readlink", f.str(path, "/proc/self/exe"), buf2, 100));
        assertEquals("/opt/guest/prog", new String(f.bytes(buf2, 15)));
        assertEquals(0, f.call("unlinkat", AT_FDCWD, f.str(path, d + "/g"), 0));
        assertEquals(0, f.call("unlinkat", AT_FDCWD, f.str(path, d + "/link"), 0));
        assertEquals(0, f.call("unlinkat", AT_FDCWD, f.str(path, d), 0x200));
        assertFalse(Files.exists(Path.of(d)));
    }

    @Test
    void dupFcntlAndCloexec() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "0123456789");
        long fd = open(file.toString(), O_RDONLY | O_CLOEXEC, 0);
        assertEquals(1, f.call("fcntl", fd, 1, 0), "FD_CLOEXEC set by O_CLOEXEC");
        long d = f.call("dup", fd);
        assertEquals(0, f.call("fcntl", d, 1, 0), "dup clears close-on-exec");
        assertEquals(3, f.call("read", fd, buf, 3));
        assertEquals(3, f.call("lseek", d, 0, 1), "dup shares the file offset");
        assertEquals(10, f.call("dup2", fd, 10));
        assertEquals(-Errno.EINVAL, f.call("dup3", fd, fd, 0));
        assertEquals(12, f.call("dup3", fd, 12, O_CLOEXEC));
        assertEquals(1, f.call("fcntl", 12, 1, 0));
        assertEquals(20, f.call("fcntl", fd, 0, 20), "F_DUPFD >= arg");
        assertEquals(21, f.call("fcntl", fd, 1030, 20), "F_DUPFD_CLOEXEC");
        assertEquals(0, f.call("fcntl", fd, 2, 0));
        assertEquals(0, f.call("fcntl", fd, 1, 0));
        assertEquals(0, f.call("fcntl", fd, 3, 0) & 3, "F_GETFL O_RDONLY");
        assertEquals(0, f.call("fcntl", fd, 4, O_APPEND));
        assertEquals(O_APPEND, f.call("fcntl", fd, 3, 0) & O_APPEND);
        assertEquals(-Errno.EINVAL, f.call("fcntl", fd, 9999, 0));
        assertEquals(0, f.call("close", fd));
        assertEquals(3, f.call("read", d, buf, 3), "the description stays open while another fd refers to it");
        assertEquals(-Errno.EBADF, f.call("dup", 999));
    }

    @Test
    void ioctlOnNonTtyIsEnotty() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "");
        long fd = open(file.toString(), O_RDONLY, 0);
        assertEquals(-Errno.ENOTTY, f.call("ioctl", fd, 0x5401, buf));
        assertEquals(-Errno.ENOTTY, f.call("ioctl", 1, 0x5413, buf));
        assertEquals(-Errno.EBADF, f.call("ioctl", 77, 0x5401, buf));
    }

    @Test
    void sendfileCopiesFromTheFileOffsetOrAnExplicitOne() throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "0123456789abcdef");
        Path dst = dir.resolve("dst");
        long in = open(src.toString(), O_RDONLY, 0), out = open(dst.toString(), O_WRONLY | O_CREAT, 0644);
        assertEquals(4, f.call("lseek", in, 4, 0));
        assertEquals(6, f.call("sendfile", out, in, 0, 6), "no offset pointer: from in_fd's offset");
        assertEquals(10, f.call("lseek", in, 0, 1), "in_fd's offset advanced by the count");
        assertEquals("456789", Files.readString(dst));
        f.mem.store(buf, 8, 1, false);
        assertEquals(3, f.call("sendfile", out, in, buf, 3), "offset pointer: from *offset");
        assertEquals(4, f.u64(buf), "*offset advanced");
        assertEquals(10, f.call("lseek", in, 0, 1), "in_fd's offset untouched");
        assertEquals(6, f.call("sendfile", out, in, 0, 100), "stops at end of file");
        assertEquals(0, f.call("sendfile", out, in, 0, 100), "0 at end of file");
        assertEquals("456789123abcdef", Files.readString(dst));
        assertEquals(5, f.call("sendfile", 1, in, buf, 5), "any writable fd as out_fd");
        assertEquals("45678", f.stdout.toString());
    }

    @Test
    void sendfileErrorsMatchLinux() throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "data");
        long in = open(src.toString(), O_RDONLY, 0);
        long appendOut = open(dir.resolve("log").toString(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        assertEquals(-Errno.EBADF, f.call("sendfile", in, in, 0, 4), "out_fd not writable");
        assertEquals(-Errno.EBADF, f.call("sendfile", 1, 99, 0, 4));
        assertEquals(-Errno.EINVAL, f.call("sendfile", appendOut, in, 0, 4), "O_APPEND out_fd");
        assertEquals(0, f.call("pipe", buf));
        long r = f.u32(buf), w = f.u32(buf + 4);
        assertEquals(-Errno.EBADF, f.call("sendfile", 1, w, 0, 4), "in_fd not readable");
        assertEquals(-Errno.EINVAL, f.call("sendfile", 1, r, 0, 4), "a pipe cannot be in_fd");
        assertEquals(-Errno.ESPIPE, f.call("sendfile", 1, r, buf2, 4));
        assertEquals(-Errno.EFAULT, f.call("sendfile", 1, in, BAD, 4));
        assertEquals(4, f.call("sendfile", w, in, 0, 4), "a pipe can be out_fd");
        assertEquals(4, f.call("read", r, buf2, 10));
        assertEquals("data", new String(f.bytes(buf2, 4)));
    }

    @Test
    void statfsReportsTheHostFileStore() throws Exception {
        java.nio.file.FileStore fs = Files.getFileStore(dir);
        long bsize = fs.getBlockSize();
        assertEquals(0, f.call("statfs", f.str(path, dir.toString()), buf));
        assertEquals(bsize, f.u64(buf + 8), "f_bsize");
        assertEquals(fs.getTotalSpace() / bsize, f.u64(buf + 16), "f_blocks");
        assertTrue(f.u64(buf + 32) <= f.u64(buf + 24), "f_bavail <= f_bfree");
        assertEquals(255, f.u64(buf + 64), "f_namelen");
        assertEquals(bsize, f.u64(buf + 72), "f_frsize");
        assertEquals(0x20, f.u64(buf + 80) & 0x20, "ST_VALID");
        if (fs.type().startsWith("ext")) assertEquals(0xEF53, f.u64(buf), "f_type");
        long fd = open(dir.toString(), O_RDONLY | O_DIRECTORY, 0);
        assertEquals(0, f.call("fstatfs", fd, buf2));
        assertArrayEquals(f.bytes(buf, 16), f.bytes(buf2, 16), "fstatfs agrees on type and block size");
        assertEquals(0, f.call("pipe", buf2));
        assertEquals(0, f.call("fstatfs", f.u32(buf2), buf));
        assertEquals(0x50495045, f.u64(buf), "a pipe is on pipefs");
        assertEquals(-Errno.ENOENT, f.call("statfs", f.str(path, dir + "/missing"), buf));
        assertEquals(-Errno.EFAULT, f.call("statfs", f.str(path, dir.toString()), BAD));
        assertEquals(-Errno.EBADF, f.call("fstatfs", 99, buf));
    }

    @Test
    void statfsUsesS390xsNarrowFieldsAndBigEndian() throws Exception {
        SyscallFixture s390 = new SyscallFixture(new TestAbi(true, StatLayout.S390X, StatfsLayout.S390X), "");
        long bsize = Files.getFileStore(dir).getBlockSize();
        s390.mem.write(buf, new byte[128], 0, 128);
        assertEquals(0, s390.call("statfs", s390.str(path, dir.toString()), buf));
        assertEquals(bsize, s390.u32(buf + 4), "f_bsize is 32-bit at 4");
        assertEquals(255, s390.u32(buf + 56), "f_namelen at 56");
        assertEquals(bsize, s390.u32(buf + 60), "f_frsize at 60");
        assertEquals(0x20, s390.u32(buf + 64) & 0x20, "f_flags at 64");
        assertEquals(0, s390.u64(buf + 88), "88-byte struct: nothing written after it");
    }

    @Test
    void pipesWorkInProcess() {
        assertEquals(0, f.call("pipe2", buf, O_CLOEXEC));
        long r = f.u32(buf), w = f.u32(buf + 4);
        assertEquals(3, r);
        assertEquals(4, w);
        f.str(buf2, "through the pipe");
        assertEquals(16, f.call("write", w, buf2, 16));
        assertEquals(7, f.call("read", r, buf, 7));
        assertEquals("through", new String(f.bytes(buf, 7)));
        assertEquals(-Errno.EBADF, f.call("write", r, buf2, 1));
        assertEquals(0, f.call("close", w));
        assertEquals(9, f.call("read", r, buf, 100));
        assertEquals(0, f.call("read", r, buf, 100), "EOF once writers are gone");
        assertEquals(-Errno.EFAULT, f.call("pipe2", BAD, 0));
        assertEquals(3, f.call("pipe", buf) + 3, "pipe returns 0");
    }

    @Test
    void hostBrokenPipeOnStdoutRaisesSigpipe() {
        java.io.OutputStream closedPipe = new java.io.OutputStream() {
            @Override public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        SyscallFixture g = new SyscallFixture(new TestAbi(), "", closedPipe);
        g.str(buf, "y\n");
        g.call("write", 1, buf, 2);
        assertTrue(g.proc.exited(), "the default SIGPIPE action ends the guest");
        assertEquals(128 + Signals.SIGPIPE, g.proc.exitStatus());
        assertEquals("", g.warnings.toString(), "SIGPIPE kills silently, as under a shell (issue 13)");

        SyscallFixture ignoring = new SyscallFixture(new TestAbi(), "", closedPipe);
        assertEquals(0, ignoring.call("rt_sigaction", Signals.SIGPIPE, sigIgn(ignoring), 0, 8));
        ignoring.str(buf, "y\n");
        assertEquals(-Errno.EPIPE, ignoring.call("write", 1, buf, 2), "SIG_IGN: the write fails with EPIPE");
        assertFalse(ignoring.proc.exited());
    }

    /** A struct sigaction with handler SIG_IGN (1) in the scratch area. */
    private long sigIgn(SyscallFixture g) {
        g.mem.store(buf2, 8, 1, false);
        for (int i = 8; i < 32; i += 8) g.mem.store(buf2 + i, 8, 0, false);
        return buf2;
    }

    @Test
    void readingOwnEmptyPipeIsADeadlockNotAHang() {
        assertEquals(0, f.call("pipe", buf));
        f.call("read", f.u32(buf), buf2, 10);
        assertTrue(f.proc.exited());
        assertEquals(125, f.proc.exitStatus(), "the documented deadlock status");
        assertTrue(f.warnings.toString().contains("deadlocked"), f.warnings.toString());
    }

    @Test
    void stdioGoesToTheInjectedStreams() {
        SyscallFixture g = new SyscallFixture(new TestAbi(), "input line\n");
        g.str(buf, "out");
        assertEquals(3, g.call("write", 1, buf, 3));
        g.str(buf, "err!");
        assertEquals(4, g.call("write", 2, buf, 4));
        assertEquals("out", g.stdout.toString());
        assertEquals("err!", g.stderr.toString());
        assertEquals(11, g.call("read", 0, buf2, 100));
        assertEquals("input line\n", new String(g.bytes(buf2, 11)));
        // writev gathers
        g.mem.store(buf, 8, g.str(buf + 0x100, "ab"), false);
        g.mem.store(buf + 8, 8, 2, false);
        g.mem.store(buf + 16, 8, g.str(buf + 0x200, "cde"), false);
        g.mem.store(buf + 24, 8, 3, false);
        assertEquals(5, g.call("writev", 1, buf, 2));
        assertEquals("outabcde", g.stdout.toString());
        assertEquals(-Errno.EINVAL, g.call("writev", 1, buf, -1));
    }

    @Test
    void badBufferPointersAreEfault() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "data");
        long fd = open(file.toString(), O_RDWR, 0);
        assertEquals(-Errno.EFAULT, f.call("read", fd, BAD, 4));
        assertEquals(0, f.call("lseek", fd, 0, 1), "a faulting read consumed nothing");
        assertEquals(-Errno.EFAULT, f.call("write", fd, BAD, 4));
        assertEquals(-Errno.EFAULT, f.call("readv", fd, BAD, 1));
        assertEquals(-Errno.EFAULT, f.call("getcwd", BAD, 4096));
        assertEquals("data", Files.readString(file, StandardCharsets.UTF_8));
    }
}
