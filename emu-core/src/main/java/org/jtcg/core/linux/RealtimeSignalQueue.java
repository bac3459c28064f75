package org.jtcg.core.linux;

import org.jtcg.core.signal.Signals;

import java.util.ArrayDeque;

/**
 * The queued instances of real-time signals (32 and up) behind the one a pending set holds per number:
 * unlike a standard signal, each rt_sigqueueinfo/kill of a real-time signal is kept, with its own
 * siginfo, and delivered in sending order (Linux: sigqueue entries on the pending list). The per-number
 * slot of the pending set is the head; this holds the rest. No RLIMIT_SIGPENDING limit is applied.
 */
final class RealtimeSignalQueue {
    static final int SIGRTMIN_KERNEL = 32;

    @SuppressWarnings("unchecked")
    private final ArrayDeque<SigInfo>[] behind = new ArrayDeque[Signals.NSIG + 1];

    static boolean queues(int sig) {
        return sig >= SIGRTMIN_KERNEL;
    }

    /** Keeps {@code info} behind the instance already pending. */
    void add(SigInfo info) {
        int s = info.signo();
        if (behind[s] == null) behind[s] = new ArrayDeque<>();
        behind[s].addLast(info);
    }

    /** The next queued instance of {@code sig} (the new head of the pending slot), or null. */
    SigInfo next(int sig) {
        ArrayDeque<SigInfo> q = behind[sig];
        return q == null ? null : q.pollFirst();
    }

    void clear(int sig) {
        behind[sig] = null;
    }
}
