package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * wait4 and waitid over the {@link ProcessTable}: which children match (pid, -1 any, 0 the caller's
 * group, -pgid a group), reaping a zombie, the status encoding, WNOHANG and WNOWAIT, ECHILD when no child
 * matches. Blocking waits go through {@link KernelWait} (a signal interrupts them; SA_RESTART restarts).
 * WUNTRACED/WSTOPPED and WCONTINUED report a child's stop and continue once each ({@link JobControl}).
 * A reaped child's CPU time joins the caller's children's time ({@link ProcessCpuTime}).
 */
final class WaitSyscalls {
    /** wait options (include/uapi/linux/wait.h). */
    static final int WNOHANG = 1, WSTOPPED = 2, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x0100_0000,
            WNOTHREAD = 0x2000_0000, WALL = 0x4000_0000, WCLONE = 0x8000_0000;
    static final int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;

    private final LinuxProcess proc;
    private final GuestIo io;

    WaitSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("wait4", a -> wait4((int) a[0], a[1], (int) a[2], a[3]));
        m.put("waitid", a -> waitid((int) a[0], (int) a[1], a[2], (int) a[3], a[4]));
    }

    /** The status word wait4 stores: exit code in bits 8-15, or the killing signal in bits 0-6. */
    static int waitStatus(ExitState e) {
        if (e.deadlock()) return ExitState.DEADLOCK_STATUS << 8;
        return e.signal() != 0 ? e.signal() & 0x7f : (e.code() & 0xff) << 8;
    }

    /** What a wait found: a child that ended (reaped unless WNOWAIT), stopped or continued. */
    private record Found(LinuxProcess child, int code, int status) {}

    long wait4(long pid, long statusPtr, int options, long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        Found f = waitFor(pid, options | WEXITED, "wait4 for a child that has not ended");
        if (f == null) return 0;
        if (statusPtr != 0) {
            int status = switch (f.code()) {
                case JobControl.CLD_STOPPED -> f.status() << 8 | 0x7f;
                case JobControl.CLD_CONTINUED -> 0xffff;
                default -> waitStatus(f.child().exitState());
            };
            io.put32(statusPtr, status);
        }
        if (rusage != 0) io.write(rusage, ProcessInfoSyscalls.rusage(io, f.child().cpuTime().total(), 0));
        return f.child().pid();
    }

    long waitid(int idtype, long id, long infop, int options, long rusage) {
        if ((options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0
                || (options & (WEXITED | WSTOPPED | WCONTINUED)) == 0) {
            return -Errno.EINVAL;
        }
        long pid;
        switch (idtype) {
            case P_ALL -> pid = -1;
            case P_PID -> { if (id <= 0) return -Errno.EINVAL; pid = id; }
            case P_PGID -> { if (id < 0) return -Errno.EINVAL; pid = id == 0 ? 0 : -id; }
            case P_PIDFD -> {
                LinuxProcess p = PidFdSyscalls.target(proc, (int) id);
                if (p.ppid() != proc.pid()) return -Errno.ECHILD;
                pid = p.pid();
            }
            default -> { return -Errno.EINVAL; }
        }
        Found f = waitFor(pid, options, "waitid for a child that has not ended");
        if (f == null) {
            clearInfo(infop);
            return 0;
        }
        if (infop != 0) {
            ByteBuffer b = io.struct(SigInfo.SIZE);
            b.putInt(0, Signals.SIGCHLD);
            b.putInt(8, f.code());
            b.putInt(16, (int) f.child().pid());
            b.putInt(20, (int) f.child().uid());
            b.putInt(24, f.status());
            io.write(infop, b);
        }
        if (rusage != 0) io.write(rusage, ProcessInfoSyscalls.rusage(io, f.child().cpuTime().total(), 0));
        return 0;
    }

    private void clearInfo(long infop) {
        if (infop != 0) io.putBytes(infop, new byte[SigInfo.SIZE], 0, SigInfo.SIZE);
    }

    /**
     * Waits for a matching child to end (WEXITED; reaped unless WNOWAIT), stop (WSTOPPED) or continue (WCONTINUED),
     * in Linux's order of checks; null when WNOHANG and nothing happened yet. ECHILD when no child matches at all.
     */
    private Found waitFor(long pid, int options, String what) {
        ProcessTable t = proc.table();
        boolean keep = (options & WNOWAIT) != 0;
        synchronized (KernelWait.LOCK) {
            for (;;) {
                boolean any = false;
                for (LinuxProcess c : t.children(proc)) {
                    if (!matches(c, pid)) continue;
                    any = true;
                    if ((options & WEXITED) != 0 && c.waitable()) {
                        if (!keep) {
                            t.reap(c);
                            proc.cpuTime().addChild(c.cpuTime());   // RUSAGE_CHILDREN counts reaped children
                        }
                        SigInfo s = SigInfo.child(c.pid(), c.uid(), c.exitState());
                        return new Found(c, s.code(), (int) s.value());
                    }
                    if (c.exited()) continue;
                    int stop = (options & WSTOPPED) != 0 ? c.jobControl().takeStopReport(keep) : 0;
                    if (stop != 0) return new Found(c, JobControl.CLD_STOPPED, stop);
                    if ((options & WCONTINUED) != 0 && c.jobControl().takeContinueReport(keep)) {
                        return new Found(c, JobControl.CLD_CONTINUED, Signals.SIGCONT);
                    }
                }
                if (!any) throw new SyscallException(Errno.ECHILD);
                if ((options & WNOHANG) != 0) return null;
                KernelWait.await(proc, Long.MAX_VALUE, what);
            }
        }
    }

    private boolean matches(LinuxProcess c, long pid) {
        if (pid > 0) return c.pid() == pid;
        if (pid == -1) return true;
        if (pid == 0) return c.pgid() == proc.pgid();
        return c.pgid() == -pid;
    }
}
