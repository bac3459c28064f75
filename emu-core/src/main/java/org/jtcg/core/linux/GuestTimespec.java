package org.jtcg.core.linux;

import java.nio.ByteBuffer;

/**
 * A guest {@code struct timespec} (two 64-bit fields, tv_sec then tv_nsec, on every 64-bit guest) read as
 * nanoseconds, with the checks Linux makes on a timeout or sleep: a negative field or tv_nsec of a second or
 * more is EINVAL. Every syscall that takes a timespec duration reads it here, so they agree on the checks
 * and on the saturation below.
 */
final class GuestTimespec {
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    /**
     * Where a duration saturates: about 73 years, so long that it means "forever" to any guest, and small
     * enough that adding a clock reading or subtracting one (deadlines, absolute timeouts) cannot overflow.
     */
    static final long SATURATED = Long.MAX_VALUE / 4;

    private GuestTimespec() {
    }

    /** tv_sec and tv_nsec as nanoseconds; EINVAL when out of range. */
    static long toNanos(long sec, long nsec) {
        if (sec < 0 || nsec < 0 || nsec >= NANOS_PER_SECOND) throw new SyscallException(Errno.EINVAL);
        return sec >= SATURATED / NANOS_PER_SECOND ? SATURATED : sec * NANOS_PER_SECOND + nsec;
    }

    /** The timespec at byte {@code at} of an already-read struct. */
    static long read(ByteBuffer b, int at) {
        return toNanos(b.getLong(at), b.getLong(at + 8));
    }

    /** The timespec at guest address {@code addr} (EFAULT if unreadable). */
    static long read(GuestIo io, long addr) {
        return read(io.read(addr, 16), 0);
    }

    /** A timeout argument: NULL is infinite (-1), otherwise the timespec at {@code addr}. */
    static long timeout(GuestIo io, long addr) {
        return addr == 0 ? -1 : read(io, addr);
    }
}
