package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SyscallTableTest {
    @Test
    void parsesNumbersNamesAndComments() {
        SyscallTable t = SyscallTable.parse("# c\n\n0 read   # trailing\n  57\tfork\n", "t");
        assertEquals("read", t.name(0));
        assertEquals("fork", t.name(57));
        assertNull(t.name(1));
        assertNull(t.name(-1));
        assertNull(t.name(100000));
        assertEquals(57, t.number("fork"));
        assertEquals(-1, t.number("nope"));
    }

    @Test
    void rejectsMalformedTables() {
        assertTrue(assertThrows(IllegalStateException.class, () -> SyscallTable.parse("0 read\n0 write\n", "t"))
                .getMessage().contains("t:2: duplicate syscall number 0"));
        assertTrue(assertThrows(IllegalStateException.class, () -> SyscallTable.parse("0 read\n1 read\n", "t"))
                .getMessage().contains("duplicate syscall name read"));
        assertTrue(assertThrows(IllegalStateException.class, () -> SyscallTable.parse("x read\n", "t"))
                .getMessage().contains("bad syscall number"));
        assertTrue(assertThrows(IllegalStateException.class, () -> SyscallTable.parse("1 a b\n", "t"))
                .getMessage().contains("expected '<number> <name>'"));
        assertThrows(IllegalStateException.class, () -> SyscallTable.parse("99999 big\n", "t"));
        assertThrows(IllegalStateException.class, () -> SyscallTable.load(SyscallTableTest.class, "absent.tsv"));
    }

    /** The generic names every arch's table must provide (the shared layer's core). */
    static final List<String> REQUIRED = List.of("read", "write", "readv", "writev", "pread64", "pwrite64", "openat",
            "close", "lseek", "fstat", "newfstatat", "statx", "getdents64", "readlinkat", "faccessat", "getcwd", "chdir",
            "mkdirat", "unlinkat", "renameat2", "dup", "dup3", "fcntl", "ioctl", "pipe2", "munmap", "mprotect",
            "mremap", "brk", "madvise", "exit", "exit_group", "uname", "getpid", "gettid", "getppid", "getuid", "geteuid",
            "getgid", "getegid", "set_tid_address", "set_robust_list", "rseq", "prlimit64", "getrlimit", "sysinfo",
            "clock_gettime", "gettimeofday", "nanosleep", "clock_nanosleep", "getrandom", "rt_sigaction",
            "rt_sigprocmask", "sigaltstack", "futex", "sched_getaffinity", "sched_yield", "umask", "kill", "tgkill", "tkill");

    private static SyscallTable frontendTable(String module, String pkg) throws Exception {
        Path p = Path.of("..", module, "src/main/resources/org/jtcg", pkg, "syscalls.tsv");
        assertTrue(Files.exists(p), "missing " + p.toAbsolutePath());
        return SyscallTable.parse(Files.readString(p), p.toString());
    }

    @Test
    void frontendTablesCoverTheSharedLayerWithKnownNumbers() throws Exception {
        SyscallTable x86 = frontendTable("frontend-x86", "x86");
        SyscallTable arm = frontendTable("frontend-arm64", "arm64");
        SyscallTable s390 = frontendTable("frontend-s390x", "s390x");
        for (String n : REQUIRED) {
            assertTrue(x86.number(n) >= 0, "x86-64 lacks " + n);
            assertTrue(arm.number(n) >= 0, "arm64 lacks " + n);
            assertTrue(s390.number(n) >= 0, "s390x lacks " + n);
        }
        // spot checks against the kernel's published numbers
        assertEquals(0, x86.number("read"));
        assertEquals(257, x86.number("openat"));
        assertEquals(158, x86.number("arch_prctl"));
        assertEquals(231, x86.number("exit_group"));
        assertEquals(9, x86.number("mmap"));
        assertEquals(63, arm.number("read"));
        assertEquals(56, arm.number("openat"));
        assertEquals(79, arm.number("newfstatat"));
        assertEquals(222, arm.number("mmap"));
        assertEquals(-1, arm.number("open"), "arm64 has no open(2)");
        assertEquals(3, s390.number("read"));
        assertEquals(288, s390.number("openat"));
        assertEquals(293, s390.number("newfstatat"));
        assertEquals(90, s390.number("old_mmap"), "s390x's mmap is the one-pointer old_mmap");
        assertEquals(-1, s390.number("mmap"));
        assertEquals(248, s390.number("exit_group"));
    }
}
