package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The parts of the process model that need no second guest task: wait status words, #! parsing, execve's
 * checks before a program is replaced, pipe capacity and atomic writes, select, process groups and /proc
 * answers. Forking and exec'ing real programs is tested with guest programs (testsuites ProcessGuestProgramsTest).
 */
class ProcessModelTest {
    final SyscallFixture f = new SyscallFixture();
    final long buf = SCRATCH + 0x1000, buf2 = SCRATCH + 0x2000, argv = SCRATCH + 0x3000;

    @Test
    void waitStatusWordsAreLinuxs() {
        assertEquals(42 << 8, WaitSyscalls.waitStatus(ExitState.exited(42)));
        assertEquals(Signals.SIGTERM, WaitSyscalls.waitStatus(ExitState.killed(Signals.SIGTERM)));
        assertEquals(125 << 8, WaitSyscalls.waitStatus(ExitState.deadlocked()));
    }

    @Test
    void shebangFollowsBinfmtScript() {
        byte[] s = "#! /bin/inter  one arg  \nrest".getBytes(StandardCharsets.UTF_8);
        assertEquals(new ExecSyscalls.Shebang("/bin/inter", "one arg"), ExecSyscalls.Shebang.parse(s));
        assertEquals(new ExecSyscalls.Shebang("/bin/sh", null), ExecSyscalls.Shebang.parse("#!/bin/sh\n".getBytes()));
        assertNull(ExecSyscalls.Shebang.parse("\u007fELF".getBytes()));
        SyscallException e = assertThrows(SyscallException.class, () -> ExecSyscalls.Shebang.parse("#!  \n".getBytes()));
        assertEquals(Errno.ENOEXEC, e.errno());
    }

    long execve(String path) {
        f.str(buf, path);
        f.mem.store(argv, 8, buf, false);
        f.mem.store(argv + 8, 8, 0, false);
        return f.call("execve", buf, argv, 0);
    }

    @Test
    void execveChecksTheFileLikeTheKernel(@TempDir Path dir) throws Exception {
        assertEquals(-Errno.ENOENT, execve(dir.resolve("missing").toString()));
        Path plain = Files.writeString(dir.resolve("plain"), "data");
        assertEquals(-Errno.ENOTDIR, execve(plain + "/x"));
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(-Errno.EACCES, execve(plain.toString()), "no execute bit (as root too)");
        assertEquals(-Errno.EACCES, execve(dir.toString()), "a directory");
        Path garbage = Files.writeString(dir.resolve("garbage"), "not a program\n");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(-Errno.ENOEXEC, execve(garbage.toString()));
        Path script = Files.writeString(dir.resolve("script"), "#!" + dir.resolve("missing-interp") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(-Errno.ENOENT, execve(script.toString()), "a missing interpreter");
        Path loop = Files.writeString(dir.resolve("loop"), "#!" + dir.resolve("loop") + "\n");
        Files.setPosixFilePermissions(loop, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(-Errno.ELOOP, execve(loop.toString()), "a script that is its own interpreter");
        assertFalse(f.proc.exited(), "failed execs leave the process running");
    }

    @Test
    void forkWithoutALauncherIsENOSYSAndWaitFindsNoChildren() {
        assertEquals(-Errno.ENOSYS, f.call("fork"));
        assertEquals(-Errno.ECHILD, f.call("wait4", -1, 0, 0, 0));
        assertEquals(-Errno.ECHILD, f.call("wait4", 0xffff_ffffL, 0, 0, 0), "pid -1 passed as a 32-bit pid_t");
    }

    @Test
    void pipeHoldsSixtyFourKiBAndNonblockingWritesStopThere() throws Exception {
        Pipe p = new Pipe();
        p.writeEnd.setStatusFlags(OpenFlags.O_NONBLOCK);
        byte[] big = new byte[100_000];
        assertEquals(Pipe.CAPACITY, p.writeEnd.write(big, 0, big.length), "a large write takes what fits");
        SyscallException e = assertThrows(SyscallException.class, () -> p.writeEnd.write(big, 0, 1));
        assertEquals(Errno.EAGAIN, e.errno());
        assertEquals(0, p.writeEnd.pollReady() & OpenFile.POLLOUT, "full: not writable");
        byte[] got = new byte[100];
        assertEquals(100, p.readEnd.read(got, 0, 100));
        e = assertThrows(SyscallException.class, () -> p.writeEnd.write(big, 0, 200));
        assertEquals(Errno.EAGAIN, e.errno(), "a write of up to PIPE_BUF is all or nothing");
        assertEquals(100, p.writeEnd.write(big, 0, 100));
    }

    @Test
    void pipeReadWithNobodyElseIsADeadlockAndEofAfterTheLastWriter() throws Exception {
        assertEquals(0, f.call("pipe2", buf, 0));
        int r = (int) f.mem.load(buf, 4, false), w = (int) f.mem.load(buf + 4, 4, false);
        assertEquals(125, deadlockStatusOfRead(r));
        SyscallFixture g = new SyscallFixture();
        assertEquals(0, g.call("pipe2", buf, 0));
        r = (int) g.mem.load(buf, 4, false);
        w = (int) g.mem.load(buf + 4, 4, false);
        assertEquals(0, g.call("close", w));
        assertEquals(0, g.call("read", r, buf2, 10), "EOF once every write end is closed");
    }

    private int deadlockStatusOfRead(int fd) {
        f.call("read", fd, buf2, 10);
        return f.proc.exitStatus();
    }

    @Test
    void selectReportsReadyPipeEnds() {
        assertEquals(0, f.call("pipe2", buf, 0));
        int r = (int) f.mem.load(buf, 4, false), w = (int) f.mem.load(buf + 4, 4, false);
        long rset = buf2, wset = buf2 + 128, timeout = buf2 + 256;
        f.mem.store(rset, 8, 1L << r, false);
        f.mem.store(wset, 8, 1L << w, false);
        f.mem.store(timeout, 8, 0, false);
        f.mem.store(timeout + 8, 8, 0, false);
        assertEquals(1, f.call("select", w + 1, rset, wset, 0, timeout), "only the write end is ready");
        assertEquals(0, f.mem.load(rset, 8, false));
        assertEquals(1L << w, f.mem.load(wset, 8, false));
        f.call("write", w, f.str(buf, "x"), 1);
        f.mem.store(rset, 8, 1L << r, false);
        assertEquals(1, f.call("select", r + 1, rset, 0, 0, timeout));
        assertEquals(1L << r, f.mem.load(rset, 8, false));
        f.mem.store(rset, 8, 1L << 50, false);
        assertEquals(-Errno.EBADF, f.call("select", 51, rset, 0, 0, timeout));
    }

    @Test
    void processGroupsAndSessions() {
        long pid = f.proc.pid();
        assertEquals(pid, f.call("getpgrp"));
        assertEquals(pid, f.call("getpgid", 0));
        assertEquals(-Errno.ESRCH, f.call("getpgid", pid + 1000));
        assertEquals(-Errno.EPERM, f.call("setsid"), "already a group leader");
        assertEquals(0, f.call("kill", 0, 0), "signal 0 to its own group: it exists");
        assertEquals(-Errno.ESRCH, f.call("kill", pid + 1000, Signals.SIGTERM));
    }

    @Test
    void procSelfAnswersForTheGuest() {
        f.proc.setExePath("/some/guest/prog");
        long n = f.call("readlink", f.str(buf, "/proc/self/exe"), buf2, 100);
        assertEquals("/some/guest/prog", new String(f.bytes(buf2, (int) n), StandardCharsets.UTF_8));
        n = f.call("readlink", f.str(buf, "/proc/" + f.proc.pid() + "/exe"), buf2, 100);
        assertEquals("/some/guest/prog", new String(f.bytes(buf2, (int) n), StandardCharsets.UTF_8), "the host pid is the guest's");
        assertEquals(0, f.call("pipe2", buf, 0));
        int r = (int) f.mem.load(buf, 4, false);
        n = f.call("readlink", f.str(buf, "/proc/self/fd/" + r), buf2, 100);
        assertTrue(new String(f.bytes(buf2, (int) n), StandardCharsets.UTF_8).startsWith("pipe:["));
        long fd = f.call("openat", -100, f.str(buf, "/proc/self/status"), 0, 0);
        n = f.call("read", fd, buf2, 4000);
        String status = new String(f.bytes(buf2, (int) n), StandardCharsets.UTF_8);
        assertTrue(status.startsWith("Name:\tprog\n"), status);
        assertTrue(status.contains("\nPid:\t" + f.proc.pid() + "\n"), status);
        assertEquals(-Errno.ENOENT, f.call("readlink", f.str(buf, "/proc/self/fd/77"), buf2, 100));
    }
}
