package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guest "kernel"'s task bookkeeping, one per jtcg run: pid and tid allocation, every guest process
 * that has not been reaped (running ones and zombies) with its parent link, the tid → thread registry,
 * and how many tasks are alive and how many are blocked (for deadlock detection in {@link KernelWait}).
 *
 * <p>Ids: the first process keeps the host pid jtcg runs as (so getpid is what it always was); every
 * later process and thread gets the next number after it. Guest ids only mean something inside the guest
 * (kill, wait4, /proc/&lt;pid&gt;); a guest id may equal an unrelated host pid, which the guest never sees.
 *
 * <p>Orphans are reparented to a virtual init (ppid 1) outside the guest, which reaps them when they
 * end. All state is guarded by {@link KernelWait#LOCK}; every change wakes the waiters.
 */
public final class ProcessTable {
    /** The ppid of orphans and of the first process's children once it is gone: an init outside the guest. */
    public static final long INIT_PID = 1;

    private final long firstPid;
    private long nextId;
    private final Map<Long, LinuxProcess> processes = new LinkedHashMap<>();
    private final Map<Long, Object> threads = new LinkedHashMap<>();
    private int liveTasks, blockedTasks;
    private long blockedEpoch = -1;
    private ProcessLauncher launcher;

    /** A table whose first process will have {@code firstPid}. */
    public ProcessTable(long firstPid) {
        this.firstPid = firstPid;
        this.nextId = firstPid + 1;
    }

    public long firstPid() { return firstPid; }

    /** How child processes get an engine and an ELF loader (set by the embedder; null: fork fails with ENOSYS). */
    public ProcessLauncher launcher() { synchronized (KernelWait.LOCK) { return launcher; } }
    public void setLauncher(ProcessLauncher l) { synchronized (KernelWait.LOCK) { launcher = l; } }

    /** A fresh pid/tid (processes and threads share one number space, as on Linux). */
    public long allocateId() {
        synchronized (KernelWait.LOCK) {
            return nextId++;
        }
    }

    /** Registers a new running process (the first one, or a forked child). */
    void addProcess(LinuxProcess p) {
        synchronized (KernelWait.LOCK) {
            processes.put(p.pid(), p);
            liveTasks++;
            KernelWait.wakeAll();
        }
    }

    /** The process (running or zombie) with this pid, or null. */
    public LinuxProcess process(long pid) {
        synchronized (KernelWait.LOCK) {
            return processes.get(pid);
        }
    }

    /** Every process not yet reaped, in creation order (a copy). */
    public List<LinuxProcess> processes() {
        synchronized (KernelWait.LOCK) {
            return new ArrayList<>(processes.values());
        }
    }

    /** The children (running or zombie) of {@code parent}, in creation order. */
    List<LinuxProcess> children(LinuxProcess parent) {
        List<LinuxProcess> out = new ArrayList<>();
        synchronized (KernelWait.LOCK) {
            for (LinuxProcess p : processes.values()) {
                if (p.ppid() == parent.pid() && p != parent) out.add(p);
            }
        }
        return out;
    }

    /** Removes a zombie for good (wait4 reaped it). */
    void reap(LinuxProcess zombie) {
        synchronized (KernelWait.LOCK) {
            processes.remove(zombie.pid());
            KernelWait.wakeAll();
        }
    }

    // ---- threads (registered by the thread layer; a process's first thread is the process itself) ----

    /** Registers {@code thread} under {@code tid} (tgkill, /proc look-ups). */
    public void addThread(long tid, Object thread) {
        synchronized (KernelWait.LOCK) {
            threads.put(tid, thread);
        }
    }

    /** The thread registered under {@code tid}, or null. */
    public Object thread(long tid) {
        synchronized (KernelWait.LOCK) {
            return threads.get(tid);
        }
    }

    public void removeThread(long tid) {
        synchronized (KernelWait.LOCK) {
            threads.remove(tid);
            KernelWait.wakeAll();
        }
    }

    // ---- task counts (deadlock detection) ----

    /** A guest task (a process's main thread or another thread) starts running. */
    public void taskStarted() {
        synchronized (KernelWait.LOCK) {
            liveTasks++;
        }
    }

    /** A guest task ended. */
    public void taskEnded() {
        synchronized (KernelWait.LOCK) {
            liveTasks--;
            KernelWait.wakeAll();
        }
    }

    int liveTasks() { return liveTasks; }

    /** Tasks blocked with no deadline and not woken since: only those blocked in the current wake-up epoch count. */
    int blockedTasks(long epoch) { return blockedEpoch == epoch ? blockedTasks : 0; }

    /** A task starts (+1) or stops (-1) an untimed wait begun in wake-up {@code epoch}. */
    void taskBlocked(long epoch, int delta) {
        if (delta > 0) {
            if (blockedEpoch != epoch) {
                blockedEpoch = epoch;
                blockedTasks = 0;
            }
            blockedTasks++;
        } else if (blockedEpoch == epoch) {
            blockedTasks--;
        }
    }

    // ---- process end ----

    /**
     * {@code p} has just ended (its exit state is set, its fds closed): its children go to init (which
     * reaps the zombies among them), its parent gets SIGCHLD and can reap it, or it is reaped at once when
     * no guest process waits for it (its parent is init, or ignores SIGCHLD, as Linux's SA_NOCLDWAIT rule).
     */
    void processEnded(LinuxProcess p) {
        synchronized (KernelWait.LOCK) {
            p.markEndReported();
            liveTasks -= p.tasksAtEnd();
            for (LinuxProcess c : new ArrayList<>(processes.values())) {
                if (c.ppid() == p.pid() && c != p) {
                    c.setPpid(INIT_PID);
                    if (c.exited()) processes.remove(c.pid());
                }
            }
            LinuxProcess parent = processes.get(p.ppid());
            if (parent == null || parent.exited() || p.pid() == firstPid) {
                if (p.pid() != firstPid) processes.remove(p.pid());
            } else if (parent.ignoresChildren()) {
                processes.remove(p.pid());
            } else if (p.exitSignal() != 0) {
                SigInfo chld = SigInfo.child(p.pid(), p.uid(), p.exitState());
                parent.post(p.exitSignal() == Signals.SIGCHLD ? chld
                        : new SigInfo(p.exitSignal(), chld.code(), chld.pid(), chld.uid(), 0, chld.value()));
            }
            KernelWait.wakeAll();
        }
    }

    /**
     * The first process ended and jtcg is about to exit with its status: every other guest process ends
     * too (a user-mode emulator cannot leave them running past its own JVM). Blocked ones are woken and
     * stop at once; one that is running guest code stops at its next syscall.
     */
    public void endAll() {
        synchronized (KernelWait.LOCK) {
            for (LinuxProcess p : processes.values()) {
                if (!p.exited()) p.post(SigInfo.sent(Signals.SIGKILL, org.jtcg.core.signal.SigCodes.SI_KERNEL, 0, 0, 0));
            }
            KernelWait.wakeAll();
        }
    }
}
