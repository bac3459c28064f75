package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;
import org.junit.jupiter.api.Test;

import static org.jtcg.core.linux.SyscallFixture.SCRATCH;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The arch-neutral signal bookkeeping (TestAbi has no frame layout, so handlers cannot run here; the
 * x86-64 guest programs sig*.c test delivery): pending vs blocked, rt_sigpending, SIG_IGN discarding,
 * rt_sigqueueinfo checks, alarm/setitimer arithmetic, pause waiting for SIGALRM.
 */
class SignalStateSyscallsTest {
    final SyscallFixture f = new SyscallFixture();
    final long act = SCRATCH + 0x1000, set = SCRATCH + 0x2000, info = SCRATCH + 0x3000, it = SCRATCH + 0x4000;

    private long action(long handler) {
        f.mem.store(act, 8, handler, false);
        for (int i = 8; i < 32; i += 8) f.mem.store(act + i, 8, 0, false);
        return act;
    }

    private long sigset(int... sigs) {
        long m = 0;
        for (int s : sigs) m |= SignalState.bit(s);
        f.mem.store(set, 8, m, false);
        return set;
    }

    @Test
    void blockedSignalStaysPendingAndDefaultActionRunsOnUnblock() {
        assertEquals(0, f.call("rt_sigprocmask", ProcessSyscalls.SIG_BLOCK, sigset(Signals.SIGUSR1), 0, 8));
        assertEquals(0, f.call("kill", f.proc.pid(), Signals.SIGUSR1));
        assertFalse(f.proc.exited(), "blocked: pending, not acted on");
        assertEquals(0, f.call("rt_sigpending", set, 8));
        assertEquals(SignalState.bit(Signals.SIGUSR1), f.u64(set));
        assertEquals(0, f.call("rt_sigprocmask", ProcessSyscalls.SIG_UNBLOCK, sigset(Signals.SIGUSR1), 0, 8));
        f.proc.signalDelivery().deliverPending(f.cpu);
        assertTrue(f.proc.exited());
        assertEquals(128 + Signals.SIGUSR1, f.proc.exitStatus());
        assertTrue(f.warnings.toString().contains("guest killed by SIGUSR1 (sent by the guest itself)"), f.warnings.toString());
    }

    @Test
    void settingSigIgnDiscardsAPendingSignal() {
        f.call("rt_sigprocmask", ProcessSyscalls.SIG_BLOCK, sigset(Signals.SIGTERM), 0, 8);
        f.call("tgkill", f.proc.pid(), f.proc.pid(), Signals.SIGTERM);
        assertEquals(SignalState.bit(Signals.SIGTERM), f.proc.signals().pendingMask());
        assertEquals(0, f.call("rt_sigaction", Signals.SIGTERM, action(SignalState.SIG_IGN), 0, 8));
        assertEquals(0, f.proc.signals().pendingMask());
        f.call("rt_sigprocmask", ProcessSyscalls.SIG_UNBLOCK, sigset(Signals.SIGTERM), 0, 8);
        f.proc.signalDelivery().deliverPending(f.cpu);
        assertFalse(f.proc.exited());
    }

    @Test
    void rtSigqueueinfoKeepsTheCallersCodeAndRefusesKernelCodes() {
        f.call("rt_sigprocmask", ProcessSyscalls.SIG_BLOCK, sigset(Signals.SIGUSR2), 0, 8);
        for (int i = 0; i < 128; i += 8) f.mem.store(info + i, 8, 0, false);
        f.mem.store(info + 8, 4, SigCodes.SI_USER, false);
        assertEquals(-Errno.EPERM, f.call("rt_sigqueueinfo", f.proc.pid(), Signals.SIGUSR2, info), "si_code >= 0 is the kernel's");
        f.mem.store(info + 8, 4, SigCodes.SI_QUEUE & 0xffffffffL, false);
        f.mem.store(info + 24, 8, 77, false);
        assertEquals(-Errno.ESRCH, f.call("rt_sigqueueinfo", f.proc.pid() + 1, Signals.SIGUSR2, info));
        assertEquals(0, f.call("rt_sigqueueinfo", f.proc.pid(), Signals.SIGUSR2, info));
        SigInfo got = f.proc.signals().takeDeliverable();
        assertNull(got, "still blocked");
        f.proc.signals().setBlocked(0);
        got = f.proc.signals().takeDeliverable();
        assertEquals(SigCodes.SI_QUEUE, got.code());
        assertEquals(77, got.value());
    }

    @Test
    void alarmReportsTheOldTimerRoundedAndSetitimerRoundTrips() {
        assertEquals(0, f.call("alarm", 100));
        assertEquals(100, f.call("alarm", 0), "99.99.. s left rounds to 100");
        for (int i = 0; i < 32; i += 8) f.mem.store(it + i, 8, 0, false);
        f.mem.store(it + 8, 8, 250_000, false);        // it_interval = 0.25 s
        f.mem.store(it + 16, 8, 3, false);             // it_value = 3 s
        assertEquals(0, f.call("setitimer", SignalWaitSyscalls.ITIMER_REAL, it, 0));
        assertEquals(0, f.call("getitimer", SignalWaitSyscalls.ITIMER_REAL, it));
        assertEquals(250_000, f.u64(it + 8));
        assertTrue(f.u64(it + 16) == 2 || f.u64(it + 16) == 3, "about 3 s left");
        assertEquals(3, f.call("alarm", 0));
        assertEquals(-Errno.EINVAL, f.call("setitimer", SignalWaitSyscalls.ITIMER_VIRTUAL, it, 0));
        f.mem.store(it + 24, 8, 1_000_000, false);
        assertEquals(-Errno.EINVAL, f.call("setitimer", SignalWaitSyscalls.ITIMER_REAL, it, 0), "tv_usec out of range");
    }

    @Test
    void pauseWithoutATimerIsADeadlockAndWithOneEndsByTheAlarm() {
        f.call("pause");
        assertEquals(ExitState.DEADLOCK_STATUS, f.proc.exitStatus());

        SyscallFixture g = new SyscallFixture();
        for (int i = 0; i < 32; i += 8) g.mem.store(it + i, 8, 0, false);
        g.mem.store(it + 24, 8, 10_000, false);  // it_value = 10 ms, no interval
        assertEquals(0, g.call("setitimer", SignalWaitSyscalls.ITIMER_REAL, it, 0));
        g.call("pause");
        assertEquals(128 + Signals.SIGALRM, g.proc.exitStatus(), "SIGALRM's default action ends the guest");
        assertTrue(g.warnings.toString().contains("SIGALRM (from its ITIMER_REAL timer)"), g.warnings.toString());
    }

    @Test
    void nanosleepIsCutShortByAnAlarmThatIsNotIgnoredOnly() {
        f.call("rt_sigaction", Signals.SIGALRM, action(SignalState.SIG_IGN), 0, 8);
        for (int i = 0; i < 32; i += 8) f.mem.store(it + i, 8, 0, false);
        f.mem.store(it + 24, 8, 5_000, false);
        f.call("setitimer", SignalWaitSyscalls.ITIMER_REAL, it, 0);
        f.mem.store(set, 8, 0, false);
        f.mem.store(set + 8, 8, 30_000_000, false);
        assertEquals(0, f.call("nanosleep", set, 0), "an ignored SIGALRM does not interrupt");
        assertFalse(f.proc.exited());
    }
}
