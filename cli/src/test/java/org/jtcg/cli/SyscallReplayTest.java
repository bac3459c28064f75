package org.jtcg.cli;

import org.jtcg.cli.toy.ToyAbi;
import org.jtcg.cli.toy.ToyCpu;
import org.jtcg.core.linux.Errno;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.memory.GuestMemory;
import org.jtcg.core.memory.PagedMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Record in A, replay in B ({@link SyscallRecorder}, {@link SyscallReplayer}) on two toy64
 * processes sharing the host, as {@code jtcg diff} drives them: after every call both results and
 * both address spaces must be equal, and the host must have seen each effect once.
 */
class SyscallReplayTest {
    static final long SCRATCH = 0x1000_0000L, PATH = SCRATCH, BUF = SCRATCH + 0x1000, BUF2 = SCRATCH + 0x2000;
    static final int AT_FDCWD = -100, O_RDWR = 2, O_CREAT = 0100, O_EXCL = 0200;

    @TempDir
    Path dir;

    private final ToyAbi abi = new ToyAbi();
    private final PagedMemory memA = new PagedMemory(), memB = new PagedMemory();
    private final ByteArrayOutputStream outA = new ByteArrayOutputStream(), outB = new ByteArrayOutputStream();
    private final ToyCpu cpuA = new ToyCpu(), cpuB = new ToyCpu();
    private LinuxProcess a, b;
    private SyscallRecorder recorder;
    private SyscallReplayer replayer;

    @BeforeEach
    void twoProcesses() {
        a = new LinuxProcess(memA, abi, InputStream.nullInputStream(), outA, outA);
        b = new LinuxProcess(memB, abi, InputStream.nullInputStream(), outB, outB);
        a.setRandom(new Random(1));
        b.setRandom(new Random(2));  // different seeds: B's getrandom bytes can only be A's by replay
        for (GuestMemory m : new GuestMemory[] {memA, memB}) {
            m.mmap(SCRATCH, 0x10000, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                    GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED);
            m.initBrk(0x2000_0000L);
        }
        a.setWarn(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        b.setWarn(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        recorder = new SyscallRecorder(a);
        replayer = new SyscallReplayer(b, SyscallReplayPolicy.load());
    }

    private void put(long addr, byte[] bytes) {
        memA.write(addr, bytes, 0, bytes.length);
        memB.write(addr, bytes, 0, bytes.length);
    }

    private void putPath(Path p) {
        put(PATH, (p + "\0").getBytes(StandardCharsets.UTF_8));
    }

    private static void load(ToyCpu c, String name, long... args) {
        c.r0 = abiNumber(name);
        long[] six = java.util.Arrays.copyOf(args, 6);
        c.r1 = six[0];
        c.r2 = six[1];
        c.r3 = six[2];
        c.r4 = six[3];
        c.r5 = six[4];
        c.r6 = six[5];
    }

    private static long abiNumber(String name) {
        return new ToyAbi().syscalls().number(name);
    }

    /** One syscall in A then B, as the lockstep loop makes it; returns the (equal) result. */
    private long call(String name, long... args) {
        load(cpuA, name, args);
        load(cpuB, name, args);
        a.syscall(cpuA);
        assertNull(replayer.expect(recorder.last(), cpuB));
        b.syscall(cpuB);
        assertEquals(cpuA.r0, cpuB.r0, name + ": B's result");
        assertNull(MemoryComparison.firstDifference(memA, memB), name + ": memory after the syscall");
        return cpuA.r0;
    }

    @Test
    void aTempFileIsCreatedWrittenReadAndUnlinkedOnceAndBGetsTheSameResults() throws Exception {
        Path f = dir.resolve("tmp-file");
        putPath(f);
        long fd = call("openat", AT_FDCWD, PATH, O_RDWR | O_CREAT | O_EXCL, 0600);  // O_EXCL: a second create would fail
        assertEquals(3, fd);
        byte[] text = "written once\n".getBytes(StandardCharsets.UTF_8);
        put(BUF, text);
        assertEquals(text.length, call("write", fd, BUF, text.length));
        assertEquals("written once\n", Files.readString(f), "the host file holds A's write only");
        assertEquals(0, call("lseek", fd, 0, 0));
        assertEquals(text.length, call("read", fd, BUF2, 64));
        byte[] back = new byte[text.length];
        memB.read(BUF2, back, 0, back.length);
        assertArrayEquals(text, back, "B's buffer got the bytes A read");
        assertEquals(0, call("close", fd));
        assertEquals(0, call("unlink", PATH), "B gets A's 0, not ENOENT");
        assertFalse(Files.exists(f));
        assertFalse(b.fds().isOpen(3), "B's fd table is not used");
        assertEquals(6, replayer.replayed());
    }

    @Test
    void timeAndRandomBytesAndThePidAreA() {
        assertEquals(0, call("clock_gettime", 0, BUF));
        assertEquals(16, call("getrandom", BUF2, 16, 0));
        byte[] rb = new byte[16];
        memB.read(BUF2, rb, 0, 16);
        byte[] own = new byte[16];
        new Random(2).nextBytes(own);
        assertFalse(java.util.Arrays.equals(own, rb), "not B's own random bytes");
        assertEquals(a.pid(), call("getpid"));
    }

    @Test
    void stdoutIsWrittenByAOnly() {
        put(BUF, "hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(6, call("write", 1, BUF, 6));
        assertEquals("hello\n", outA.toString(StandardCharsets.UTF_8));
        assertEquals(0, outB.size());
    }

    @Test
    void syscallsOnTheProcessOwnStateRunInB() {
        long at = call("mmap", 0, 0x3000, GuestMemory.PROT_READ | GuestMemory.PROT_WRITE,
                GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS, -1, 0);
        assertFalse(Errno.isError(at));
        assertTrue(memB.protectionAt(at) >= 0, "B mapped it itself");
        long brk = call("brk", 0);
        assertEquals(brk + 0x1000, call("brk", brk + 0x1000));
        assertTrue(memB.protectionAt(brk) >= 0, "B moved its own break");
        assertEquals(0, replayer.replayed());
        call("exit_group", 3);
        assertEquals(3, b.exitStatus());
    }

    @Test
    void aFileMappingIsRebuiltInBAtTheSameAddressWithTheFileBytes() throws Exception {
        Path f = dir.resolve("mapped");
        byte[] content = new byte[5000];
        new Random(7).nextBytes(content);
        Files.write(f, content);
        putPath(f);
        long fd = call("openat", AT_FDCWD, PATH, 0, 0);
        long at = call("mmap", 0, 8192, GuestMemory.PROT_READ, GuestMemory.MAP_PRIVATE, fd, 0);
        assertFalse(Errno.isError(at));
        byte[] got = new byte[content.length];
        memB.read(at, got, 0, got.length);
        assertArrayEquals(content, got);
        assertEquals(GuestMemory.PROT_READ, memB.protectionAt(at + 4096));
        assertEquals(-Errno.EBADF, call("mmap", 0, 4096, GuestMemory.PROT_READ, GuestMemory.MAP_PRIVATE, 42, 0));
    }

    @Test
    void aReplayedSyscallThatEndsAEndsBTheSameWay() {
        assertEquals(0, call("pipe2", BUF, 0));
        int readEnd = (int) memA.load(BUF, 4, false), writeEnd = (int) memA.load(BUF + 4, 4, false);
        assertEquals(0, call("close", readEnd));
        load(cpuA, "write", writeEnd, BUF, 1);
        load(cpuB, "write", writeEnd, BUF, 1);
        a.syscall(cpuA);
        assertTrue(a.exited(), "SIGPIPE: no reader");
        assertNull(replayer.expect(recorder.last(), cpuB));
        b.syscall(cpuB);
        assertEquals(a.exitState(), b.exitState());
    }

    @Test
    void bMakingADifferentCallIsReportedAndNotRun() {
        put(BUF, "x".getBytes(StandardCharsets.UTF_8));
        load(cpuA, "write", 1, BUF, 1);
        load(cpuB, "write", 1, BUF, 2);
        a.syscall(cpuA);
        assertEquals("write argument 3: A 0x1, B 0x2", replayer.expect(recorder.last(), cpuB));
        load(cpuB, "getpid");
        String m = replayer.expect(recorder.last(), cpuB);
        assertTrue(m.startsWith("A made syscall 1 (write), B syscall 39 (getpid)"), m);
        assertNotEquals(0, outA.size());
        assertEquals(0, outB.size());
    }
}
