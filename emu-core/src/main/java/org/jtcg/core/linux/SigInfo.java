package org.jtcg.core.linux;

import org.jtcg.core.signal.SigCodes;
import org.jtcg.core.signal.Signals;

/**
 * One pending signal's siginfo: what the handler reads through SA_SIGINFO. The 128-byte
 * {@code siginfo_t} has the same layout on x86-64, arm64 and s390x (si_signo, si_errno, si_code,
 * then a union at offset 16), only the byte order differs; {@link #writeTo} lays it out.
 */
public record SigInfo(int signo, int code, long pid, long uid, long address, long value) {
    public static final int SIZE = 128;

    /** A hardware fault (the engines' SIGNAL exits): si_addr is the fault address. */
    public static SigInfo fault(int signo, int code, long address) {
        return new SigInfo(signo, code, 0, 0, address, 0);
    }

    /** Sent by a process with kill (SI_USER), tkill/tgkill (SI_TKILL) or rt_sigqueueinfo (the caller's code). */
    public static SigInfo sent(int signo, int code, long pid, long uid, long value) {
        return new SigInfo(signo, code, pid, uid, 0, value);
    }

    /** Sent by the kernel itself (SIGALRM from the real timer uses SI_KERNEL on Linux's alarm path). */
    public static SigInfo kernel(int signo) {
        return new SigInfo(signo, SigCodes.SI_KERNEL, 0, 0, 0, 0);
    }

    /** CLD_* si_codes of SIGCHLD. */
    public static final int CLD_EXITED = 1, CLD_KILLED = 2;

    /** SIGCHLD for a child that ended: si_pid, si_uid, and si_status (kept in {@code value}) as waitid reports them. */
    public static SigInfo child(long pid, long uid, ExitState end) {
        boolean killed = end.signal() != 0;
        return new SigInfo(Signals.SIGCHLD, killed ? CLD_KILLED : CLD_EXITED, pid, uid, 0,
                killed ? end.signal() : end.deadlock() ? ExitState.DEADLOCK_STATUS : end.code());
    }

    private boolean isFault() {
        return code > 0 && code != SigCodes.SI_KERNEL && (signo == Signals.SIGSEGV || signo == Signals.SIGBUS
                || signo == Signals.SIGILL || signo == Signals.SIGFPE || signo == Signals.SIGTRAP);
    }

    /** Writes the siginfo_t at {@code addr} (zero-filled first, as the kernel clears it). */
    void writeTo(GuestIo io, long addr) {
        io.putBytes(addr, new byte[SIZE], 0, SIZE);
        io.put32(addr, signo);
        io.put32(addr + 8, code);
        if (isFault() || address != 0) {
            // a hardware fault; also one with si_code 0 (s390's data exception with a non-IEEE DXC: Linux's
            // force_sig_fault stores si_addr, and the union is copied out as it is)
            io.put64(addr + 16, address);
        } else if (code <= 0) {  // _kill / _rt: si_pid, si_uid, si_value
            io.put32(addr + 16, pid);
            io.put32(addr + 20, uid);
            if (code == SigCodes.SI_QUEUE) io.put64(addr + 24, value);
        } else if (signo == Signals.SIGCHLD) {  // _sigchld: si_pid, si_uid, si_status (utime, stime: 0)
            io.put32(addr + 16, pid);
            io.put32(addr + 20, uid);
            io.put32(addr + 24, value);
        }
    }
}
