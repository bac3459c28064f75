package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
/**
 * The signal state one guest thread sees: the dispositions (rt_sigaction) and the process-directed
 * pending set, both shared by every thread of the process, and the thread's own blocked mask
 * (rt_sigprocmask), thread-directed pending set (tgkill/tkill) and alternate signal stack
 * (sigaltstack), as in Linux. {@link #forNewThread} makes a clone thread's state.
 * {@link SignalDelivery} delivers what is pending and not blocked (see docs/linux-user.md).
 * Callers hold the process's execution lock (see {@link GuestScheduler}).
 */
public final class SignalState {
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    /** One sigaction: handler address (or SIG_DFL/SIG_IGN), sa_flags, sa_restorer, sa_mask. */
    public record Action(long handler, long flags, long restorer, long mask) {
        public static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    /** Dispositions, shared by the threads of the process. */
    private final Action[] actions;
    private long blocked;
    /**
     * Process-directed pending signals by number (a standard signal does not queue: a second one is merged;
     * a real-time one queues), shared by the threads of the process.
     */
    private final SigInfo[] pending;
    /** Further instances of pending real-time signals, in sending order (shared like {@link #pending}). */
    private final RealtimeSignalQueue queued;
    /** Thread-directed pending signals (tgkill, tkill) by number. */
    private final SigInfo[] threadPending = new SigInfo[Signals.NSIG + 1];
    private long altStackSp, altStackSize;
    /** The ss_flags last given to sigaltstack (the kernel's sas_ss_flags: 0 until then). */
    private int altStackFlags;

    public SignalState() {
        this(new Action[Signals.NSIG + 1], new SigInfo[Signals.NSIG + 1], new RealtimeSignalQueue());
        java.util.Arrays.fill(actions, Action.DEFAULT);
    }

    private SignalState(Action[] actions, SigInfo[] processPending, RealtimeSignalQueue queued) {
        this.actions = actions;
        this.pending = processPending;
        this.queued = queued;
    }

    /**
     * The state of a thread this one creates with clone: same dispositions and process pending set,
     * the same blocked mask, no thread-directed pending signal and no alternate stack (Linux resets
     * it for CLONE_VM children).
     */
    SignalState forNewThread() {
        SignalState s = new SignalState(actions, pending, queued);
        s.blocked = blocked;
        return s;
    }

    public Action action(int sig) {
        return actions[sig];
    }

    public void setAction(int sig, Action a) {
        actions[sig] = a;
    }

    public long blocked() {
        return blocked;
    }

    /** SIGKILL and SIGSTOP cannot be blocked. */
    public void setBlocked(long mask) {
        blocked = mask & ~((1L << (Signals.SIGKILL - 1)) | (1L << (Signals.SIGSTOP - 1)));
    }

    /**
     * Marks {@code info.signo()} pending for the process (merged with an already pending instance, as
     * Linux does for signals below SIGRTMIN); any thread that does not block it takes it.
     */
    public void addPending(SigInfo info) {
        if (pending[info.signo()] == null) pending[info.signo()] = info;
        else if (RealtimeSignalQueue.queues(info.signo())) queued.add(info);  // real-time signals queue
    }

    /** Marks {@code info.signo()} pending for this thread only (tgkill, tkill). */
    public void addThreadPending(SigInfo info) {
        if (threadPending[info.signo()] == null) threadPending[info.signo()] = info;
    }

    /** The pending set this thread sees (its own and the process's) as a sigset word (bit n-1 for signal n). */
    public long pendingMask() {
        long m = 0;
        for (int s = 1; s <= Signals.NSIG; s++) if (pending[s] != null || threadPending[s] != null) m |= 1L << (s - 1);
        return m;
    }

    /** True when some pending signal is not blocked. */
    public boolean hasDeliverable() {
        return (pendingMask() & ~blocked) != 0;
    }

    /** Removes and returns the lowest-numbered pending, unblocked signal (Linux's order for non-fault signals), or null. */
    public SigInfo takeDeliverable() {
        return takePending(~blocked);
    }

    /** Removes and returns the lowest-numbered pending signal in {@code mask} (thread-directed first), or null (signalfd reads). */
    public SigInfo takePending(long mask) {
        long m = pendingMask() & mask;
        if (m == 0) return null;
        int s = Long.numberOfTrailingZeros(m) + 1;
        SigInfo i = threadPending[s];
        if (i != null) {
            threadPending[s] = null;
            return i;
        }
        i = pending[s];
        pending[s] = queued.next(s);
        return i;
    }

    /** Drops a pending signal from the process set and this thread's own set (its disposition became SIG_IGN). */
    public void discardPending(int sig) {
        pending[sig] = null;
        threadPending[sig] = null;
        queued.clear(sig);
    }

    public static long bit(int sig) {
        return 1L << (sig - 1);
    }

    private long suspendMask;
    private boolean suspendMaskSaved;

    /** rt_sigsuspend: remembers the current mask, for the next handler frame's uc_sigmask. */
    void saveMaskForSuspend() {
        suspendMask = blocked;
        suspendMaskSaved = true;
    }

    /**
     * The mask a handler's frame records (and rt_sigreturn restores): the mask saved by rt_sigsuspend when
     * there is one (consumed), else the current one.
     */
    long takeMaskForFrame() {
        if (!suspendMaskSaved) return blocked;
        suspendMaskSaved = false;
        return suspendMask;
    }

    /** Puts back the mask rt_sigsuspend replaced, when no handler consumed it. */
    void restoreSuspendMask() {
        if (suspendMaskSaved) {
            suspendMaskSaved = false;
            setBlocked(suspendMask);
        }
    }

    public long altStackSp() { return altStackSp; }
    public long altStackSize() { return altStackSize; }
    public int altStackFlags() { return altStackFlags; }

    public void setAltStack(long sp, long size, int flags) {
        altStackSp = sp;
        altStackSize = size;
        altStackFlags = flags;
    }

    // ---- process model (fork, execve) ----

    /** fork: the child inherits dispositions, the blocked mask and the alternate stack; nothing is pending. */
    void copyDispositionsFrom(SignalState parent) {
        System.arraycopy(parent.actions, 0, actions, 0, actions.length);
        blocked = parent.blocked;
        altStackSp = parent.altStackSp;
        altStackSize = parent.altStackSize;
        altStackFlags = parent.altStackFlags;
    }

    /** execve: handled signals go back to SIG_DFL (ignored ones stay ignored); mask and pending stay; no alternate stack. */
    void resetForExec() {
        for (int s = 1; s < actions.length; s++) {
            if (actions[s].handler() != SIG_IGN) actions[s] = Action.DEFAULT;
        }
        altStackSp = 0;
        altStackSize = 0;
        altStackFlags = 0;  // as a fresh process: no alternate stack set
    }
}
