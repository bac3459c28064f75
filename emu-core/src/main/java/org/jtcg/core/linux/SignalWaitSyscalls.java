package org.jtcg.core.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The timer that sends SIGALRM (alarm, setitimer/getitimer ITIMER_REAL) and the syscalls that only
 * wait for a signal (pause, rt_sigsuspend). The waiting itself is done by
 * {@link SyscallDispatcher}: a syscall that would block forever throws
 * {@link GuestDeadlockException}, and the dispatcher turns that into a wait for the timer.
 */
final class SignalWaitSyscalls {
    static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;

    private final LinuxProcess proc;
    private final GuestIo io;

    SignalWaitSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("alarm", a -> alarm(a[0] & 0xffff_ffffL));
        m.put("setitimer", a -> setitimer((int) a[0], a[1], a[2]));
        m.put("getitimer", a -> getitimer((int) a[0], a[1]));
        m.put("pause", a -> { throw new GuestDeadlockException("pause with no signal that could arrive"); });
        m.put("rt_sigsuspend", a -> rtSigsuspend(a[0], a[1]));
    }

    /** alarm: the old timer's remaining seconds, rounded to nearest and at least 1 while armed (as Linux). */
    long alarm(long seconds) {
        RealTimer t = proc.realTimer();
        long now = System.nanoTime();
        long old = t.remaining(now);
        t.set(seconds * 1_000_000_000L, 0, now);
        if (old == 0) return 0;
        long secs = old / 1_000_000_000L, usec = old % 1_000_000_000L / 1000;
        return secs == 0 || usec >= 500_000 ? secs + 1 : secs;
    }

    long setitimer(int which, long value, long oldValue) {
        checkWhich(which);
        long[] nv = null;
        if (value != 0) {
            ByteBuffer b = io.read(value, 32);
            nv = new long[] {timeval(b, 0), timeval(b, 16)};
        }
        if (oldValue != 0) getitimer(which, oldValue);
        if (nv != null) proc.realTimer().set(nv[1], nv[0], System.nanoTime());
        return 0;
    }

    long getitimer(int which, long out) {
        checkWhich(which);
        RealTimer t = proc.realTimer();
        ByteBuffer b = io.struct(32);
        putTimeval(b, 0, t.armed() ? t.interval() : 0);
        putTimeval(b, 16, t.remaining(System.nanoTime()));
        io.write(out, b);
        return 0;
    }

    /** rt_sigsuspend: waits with the given mask; the handler's frame records the old mask, which its return restores. */
    long rtSigsuspend(long mask, long sigsetsize) {
        if (sigsetsize != 8) throw new SyscallException(Errno.EINVAL);
        long m = io.u64(mask);
        SignalState s = proc.signals();
        s.saveMaskForSuspend();
        s.setBlocked(m);
        throw new GuestDeadlockException("rt_sigsuspend with no signal that could arrive");
    }

    private static void checkWhich(int which) {
        // ITIMER_VIRTUAL and ITIMER_PROF count CPU time, which jtcg does not account per guest: refused.
        if (which != ITIMER_REAL) throw new SyscallException(Errno.EINVAL);
    }

    private static long timeval(ByteBuffer b, int off) {
        long sec = b.getLong(off), usec = b.getLong(off + 8);
        if (sec < 0 || usec < 0 || usec >= 1_000_000) throw new SyscallException(Errno.EINVAL);
        return sec * 1_000_000_000L + usec * 1000;
    }

    private static void putTimeval(ByteBuffer b, int off, long nanos) {
        long sec = nanos / 1_000_000_000L, usec = nanos % 1_000_000_000L / 1000;
        if (nanos > 0 && sec == 0 && usec == 0) usec = 1;  // an armed timer never reads as 0
        b.putLong(off, sec);
        b.putLong(off + 8, usec);
    }
}
