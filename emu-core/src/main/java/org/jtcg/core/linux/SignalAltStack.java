package org.jtcg.core.linux;

import java.nio.ByteBuffer;

/**
 * The alternate signal stack rules of Linux's kernel/signal.c, which depend on the caller's stack pointer:
 * sigaltstack(2) (the old stack's flags say SS_ONSTACK while running on it, SS_DISABLE when none is set; it
 * cannot be changed from on it: EPERM), the stack choice for SA_ONSTACK, SS_AUTODISARM, and rt_sigreturn's
 * restore_altstack (the uc_stack of the frame is set again, errors ignored). The stored ss_flags are what
 * a frame's uc_stack records (0 for a process that never called sigaltstack, as in the kernel).
 */
final class SignalAltStack {
    static final int SS_AUTODISARM = 1 << 31;

    private SignalAltStack() {}

    /** sigaltstack(ss, old_ss) called with stack pointer {@code sp}. */
    static long sigaltstack(LinuxProcess proc, long sp, long ss, long oldSs, int minSize) {
        SignalState s = proc.signals();
        GuestIo io = proc.io();
        ByteBuffer old = io.struct(24);
        old.putLong(0, s.altStackSp());
        old.putInt(8, reportedFlags(s, sp));
        old.putLong(16, s.altStackSize());
        if (ss != 0) {
            ByteBuffer b = io.read(ss, 24);
            set(s, sp, b.getLong(0), b.getInt(8), b.getLong(16), minSize);
        }
        if (oldSs != 0) io.write(oldSs, old);
        return 0;
    }

    /** do_sigaltstack's update: EPERM on the stack, EINVAL for an unknown mode, ENOMEM below {@code minSize}. */
    static void set(SignalState s, long sp, long ssSp, int flags, long size, int minSize) {
        if (onStack(s, sp)) throw new SyscallException(Errno.EPERM);
        int mode = flags & ~SS_AUTODISARM;
        if (mode != SignalState.SS_DISABLE && mode != SignalState.SS_ONSTACK && mode != 0) {
            throw new SyscallException(Errno.EINVAL);
        }
        if (s.altStackSp() == ssSp && s.altStackSize() == size && s.altStackFlags() == flags) return;
        if (mode == SignalState.SS_DISABLE) {
            ssSp = 0;
            size = 0;
        } else if (size < minSize) {
            throw new SyscallException(Errno.ENOMEM);
        }
        s.setAltStack(ssSp, size, flags);
    }

    /** on_sig_stack: {@code sp} is inside the alternate stack (never while SS_AUTODISARM is set). */
    static boolean onStack(SignalState s, long sp) {
        if ((s.altStackFlags() & SS_AUTODISARM) != 0 || s.altStackSize() == 0) return false;
        long base = s.altStackSp();
        return Long.compareUnsigned(sp, base) > 0 && Long.compareUnsigned(sp - base, s.altStackSize()) <= 0;
    }

    /** The kernel's sas_ss_flags: SS_DISABLE without a stack, else SS_ONSTACK when on it, else 0 (SA_ONSTACK may switch). */
    static int state(SignalState s, long sp) {
        if (s.altStackSize() == 0) return SignalState.SS_DISABLE;
        return onStack(s, sp) ? SignalState.SS_ONSTACK : 0;
    }

    /** The ss_flags sigaltstack reports: {@link #state} plus SS_AUTODISARM when set. */
    static int reportedFlags(SignalState s, long sp) {
        return state(s, sp) | (s.altStackFlags() & SS_AUTODISARM);
    }
}
