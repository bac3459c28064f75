package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
/**
 * Signal dispositions (rt_sigaction), the blocked mask (rt_sigprocmask), the pending signals and
 * the alternate signal stack (sigaltstack) of the guest. Dispositions are per process; the blocked
 * mask, the pending set and the alternate stack are per thread in Linux and are kept together here
 * for the one guest thread, so a later thread model can move them into a per-thread object.
 * {@link SignalDelivery} delivers what is pending and not blocked (see docs/linux-user.md).
 */
public final class SignalState {
    public static final long SIG_DFL = 0, SIG_IGN = 1;
    public static final int SS_ONSTACK = 1, SS_DISABLE = 2;

    /** One sigaction: handler address (or SIG_DFL/SIG_IGN), sa_flags, sa_restorer, sa_mask. */
    public record Action(long handler, long flags, long restorer, long mask) {
        public static final Action DEFAULT = new Action(SIG_DFL, 0, 0, 0);
    }

    private final Action[] actions = new Action[Signals.NSIG + 1];
    private long blocked;
    /** Pending signals by number (a standard signal does not queue: a second one is merged; a real-time one queues). */
    private final SigInfo[] pending = new SigInfo[Signals.NSIG + 1];
    /** Further instances of pending real-time signals, in sending order. */
    private final RealtimeSignalQueue queued = new RealtimeSignalQueue();
    private long altStackSp, altStackSize;
    /** The ss_flags last given to sigaltstack (the kernel's sas_ss_flags: 0 until then). */
    private int altStackFlags;

    public SignalState() {
        java.util.Arrays.fill(actions, Action.DEFAULT);
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

    /** Marks {@code info.signo()} pending (merged with an already pending instance, as Linux does for signals below SIGRTMIN). */
    public void addPending(SigInfo info) {
        if (pending[info.signo()] == null) pending[info.signo()] = info;
        else if (RealtimeSignalQueue.queues(info.signo())) queued.add(info);  // real-time signals queue
    }

    /** The pending set as a sigset word (bit n-1 for signal n). */
    public long pendingMask() {
        long m = 0;
        for (int s = 1; s <= Signals.NSIG; s++) if (pending[s] != null) m |= 1L << (s - 1);
        return m;
    }

    /** True when some pending signal is not blocked. */
    public boolean hasDeliverable() {
        return (pendingMask() & ~blocked) != 0;
    }

    /** Removes and returns the lowest-numbered pending, unblocked signal (Linux's order for non-fault signals), or null. */
    public SigInfo takeDeliverable() {
        long m = pendingMask() & ~blocked;
        if (m == 0) return null;
        int s = Long.numberOfTrailingZeros(m) + 1;
        SigInfo i = pending[s];
        pending[s] = queued.next(s);
        return i;
    }

    /** Drops a pending signal (its disposition became SIG_IGN). */
    public void discardPending(int sig) {
        pending[sig] = null;
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
}
