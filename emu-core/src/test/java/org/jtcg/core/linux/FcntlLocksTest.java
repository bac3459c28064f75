package org.jtcg.core.linux;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fcntl record locks: POSIX locks (owned by the process) and OFD locks (owned by the open file description),
 * conflicts between owners, splitting on unlock, release on close and on exit, and two guest processes in
 * one JVM. ABI values as numbers: F_GETLK 5, F_SETLK 6, F_SETLKW 7, F_OFD_GETLK 36, F_OFD_SETLK 37,
 * F_OFD_SETLKW 38; l_type F_RDLCK 0, F_WRLCK 1, F_UNLCK 2; EAGAIN 11, EBADF 9, EINVAL 22.
 */
class FcntlLocksTest {
    static final int F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38;
    static final int RD = 0, WR = 1, UN = 2;

    @TempDir Path dir;
    final SyscallFixture f = new SyscallFixture();
    final SyscallFixture other = new SyscallFixture();
    final long path = SCRATCH, flock = SCRATCH + 0x1000;
    Path file;

    @AfterEach
    void endProcesses() {
        // the lock table is per JVM: ended processes' locks are dropped, so a reused inode starts clean
        f.call("exit_group", 0);
        other.call("exit_group", 0);
    }

    private long open(SyscallFixture p, int flags) throws Exception {
        if (file == null) file = Files.writeString(dir.resolve("locked"), "0123456789".repeat(10));
        long fd = p.call("openat", -100, p.str(path, file.toString()), flags, 0);
        assertTrue(fd >= 3, "open: " + fd);
        return fd;
    }

    private long lock(SyscallFixture p, long fd, int cmd, int type, int whence, long start, long len) {
        p.mem.store(flock, 2, type, false);
        p.mem.store(flock + 2, 2, whence, false);
        p.mem.store(flock + 8, 8, start, false);
        p.mem.store(flock + 16, 8, len, false);
        p.mem.store(flock + 24, 4, 0, false);
        return p.call("fcntl", fd, cmd, flock);
    }

    private int type(SyscallFixture p) {
        return (int) p.mem.load(flock, 2, false);
    }

    @Test
    void aProcessNeverConflictsWithItsOwnPosixLocks() throws Exception {
        long fd = open(f, 2);
        assertEquals(0, lock(f, fd, F_SETLK, WR, 0, 0, 10));
        assertEquals(0, lock(f, fd, F_SETLK, RD, 0, 5, 10), "converts part of its own lock");
        assertEquals(0, lock(f, fd, F_GETLK, WR, 0, 0, 0));
        assertEquals(UN, type(f));
    }

    @Test
    void anOfdLockConflictsWithThePosixLockOfTheSameProcess() throws Exception {
        long a = open(f, 2), b = open(f, 2);
        assertEquals(0, lock(f, a, F_OFD_SETLK, WR, 0, 0, 10));
        assertEquals(-11, lock(f, b, F_SETLK, RD, 0, 5, 1), "EAGAIN");
        assertEquals(-11, lock(f, b, F_OFD_SETLK, WR, 0, 9, 5), "another description conflicts too");
        assertEquals(0, lock(f, b, F_OFD_SETLK, WR, 0, 10, 5), "adjacent ranges do not overlap");
        assertEquals(0, lock(f, b, F_GETLK, RD, 0, 3, 1));
        assertEquals(WR, type(f));
        assertEquals(0, f.u64(flock + 8), "l_start of the holder's lock");
        assertEquals(10, f.u64(flock + 16), "l_len");
        assertEquals(-1, (int) f.u32(flock + 24), "l_pid of an OFD lock");
    }

    @Test
    void readLocksShareAndWriteLocksExclude() throws Exception {
        long a = open(f, 2), b = open(f, 2);
        assertEquals(0, lock(f, a, F_OFD_SETLK, RD, 0, 0, 0));
        assertEquals(0, lock(f, b, F_OFD_SETLK, RD, 0, 50, 10));
        assertEquals(-11, lock(f, b, F_OFD_SETLK, WR, 0, 50, 10));
        assertEquals(0, lock(f, b, F_OFD_GETLK, WR, 0, 50, 10));
        assertEquals(RD, type(f));
        assertEquals(0, f.u64(flock + 16), "to end of file: l_len 0");
    }

    @Test
    void unlockingTheMiddleSplitsALock() throws Exception {
        long a = open(f, 2), b = open(f, 2);
        assertEquals(0, lock(f, a, F_SETLK, WR, 0, 0, 100));
        assertEquals(0, lock(f, a, F_SETLK, UN, 0, 10, 10));
        assertEquals(0, lock(f, b, F_OFD_SETLK, WR, 0, 10, 10), "the hole is free");
        assertEquals(-11, lock(f, b, F_OFD_SETLK, WR, 0, 9, 1));
        assertEquals(-11, lock(f, b, F_OFD_SETLK, WR, 0, 20, 1));
    }

    @Test
    void closingAnyFdDropsThePosixLocksButNotTheOfdLocksOfOtherDescriptions() throws Exception {
        long a = open(f, 2), b = open(f, 2), c = open(f, 2);
        assertEquals(0, lock(f, a, F_SETLK, WR, 0, 0, 10));
        assertEquals(0, lock(f, b, F_OFD_SETLK, WR, 0, 20, 10));
        assertEquals(0, f.call("close", c));
        assertEquals(0, lock(f, b, F_OFD_GETLK, WR, 0, 0, 10));
        assertEquals(UN, type(f), "the process's lock went with the close of another fd of the file");
        assertEquals(0, lock(f, a, F_GETLK, WR, 0, 20, 10));
        assertEquals(WR, type(f), "the OFD lock stays");
        assertEquals(0, f.call("close", b));
        assertEquals(0, lock(f, a, F_GETLK, WR, 0, 20, 10));
        assertEquals(UN, type(f), "closing its description dropped the OFD lock");
    }

    @Test
    void twoGuestProcessesInOneJvmConflictUntilTheHolderExits() throws Exception {
        long mine = open(f, 2), theirs = open(other, 2);
        assertEquals(0, lock(f, mine, F_SETLK, WR, 0, 0, 1));
        assertEquals(-11, lock(other, theirs, F_SETLK, RD, 0, 0, 1));
        assertEquals(0, lock(other, theirs, F_GETLK, RD, 0, 0, 1));
        assertEquals(WR, type(other));
        assertEquals(f.proc.pid(), other.u32(flock + 24), "l_pid of the holder");
        f.call("exit_group", 0);
        assertEquals(0, lock(other, theirs, F_SETLK, WR, 0, 0, 1), "an exited process holds nothing");
    }

    @Test
    void setlkwOnAConflictIsADeadlockNotAHang() throws Exception {
        long a = open(f, 2), b = open(f, 2);
        assertEquals(0, lock(f, a, F_OFD_SETLKW, WR, 0, 0, 1));
        lock(f, b, F_SETLKW, WR, 0, 0, 1);
        assertTrue(f.proc.exited());
        assertEquals(125, f.proc.exitStatus(), "the documented deadlock status");
    }

    @Test
    void argumentsAreChecked() throws Exception {
        long ro = open(f, 0), rw = open(f, 2);
        assertEquals(-9, lock(f, ro, F_SETLK, WR, 0, 0, 1), "EBADF: a write lock needs a writable fd");
        assertEquals(-22, lock(f, rw, F_SETLK, 7, 0, 0, 1), "EINVAL: l_type");
        assertEquals(-22, lock(f, rw, F_SETLK, WR, 9, 0, 1), "EINVAL: l_whence");
        assertEquals(-22, lock(f, rw, F_SETLK, WR, 0, -5, 1), "EINVAL: negative start");
        assertEquals(-22, lock(f, rw, F_SETLK, WR, 0, 2, -5), "EINVAL: a negative length reaching before 0");
        assertEquals(0, lock(f, rw, F_SETLK, WR, 2, -10, 5), "SEEK_END: [90, 95) of the 100-byte file");
        assertEquals(0, lock(f, rw, F_SETLK, WR, 0, 10, -5), "negative length: [5, 10)");
        f.mem.store(flock + 24, 4, 1, false);
        assertEquals(-22, f.call("fcntl", rw, F_OFD_SETLK, flock), "EINVAL: OFD locks need l_pid 0");
        assertEquals(-14, f.call("fcntl", rw, F_SETLK, SyscallFixture.BAD), "EFAULT");
    }
}
