package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;

/**
 * Test ABI over {@link TestCpu}. The syscall numbers are the x86-64 ones for the names the
 * tests use (loaded from text like a frontend's syscalls.tsv); 'test_arch_call' (number 999)
 * is handled by {@link #archSyscall} to exercise the hook.
 */
final class TestAbi implements LinuxAbi {
    static final String TABLE = """
            # test table (x86-64 numbers)
            0 read
            1 write
            2 open
            3 close
            5 fstat
            7 poll
            8 lseek
            9 mmap
            10 mprotect
            11 munmap
            12 brk
            13 rt_sigaction
            14 rt_sigprocmask
            16 ioctl
            17 pread64
            18 pwrite64
            19 readv
            20 writev
            21 access
            22 pipe
            25 mremap
            26 msync
            149 mlock
            150 munlock
            151 mlockall
            152 munlockall
            28 madvise
            32 dup
            33 dup2
            24 sched_yield
            35 nanosleep
            39 getpid
            40 sendfile
            60 exit
            62 kill
            63 uname
            72 fcntl
            79 getcwd
            80 chdir
            89 readlink
            95 umask
            97 getrlimit
            110 getppid
            96 gettimeofday
            99 sysinfo
            102 getuid
            131 sigaltstack
            186 gettid
            200 tkill
            202 futex
            203 sched_setaffinity
            204 sched_getaffinity
            160 setrlimit
            217 getdents64
            218 set_tid_address
            228 clock_gettime
            229 clock_getres
            230 clock_nanosleep
            231 exit_group
            234 tgkill
            257 openat
            258 mkdirat
            262 newfstatat
            263 unlinkat
            264 renameat
            267 readlinkat
            269 faccessat
            271 ppoll
            292 dup3
            293 pipe2
            302 prlimit64
            # the syscalls real programs call
            27 mincore
            41 socket
            42 connect
            43 accept
            44 sendto
            45 recvfrom
            46 sendmsg
            47 recvmsg
            48 shutdown
            49 bind
            50 listen
            51 getsockname
            52 getpeername
            53 socketpair
            54 setsockopt
            55 getsockopt
            98 getrusage
            115 getgroups
            116 setgroups
            188 setxattr
            191 getxattr
            192 lgetxattr
            194 listxattr
            197 removexattr
            221 fadvise64
            283 timerfd_create
            286 timerfd_settime
            287 timerfd_gettime
            289 signalfd4
            290 eventfd2
            294 inotify_init1
            319 memfd_create
            326 copy_file_range
            900 socketcall  # not on x86-64 (s390x has it); a free number for the test
            318 getrandom
            332 statx
            334 rseq
            61 wait4
            86 link
            247 waitid
            90 chmod
            91 fchmod
            92 chown
            93 fchown
            94 lchown
            137 statfs
            138 fstatfs
            162 sync
            235 utimes
            260 fchownat
            265 linkat
            268 fchmodat
            280 utimensat
            306 syncfs
            34 pause
            36 getitimer
            37 alarm
            38 setitimer
            127 rt_sigpending
            129 rt_sigqueueinfo
            130 rt_sigsuspend
            # process model
            23 select
            57 fork
            58 vfork
            59 execve
            109 setpgid
            111 getpgrp
            112 setsid
            121 getpgid
            124 getsid
            270 pselect6
            322 execveat
            500 not_a_real_syscall
            999 test_arch_call
            56 clone
            273 set_robust_list
            274 get_robust_list
            """;
    static final SyscallTable SYSCALLS = SyscallTable.parse(TABLE, "test");

    /** The layout {@link TestMemory} models (its mmap top and limit). */
    static final AddressSpaceLayout LAYOUT = new AddressSpaceLayout(TestMemory.LIMIT, 0x7fff_f000_0000L,
            AddressSpaceLayout.DEFAULT_STACK_SIZE, TestMemory.MMAP_TOP, 0x5555_5555_4000L, 0x7fe0_0000_0000L);

    private final boolean bigEndian;
    private final StatLayout stat;
    private final StatfsLayout statfs;

    TestAbi(boolean bigEndian, StatLayout stat, StatfsLayout statfs) {
        this.bigEndian = bigEndian;
        this.stat = stat;
        this.statfs = statfs;
    }

    TestAbi(boolean bigEndian, StatLayout stat) {
        this(bigEndian, stat, StatfsLayout.GENERIC_64);
    }

    TestAbi() {
        this(false, StatLayout.X86_64);
    }

    static int nr(String name) {
        int n = SYSCALLS.number(name);
        if (n < 0) throw new IllegalArgumentException("test table lacks " + name);
        return n;
    }

    @Override public SyscallTable syscalls() { return SYSCALLS; }
    @Override public long syscallNumber(CpuState cpu) { return ((TestCpu) cpu).nr; }
    @Override public long syscallArg(CpuState cpu, int index) { return ((TestCpu) cpu).arg(index); }
    @Override public void setSyscallResult(CpuState cpu, long result) { ((TestCpu) cpu).a0 = result; }
    @Override public void initRegisters(CpuState cpu, long entryPc, long stackPointer) {
        cpu.pc = entryPc;
        ((TestCpu) cpu).sp = stackPointer;
    }
    @Override public boolean bigEndian() { return bigEndian; }
    @Override public String unameMachine() { return "testarch"; }
    @Override public String platform() { return "testplat"; }
    @Override public long hwcap() { return 0x1234; }
    @Override public long hwcap2() { return 0x2; }
    @Override public StatLayout statLayout() { return stat; }
    @Override public StatfsLayout statfsLayout() { return statfs; }
    @Override public AddressSpaceLayout addressSpace() { return LAYOUT; }

    @Override
    public long archSyscall(String name, long[] args, CpuState cpu, LinuxProcess process) {
        return name.equals("test_arch_call") ? args[0] + 1 : NOT_HANDLED;
    }
}
