package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.util.Map;

/**
 * Ids between processes: getppid, process groups and sessions (getpgrp, getpgid, setpgid, getsid, setsid),
 * and kill to a process, a group or every process, following the {@link ProcessTable}. A signal for
 * another process is posted to it ({@link LinuxProcess#post}) and takes effect at its next syscall or wait.
 */
final class ProcessGroupSyscalls {
    private final LinuxProcess proc;

    ProcessGroupSyscalls(LinuxProcess proc) {
        this.proc = proc;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("getppid", a -> proc.ppid());
        m.put("getpgrp", a -> proc.pgid());
        m.put("getpgid", a -> target((int) a[0]).pgid());
        m.put("getsid", a -> target((int) a[0]).sid());
        m.put("setpgid", a -> setpgid((int) a[0], (int) a[1]));
        m.put("setsid", a -> setsid());
        m.put("kill", a -> kill((int) a[0], (int) a[1]));
    }

    /** pid 0: the caller; otherwise a process of the table (ESRCH if none). */
    private LinuxProcess target(long pid) {
        if (pid == 0 || pid == proc.pid()) return proc;
        LinuxProcess p = pid > 0 ? proc.table().process(pid) : null;
        if (p == null) throw new SyscallException(Errno.ESRCH);
        return p;
    }

    long setpgid(long pid, long pgid) {
        if (pgid < 0) return -Errno.EINVAL;
        LinuxProcess p = target(pid);
        if (p != proc && p.ppid() != proc.pid()) return -Errno.ESRCH;
        long g = pgid == 0 ? p.pid() : pgid;
        synchronized (KernelWait.LOCK) {
            if (p.sid() == p.pid()) return -Errno.EPERM;  // a session leader cannot move
            if (p.sid() != proc.sid()) return -Errno.EPERM;
            if (g != p.pid()) {
                boolean groupInSession = false;
                for (LinuxProcess q : proc.table().processes()) {
                    if (q.pgid() == g && q.sid() == proc.sid()) groupInSession = true;
                }
                if (!groupInSession) return -Errno.EPERM;
            }
            p.setPgid(g);
        }
        return 0;
    }

    long setsid() {
        synchronized (KernelWait.LOCK) {
            for (LinuxProcess q : proc.table().processes()) {
                if (q.pgid() == proc.pid() && !q.exited()) return -Errno.EPERM;  // already a group leader
            }
            proc.setSid(proc.pid());
        }
        return proc.pid();
    }

    /** kill: pid > 0 one process, 0 the caller's group, -1 every process but the caller's init, < -1 a group. */
    long kill(long pid, int sig) {
        if (sig < 0 || sig > Signals.NSIG) return -Errno.EINVAL;
        if (pid == Integer.MIN_VALUE) return -Errno.ESRCH;
        SigInfo info = SigInfo.sent(sig, SigCodes.SI_USER, proc.pid(), proc.uid(), 0);
        if (pid > 0) {
            LinuxProcess p = pid == proc.pid() ? proc : proc.table().process(pid);
            if (p == null || p.exited() && p != proc) return p == null ? -Errno.ESRCH : 0;  // a zombie takes it silently
            send(p, sig, info);
            return 0;
        }
        long group = pid == 0 ? proc.pgid() : -pid;
        boolean any = false;
        boolean self = false;
        for (LinuxProcess p : proc.table().processes()) {
            if (p.exited()) continue;
            if (pid == -1 ? p.pid() == ProcessTable.INIT_PID : p.pgid() != group) continue;
            any = true;
            if (p == proc) self = true; else send(p, sig, info);
        }
        if (self) send(proc, sig, info);  // last: a deadly signal to itself ends this syscall
        return any ? 0 : -Errno.ESRCH;
    }

    private void send(LinuxProcess p, int sig, SigInfo info) {
        if (sig == 0) return;
        if (p == proc) proc.raise(info); else p.post(info);
    }
}
