package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;
/**
 * Signal dispositions (rt_sigaction), the blocked mask (rt_sigprocmask) and the alternate signal
 * stack (sigaltstack) of the guest. Recorded faithfully so the guest reads back what it set;
 * handlers are not invoked yet (delivery applies the default action, see docs/linux-user.md).
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
    private long altStackSp, altStackSize;
    private int altStackFlags = SS_DISABLE;

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

    public long altStackSp() { return altStackSp; }
    public long altStackSize() { return altStackSize; }
    public int altStackFlags() { return altStackFlags; }

    public void setAltStack(long sp, long size, int flags) {
        altStackSp = sp;
        altStackSize = size;
        altStackFlags = flags;
    }
}
