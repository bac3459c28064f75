package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.jtcg.core.memory.GuestMemory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.jtcg.core.linux.SyscallFixture.BAD;
import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

class ProcessSyscallsTest {
    final SyscallFixture f = new SyscallFixture();
    final long buf = SCRATCH + 0x1000, buf2 = SCRATCH + 0x2000;
    static final int RW = GuestMemory.PROT_READ | GuestMemory.PROT_WRITE;
    static final int PRIV_ANON = GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS;

    @Test
    void brkGrowsAndShrinks() {
        f.mem.initBrk(0x600000);
        assertEquals(0x600000, f.call("brk", 0));
        assertEquals(0x623456, f.call("brk", 0x623456));
        assertEquals(RW, f.mem.protectionAt(0x623000));
        f.mem.store(0x623000, 8, 99, false);
        assertEquals(0x610000, f.call("brk", 0x610000));
        assertEquals(-1, f.mem.protectionAt(0x620000));
        assertEquals(0x610000, f.call("brk", 0x100), "below the start: unchanged");
    }

    @Test
    void mmapMunmapMprotectMremap() {
        long a = f.call("mmap", 0, 0x3000, RW, PRIV_ANON, -1, 0);
        assertTrue(a > 0 && (a & 0xfff) == 0);
        assertEquals(0, f.mem.load(a + 0x2ff8, 8, false), "anonymous memory is zero");
        f.mem.store(a, 8, 0x1122, false);
        assertEquals(0, f.call("mprotect", a, 0x1000, GuestMemory.PROT_READ));
        assertEquals(GuestMemory.PROT_READ, f.mem.protectionAt(a));
        assertEquals(-Errno.EINVAL, f.call("mmap", 0, 0, RW, PRIV_ANON, -1, 0));
        long b = f.call("mremap", a, 0x3000, 0x8000, GuestMemory.MREMAP_MAYMOVE, 0);
        assertTrue(b > 0);
        assertEquals(0x1122, f.mem.load(b, 8, false), "contents move with the mapping");
        assertEquals(0, f.call("munmap", b, 0x8000));
        assertEquals(-1, f.mem.protectionAt(b));
        assertEquals(-Errno.EINVAL, f.call("munmap", b + 1, 0x1000));
        long fixed = f.call("mmap", 0x2000_0000L, 0x1000, RW, PRIV_ANON | GuestMemory.MAP_FIXED, -1, 0);
        assertEquals(0x2000_0000L, fixed);
        assertEquals(-Errno.EEXIST, f.call("mmap", 0x2000_0000L, 0x1000, RW, PRIV_ANON | GuestMemory.MAP_FIXED_NOREPLACE, -1, 0));
    }

    @Test
    void fileBackedPrivateMmapCopiesTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        byte[] content = new byte[0x1800];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 3);
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("m"), content);
        long fd = f.call("openat", -100, f.str(buf, file.toString()), 0, 0);
        long a = f.call("mmap", 0, 0x3000, GuestMemory.PROT_READ, GuestMemory.MAP_PRIVATE, fd, 0x1000);
        assertTrue(a > 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(content, 0x1000, 0x1800), f.bytes(a, 0x800));
        assertEquals(0, f.mem.load(a + 0x800, 8, false), "beyond EOF reads zero");
        assertEquals(GuestMemory.PROT_READ, f.mem.protectionAt(a));
        assertEquals(-Errno.EINVAL, f.call("mmap", 0, 0x1000, GuestMemory.PROT_READ, GuestMemory.MAP_PRIVATE, fd, 0x10));
        assertEquals(-Errno.EINVAL, f.call("mmap", 0, 0x1000, RW, GuestMemory.MAP_SHARED, fd, 0), "shared writable unsupported");
        assertEquals(-Errno.EBADF, f.call("mmap", 0, 0x1000, RW, GuestMemory.MAP_PRIVATE, 99, 0));
    }

    @Test
    void madviseDontneedZeroes() {
        long a = f.call("mmap", 0, 0x2000, RW, PRIV_ANON, -1, 0);
        f.mem.store(a + 0x1000, 8, -1, false);
        assertEquals(0, f.call("madvise", a, 0x2000, 4));
        assertEquals(0, f.mem.load(a + 0x1000, 8, false));
        assertEquals(0, f.call("madvise", a, 0x2000, 0), "other advice accepted");
    }

    @Test
    void unameReportsLinuxAndTheArch() {
        assertEquals(0, f.call("uname", buf));
        assertEquals("Linux", f.cstr(buf));
        assertEquals(ProcessSyscalls.RELEASE, f.cstr(buf + 2 * 65));
        assertEquals("testarch", f.cstr(buf + 4 * 65));
        assertEquals(-Errno.EFAULT, f.call("uname", BAD));
    }

    @Test
    void idsAndTid() {
        long pid = f.call("getpid");
        assertEquals(ProcessHandle.current().pid(), pid);
        assertEquals(pid, f.call("gettid"));
        assertEquals(pid, f.call("set_tid_address", buf));
        assertEquals(buf, f.proc.clearChildTid());
        assertEquals(f.proc.uid(), f.call("getuid"));
        assertTrue(f.call("getppid") > 0);
    }

    @Test
    void clocksAreSaneAndMonotonic() throws Exception {
        assertEquals(0, f.call("clock_gettime", 0, buf));
        long sec = f.u64(buf), nsec = f.u64(buf + 8);
        long now = System.currentTimeMillis() / 1000;
        assertTrue(Math.abs(sec - now) <= 2, "realtime near host time");
        assertTrue(nsec >= 0 && nsec < 1_000_000_000L);
        assertEquals(0, f.call("clock_gettime", 1, buf));
        long m1 = f.u64(buf) * 1_000_000_000L + f.u64(buf + 8);
        Thread.sleep(2);
        assertEquals(0, f.call("clock_gettime", 1, buf));
        long m2 = f.u64(buf) * 1_000_000_000L + f.u64(buf + 8);
        assertTrue(m2 > m1);
        assertEquals(-Errno.EINVAL, f.call("clock_gettime", 99, buf));
        assertEquals(-Errno.EFAULT, f.call("clock_gettime", 0, BAD));
        assertEquals(0, f.call("gettimeofday", buf, 0));
        assertTrue(Math.abs(f.u64(buf) - now) <= 2);
        assertTrue(f.u64(buf + 8) < 1_000_000);
        assertEquals(0, f.call("clock_getres", 1, buf));
        assertEquals(1, f.u64(buf + 8));
    }

    @Test
    void nanosleepSleepsAndValidates() {
        f.mem.store(buf, 8, 0, false);
        f.mem.store(buf + 8, 8, 20_000_000, false);
        long t0 = System.nanoTime();
        assertEquals(0, f.call("nanosleep", buf, 0));
        assertTrue(System.nanoTime() - t0 >= 19_000_000L);
        f.mem.store(buf + 8, 8, 1_000_000_000L, false);
        assertEquals(-Errno.EINVAL, f.call("nanosleep", buf, 0));
        f.mem.store(buf + 8, 8, 0, false);
        assertEquals(0, f.call("clock_nanosleep", 1, 0, buf, 0));
    }

    @Test
    void getrandomFillsTheBuffer() {
        assertEquals(64, f.call("getrandom", buf, 64, 0));
        byte[] b = f.bytes(buf, 64);
        int nonZero = 0;
        for (byte x : b) if (x != 0) nonZero++;
        assertTrue(nonZero > 40, "random bytes were written");
        assertEquals(-Errno.EINVAL, f.call("getrandom", buf, 8, 0x100));
        assertEquals(-Errno.EFAULT, f.call("getrandom", BAD, 8, 0));
    }

    @Test
    void rlimitsAndSysinfo() {
        assertEquals(0, f.call("prlimit64", 0, LinuxProcess.RLIMIT_STACK, 0, buf));
        assertEquals(8L << 20, f.u64(buf));
        assertEquals(-1L, f.u64(buf + 8));
        assertEquals(0, f.call("getrlimit", LinuxProcess.RLIMIT_NOFILE, buf));
        assertEquals(1024, f.u64(buf));
        f.mem.store(buf, 8, 256, false);
        f.mem.store(buf + 8, 8, 512, false);
        assertEquals(0, f.call("prlimit64", 0, LinuxProcess.RLIMIT_NOFILE, buf, buf2));
        assertEquals(1024, f.u64(buf2), "old value returned");
        assertEquals(0, f.call("getrlimit", LinuxProcess.RLIMIT_NOFILE, buf));
        assertEquals(256, f.u64(buf));
        assertEquals(-Errno.EINVAL, f.call("prlimit64", 0, 99, 0, buf));
        assertEquals(0, f.call("sysinfo", buf));
        assertTrue(f.u64(buf + 32) > 0, "totalram");
        assertEquals(1, f.u32(buf + 104), "mem_unit");
    }

    @Test
    void signalsAreRecorded() {
        // rt_sigaction(SIGUSR1, {handler 0x401234, flags 0x4000000, restorer 0x401000, mask 0x5})
        f.mem.store(buf, 8, 0x401234, false);
        f.mem.store(buf + 8, 8, 0x4000000, false);
        f.mem.store(buf + 16, 8, 0x401000, false);
        f.mem.store(buf + 24, 8, 5, false);
        assertEquals(0, f.call("rt_sigaction", Signals.SIGUSR1, buf, 0, 8));
        assertEquals(0, f.call("rt_sigaction", Signals.SIGUSR1, 0, buf2, 8));
        assertArrayEquals(f.bytes(buf, 32), f.bytes(buf2, 32));
        assertEquals(-Errno.EINVAL, f.call("rt_sigaction", Signals.SIGKILL, buf, 0, 8));
        assertEquals(-Errno.EINVAL, f.call("rt_sigaction", Signals.SIGUSR1, buf, 0, 16));
        assertEquals(-Errno.EINVAL, f.call("rt_sigaction", 65, buf, 0, 8));
        f.mem.store(buf, 8, 0b1010, false);
        assertEquals(0, f.call("rt_sigprocmask", 0, buf, 0, 8));
        f.mem.store(buf, 8, 0b0010, false);
        assertEquals(0, f.call("rt_sigprocmask", 1, buf, buf2, 8));
        assertEquals(0b1010, f.u64(buf2));
        assertEquals(0b1000, f.proc.signals().blocked());
        assertEquals(-Errno.EINVAL, f.call("rt_sigprocmask", 7, buf, 0, 8));
        // sigaltstack: starts disabled, then records
        assertEquals(0, f.call("sigaltstack", 0, buf2));
        assertEquals(SignalState.SS_DISABLE, f.u32(buf2 + 8));
        f.mem.store(buf, 8, 0x7000_0000L, false);
        f.mem.store(buf + 8, 4, 0, false);
        f.mem.store(buf + 16, 8, 0x4000, false);
        assertEquals(0, f.call("sigaltstack", buf, 0));
        assertEquals(0, f.call("sigaltstack", 0, buf2));
        assertEquals(0x7000_0000L, f.u64(buf2));
        assertEquals(0x4000, f.u64(buf2 + 16));
    }

    @Test
    void killOfSelfTakesTheDefaultAction() {
        long pid = f.call("getpid");
        assertEquals(0, f.call("kill", pid, Signals.SIGCHLD), "SIGCHLD is ignored by default");
        assertFalse(f.proc.exited());
        assertEquals(0, f.call("kill", pid, 0), "signal 0 only checks");
        assertEquals(-Errno.ESRCH, f.call("kill", pid + 1000000, Signals.SIGTERM));
        // SIG_IGN disposition
        f.mem.store(buf, 8, SignalState.SIG_IGN, false);
        f.call("rt_sigaction", Signals.SIGTERM, buf, 0, 8);
        assertEquals(0, f.call("tgkill", pid, pid, Signals.SIGTERM));
        assertFalse(f.proc.exited());
        f.call("tgkill", pid, pid, Signals.SIGABRT);
        assertTrue(f.proc.exited());
        assertEquals(128 + Signals.SIGABRT, f.proc.exitStatus());
        assertTrue(f.warnings.toString().startsWith("jtcg: guest killed by SIGABRT"), f.warnings.toString());
    }

    @Test
    void futexSingleThreadSemantics() {
        f.mem.store(buf, 4, 7, false);
        assertEquals(-Errno.EAGAIN, f.call("futex", buf, 0, 8, 0, 0, 0), "value mismatch");
        assertEquals(0, f.call("futex", buf, 1 | 128, 1, 0, 0, 0), "wake (private) wakes nobody");
        f.mem.store(buf2, 8, 0, false);
        f.mem.store(buf2 + 8, 8, 1_000_000, false);
        assertEquals(-Errno.ETIMEDOUT, f.call("futex", buf, 0, 7, buf2, 0, 0), "timed wait times out");
        assertEquals(-Errno.EFAULT, f.call("futex", BAD, 0, 7, 0, 0, 0));
        assertFalse(f.proc.exited());
        f.call("futex", buf, 0, 7, 0, 0, 0);
        assertTrue(f.proc.exited(), "an unwakeable wait ends the guest instead of hanging");
        assertEquals(125, f.proc.exitStatus(), "the documented deadlock status");
        assertTrue(f.warnings.toString().contains("futex: FUTEX_WAIT on 0x"), f.warnings.toString());
    }

    /** RLIMIT_NOFILE (7) is enforced: new fds stay below the soft limit (EMFILE = 24, F_DUPFD/dup2 past it: 22/9). */
    @Test
    void theOpenFileLimitIsEnforced() {
        f.mem.store(buf, 8, 5, false);
        f.mem.store(buf + 8, 8, 1024, false);
        assertEquals(0, f.call("setrlimit", 7, buf));
        assertEquals(3, f.call("dup", 0));
        assertEquals(4, f.call("dup", 0));
        assertEquals(-24, f.call("dup", 0), "EMFILE: fds 0-4 are all the limit allows");
        assertEquals(-22, f.call("fcntl", 0, 0, 5), "F_DUPFD at or past the limit: EINVAL");
        assertEquals(-9, f.call("dup2", 0, 5), "dup2 to an fd past the limit: EBADF");
        assertEquals(0, f.call("getrlimit", 7, buf2));
        assertEquals(5, f.u64(buf2), "getrlimit returns what was set");
        assertEquals(0, f.call("close", 4));
        assertEquals(4, f.call("dup", 0), "a freed fd below the limit is reused");
        f.mem.store(buf, 8, 2048, false);
        f.mem.store(buf + 8, 8, 2048, false);
        assertEquals(-1, f.call("setrlimit", 7, buf), "EPERM: the hard limit cannot be raised");
        f.mem.store(buf, 8, 1024, false);
        f.mem.store(buf + 8, 8, 1024, false);
        assertEquals(0, f.call("setrlimit", 7, buf));
        assertEquals(5, f.call("dup", 0), "raised again");
    }

    /** The guest has one CPU: a mask with CPU 0 is accepted, one without it is EINVAL (22), another pid ESRCH (3). */
    @Test
    void schedSetaffinityAcceptsOnlyMasksWithTheOneCpu() {
        f.mem.store(buf, 8, 0b101, false);
        assertEquals(0, f.call("sched_setaffinity", 0, 8, buf));
        f.mem.store(buf, 8, 0b110, false);
        assertEquals(-22, f.call("sched_setaffinity", 0, 8, buf));
        assertEquals(-22, f.call("sched_setaffinity", 0, 0, buf));
        f.mem.store(buf, 8, 1, false);
        assertEquals(-3, f.call("sched_setaffinity", 12345, 8, buf));
        assertEquals(-14, f.call("sched_setaffinity", 0, 8, SyscallFixture.BAD), "EFAULT");
    }

    @Test
    void schedAndMisc() {
        assertEquals(8, f.call("sched_getaffinity", 0, 128, buf));
        assertEquals(1, f.u64(buf));
        assertEquals(-Errno.EINVAL, f.call("sched_getaffinity", 0, 4, buf));
        assertEquals(0, f.call("sched_yield"));
        assertEquals(-Errno.ENOSYS, f.call("rseq", 0, 0, 0, 0));
        assertEquals("", f.warnings.toString(), "rseq's ENOSYS is deliberate: no warning");
    }

    @Test
    void exitGroupEndsTheProcessWithoutWritingAResult() {
        f.cpu.set(TestAbi.nr("exit_group"), 3);
        f.proc.syscall(f.cpu);
        assertTrue(f.proc.exited());
        assertEquals(3, f.proc.exitStatus());
        assertEquals(3, f.cpu.a0, "a0 untouched (still the argument)");
        SyscallFixture g = new SyscallFixture();
        g.call("exit", 256 + 42);
        assertEquals(42, g.proc.exitStatus(), "exit status is the low 8 bits");
    }

    @Test
    void unknownSyscallIsEnosysSilentlyAndCounted() {
        assertEquals(-Errno.ENOSYS, f.call("not_a_real_syscall", 1));
        f.cpu.set(777);
        f.proc.syscall(f.cpu);
        assertEquals(-Errno.ENOSYS, f.cpu.a0);
        assertEquals("", f.warnings.toString(StandardCharsets.UTF_8), "no stderr line without --strace");
        assertEquals(2, f.proc.dispatcher().unsupportedCalls());
    }

    @Test
    void unknownSyscallUnderStraceGetsOneLinePerNumber() {
        f.strace();
        assertEquals(-Errno.ENOSYS, f.call("not_a_real_syscall", 1));
        assertEquals(-Errno.ENOSYS, f.call("not_a_real_syscall", 2));
        f.cpu.set(777);
        f.proc.syscall(f.cpu);
        assertEquals(-Errno.ENOSYS, f.cpu.a0);
        f.proc.syscall(f.cpu);
        String w = f.straceText();
        assertEquals(1, w.split("jtcg: unsupported syscall 500 \\(not_a_real_syscall\\), returning ENOSYS\n", -1).length - 1, w);
        assertEquals(1, w.split("jtcg: unsupported syscall 777 \\(unknown\\), returning ENOSYS\n", -1).length - 1, w);
        assertEquals("", f.warnings.toString(StandardCharsets.UTF_8));
        assertEquals(4, f.proc.syscallCount());
        assertEquals(4, f.proc.dispatcher().unsupportedCalls());
    }

    @Test
    void archHookRunsFirst() {
        assertEquals(42, f.call("test_arch_call", 41));
    }

    @Test
    void waitingIsEchildBecauseThereAreNeverChildren() {
        final long wnohang = 1, wexited = 4, wall = 0x4000_0000L;
        assertEquals(-Errno.ECHILD, f.call("wait4", -1, SyscallFixture.SCRATCH, 0, 0));
        assertEquals(-Errno.ECHILD, f.call("wait4", 1234, 0, wnohang | wall, 0));
        assertEquals(-Errno.EINVAL, f.call("wait4", -1, 0, 0x40, 0), "unknown option bit");
        assertEquals(-Errno.ECHILD, f.call("waitid", 0, 0, SyscallFixture.SCRATCH, wexited, 0));
        assertEquals(-Errno.EINVAL, f.call("waitid", 0, 0, SyscallFixture.SCRATCH, wnohang, 0), "no WEXITED/WSTOPPED/WCONTINUED");
        assertEquals(-Errno.EINVAL, f.call("waitid", 7, 0, SyscallFixture.SCRATCH, wexited, 0), "bad idtype");
    }
}
