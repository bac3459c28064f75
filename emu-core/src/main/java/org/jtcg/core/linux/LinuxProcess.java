package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.memory.GuestMemory;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One guest Linux process in user mode: its memory and ABI, fd table, cwd, umask, resource
 * limits, signal state, exit state, strace switch, and the {@link SyscallDispatcher}.
 * One of possibly many guest processes of a run, all in one {@link ProcessTable}; each runs on its own
 * JVM thread (its {@link CpuLoop}).
 * Its guest threads ({@link GuestThread}; the main one's tid is the pid) share all of that and
 * take turns under the process's {@link GuestScheduler}; per-thread state (signal mask, thread
 * pending set, clear_child_tid, robust list) is the calling thread's, see {@link #currentThread}.
 *
 * <p>Typical use (see docs/linux-user.md):
 * <pre>
 *   LinuxProcess p = new LinuxProcess(memory, arch.linuxAbi());
 *   p.start(cpu, ElfLoader.forArch(memory, arch), elf, argv, envp);
 *   int status = new CpuLoop(engine, cpu, p).run();
 * </pre>
 */
public final class LinuxProcess {
    public static final int RLIMIT_STACK = 3, RLIMIT_NOFILE = 7, RLIM_NLIMITS = 16;
    public static final long RLIM_INFINITY = -1L;

    private final GuestMemory memory;
    private final LinuxAbi abi;
    private final GuestIo io;
    private final FdTable fds = new FdTable(this::openFileLimit);
    private final GuestThreads threads;
    private final SignalInterrupts interrupts = new SignalInterrupts();
    private final RealTimer realTimer = new RealTimer(interrupts);
    private final long[] rlimits = new long[2 * RLIM_NLIMITS];
    private final SyscallDispatcher dispatcher;
    private final SignalDelivery delivery;
    private final ProcessTable table;
    private final long pid;
    /** Parent, process group and session ids; ppid changes when the parent ends (reparenting). */
    private volatile long ppid;
    private long pgid, sid;
    private final long uid, gid;
    /** Signals other tasks sent; the owning thread takes them in at its next syscall or wait. */
    private final java.util.Queue<SigInfo> posted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private Path cwd;
    private int umask = 022;
    private volatile ExitState exit;
    private PrintStream straceOut;
    private PrintStream warn = System.err;
    private Random random = new HostEntropy();
    private String exePath = "";
    private long syscallCount;
    private LoadedImage image;
    /** What the program was started with, for /proc/PID/cmdline, environ and auxv. */
    private List<String> argv = List.of(), envp = List.of();
    private byte[] auxv = new byte[16];

    /** A process whose fds 0-2 are jtcg's own stdin/stdout/stderr. */
    public LinuxProcess(GuestMemory memory, LinuxAbi abi) {
        this(memory, abi, null, null, null);
    }

    /**
     * A process with injected stdio streams (an embedding application or a test); a null stream
     * means the host's own fd.
     */
    public LinuxProcess(GuestMemory memory, LinuxAbi abi, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        this.memory = memory;
        this.abi = abi;
        this.io = new GuestIo(memory, abi.bigEndian());
        this.pid = ProcessHandle.current().pid();
        this.threads = new GuestThreads(pid);
        this.ppid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
        this.pgid = pid;
        this.sid = pid;
        this.table = new ProcessTable(pid);
        this.uid = hostId("uid");
        this.gid = hostId("gid");
        this.cwd = Path.of("").toAbsolutePath();
        Arrays.fill(rlimits, RLIM_INFINITY);
        rlimits[2 * RLIMIT_STACK] = abi.addressSpace().stackSize();
        rlimits[2 * RLIMIT_NOFILE] = FdTable.MAX_FDS;
        rlimits[2 * RLIMIT_NOFILE + 1] = FdTable.MAX_FDS;
        // a host fd the caller closed stays closed in the guest (HostStdio): never one the JVM opened
        if (stdin != null || HostStdio.open(0)) fds.put(0, stdin != null ? new StreamFile(stdin) : hostStdio(0), false);
        if (stdout != null || HostStdio.open(1)) fds.put(1, stdout != null ? new StreamFile(stdout) : hostStdio(1), false);
        if (stderr != null || HostStdio.open(2)) fds.put(2, stderr != null ? new StreamFile(stderr) : hostStdio(2), false);
        this.dispatcher = new SyscallDispatcher(this);
        this.delivery = new SignalDelivery(this);
        table.addProcess(this);
    }

    /**
     * A forked child of {@code parent} (fork, vfork, clone without CLONE_VM): its own copy of the address
     * space in {@code memory}, the parent's fds (sharing their open descriptions), cwd, umask, limits,
     * signal dispositions and mask (nothing pending), ids, strace and warning streams. Registered in the
     * parent's {@link ProcessTable} under {@code pid}.
     */
    LinuxProcess(LinuxProcess parent, GuestMemory memory, long pid) {
        this.memory = memory;
        this.abi = parent.abi;
        this.io = new GuestIo(memory, abi.bigEndian());
        this.table = parent.table;
        this.pid = pid;
        this.threads = new GuestThreads(pid);
        this.ppid = parent.pid;
        this.pgid = parent.pgid;
        this.sid = parent.sid;
        this.uid = parent.uid;
        this.gid = parent.gid;
        this.cwd = parent.cwd;
        this.umask = parent.umask;
        System.arraycopy(parent.rlimits, 0, rlimits, 0, rlimits.length);
        fds.copyFrom(parent.fds);
        // the forking thread's mask and alternate stack; the dispositions are the process's
        threads.main().signals().copyDispositionsFrom(parent.signals());
        this.straceOut = parent.straceOut;
        this.warn = parent.warn;
        this.random = parent.random;
        this.exePath = parent.exePath;
        this.image = parent.image;
        this.argv = parent.argv;
        this.envp = parent.envp;
        this.auxv = parent.auxv;
        this.syscallCount = 0;
        this.dispatcher = new SyscallDispatcher(this);
        this.delivery = new SignalDelivery(this);
        table.addProcess(this);
    }

    private static HostFile hostStdio(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        FileChannel ch = fd == 0 ? new FileInputStream(FileDescriptor.in).getChannel()
                : new FileOutputStream(fd == 1 ? FileDescriptor.out : FileDescriptor.err).getChannel();
        boolean tty = false;
        try {
            String target = Files.readSymbolicLink(link).toString();
            tty = target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            // no /proc: treat as not a terminal
        }
        boolean seekable = Files.isRegularFile(link);
        return new HostFile(ch, link, fd == 0 ? OpenFlags.O_RDONLY : OpenFlags.O_WRONLY, tty, seekable, false);
    }

    private static long hostId(String which) {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:" + which)).longValue();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** What {@link #start} set up. */
    public record StartInfo(LoadedImage image, InitialStack.Result stack) {}

    /**
     * Loads {@code elf}, builds the initial stack (argv, envp, auxv with 16 AT_RANDOM bytes from
     * {@link #random()}) and sets the start registers in {@code cpu}.
     */
    public StartInfo start(CpuState cpu, ElfLoader loader, ElfFile elf, List<String> argv, List<String> envp)
            throws ElfLoadException {
        cpu.attachMemory(memory);
        image = loader.load(elf);
        exePath = Path.of(elf.name()).toAbsolutePath().normalize().toString();
        byte[] rnd = new byte[16];
        random.nextBytes(rnd);
        InitialStack.Result stack = new InitialStack(memory, abi).argv(argv).envp(envp).execfn(elf.name())
                .random(rnd).ids(uid, uid, gid, gid).build(image);
        abi.initRegisters(cpu, image.startPc(), stack.stackPointer());
        this.argv = List.copyOf(argv);
        this.envp = List.copyOf(envp);
        this.auxv = ProcFs.auxv(stack.auxv(), abi.bigEndian());
        return new StartInfo(image, stack);
    }

    private static final ThreadLocal<LinuxProcess> CURRENT = new ThreadLocal<>();

    /** The process whose syscall the calling thread is running, or null outside syscalls of a guest task. */
    static LinuxProcess current() {
        return CURRENT.get();
    }

    /** Handles the syscall {@code cpu} stopped at (result stored in the CPU unless the process ended). */
    public void syscall(CpuState cpu) {
        CURRENT.set(this);
        GuestScheduler sched = threads.scheduler();
        if (sched.heldByCurrentThread()) {
            syscallCount++;
            dispatcher.dispatch(cpu);
            return;
        }
        // called outside a CpuLoop (tests, an embedding application): syscalls still run under the lock
        sched.acquire();
        try {
            syscallCount++;
            dispatcher.dispatch(cpu);
        } finally {
            sched.release();
        }
    }

    // ---- termination ----

    /** exit/exit_group. */
    public void exit(int code) {
        if (exit == null) {
            exit = ExitState.exited(code);
            ended();
        }
    }

    /**
     * The process dies of {@code sig}; prints the one stderr line ("jtcg: guest killed by SIGSEGV
     * at pc ...", {@code where} being the text after the signal name, may be empty; null: no line, as for
     * a signal another guest process sent, which the kernel does not report either), except for SIGPIPE.
     */
    public void kill(int sig, String where) {
        if (exit == null) {
            // SIGPIPE ends a writer into `| head` as a matter of course: the kernel and the shell say nothing
            if (where != null && sig != Signals.SIGPIPE) {
                warn.println("jtcg: guest killed by " + Signals.name(sig) + (where.isEmpty() ? "" : " " + where));
            }
            exit = ExitState.killed(sig);
            ended();
        }
    }

    /** A signal the guest sends itself with kill semantics (SI_USER from this process; SIGPIPE on a broken pipe). */
    public void raise(int sig) {
        raise(SigInfo.sent(sig, org.jtcg.core.signal.SigCodes.SI_USER, pid, uid, 0));
    }

    /**
     * A signal raised by the guest at itself (kill/tgkill/tkill/rt_sigqueueinfo, SIGPIPE): discarded when
     * its disposition or default action ignores it; the default action at once when it is not blocked
     * (the guest ends inside the syscall, as before delivery existed); otherwise pending, delivered by
     * {@link SignalDelivery#deliverPending} when the syscall returns or when it is unblocked.
     */
    public void raise(SigInfo info) {
        raise(info, null);
    }

    /**
     * A signal for one thread ({@code target}: tgkill, tkill) or, with a null target, for the process (any
     * thread that does not block it takes it); otherwise as {@link #raise(SigInfo)}.
     */
    public void raise(SigInfo info, GuestThread target) {
        int sig = info.signo();
        SignalState signals = target != null ? target.signals() : signals();
        SignalState.Action a = signals.action(sig);
        // job control acts when the signal is generated, whatever its disposition (Linux's prepare_signal)
        if (sig == Signals.SIGCONT) jobControl.continueSignalGenerated(signals);
        else if (JobControl.isStopSignal(sig)) jobControl.stopSignalGenerated(signals);
        if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
            defaultAction(info, SignalState.Action.DEFAULT);
            return;
        }
        boolean blocked = (signals.blocked() & SignalState.bit(sig)) != 0;
        // Linux's sig_ignored: a blocked signal is never discarded (its disposition may change before it is
        // unblocked, and signalfd reads it); delivery ignores it then if it is still ignored
        if (ignored(sig, a) && !blocked) return;
        if (!blocked && (a.handler() == SignalState.SIG_DFL || !delivery.supported())) {
            defaultAction(info, a);
            return;
        }
        if (target != null) signals.addThreadPending(info);
        else signals.addPending(info);
        KernelWait.wakeAll();  // a blocked thread that does not block it takes it
        if (GuestScheduler.PARALLEL) {
            // a thread running guest code meanwhile takes it at its next block boundary
            if (target != null && target.cpu() != null) target.cpu().requestExit();
            else if (target == null) interrupts.interruptAll();
        }
    }

    /** True when a signal with action {@code a} would be discarded (SIG_IGN, or SIG_DFL whose default ignores). */
    static boolean ignored(int sig, SignalState.Action a) {
        if (a.handler() == SignalState.SIG_IGN) return true;
        Signals.DefaultAction def = Signals.defaultAction(sig);
        // SIGCONT's continuing happens when it is generated (JobControl); its default action is then nothing
        return a.handler() == SignalState.SIG_DFL && (def == Signals.DefaultAction.IGNORE
                || def == Signals.DefaultAction.CONTINUE);
    }

    /** The default action of a self-sent signal: ignore (see {@link #ignored}) or end the guest. */
    void defaultAction(SigInfo info, SignalState.Action a) {
        int sig = info.signo();
        if (ignored(sig, SignalState.Action.DEFAULT) && sig != Signals.SIGKILL) return;
        if (Signals.defaultAction(sig) == Signals.DefaultAction.STOP) {
            jobControl.stop(sig);
            return;
        }
        if (info.code() <= 0 && (info.pid() != pid || pid != table.firstPid()) || info.code() == org.jtcg.core.signal.SigCodes.SI_KERNEL
                && sig == Signals.SIGKILL) {
            kill(sig, null);  // sent to a child process or by another one (or jtcg ending them all): the shell reports it
            return;
        }
        String from = info.code() == org.jtcg.core.signal.SigCodes.SI_KERNEL && sig == Signals.SIGALRM
                ? "(from its ITIMER_REAL timer" : "(sent by the guest itself";
        if (a.handler() != SignalState.SIG_DFL && a.handler() != SignalState.SIG_IGN) {
            kill(sig, String.format("%s; its handler at 0x%x was not run: "
                    + "signal delivery is not implemented for this arch)", from, a.handler()));
            return;
        }
        kill(sig, from + ")");
    }

    /** The guest blocked forever (single-threaded deadlock): ends it with {@link ExitState#DEADLOCK_STATUS}. */
    public void deadlock(String what) {
        if (exit == null) {
            warn.println("jtcg: guest deadlocked: " + what);
            exit = ExitState.deadlocked();
            ended();
        }
    }

    /** After the exit state is set: fds closed (pipe ends seen closed by others), parent told. */
    private void ended() {
        // before the parent can reap it; the first process has no guest parent, so nothing reads its total
        if (pid != table.firstPid()) cpuTime.addCurrentThread();
        fds.closeAll();
        releaseVforkParent();
        table.processEnded(this);  // also wakes this process's threads blocked in KernelWait: they see the end
        interrupts.interruptAll();  // and the ones running guest code (parallel threads) leave it at their next block boundary
        if (threads.scheduler().heldByCurrentThread()) threads.scheduler().signalEnded();
    }

    public boolean exited() { return exit != null; }

    private final ProcessCpuTime cpuTime = new ProcessCpuTime();
    /** CPU time accounting (getrusage, times, wait4's rusage). */
    ProcessCpuTime cpuTime() { return cpuTime; }

    /** Set by {@link ProcessTable#processEnded} (under {@link KernelWait#LOCK}) once the parent has been told. */
    private boolean endReported;
    void markEndReported() { endReported = true; }
    /**
     * Whether a wait may reap this process: it ended and its SIGCHLD was posted (Linux queues SIGCHLD before the
     * zombie becomes waitable, so a parent that reaped it finds the signal pending). Under {@link KernelWait#LOCK}.
     */
    boolean waitable() { return endReported; }
    /** The exit state, or null while running. */
    public ExitState exitState() { return exit; }
    /** jtcg's exit status for the guest's end (exit code, 128+signal, 125 deadlock); -1 while running. */
    public int exitStatus() { return exit == null ? -1 : exit.status(); }

    // ---- state ----

    public GuestMemory memory() { return memory; }
    public LinuxAbi abi() { return abi; }
    public GuestIo io() { return io; }
    public FdTable fds() { return fds; }
    /** The signal state of the calling guest thread (dispositions and the process pending set are shared). */
    public SignalState signals() { return threads.current().signals(); }
    /** The guest thread the calling JVM thread runs (the main thread outside any guest thread). */
    public GuestThread currentThread() { return threads.current(); }
    GuestThreads threads() { return threads; }
    /** How many of the process's guest threads have not exited (1 for a single-threaded guest). */
    public int liveThreadCount() {
        GuestScheduler sched = threads.scheduler();
        boolean held = sched.heldByCurrentThread();
        if (!held) sched.acquire();
        try {
            return threads.live().size();
        } finally {
            if (!held) sched.release();
        }
    }
    /** The execution lock the process's guest threads share. */
    public GuestScheduler scheduler() { return threads.scheduler(); }
    public SignalDelivery signalDelivery() { return delivery; }
    /** The CPUs running this process's guest code, for asynchronous signals (timers, other threads). */
    public SignalInterrupts interrupts() { return interrupts; }
    public SyscallDispatcher dispatcher() { return dispatcher; }
    public LoadedImage image() { return image; }
    public long pid() { return pid; }
    public long ppid() { return ppid; }
    void setPpid(long p) { ppid = p; }
    public long pgid() { synchronized (KernelWait.LOCK) { return pgid; } }
    void setPgid(long g) { synchronized (KernelWait.LOCK) { pgid = g; } }
    public long sid() { synchronized (KernelWait.LOCK) { return sid; } }
    void setSid(long s) { synchronized (KernelWait.LOCK) { sid = s; pgid = s; } }
    /** The table of every guest process and thread of this run. */
    public ProcessTable table() { return table; }

    /** Whether children of this process are reaped without a wait (SIGCHLD set to SIG_IGN, or SA_NOCLDWAIT). */
    boolean ignoresChildren() {
        SignalState.Action a = signals().action(Signals.SIGCHLD);
        return a.handler() == SignalState.SIG_IGN || (a.flags() & SA_NOCLDWAIT) != 0;
    }

    /** sigaction flag: do not turn ended children into zombies. */
    static final long SA_NOCLDWAIT = 2;

    private int exitSignal = Signals.SIGCHLD;
    private boolean vforkHeld;

    /** The signal the parent gets when this process ends (clone's CSIGNAL; 0: none). */
    int exitSignal() { return exitSignal; }
    void setExitSignal(int sig) { exitSignal = sig; }

    /** vfork: the parent waits in {@link #awaitVforkRelease} until this child execs or ends. */
    void holdVforkParent() {
        synchronized (KernelWait.LOCK) { vforkHeld = true; }
    }

    /** This child exec'd or ended: a vfork parent continues. */
    void releaseVforkParent() {
        synchronized (KernelWait.LOCK) {
            vforkHeld = false;
            KernelWait.wakeAll();
        }
    }

    /** Called by the vfork parent; not interruptible by signals (Linux: killable only). */
    void awaitVforkRelease() {
        synchronized (KernelWait.LOCK) {
            while (vforkHeld) {
                try {
                    KernelWait.LOCK.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Threads besides the main one that have not exited (guarded by {@link KernelWait#LOCK}). */
    private int extraThreads;
    private volatile boolean everThreaded;

    /**
     * Whether this process ever had a second thread: its memory is then not recycled when it ends, since a
     * thread may still be leaving translated code of it after the process's end.
     */
    boolean everThreaded() { return everThreaded; }

    /** A clone thread of this process started: one more live task in the table. */
    void threadStarted() {
        synchronized (KernelWait.LOCK) {
            everThreaded = true;
            extraThreads++;
            table.taskStarted();
        }
    }

    /** A clone thread (not the last one) exited. */
    void threadEnded() {
        synchronized (KernelWait.LOCK) {
            if (extraThreads > 0) {
                extraThreads--;
                table.taskEnded();
            }
        }
    }

    /** The process ended: its remaining threads end with it (returns how many tasks that removes). */
    int tasksAtEnd() {
        synchronized (KernelWait.LOCK) {
            int n = 1 + extraThreads;
            extraThreads = 0;
            return n;
        }
    }

    /** Sends {@code info} to this process from another task (thread-safe); it takes effect at the process's next syscall or wait. */
    public void post(SigInfo info) {
        posted.add(info);
        interrupts.interruptAll();  // a thread in guest code without syscalls takes it in at its next block boundary
        KernelWait.wakeAll();
    }

    /** Takes in the signals other tasks posted (called by this process's own thread). */
    public void takePostedSignals() {
        takePostedSignalsOnly();
        if (jobControl.stopped()) jobControl.awaitContinued();  // a stopped process's threads wait here
    }

    /** Takes in posted signals without waiting while stopped ({@link JobControl#awaitContinued} uses it). */
    void takePostedSignalsOnly() {
        for (SigInfo s; exit == null && (s = posted.poll()) != null; ) raise(s);
    }

    private final JobControl jobControl = new JobControl(this);
    /** Stop and continue (job control). */
    JobControl jobControl() { return jobControl; }
    public long uid() { return uid; }
    public long gid() { return gid; }
    public Path cwd() { return cwd; }
    public void setCwd(Path cwd) { this.cwd = cwd; }
    public int umaskValue() { return umask; }
    /** Sets the umask, returning the old one (the umask syscall). */
    public int umask(int mask) { int old = umask; umask = mask; return old; }
    long[] rlimits() { return rlimits; }

    /** The soft RLIMIT_NOFILE as an fd count (RLIM_INFINITY and values past the table: the table's size). */
    private int openFileLimit() {
        long soft = rlimits[2 * RLIMIT_NOFILE];
        return soft < 0 || soft > FdTable.MAX_FDS ? FdTable.MAX_FDS : (int) soft;
    }
    /** The calling thread's clear_child_tid address (set_tid_address). */
    public long clearChildTid() { return threads.current().clearChildTid(); }
    public void setClearChildTid(long addr) { threads.current().setClearChildTid(addr); }
    public long syscallCount() { return syscallCount; }
    /** Sets the syscall count (a process restored from a snapshot continues its predecessor's count). */
    public void setSyscallCount(long n) { syscallCount = n; }
    public String exePath() { return exePath; }
    /** The argv, envp and auxv (as bytes) the running program started with. */
    List<String> argv() { return argv; }
    List<String> envp() { return envp; }
    byte[] auxvBytes() { return auxv.clone(); }
    public void setExePath(String p) { exePath = p; }

    /** --strace output (null: off). */
    public PrintStream straceOut() { return straceOut; }
    public void setStrace(PrintStream out) { straceOut = out; }
    /** Where jtcg's own one-line warnings go (stderr by default). */
    public PrintStream warn() { return warn; }
    public void setWarn(PrintStream w) { warn = w; }
    /** Source of AT_RANDOM and getrandom bytes; set a seeded Random for reproducible runs. */
    public Random random() { return random; }
    public void setRandom(Random r) { random = r; }

    /** uname nodename. */
    String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
        } catch (IOException | RuntimeException e) {
            return "localhost";
        }
    }

    /**
     * Sleeps the guest thread (nanosleep, timed futex/poll waits). An expiring ITIMER_REAL interrupts the
     * sleep with EINTR when its SIGALRM will run a handler (or end the guest); an ignored one does not.
     */
    void sleepNanos(long nanos) {
        long end = System.nanoTime() + nanos;
        try {
            synchronized (KernelWait.LOCK) {
                while (KernelWait.await(this, end, "sleep")) {
                    // woken early by an unrelated change: sleep on until the end
                }
            }
        } catch (SyscallInterruptedException e) {
            throw new SyscallException(Errno.EINTR);
        }
    }

    RealTimer realTimer() { return realTimer; }

    /** Raises SIGALRM when ITIMER_REAL has expired (called after every syscall and while waiting). */
    public void pollTimers() {
        if (realTimer.armed() && realTimer.fire(System.nanoTime())) raise(SigInfo.kernel(Signals.SIGALRM));
    }

    /**
     * A syscall would block forever: waits for a signal instead. Returns true when a deliverable signal is
     * pending (or a signal ended the guest), false when none can ever arrive (a real deadlock).
     */
    boolean waitForSignal() {
        synchronized (KernelWait.LOCK) {
            try {
                for (;;) KernelWait.await(this, Long.MAX_VALUE, "waiting for a signal");
            } catch (SyscallInterruptedException e) {
                return true;
            } catch (GuestDeadlockException e) {
                return false;  // every other guest task is blocked too and no timer is armed
            }
        }
    }
}
