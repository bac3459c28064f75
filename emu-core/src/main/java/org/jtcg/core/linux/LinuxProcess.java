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
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One guest Linux process in user mode: its memory and ABI, fd table, cwd, umask, resource
 * limits, signal state, exit state, strace switch, and the {@link SyscallDispatcher}.
 * Single-threaded: one guest thread whose tid is the pid.
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
    private final SignalState signals = new SignalState();
    private final SignalInterrupts interrupts = new SignalInterrupts();
    private final RealTimer realTimer = new RealTimer(interrupts);
    private final long[] rlimits = new long[2 * RLIM_NLIMITS];
    private final SyscallDispatcher dispatcher;
    private final SignalDelivery delivery;
    private final long pid, ppid;
    private final long uid, gid;
    private Path cwd;
    private int umask = 022;
    private ExitState exit;
    private PrintStream straceOut;
    private PrintStream warn = System.err;
    private Random random = new SecureRandom();
    private String exePath = "";
    private long clearChildTid;
    private long syscallCount;
    private LoadedImage image;

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
        this.ppid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L);
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
        return new StartInfo(image, stack);
    }

    /** Handles the syscall {@code cpu} stopped at (result stored in the CPU unless the process ended). */
    public void syscall(CpuState cpu) {
        syscallCount++;
        dispatcher.dispatch(cpu);
    }

    // ---- termination ----

    /** exit/exit_group. */
    public void exit(int code) {
        if (exit == null) {
            exit = ExitState.exited(code);
            fds.closeAll();
        }
    }

    /**
     * The process dies of {@code sig}; prints the one stderr line ("jtcg: guest killed by SIGSEGV
     * at pc ...", {@code where} being the text after the signal name, may be empty), except for SIGPIPE.
     */
    public void kill(int sig, String where) {
        if (exit == null) {
            // SIGPIPE ends a writer into `| head` as a matter of course: the kernel and the shell say nothing
            if (sig != Signals.SIGPIPE) warn.println("jtcg: guest killed by " + Signals.name(sig) + (where == null || where.isEmpty() ? "" : " " + where));
            exit = ExitState.killed(sig);
            fds.closeAll();
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
        int sig = info.signo();
        SignalState.Action a = signals.action(sig);
        if (sig == Signals.SIGKILL || sig == Signals.SIGSTOP) {
            defaultAction(info, SignalState.Action.DEFAULT);
            return;
        }
        if (ignored(sig, a)) return;
        boolean blocked = (signals.blocked() & SignalState.bit(sig)) != 0;
        if (!blocked && (a.handler() == SignalState.SIG_DFL || !delivery.supported())) {
            defaultAction(info, a);
            return;
        }
        signals.addPending(info);
    }

    /** True when a signal with action {@code a} would be discarded (SIG_IGN, or SIG_DFL whose default ignores). */
    static boolean ignored(int sig, SignalState.Action a) {
        if (a.handler() == SignalState.SIG_IGN) return true;
        Signals.DefaultAction def = Signals.defaultAction(sig);
        // stop/continue are not modelled: nothing else could continue us
        return a.handler() == SignalState.SIG_DFL && (def == Signals.DefaultAction.IGNORE
                || def == Signals.DefaultAction.CONTINUE || def == Signals.DefaultAction.STOP);
    }

    /** The default action of a self-sent signal: ignore (see {@link #ignored}) or end the guest. */
    void defaultAction(SigInfo info, SignalState.Action a) {
        int sig = info.signo();
        if (ignored(sig, SignalState.Action.DEFAULT) && sig != Signals.SIGKILL) return;
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
            fds.closeAll();
        }
    }

    public boolean exited() { return exit != null; }
    /** The exit state, or null while running. */
    public ExitState exitState() { return exit; }
    /** jtcg's exit status for the guest's end (exit code, 128+signal, 125 deadlock); -1 while running. */
    public int exitStatus() { return exit == null ? -1 : exit.status(); }

    // ---- state ----

    public GuestMemory memory() { return memory; }
    public LinuxAbi abi() { return abi; }
    public GuestIo io() { return io; }
    public FdTable fds() { return fds; }
    public SignalState signals() { return signals; }
    public SignalDelivery signalDelivery() { return delivery; }
    /** The CPUs running this process's guest code, for asynchronous signals (timers, other threads). */
    public SignalInterrupts interrupts() { return interrupts; }
    public SyscallDispatcher dispatcher() { return dispatcher; }
    public LoadedImage image() { return image; }
    public long pid() { return pid; }
    public long ppid() { return ppid; }
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
    public long clearChildTid() { return clearChildTid; }
    public void setClearChildTid(long addr) { clearChildTid = addr; }
    public long syscallCount() { return syscallCount; }
    /** Sets the syscall count (a process restored from a snapshot continues its predecessor's count). */
    public void setSyscallCount(long n) { syscallCount = n; }
    public String exePath() { return exePath; }
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
        for (;;) {
            long now = System.nanoTime();
            long until = realTimer.armed() && realTimer.deadline() - end < 0 ? realTimer.deadline() : end;
            if (until - now > 0) hostSleep(until - now);
            pollTimers();
            if (exited() || signals.hasDeliverable()) throw new SyscallException(Errno.EINTR);
            if (System.nanoTime() - end >= 0) return;
        }
    }

    private static void hostSleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        for (;;) {
            if (exited() || signals.hasDeliverable()) return true;
            if (!realTimer.armed()) return false;
            long wait = realTimer.deadline() - System.nanoTime();
            if (wait > 0) hostSleep(wait);
            pollTimers();
        }
    }
}
