package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;

/**
 * Stopping and continuing one guest process, and what its parent's wait sees of it. A stop signal whose action
 * is the default one (SIGSTOP always; SIGTSTP, SIGTTIN, SIGTTOU when not handled or ignored) stops the whole
 * process: its threads stop at their next safe point (a syscall return, a block boundary, or a
 * {@link KernelWait} wait) in {@link #awaitContinued} until SIGCONT or a fatal signal arrives. SIGCONT continues
 * it whatever SIGCONT's disposition (a handler then runs). Generating a stop signal discards a pending SIGCONT
 * and the other way round, as Linux does. Each change is reported once to a wait with WUNTRACED/WSTOPPED or
 * WCONTINUED, and to the parent as SIGCHLD with CLD_STOPPED/CLD_CONTINUED unless its SIGCHLD action has
 * SA_NOCLDSTOP. State is guarded by {@link KernelWait#LOCK}.
 */
final class JobControl {
    static final long SA_NOCLDSTOP = 1;
    static final int CLD_STOPPED = 5, CLD_CONTINUED = 6;
    private static final int[] STOP_SIGNALS = {Signals.SIGSTOP, Signals.SIGTSTP, Signals.SIGTTIN, Signals.SIGTTOU};

    private final LinuxProcess proc;
    private boolean stopped;
    /** The stop signal a wait has not reported yet (0: none). */
    private int stopToReport;
    private boolean continueToReport;

    JobControl(LinuxProcess proc) {
        this.proc = proc;
    }

    static boolean isStopSignal(int sig) {
        for (int s : STOP_SIGNALS) if (s == sig) return true;
        return false;
    }

    boolean stopped() {
        synchronized (KernelWait.LOCK) {
            return stopped;
        }
    }

    /** A stop signal was generated for the process: a pending SIGCONT goes (called on the process's thread). */
    void stopSignalGenerated(SignalState s) {
        s.discardPending(Signals.SIGCONT);
    }

    /** SIGCONT was generated: pending stop signals go and a stopped process continues (on the process's thread). */
    void continueSignalGenerated(SignalState s) {
        for (int sig : STOP_SIGNALS) s.discardPending(sig);
        synchronized (KernelWait.LOCK) {
            if (!stopped) return;
            stopped = false;
            stopToReport = 0;
            continueToReport = true;
            KernelWait.wakeAll();
        }
        tellParent(CLD_CONTINUED, Signals.SIGCONT);
    }

    /** The default action of stop signal {@code sig}: the process stops (its threads block in {@link #awaitContinued}). */
    void stop(int sig) {
        // The first process has no guest parent that could continue it (jtcg does not stop its own JVM): it goes on.
        if (proc.pid() == proc.table().firstPid()) return;
        synchronized (KernelWait.LOCK) {
            if (stopped || proc.exited()) return;
            stopped = true;
            stopToReport = sig;
            continueToReport = false;
            KernelWait.wakeAll();   // a parent in wait4(WUNTRACED) looks again
        }
        proc.interrupts().interruptAll();   // the process's other threads reach a safe point and stop
        tellParent(CLD_STOPPED, sig);
    }

    private void tellParent(int code, int status) {
        LinuxProcess parent = proc.table().process(proc.ppid());
        if (parent == null || parent.exited() || parent == proc) return;
        if ((parent.signals().action(Signals.SIGCHLD).flags() & SA_NOCLDSTOP) != 0) return;
        parent.post(new SigInfo(Signals.SIGCHLD, code, proc.pid(), proc.uid(), 0, status));
    }

    /**
     * Blocks the calling thread of this process while it is stopped, taking in the signals other tasks post: SIGCONT
     * continues it, a fatal one ends it. The caller may hold {@link KernelWait#LOCK} (waiting releases it).
     */
    void awaitContinued() {
        synchronized (KernelWait.LOCK) {
            while (stopped && !proc.exited()) {
                proc.takePostedSignalsOnly();
                if (!stopped || proc.exited()) break;
                try {
                    KernelWait.LOCK.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // jtcg is ending this task
                    return;
                }
            }
        }
    }

    /** wait's WUNTRACED/WSTOPPED: the unreported stop signal (0: none), consumed unless {@code keep}. */
    int takeStopReport(boolean keep) {
        int s = stopToReport;
        if (!keep) stopToReport = 0;
        return s;
    }

    /** wait's WCONTINUED: whether a continue is unreported, consumed unless {@code keep}. */
    boolean takeContinueReport(boolean keep) {
        boolean c = continueToReport;
        if (!keep) continueToReport = false;
        return c;
    }
}
