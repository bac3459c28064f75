package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.GuestFault;

import java.io.IOException;
import java.io.PrintStream;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * The syscall layer shared by all arches. Per arch, syscall numbers are mapped once (through
 * the ABI's {@link SyscallTable}) to handlers registered by name; a call reads the number and six
 * argument registers, gives the ABI's {@link LinuxAbi#archSyscall} hook the first chance, then runs
 * the shared handler. Failures become negative errnos: {@link SyscallException} its errno, a
 * {@link GuestFault} EFAULT, an {@link IOException} the mapped host errno. Numbers without a
 * handler return ENOSYS like a kernel without them: silently, except for one line per distinct number
 * in the {@code --strace} output (a program probing for new syscalls must not fill stderr); they are
 * counted for {@code --stats} ({@link #unsupportedCalls}). An optional
 * {@link SyscallInterceptor} stands around each call (jtcg diff's record and replay).
 */
public final class SyscallDispatcher {
    private final LinuxProcess proc;
    private final LinuxAbi abi;
    private final SyscallTable table;
    private final SyscallHandler[] handlers;
    private final BitSet warned = new BitSet();
    private long unsupportedCalls;
    /** The current call found no handler (noted after its strace line). */
    private boolean unsupportedNow;
    /** Set by {@link #interrupted}: rewind the CPU to re-run the syscall instead of storing a result. */
    private boolean restart;
    private final Strace strace;
    private SyscallInterceptor interceptor;
    /** The CPU of the syscall the calling JVM thread (one guest thread) dispatches: fork copies it, execve resets it. */
    private final ThreadLocal<CpuState> currentCpu = new ThreadLocal<>();

    SyscallDispatcher(LinuxProcess proc) {
        this.proc = proc;
        this.abi = proc.abi();
        this.table = abi.syscalls();
        Map<String, SyscallHandler> byName = new HashMap<>();
        FileSyscalls files = new FileSyscalls(proc);
        files.register(byName);
        new FileAttributeSyscalls(proc, files).register(byName);
        new FdControlSyscalls(proc).register(byName);
        new MemorySyscalls(proc).register(byName);
        new ProcessSyscalls(proc).register(byName);
        new SignalWaitSyscalls(proc).register(byName);
        // the syscalls real programs call: groups and rusage, sockets, xattrs, file ranges, anon fds
        new ProcessInfoSyscalls(proc).register(byName);
        new SocketSyscalls(proc, files).register(byName);
        new XattrSyscalls(proc, files).register(byName);
        new FileRangeSyscalls(proc).register(byName);
        new AnonFileSyscalls(proc).register(byName);
        // process model (fork, execve, wait, process groups, kill between processes)
        new ForkSyscalls(proc).register(byName);
        new WaitSyscalls(proc).register(byName);
        new ExecSyscalls(proc).register(byName);
        new PollSyscalls(proc).register(byName);
        new ProcessGroupSyscalls(proc).register(byName);
        // issue 13 leftovers: epoll, signalfd, pidfds
        new EpollSyscalls(proc).register(byName);
        new SignalFdSyscalls(proc).register(byName);
        new PidFdSyscalls(proc).register(byName);
        // threads: after the process handlers (thread clone wraps their clone; futex, exit, gettid... replace theirs)
        new ThreadSyscalls(proc).register(byName);
        handlers = new SyscallHandler[table.size()];
        for (int nr = 0; nr < handlers.length; nr++) {
            String name = table.name(nr);
            if (name != null) handlers[nr] = byName.get(name);
        }
        strace = new Strace(proc.io());
    }

    /** Runs the syscall {@code cpu} stopped at and stores its result (unless the process ended). */
    public void dispatch(CpuState cpu) {
        restart = false;
        currentCpu.set(cpu);
        long nr = abi.syscallNumber(cpu);
        // per call, not a field: a guest thread blocked in a syscall lets others dispatch meanwhile
        long[] args = new long[6];
        for (int i = 0; i < 6; i++) args[i] = abi.syscallArg(cpu, i);
        String name = table.name(nr);
        long result = interceptor == null ? invoke(cpu, nr, name, args)
                : interceptor.intercept(nr, name, args, () -> invoke(cpu, nr, name, args));
        PrintStream out = proc.straceOut();
        if (out != null) {
            // a line of a process other than the first says whose it is, like strace -f
            String who = proc.pid() == proc.table().firstPid() ? "" : "[pid " + proc.pid() + "] ";
            out.println(who + strace.format(nr, name, args, result, !proc.exited()));
            if (unsupportedNow) noteUnsupported(out, nr, name);
        }
        unsupportedNow = false;
        if (!proc.exited()) {
            if (restart && abi.restartSyscall(cpu, nr, args)) return;
            abi.setSyscallResult(cpu, result);
        }
    }

    /** The CPU whose syscall is being dispatched (null outside a dispatch). */
    CpuState currentCpu() {
        return currentCpu.get();
    }

    /** Puts {@code i} around every later syscall (null: none, the syscall just runs). */
    public void setInterceptor(SyscallInterceptor i) {
        interceptor = i;
    }

    /** True when the shared layer implements {@code name}. */
    public boolean implemented(String name) {
        int nr = table.number(name);
        return "sigaltstack".equals(name) && nr >= 0 || nr >= 0 && handlers[nr] != null;
    }

    private long invoke(CpuState cpu, long nr, String name, long[] args) {
        try {
            if ("rt_sigreturn".equals(name)) return proc.signalDelivery().sigreturn(cpu);
            if ("sigaltstack".equals(name)) return proc.signalDelivery().sigaltstack(cpu, args[0], args[1]);
            if (name != null) {
                long r = abi.archSyscall(name, args, cpu, proc);
                if (r != LinuxAbi.NOT_HANDLED) return r;
            }
            SyscallHandler h = nr >= 0 && nr < handlers.length ? handlers[(int) nr] : null;
            if (h == null) {
                warnUnsupported(nr, name);
                return -Errno.ENOSYS;
            }
            return h.call(args);
        } catch (SyscallException e) {
            return -e.errno();
        } catch (GuestFault e) {
            return -Errno.EFAULT;
        } catch (IOException e) {
            return -Errno.of(e);
        } catch (java.io.UncheckedIOException e) {
            return -Errno.of(e.getCause());
        } catch (java.nio.file.InvalidPathException e) {
            return -Errno.ENOENT;  // a guest path the host file system cannot even name
        } catch (SyscallInterruptedException e) {
            return interrupted(name);
        } catch (GuestDeadlockException e) {
            if (proc.waitForSignal()) return interrupted(name);
            proc.signals().restoreSuspendMask();
            proc.deadlock(name + ": " + e.getMessage());
            return -Errno.EDEADLK;
        }
    }

    /**
     * Syscalls Linux restarts after a handler with SA_RESTART (they return -ERESTARTSYS when interrupted);
     * the others (pause, rt_sigsuspend, sleeps, poll) always fail with EINTR.
     */
    private static final java.util.Set<String> RESTARTABLE = java.util.Set.of("read", "readv", "pread64", "preadv",
            "write", "writev", "pwrite64", "futex", "fcntl", "wait4", "waitid", "flock");

    /**
     * A blocking syscall was interrupted by a signal that is now pending: EINTR, or a restart when the signal's
     * handler has SA_RESTART and the syscall is restartable (the PC and argument registers are rewound after
     * the dispatch, before the handler's frame saves them).
     */
    private long interrupted(String name) {
        SignalState s = proc.signals();
        long deliverable = s.pendingMask() & ~s.blocked();
        if (deliverable != 0 && RESTARTABLE.contains(name)) {
            int sig = Long.numberOfTrailingZeros(deliverable) + 1;
            SignalState.Action a = s.action(sig);
            if (a.handler() != SignalState.SIG_DFL && a.handler() != SignalState.SIG_IGN
                    && (a.flags() & SignalDelivery.SA_RESTART) != 0) {
                restart = true;
            }
        }
        return -Errno.EINTR;
    }

    /** Calls that answered ENOSYS because no handler exists (deliberate ENOSYS handlers such as rseq excluded). */
    public long unsupportedCalls() {
        return unsupportedCalls;
    }

    private void warnUnsupported(long nr, String name) {
        unsupportedCalls++;
        unsupportedNow = true;
    }

    /** Under --strace, the first call of each number without a handler gets one line after its own. */
    private void noteUnsupported(PrintStream out, long nr, String name) {
        int key = nr >= 0 && nr < Integer.MAX_VALUE ? (int) nr : Integer.MAX_VALUE;
        if (!warned.get(key)) {
            warned.set(key);
            out.printf("jtcg: unsupported syscall %d (%s), returning ENOSYS%n", nr, name != null ? name : "unknown");
        }
    }
}
