package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

import java.nio.ByteBuffer;

import static org.jtcg.core.linux.CloneArgs.*;
import java.util.Map;

/**
 * Guest threads: clone and clone3 with CLONE_THREAD, exit (one thread) vs exit_group, gettid,
 * set_tid_address, set_robust_list/get_robust_list, tgkill/tkill, sched_yield, and futex (wait,
 * wake, requeue, cmp_requeue, wake_op, bitsets, timeouts). Process forms of clone go to the handler
 * registered before this one. See docs/linux-user.md "Threads".
 */
final class ThreadSyscalls {
    /** clone flags a thread clone may carry (the rest are process or namespace flags); CLONE_DETACHED is ignored. */
    private static final long THREAD_FLAGS_OK = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD
            | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID
            | CLONE_DETACHED | CLONE_UNTRACED | CSIGNAL;
    static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
            FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_CLOCK_REALTIME = 256, FUTEX_CMD_MASK = ~(128 | 256);
    static final int FUTEX_WAITERS = 0x8000_0000, FUTEX_OWNER_DIED = 0x4000_0000, FUTEX_TID_MASK = 0x3fff_ffff;
    /** sizeof(struct robust_list_head) on 64-bit arches. */
    static final int ROBUST_LIST_HEAD_SIZE = 24;
    /** Linux's ROBUST_LIST_LIMIT: a corrupt (cyclic) list is walked no further. */
    private static final int ROBUST_LIST_LIMIT = 2048;

    private final LinuxProcess proc;
    private final GuestIo io;
    private final FutexTable futexes = new FutexTable();

    ThreadSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        SyscallHandler processClone = m.get("clone"), processClone3 = m.get("clone3");
        m.put("clone", a -> {
            CloneArgs c = CloneArgs.decode(a, proc.abi().cloneArgOrder());
            if ((c.flags() & CLONE_THREAD) == 0) return other(processClone, a);
            return cloneThread(c.flags(), c.stack(), c.parentTid(), c.childTid(), c.tls());
        });
        m.put("clone3", a -> clone3(a, processClone3));
        m.put("exit", a -> exitThread((int) a[0]));
        m.put("exit_group", a -> { proc.exit((int) a[0]); return 0; });
        m.put("gettid", a -> proc.currentThread().tid());
        m.put("set_tid_address", a -> { proc.currentThread().setClearChildTid(a[0]); return proc.currentThread().tid(); });
        m.put("set_robust_list", a -> setRobustList(a[0], a[1]));
        m.put("get_robust_list", a -> getRobustList(a[0], a[1], a[2]));
        m.put("tgkill", a -> a[0] != proc.pid() ? -Errno.ESRCH : tkill(a[1], (int) a[2]));
        m.put("tkill", a -> tkill(a[0], (int) a[1]));
        m.put("sched_yield", a -> { proc.scheduler().yieldIfContended(); return 0; });
        m.put("futex", a -> futex(a[0], (int) a[1], (int) a[2], a[3], a[4], (int) a[5]));
    }

    private static long other(SyscallHandler h, long[] a) throws java.io.IOException {
        return h != null ? h.call(a) : -Errno.ENOSYS;
    }

    // ---- clone ----

    long cloneThread(long flags, long stack, long parentTid, long childTid, long tls) {
        long need = CLONE_VM | CLONE_SIGHAND;
        if ((flags & need) != need || (flags & ~THREAD_FLAGS_OK) != 0) throw new SyscallException(Errno.EINVAL);
        GuestThread self = proc.currentThread();
        Engine engine = self.engine();
        CpuState parentCpu = self.cpu();
        if (engine == null || !engine.runsManyCpus() || parentCpu == null) {
            warnOnce("jtcg: clone of a thread is not supported by the " + (engine == null ? "current" : engine.name())
                    + " engine, returning ENOSYS");
            throw new SyscallException(Errno.ENOSYS);
        }
        CpuState cpu = ThreadLauncher.copyCpu(parentCpu);
        if (!proc.abi().setThreadStart(cpu, stack, (flags & CLONE_SETTLS) != 0, tls)) {
            warnOnce("jtcg: this arch cannot start guest threads yet, clone returns ENOSYS");
            throw new SyscallException(Errno.ENOSYS);
        }
        proc.abi().setSyscallResult(cpu, 0);
        long tid = proc.table().allocateId();  // one id space with the process table's pids
        if ((flags & CLONE_PARENT_SETTID) != 0) io.put32(parentTid, tid);
        if ((flags & CLONE_CHILD_SETTID) != 0) io.put32(childTid, tid);
        GuestThread t = proc.threads().add(tid, cpu, self.signals().forNewThread());
        if ((flags & CLONE_CHILD_CLEARTID) != 0) t.setClearChildTid(childTid);
        proc.table().addThread(tid, t);
        proc.threadStarted();  // counted for KernelWait's deadlock detection
        ThreadLauncher.start(proc, t, engine);
        return tid;
    }

    /** clone3(struct clone_args *, size): the thread form here, the rest to the process handler. */
    private long clone3(long[] a, SyscallHandler processClone3) throws java.io.IOException {
        long size = a[1];
        if (size < 64 || size > 4096) throw new SyscallException(Errno.EINVAL);
        ByteBuffer b = io.read(a[0], 64);
        long flags = b.getLong(0), pidfd = b.getLong(8), childTid = b.getLong(16), parentTid = b.getLong(24),
                exitSignal = b.getLong(32), stack = b.getLong(40), stackSize = b.getLong(48), tls = b.getLong(56);
        if ((flags & CLONE_THREAD) == 0) return other(processClone3, a);
        if (exitSignal != 0 || pidfd != 0 && (flags & CLONE_PIDFD) != 0) throw new SyscallException(Errno.EINVAL);
        if ((stack == 0) != (stackSize == 0)) throw new SyscallException(Errno.EINVAL);
        // clone3 gives the lowest address and size; the stack pointer starts at the top
        return cloneThread(flags, stack == 0 ? 0 : stack + stackSize, parentTid, childTid, tls);
    }

    // ---- exit ----

    /**
     * exit: ends the calling thread (robust futexes released, clear_child_tid cleared and woken); the last
     * thread's exit ends the process with the main thread's code if it exited first, else this one.
     */
    long exitThread(int code) {
        GuestThreads threads = proc.threads();
        GuestThread self = threads.current();
        if (threads.live().size() <= 1) {
            GuestThread main = threads.main();
            proc.exit(main != self && main.exited() ? main.exitCode() : code);
            return 0;
        }
        releaseRobustList(self);
        long ctid = self.clearChildTid();
        if (ctid != 0) {
            try {
                io.put32(ctid, 0);
                futexes.wake(ctid, 1, -1);
            } catch (org.jtcg.core.memory.GuestFault e) {
                // the kernel ignores a bad clear_child_tid address too
            }
        }
        self.markExited(code);
        threads.remove(self);
        proc.cpuTime().addCurrentThread();
        proc.threadEnded();
        return 0;
    }

    /** Marks every robust futex the thread still holds as owner-died and wakes one waiter of each (Linux's exit_robust_list). */
    private void releaseRobustList(GuestThread t) {
        long head = t.robustListHead();
        if (head == 0) return;
        try {
            long entry = io.u64(head);
            long offset = io.u64(head + 8);
            long pending = io.u64(head + 16);
            for (int n = 0; entry != head && entry != 0 && n < ROBUST_LIST_LIMIT; n++) {
                long next = io.u64(entry);
                if (entry != pending) releaseRobustFutex(t, entry + offset);
                entry = next;
            }
            if (pending != 0) releaseRobustFutex(t, pending + offset);
        } catch (org.jtcg.core.memory.GuestFault e) {
            // a damaged list is abandoned, as the kernel does
        }
    }

    private void releaseRobustFutex(GuestThread t, long uaddr) {
        int word = (int) io.u32(uaddr);
        if ((word & FUTEX_TID_MASK) != t.tid()) return;
        io.put32(uaddr, (word & FUTEX_WAITERS) | FUTEX_OWNER_DIED);
        if ((word & FUTEX_WAITERS) != 0) futexes.wake(uaddr, 1, -1);
    }

    private long setRobustList(long head, long len) {
        if (len != ROBUST_LIST_HEAD_SIZE) throw new SyscallException(Errno.EINVAL);
        proc.currentThread().setRobustList(head, len);
        return 0;
    }

    private long getRobustList(long tid, long headPtr, long lenPtr) {
        GuestThread t = tid == 0 ? proc.currentThread() : proc.threads().byTid(tid);
        if (t == null) throw new SyscallException(Errno.ESRCH);
        io.put64(headPtr, t.robustListHead());
        io.put64(lenPtr, ROBUST_LIST_HEAD_SIZE);
        return 0;
    }

    // ---- thread-directed signals ----

    private long tkill(long tid, int sig) {
        if (tid <= 0) throw new SyscallException(Errno.EINVAL);
        if (sig < 0 || sig > Signals.NSIG) throw new SyscallException(Errno.EINVAL);
        GuestThread t = proc.threads().byTid(tid);
        if (t == null) throw new SyscallException(Errno.ESRCH);
        if (sig != 0) {
            proc.raise(SigInfo.sent(sig, SigCodes.SI_TKILL, proc.pid(), proc.uid(), 0), t);
            KernelWait.wakeAll();  // the target may be blocked: it re-checks and takes the signal
        }
        return 0;
    }

    // ---- futex ----

    long futex(long uaddr, int op, int val, long timeout, long uaddr2, int val3) {
        int cmd = op & FUTEX_CMD_MASK;
        if ((uaddr & 3) != 0) throw new SyscallException(Errno.EINVAL);
        switch (cmd) {
            case FUTEX_WAIT -> {
                return futexWait(uaddr, val, timeout, false, op, -1);
            }
            case FUTEX_WAIT_BITSET -> {
                if (val3 == 0) throw new SyscallException(Errno.EINVAL);
                return futexWait(uaddr, val, timeout, true, op, val3);
            }
            case FUTEX_WAKE -> {
                return futexes.wake(uaddr, val, -1);
            }
            case FUTEX_WAKE_BITSET -> {
                if (val3 == 0) throw new SyscallException(Errno.EINVAL);
                return futexes.wake(uaddr, val, val3);
            }
            case FUTEX_REQUEUE, FUTEX_CMP_REQUEUE -> {
                // the count to requeue is passed where the timeout pointer goes
                int nMove = (int) timeout;
                if (val < 0 || nMove < 0 || (uaddr2 & 3) != 0) throw new SyscallException(Errno.EINVAL);
                if (cmd == FUTEX_CMP_REQUEUE && (int) io.u32(uaddr) != val3) throw new SyscallException(Errno.EAGAIN);
                int[] r = futexes.requeue(uaddr, val, uaddr2, nMove);
                return cmd == FUTEX_CMP_REQUEUE ? r[0] + r[1] : r[0];
            }
            case FUTEX_WAKE_OP -> {
                return wakeOp(uaddr, val, (int) timeout, uaddr2, val3);
            }
            default -> throw new SyscallException(Errno.ENOSYS);  // PI futexes: glibc's default mutexes do not use them
        }
    }

    /**
     * FUTEX_WAIT (relative timeout on CLOCK_MONOTONIC) and FUTEX_WAIT_BITSET (absolute, on CLOCK_REALTIME
     * with FUTEX_CLOCK_REALTIME): EAGAIN when the word differs, 0 when woken, ETIMEDOUT, EINTR when a
     * signal this thread can take arrives. The thread sleeps in {@link KernelWait} (the execution lock
     * released); a wait nobody can end is a deadlock there, as for every other blocking syscall.
     */
    private long futexWait(long uaddr, int val, long timeout, boolean absolute, int op, int bitset) {
        if ((int) io.u32(uaddr) != val) throw new SyscallException(Errno.EAGAIN);
        long deadline = Long.MAX_VALUE;
        if (timeout != 0) {
            long nanos = GuestTimespec.read(io, timeout);
            if (absolute) {
                int clock = (op & FUTEX_CLOCK_REALTIME) != 0 ? ProcessSyscalls.CLOCK_REALTIME : ProcessSyscalls.CLOCK_MONOTONIC;
                nanos -= ProcessSyscalls.clockNanos(clock);
            }
            deadline = System.nanoTime() + Math.max(0, nanos);
        }
        // The word was compared under the execution lock, so no guest thread can have changed it and
        // woken before this thread is queued: the compare and the queueing are one step, as in Linux.
        synchronized (KernelWait.LOCK) {
            FutexTable.Waiter w = futexes.enqueue(proc.currentThread(), uaddr, bitset);
            try {
                while (!w.woken) {
                    if (!KernelWait.await(proc, deadline, String.format("FUTEX_WAIT on 0x%x (value %d) with no timeout", uaddr, val))) {
                        throw new SyscallException(Errno.ETIMEDOUT);
                    }
                }
                return 0;
            } catch (SyscallInterruptedException e) {
                if (w.woken || proc.exited()) return 0;
                throw new SyscallException(Errno.EINTR);
            } finally {
                if (!w.woken) futexes.remove(w);
            }
        }
    }

    /** FUTEX_WAKE_OP: *uaddr2 = op(*uaddr2, oparg); wake n1 on uaddr; if cmp(old, cmparg) also wake n2 on uaddr2. */
    private long wakeOp(long uaddr, int n1, int n2, long uaddr2, int encoded) {
        if ((uaddr2 & 3) != 0) throw new SyscallException(Errno.EINVAL);
        int op = (encoded >>> 28) & 0xf, cmp = (encoded >>> 24) & 0xf;
        int oparg = (encoded << 8) >> 20, cmparg = (encoded << 20) >> 20;
        if ((op & 8) != 0) {
            oparg = 1 << (oparg & 31);
            op &= 7;
        }
        int old = (int) io.u32(uaddr2);
        int nv = switch (op) {
            case 0 -> oparg;          // FUTEX_OP_SET
            case 1 -> old + oparg;    // FUTEX_OP_ADD
            case 2 -> old | oparg;    // FUTEX_OP_OR
            case 3 -> old & ~oparg;   // FUTEX_OP_ANDN
            case 4 -> old ^ oparg;    // FUTEX_OP_XOR
            default -> throw new SyscallException(Errno.ENOSYS);
        };
        boolean cond = switch (cmp) {
            case 0 -> old == cmparg;
            case 1 -> old != cmparg;
            case 2 -> old < cmparg;
            case 3 -> old <= cmparg;
            case 4 -> old > cmparg;
            case 5 -> old >= cmparg;
            default -> throw new SyscallException(Errno.ENOSYS);
        };
        io.put32(uaddr2, nv & 0xffff_ffffL);
        int woken = futexes.wake(uaddr, n1, -1);
        if (cond) woken += futexes.wake(uaddr2, n2, -1);
        return woken;
    }

    private boolean warned;

    private void warnOnce(String line) {
        if (!warned) {
            warned = true;
            proc.warn().println(line);
        }
    }
}
