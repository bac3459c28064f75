package org.jtcg.core.linux;

import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.MemoryConfig;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;

import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The syscalls common programs call beyond the basics (ProcessInfoSyscalls, SocketSyscalls, XattrSyscalls,
 * FileRangeSyscalls, AnonFileSyscalls, mincore/madvise): results and errnos as Linux gives them. Errno
 * values are written as literals (they are ABI).
 */
class RealProgramSyscallsTest {
    @TempDir Path dir;
    private final SyscallFixture f = new SyscallFixture();

    private long s(long at, String text) {
        return f.str(at, text);
    }

    @Test
    void getgroupsReportsTheHostGroupsAndOnlyRootMaySetThem() {
        long n = f.call("getgroups", 0, 0);
        assertEquals(ProcessInfoSyscalls.hostGroups().length, n);
        if (n > 0) {
            assertEquals(-22, f.call("getgroups", n - 1, SCRATCH), "EINVAL: list too small");
            assertEquals(n, f.call("getgroups", n, SCRATCH));
            assertEquals(ProcessInfoSyscalls.hostGroups()[0], f.u32(SCRATCH));
        }
        if (f.proc.uid() != 0) {
            assertEquals(-1, f.call("setgroups", 0, 0), "EPERM for a non-root user");
        } else {
            f.mem.store(SCRATCH, 4, 4242, false);
            assertEquals(0, f.call("setgroups", 1, SCRATCH));
            assertEquals(1, f.call("getgroups", 0, 0));
            assertEquals(1, f.call("getgroups", 8, SCRATCH + 64));
            assertEquals(4242, f.u32(SCRATCH + 64));
        }
    }

    @Test
    void getrusageFillsTheStructAndRejectsUnknownWho() {
        assertEquals(0, f.call("getrusage", 0, SCRATCH));
        assertTrue(f.u64(SCRATCH + 32) > 0, "ru_maxrss in KiB");
        assertEquals(0, f.call("getrusage", -1, SCRATCH + 256));
        assertEquals(0, f.u64(SCRATCH + 256 + 32), "no children");
        assertEquals(-22, f.call("getrusage", 7, SCRATCH));
        assertEquals(-14, f.call("getrusage", 0, 0xdead_0000L), "EFAULT");
    }

    @Test
    void socketpairCarriesBytesBothWaysAndShutdownGivesEof() {
        assertEquals(0, f.call("socketpair", 1, 1, 0, SCRATCH));
        int a = (int) f.u32(SCRATCH), b = (int) f.u32(SCRATCH + 4);
        assertNotEquals(a, b);
        assertEquals(5, f.call("write", a, s(SCRATCH + 64, "hello"), 5));
        assertEquals(5, f.call("read", b, SCRATCH + 128, 100));
        assertEquals("hello", new String(f.bytes(SCRATCH + 128, 5), StandardCharsets.US_ASCII));
        assertEquals(2, f.call("sendto", b, s(SCRATCH + 64, "ok"), 2, 0, 0, 0));
        assertEquals(2, f.call("recvfrom", a, SCRATCH + 128, 100, 0, 0, 0));
        assertEquals(-11, f.call("recvfrom", a, SCRATCH + 128, 100, 0x40, 0, 0), "MSG_DONTWAIT on an empty socket: EAGAIN");
        assertEquals(0, f.call("shutdown", b, 1));
        assertEquals(0, f.call("read", a, SCRATCH + 128, 100), "SHUT_WR: the peer reads end of file");
        f.mem.store(SCRATCH + 200, 4, 16, false);
        assertEquals(0, f.call("getpeername", a, SCRATCH + 256, SCRATCH + 200));
        assertEquals(2, f.u32(SCRATCH + 200), "an unnamed AF_UNIX address is the family alone");
        assertEquals(1, f.mem.load(SCRATCH + 256, 2, false));
        assertEquals(-95, f.call("socketpair", 2, 1, 0, SCRATCH), "EOPNOTSUPP: socketpair is AF_UNIX only");
    }

    @Test
    void socketsWithoutNetworkFailCleanly() {
        long unix = f.call("socket", 1, 1 | 0x80000, 0);
        assertTrue(unix >= 3);
        f.mem.store(SCRATCH, 2, 1, false);
        s(SCRATCH + 2, dir.resolve("no-such-socket").toString());
        assertEquals(-2, f.call("connect", unix, SCRATCH, 110), "ENOENT: nothing at the path (nscd not running)");
        s(SCRATCH + 2, dir.toString());
        assertEquals(-111, f.call("connect", unix, SCRATCH, 110), "ECONNREFUSED");
        assertEquals(-107, f.call("getpeername", unix, SCRATCH + 256, SCRATCH + 200), "ENOTCONN");
        assertEquals(-22, f.call("read", unix, SCRATCH + 256, 10), "EINVAL, as Linux answers a read of an unconnected stream socket");
        assertEquals(-107, f.call("write", unix, SCRATCH + 256, 10), "ENOTCONN");
        long inet = f.call("socket", 2, 2, 0);
        f.mem.store(SCRATCH, 2, 2, false);
        assertEquals(-101, f.call("connect", inet, SCRATCH, 16), "ENETUNREACH");
        assertEquals(-99, f.call("bind", inet, SCRATCH, 16), "EADDRNOTAVAIL");
        f.mem.store(SCRATCH + 200, 4, 16, false);
        assertEquals(0, f.call("getsockname", inet, SCRATCH + 256, SCRATCH + 200));
        assertEquals(16, f.u32(SCRATCH + 200));
        f.mem.store(SCRATCH + 200, 4, 4, false);
        assertEquals(0, f.call("getsockopt", inet, 1, 3, SCRATCH + 256, SCRATCH + 200));
        assertEquals(2, f.u32(SCRATCH + 256), "SO_TYPE");
        assertEquals(-97, f.call("socket", 16, 3, 0), "EAFNOSUPPORT: AF_NETLINK");
        assertEquals(-88, f.call("connect", 1, SCRATCH, 16), "ENOTSOCK");
    }

    @Test
    void socketcallRunsTheDirectCalls() {
        // s390x's glibc: socketcall(SYS_SOCKETPAIR = 8, {AF_UNIX, SOCK_STREAM, 0, sv}) then SYS_SEND / SYS_RECV
        long args = SCRATCH + 1024, sv = SCRATCH + 2048;
        long[] pair = {1, 1, 0, sv};
        for (int i = 0; i < pair.length; i++) f.mem.store(args + 8L * i, 8, pair[i], false);
        assertEquals(0, f.call("socketcall", 8, args));
        long a = f.u32(sv), b = f.u32(sv + 4);
        long[] send = {a, s(SCRATCH + 3000, "hi"), 2, 0};
        for (int i = 0; i < send.length; i++) f.mem.store(args + 8L * i, 8, send[i], false);
        assertEquals(2, f.call("socketcall", 9, args));
        long[] recv = {b, SCRATCH + 3100, 16, 0};
        for (int i = 0; i < recv.length; i++) f.mem.store(args + 8L * i, 8, recv[i], false);
        assertEquals(2, f.call("socketcall", 10, args));
        assertEquals("hi", new String(f.bytes(SCRATCH + 3100, 2), StandardCharsets.US_ASCII));
        assertEquals(-22, f.call("socketcall", 0, args));
        assertEquals(-38, f.call("socketcall", 19, args), "recvmmsg: ENOSYS");
    }

    @Test
    void eventfdCountsAndReadsReset() {
        long fd = f.call("eventfd2", 3, 0x800);
        f.mem.store(SCRATCH, 8, 4, false);
        assertEquals(8, f.call("write", fd, SCRATCH, 8));
        assertEquals(8, f.call("read", fd, SCRATCH + 16, 8));
        assertEquals(7, f.u64(SCRATCH + 16));
        assertEquals(-11, f.call("read", fd, SCRATCH + 16, 8), "EAGAIN: counter is 0 and O_NONBLOCK");
        assertEquals(-22, f.call("read", fd, SCRATCH + 16, 4), "EINVAL: less than 8 bytes");
        long sem = f.call("eventfd2", 2, 1);
        assertEquals(8, f.call("read", sem, SCRATCH + 16, 8));
        assertEquals(1, f.u64(SCRATCH + 16), "EFD_SEMAPHORE reads 1");
    }

    @Test
    void timerfdExpiresAndReportsItsSettings() {
        long fd = f.call("timerfd_create", 1, 0x800);
        f.mem.store(SCRATCH, 8, 0, false);
        f.mem.store(SCRATCH + 8, 8, 0, false);
        f.mem.store(SCRATCH + 16, 8, 0, false);
        f.mem.store(SCRATCH + 24, 8, 300_000_000, false);
        assertEquals(0, f.call("timerfd_settime", fd, 0, SCRATCH, 0));
        assertEquals(0, f.call("timerfd_gettime", fd, SCRATCH + 64));
        assertTrue(f.u64(SCRATCH + 64 + 24) > 0 && f.u64(SCRATCH + 64 + 24) <= 300_000_000, "time left");
        assertEquals(-11, f.call("read", fd, SCRATCH + 128, 8), "EAGAIN: not expired yet");
        f.proc.sleepNanos(350_000_000);
        assertEquals(8, f.call("read", fd, SCRATCH + 128, 8));
        assertEquals(1, f.u64(SCRATCH + 128), "one expiry of a one-shot timer");
        assertEquals(-11, f.call("read", fd, SCRATCH + 128, 8));
        assertEquals(-22, f.call("timerfd_create", 42, 0));
    }

    @Test
    void userXattrsAreRealAndOtherNamespacesAreAbsent() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        long path = s(SCRATCH, file.toString());
        assertEquals(-61, f.call("getxattr", path, s(SCRATCH + 512, "system.posix_acl_access"), SCRATCH + 1024, 100),
                "ENODATA, what ls sees without ACLs");
        assertEquals(-95, f.call("getxattr", path, s(SCRATCH + 512, "nonamespace"), SCRATCH + 1024, 100));
        assertEquals(-2, f.call("getxattr", s(SCRATCH + 2048, dir.resolve("missing").toString()),
                s(SCRATCH + 512, "user.a"), SCRATCH + 1024, 100));
        boolean hostHasUserXattrs = Files.getFileStore(file).supportsFileAttributeView(UserDefinedFileAttributeView.class);
        long set = f.call("setxattr", path, s(SCRATCH + 512, "user.jtcg"), s(SCRATCH + 1024, "value"), 5, 0);
        if (!hostHasUserXattrs || set == -95) {
            assertEquals(-95, set, "the host file system has no user attributes: EOPNOTSUPP");
            return;
        }
        assertEquals(0, set);
        assertEquals(5, f.call("getxattr", path, SCRATCH + 512, 0, 0), "size query");
        assertEquals(-34, f.call("getxattr", path, SCRATCH + 512, SCRATCH + 1536, 2), "ERANGE");
        assertEquals(5, f.call("getxattr", path, SCRATCH + 512, SCRATCH + 1536, 100));
        assertEquals("value", new String(f.bytes(SCRATCH + 1536, 5), StandardCharsets.US_ASCII));
        assertEquals(-17, f.call("setxattr", path, SCRATCH + 512, SCRATCH + 1024, 5, 1), "XATTR_CREATE: EEXIST");
        long len = f.call("listxattr", path, SCRATCH + 3000, 200);
        assertTrue(new String(f.bytes(SCRATCH + 3000, (int) len), StandardCharsets.US_ASCII).contains("user.jtcg\0"));
        assertEquals(0, f.call("removexattr", path, SCRATCH + 512));
        assertEquals(-61, f.call("getxattr", path, SCRATCH + 512, SCRATCH + 1536, 100));
    }

    @Test
    void copyFileRangeCopiesWithAndWithoutOffsets() throws Exception {
        Files.writeString(dir.resolve("in"), "0123456789");
        long in = f.call("openat", -100, s(SCRATCH, dir.resolve("in").toString()), 0, 0);
        long out = f.call("openat", -100, s(SCRATCH, dir.resolve("out").toString()), 0101, 0644);
        f.mem.store(SCRATCH + 512, 8, 2, false);
        assertEquals(5, f.call("copy_file_range", in, SCRATCH + 512, out, 0, 5, 0));
        assertEquals(7, f.u64(SCRATCH + 512), "the offset pointer advanced");
        assertEquals(3, f.call("copy_file_range", in, SCRATCH + 512, out, 0, 100, 0), "stops at end of file");
        assertEquals(0, f.call("copy_file_range", in, SCRATCH + 512, out, 0, 100, 0));
        assertEquals("23456789", Files.readString(dir.resolve("out")));
        assertEquals(-22, f.call("copy_file_range", in, 0, out, 0, 1, 1), "flags must be 0");
        assertEquals(0, f.call("pipe2", SCRATCH + 600, 0));
        assertEquals(-22, f.call("copy_file_range", f.u32(SCRATCH + 600), 0, out, 0, 1, 0), "a pipe: EINVAL");
        assertEquals(-9, f.call("copy_file_range", out, 0, in, 0, 1, 0), "EBADF: out is read-only, in write-only");
        assertEquals(0, f.call("fadvise64", in, 0, 0, 2));
        assertEquals(-22, f.call("fadvise64", in, 0, 0, 99));
        assertEquals(-29, f.call("fadvise64", f.u32(SCRATCH + 600), 0, 0, 0), "ESPIPE on a pipe");
    }

    @Test
    void memfdIsAnAnonymousReadWriteFile() {
        long fd = f.call("memfd_create", s(SCRATCH, "buf"), 1);
        assertTrue(fd >= 3);
        assertEquals(5, f.call("write", fd, s(SCRATCH + 64, "12345"), 5));
        assertEquals(0, f.call("lseek", fd, 0, 0));
        assertEquals(5, f.call("read", fd, SCRATCH + 128, 10));
        assertEquals(0, f.call("fstat", fd, SCRATCH + 256));
        assertEquals(-22, f.call("memfd_create", SCRATCH, 0x100), "unknown flag");
    }

    @Test
    void inotifyIsDeliberatelyEnosysWithoutAWarningAndSignalfdWorks() {
        assertTrue(f.call("signalfd4", -1, SCRATCH, 8, 0) >= 3, "signalfd is implemented (SignalFdFile)");
        assertEquals(-22, f.call("signalfd4", -1, SCRATCH, 4, 0), "a mask size other than 8");
        assertEquals(-38, f.call("inotify_init1", 0));
        assertEquals("", f.warnings.toString(StandardCharsets.UTF_8));
        assertEquals(0, f.proc.dispatcher().unsupportedCalls());
    }

    @Test
    void mincoreReportsTouchedPagesAndMadviseGivesThemBack() {
        PagedMemory mem = new PagedMemory(MemoryConfig.defaults());
        LinuxProcess p = new LinuxProcess(mem, new TestAbi(), new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(), new java.io.ByteArrayOutputStream());
        long a = mem.mmap(0, 4 * GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
        mem.store(a + GuestMemory.PAGE_SIZE, 8, 77, false);
        long vec = mem.mmap(0, GuestMemory.PAGE_SIZE, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS);
        TestCpu cpu = new TestCpu();
        cpu.set(TestAbi.nr("mincore"), a, 4 * GuestMemory.PAGE_SIZE, vec);
        p.syscall(cpu);
        assertEquals(0, cpu.a0);
        assertEquals(0x00_00_01_00L, mem.load(vec, 4, false), "only page 1 was touched");
        long before = mem.ramBytesInUse();
        cpu.set(TestAbi.nr("madvise"), a, 4 * GuestMemory.PAGE_SIZE, MemorySyscalls.MADV_DONTNEED);
        p.syscall(cpu);
        assertEquals(0, cpu.a0);
        assertEquals(before - GuestMemory.PAGE_SIZE, mem.ramBytesInUse(), "MADV_DONTNEED gave the frame back");
        assertEquals(0, mem.load(a + GuestMemory.PAGE_SIZE, 8, false), "and the page reads as zero");
        cpu.set(TestAbi.nr("mincore"), a + 1, 4096, vec);
        p.syscall(cpu);
        assertEquals(-22, cpu.a0, "unaligned");
        cpu.set(TestAbi.nr("mincore"), 0x1000_0000_0000L, 4096, vec);
        p.syscall(cpu);
        assertEquals(-12, cpu.a0, "unmapped: ENOMEM");
    }
}
