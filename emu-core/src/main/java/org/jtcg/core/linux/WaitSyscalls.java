package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * wait4 and waitid over the {@link ProcessTable}: which children match (pid, -1 any, 0 the caller's
 * group, -pgid a group), reaping a zombie, the status encoding, WNOHANG and WNOWAIT, ECHILD when no child
 * matches. Blocking waits go through {@link KernelWait} (a signal interrupts them; SA_RESTART restarts).
 * Stopped and continued children are not modelled (job control stops are not emulated), so WUNTRACED and
 * WCONTINUED never report anything.
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

    long wait4(long pid, long statusPtr, int options, long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WCLONE | WALL)) != 0) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        LinuxProcess z = waitFor(pid, (options & WNOHANG) != 0, false, "wait4 for a child that has not ended");
        if (z == null) return 0;
        if (statusPtr != 0) io.put32(statusPtr, waitStatus(z.exitState()));
        if (rusage != 0) io.write(rusage, ProcessInfoSyscalls.rusage(io, z.cpuTime().total(), 0));
        return z.pid();
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
            case P_PIDFD -> { return -Errno.EINVAL; }  // pidfds are not modelled
            default -> { return -Errno.EINVAL; }
        }
        if ((options & WEXITED) == 0) {
            // only stops or continues asked for, which never happen here
            if (!hasMatchingChild(pid)) return -Errno.ECHILD;
            if ((options & WNOHANG) != 0) { clearInfo(infop); return 0; }
            synchronized (KernelWait.LOCK) {
                for (;;) KernelWait.await(proc, Long.MAX_VALUE, "waitid for a stop or continue, which jtcg never reports");
            }
        }
        LinuxProcess z = waitFor(pid, (options & WNOHANG) != 0, (options & WNOWAIT) != 0, "waitid for a child that has not ended");
        if (z == null) {
            clearInfo(infop);
            return 0;
        }
        if (infop != 0) {
            SigInfo s = SigInfo.child(z.pid(), z.uid(), z.exitState());
            ByteBuffer b = io.struct(SigInfo.SIZE);
            b.putInt(0, Signals.SIGCHLD);
            b.putInt(8, s.code());
            b.putInt(16, (int) s.pid());
            b.putInt(20, (int) s.uid());
            b.putInt(24, (int) s.value());
            io.write(infop, b);
        }
        if (rusage != 0) io.write(rusage, ProcessInfoSyscalls.rusage(io, z.cpuTime().total(), 0));
        return 0;
    }

    private void clearInfo(long infop) {
        if (infop != 0) io.putBytes(infop, new byte[SigInfo.SIZE], 0, SigInfo.SIZE);
    }

    /**
     * Waits for a matching zombie child: reaps it (unless {@code keep}) and returns it; null when
     * {@code noHang} and none has ended yet. ECHILD when no child matches at all.
     */
    private LinuxProcess waitFor(long pid, boolean noHang, boolean keep, String what) {
        ProcessTable t = proc.table();
        synchronized (KernelWait.LOCK) {
            for (;;) {
                boolean any = false;
                for (LinuxProcess c : t.children(proc)) {
                    if (!matches(c, pid)) continue;
                    any = true;
                    if (c.waitable()) {
                        if (!keep) {
                            t.reap(c);
                            proc.cpuTime().addChild(c.cpuTime());   // RUSAGE_CHILDREN counts reaped children
                        }
                        return c;
                    }
                }
                if (!any) throw new SyscallException(Errno.ECHILD);
                if (noHang) return null;
                KernelWait.await(proc, Long.MAX_VALUE, what);
            }
        }
    }

    private boolean hasMatchingChild(long pid) {
        for (LinuxProcess c : proc.table().children(proc)) {
            if (matches(c, pid)) return true;
        }
        return false;
    }

    private boolean matches(LinuxProcess c, long pid) {
        if (pid > 0) return c.pid() == pid;
        if (pid == -1) return true;
        if (pid == 0) return c.pgid() == proc.pgid();
        return c.pgid() == -pid;
    }
}
