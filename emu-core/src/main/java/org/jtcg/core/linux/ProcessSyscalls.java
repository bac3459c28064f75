package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Process-level syscalls: exit, ids, uname, resource limits, sysinfo, clocks and sleeps,
 * getrandom, signal bookkeeping and self-directed kill, scheduling (futex and the thread calls: ThreadSyscalls).
 */
final class ProcessSyscalls {
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
            CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;
    static final int TIMER_ABSTIME = 1;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final int GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
    static final int PR_SET_NAME = 15, PR_GET_NAME = 16;
    /** Release uname reports: a kernel new enough for everything glibc probes. */
    static final String RELEASE = "6.1.0";
    /** The origin of the guest's monotonic clocks (package-visible: timerfd converts absolute times with it). */
    static final long BOOT_NANOS = System.nanoTime();
    /** Made on first use: java.lang.management's set-up costs ~5 ms, and most guests never read a CPU clock. */
    private static final class Threads {
        static final ThreadMXBean BEAN = ManagementFactory.getThreadMXBean();
    }

    private final LinuxProcess proc;
    private final GuestIo io;
    private byte[] threadName = "jtcg-guest".getBytes(StandardCharsets.UTF_8);

    ProcessSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        // getppid, process groups, sessions, kill: ProcessGroupSyscalls; wait4/waitid: WaitSyscalls
        m.put("exit", a -> { proc.exit((int) a[0]); return 0; });
        m.put("exit_group", a -> { proc.exit((int) a[0]); return 0; });
        m.put("getpid", a -> proc.pid());
        m.put("gettid", a -> proc.pid());
        m.put("getuid", a -> proc.uid());
        m.put("geteuid", a -> proc.uid());
        m.put("getgid", a -> proc.gid());
        m.put("getegid", a -> proc.gid());
        m.put("getresuid", a -> { putIds(a, proc.uid()); return 0; });
        m.put("getresgid", a -> { putIds(a, proc.gid()); return 0; });
        m.put("set_tid_address", a -> { proc.setClearChildTid(a[0]); return proc.pid(); });
        m.put("set_robust_list", a -> a[1] == 24 ? 0 : -Errno.EINVAL);
        m.put("rseq", a -> -Errno.ENOSYS);  // glibc falls back cleanly; deliberate, so no warning
        m.put("uname", a -> uname(a[0]));
        m.put("prlimit64", a -> prlimit((int) a[0], (int) a[1], a[2], a[3]));
        m.put("getrlimit", a -> prlimit(0, (int) a[0], 0, a[1]));
        m.put("setrlimit", a -> prlimit(0, (int) a[0], a[1], 0));
        m.put("sysinfo", a -> sysinfo(a[0]));
        m.put("clock_gettime", a -> clockGettime((int) a[0], a[1]));
        m.put("clock_getres", a -> clockGetres((int) a[0], a[1]));
        m.put("gettimeofday", a -> gettimeofday(a[0], a[1]));
        m.put("time", a -> time(a[0]));
        m.put("nanosleep", a -> sleep(CLOCK_MONOTONIC, 0, a[0], a[1]));
        m.put("clock_nanosleep", a -> sleep((int) a[0], (int) a[1], a[2], a[3]));
        m.put("getrandom", a -> getrandom(a[0], a[1], (int) a[2]));
        m.put("rt_sigaction", a -> rtSigaction((int) a[0], a[1], a[2], a[3]));
        m.put("rt_sigprocmask", a -> rtSigprocmask((int) a[0], a[1], a[2], a[3]));
        m.put("sched_getaffinity", a -> schedGetaffinity(a[0], a[1], a[2]));
        m.put("sched_setaffinity", a -> schedSetaffinity(a[0], a[1], a[2]));
        m.put("sched_yield", a -> 0);
        m.put("getcpu", a -> { if (a[0] != 0) io.put32(a[0], 0); if (a[1] != 0) io.put32(a[1], 0); return 0; });
        m.put("tkill", a -> kill(a[0], (int) a[1], SigCodes.SI_TKILL));
        m.put("tgkill", a -> a[0] != proc.pid() ? -Errno.ESRCH : kill(a[1], (int) a[2], SigCodes.SI_TKILL));
        m.put("rt_sigqueueinfo", a -> rtSigqueueinfo(a[0], (int) a[1], a[2]));
        m.put("rt_sigpending", a -> rtSigpending(a[0], a[1]));
        m.put("prctl", a -> prctl((int) a[0], a[1]));
    }

    private void putIds(long[] a, long id) {
        for (int i = 0; i < 3; i++) io.put32(a[i], id);
    }

    long uname(long buf) {
        String[] fields = {"Linux", proc.hostName(), RELEASE, "#1 SMP jtcg", proc.abi().unameMachine(), "(none)"};
        ByteBuffer b = io.struct(6 * 65);
        for (int i = 0; i < fields.length; i++) {
            byte[] s = fields[i].getBytes(StandardCharsets.UTF_8);
            b.position(i * 65);
            b.put(s, 0, Math.min(s.length, 64));
        }
        io.write(buf, b);
        return 0;
    }

    long prlimit(int pid, int resource, long newLim, long oldLim) {
        if (pid != 0 && pid != proc.pid()) throw new SyscallException(Errno.ESRCH);
        if (resource < 0 || resource >= LinuxProcess.RLIM_NLIMITS) throw new SyscallException(Errno.EINVAL);
        long[] cur = proc.rlimits();
        if (oldLim != 0) {
            ByteBuffer b = io.struct(16);
            b.putLong(0, cur[2 * resource]);
            b.putLong(8, cur[2 * resource + 1]);
            io.write(oldLim, b);
        }
        if (newLim != 0) {
            ByteBuffer b = io.read(newLim, 16);
            long soft = b.getLong(0), hard = b.getLong(8);
            if (Long.compareUnsigned(soft, hard) > 0) throw new SyscallException(Errno.EINVAL);
            if (Long.compareUnsigned(hard, cur[2 * resource + 1]) > 0) throw new SyscallException(Errno.EPERM);
            cur[2 * resource] = soft;
            cur[2 * resource + 1] = hard;
        }
        return 0;
    }

    long sysinfo(long buf) {
        Runtime rt = Runtime.getRuntime();
        ByteBuffer b = io.struct(112);
        b.putLong(0, (System.nanoTime() - BOOT_NANOS) / 1_000_000_000L + 1);
        b.putLong(32, rt.maxMemory());
        b.putLong(40, Math.max(0, rt.maxMemory() - rt.totalMemory() + rt.freeMemory()));
        b.putShort(80, (short) 1);
        b.putInt(104, 1);
        io.write(buf, b);
        return 0;
    }

    /** Nanoseconds on a clock: CLOCK_REALTIME since the epoch, monotonic clocks since jtcg started. */
    static long clockNanos(int clock) {
        switch (clock) {
            case CLOCK_REALTIME, CLOCK_REALTIME_COARSE: {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_MONOTONIC_COARSE, CLOCK_BOOTTIME:
                return System.nanoTime() - BOOT_NANOS + 1_000_000_000L;
            case CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID:
                return Threads.BEAN.isCurrentThreadCpuTimeSupported() ? Threads.BEAN.getCurrentThreadCpuTime()
                        : System.nanoTime() - BOOT_NANOS;
            default:
                throw new SyscallException(Errno.EINVAL);
        }
    }

    private void putTimespec(long addr, long nanos, long divisor) {
        ByteBuffer b = io.struct(16);
        b.putLong(0, Math.floorDiv(nanos, 1_000_000_000L));
        b.putLong(8, Math.floorMod(nanos, 1_000_000_000L) / divisor);
        io.write(addr, b);
    }

    long clockGettime(int clock, long tp) {
        putTimespec(tp, clockNanos(clock), 1);
        return 0;
    }

    long clockGetres(int clock, long res) {
        clockNanos(clock);
        if (res != 0) putTimespec(res, clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE ? 4_000_000 : 1, 1);
        return 0;
    }

    long gettimeofday(long tv, long tz) {
        if (tv != 0) putTimespec(tv, clockNanos(CLOCK_REALTIME), 1000);
        if (tz != 0) io.write(tz, io.struct(8));
        return 0;
    }

    long time(long tloc) {
        long t = Math.floorDiv(clockNanos(CLOCK_REALTIME), 1_000_000_000L);
        if (tloc != 0) io.put64(tloc, t);
        return t;
    }

    /** nanosleep/clock_nanosleep; a relative sleep cut short by a signal writes the time left to {@code rem} (if not NULL). */
    long sleep(int clock, int flags, long req, long rem) {
        long nanos = GuestTimespec.read(io, req);
        if ((flags & TIMER_ABSTIME) != 0) nanos -= clockNanos(clock);
        else clockNanos(clock);
        long end = System.nanoTime() + nanos;
        try {
            if (nanos > 0) proc.sleepNanos(nanos);
        } catch (SyscallException e) {
            if (e.errno() == Errno.EINTR && rem != 0 && (flags & TIMER_ABSTIME) == 0) {
                long left = Math.max(0, end - System.nanoTime());
                io.put64(rem, left / 1_000_000_000L);
                io.put64(rem + 8, left % 1_000_000_000L);
            }
            throw e;
        }
        return 0;
    }

    long getrandom(long buf, long len, int flags) {
        if ((flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) != 0) throw new SyscallException(Errno.EINVAL);
        int n = (int) Math.min(Math.max(len, 0), 32 << 20);
        byte[] b = new byte[n];
        proc.random().nextBytes(b);
        io.putBytes(buf, b, 0, n);
        return n;
    }

    long rtSigaction(int sig, long act, long oldact, long sigsetsize) {
        if (sigsetsize != 8 || !Signals.valid(sig)) throw new SyscallException(Errno.EINVAL);
        SignalState s = proc.signals();
        SignalState.Action old = s.action(sig);
        SignalState.Action next = null;
        if (act != 0) {
            if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP) throw new SyscallException(Errno.EINVAL);
            // Kernel struct sigaction on all three arches: handler, flags, restorer, mask.
            ByteBuffer b = io.read(act, 32);
            next = new SignalState.Action(b.getLong(0), b.getLong(8), b.getLong(16), b.getLong(24));
        }
        if (oldact != 0) {
            ByteBuffer b = io.struct(32);
            b.putLong(0, old.handler());
            b.putLong(8, old.flags());
            b.putLong(16, old.restorer());
            b.putLong(24, old.mask());
            io.write(oldact, b);
        }
        if (next != null) {
            s.setAction(sig, next);
            if (LinuxProcess.ignored(sig, next)) s.discardPending(sig);  // POSIX: setting SIG_IGN discards a pending one
        }
        return 0;
    }

    long rtSigprocmask(int how, long set, long oldset, long sigsetsize) {
        if (sigsetsize != 8) throw new SyscallException(Errno.EINVAL);
        SignalState s = proc.signals();
        long old = s.blocked();
        if (set != 0) {
            long v = io.u64(set);
            switch (how) {
                case SIG_BLOCK -> s.setBlocked(old | v);
                case SIG_UNBLOCK -> s.setBlocked(old & ~v);
                case SIG_SETMASK -> s.setBlocked(v);
                default -> throw new SyscallException(Errno.EINVAL);
            }
        }
        if (oldset != 0) io.put64(oldset, old);
        return 0;
    }

    long schedGetaffinity(long pid, long len, long mask) {
        if (pid != 0 && pid != proc.pid()) throw new SyscallException(Errno.ESRCH);
        if (len < 8 || (len & 7) != 0) throw new SyscallException(Errno.EINVAL);
        io.put64(mask, GuestCpus.affinityMask());  // /proc/cpuinfo and /sys/devices/system/cpu/online agree
        return 8;
    }

    /**
     * The guest has one CPU (CPU 0, what sched_getaffinity reports): a mask that includes it is accepted and
     * changes nothing; a mask without it has no usable CPU, which Linux refuses with EINVAL.
     */
    long schedSetaffinity(long pid, long len, long mask) {
        if (pid != 0 && pid != proc.pid()) throw new SyscallException(Errno.ESRCH);
        if (len <= 0) throw new SyscallException(Errno.EINVAL);
        // CPU 0 is bit 0 of the first unsigned long; a shorter mask fills that long's first bytes (its low
        // bits on little-endian arches, its high bits on big-endian ones).
        boolean cpu0 = len >= 8 ? (io.u64(mask) & 1) != 0 : !io.bigEndian() && (io.bytes(mask, 1)[0] & 1) != 0;
        if (!cpu0) throw new SyscallException(Errno.EINVAL);
        return 0;
    }

    long kill(long pid, int sig, int code) {
        if (sig < 0 || sig > Signals.NSIG) throw new SyscallException(Errno.EINVAL);
        if (pid != proc.pid() && pid != 0 && pid != -1 && pid != -proc.pid()) throw new SyscallException(Errno.ESRCH);
        if (sig != 0) proc.raise(SigInfo.sent(sig, code, proc.pid(), proc.uid(), 0));
        return 0;
    }

    /** rt_sigqueueinfo to itself: the caller's si_code (negative, as Linux demands from user space) and si_value. */
    long rtSigqueueinfo(long pid, int sig, long uinfo) {
        if (!Signals.valid(sig)) throw new SyscallException(Errno.EINVAL);
        if (pid != proc.pid()) throw new SyscallException(Errno.ESRCH);
        ByteBuffer b = io.read(uinfo, SigInfo.SIZE);
        int code = b.getInt(8);
        if (code >= 0 || code == SigCodes.SI_TKILL) throw new SyscallException(Errno.EPERM);
        proc.raise(SigInfo.sent(sig, code, b.getInt(16), b.getInt(20), b.getLong(24)));
        return 0;
    }

    long rtSigpending(long set, long sigsetsize) {
        if (sigsetsize != 8) throw new SyscallException(Errno.EINVAL);
        SignalState s = proc.signals();
        io.put64(set, s.pendingMask() & s.blocked());
        return 0;
    }

    long prctl(int option, long arg2) {
        switch (option) {
            case PR_SET_NAME -> {
                byte[] n = io.readCStringMax(arg2, 15);
                threadName = n;
                return 0;
            }
            case PR_GET_NAME -> {
                byte[] z = java.util.Arrays.copyOf(threadName, 16);
                io.putBytes(arg2, z, 0, 16);
                return 0;
            }
            default -> throw new SyscallException(Errno.EINVAL);
        }
    }
}
