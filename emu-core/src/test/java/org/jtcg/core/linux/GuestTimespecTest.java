package org.jtcg.core.linux;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GuestTimespecTest {
    private static int errno(Runnable r) {
        return assertThrows(SyscallException.class, r::run).errno();
    }

    @Test
    void convertsSecondsAndNanoseconds() {
        assertEquals(0, GuestTimespec.toNanos(0, 0));
        assertEquals(1_500_000_000L, GuestTimespec.toNanos(1, 500_000_000));
        assertEquals(999_999_999L, GuestTimespec.toNanos(0, 999_999_999));
    }

    @Test
    void rejectsWhatLinuxRejects() {
        assertEquals(Errno.EINVAL, errno(() -> GuestTimespec.toNanos(-1, 0)));
        assertEquals(Errno.EINVAL, errno(() -> GuestTimespec.toNanos(0, -1)));
        assertEquals(Errno.EINVAL, errno(() -> GuestTimespec.toNanos(0, 1_000_000_000L)));
    }

    @Test
    void hugeDurationsSaturateWhereAddingAClockCannotOverflow() {
        assertEquals(GuestTimespec.SATURATED, GuestTimespec.toNanos(Long.MAX_VALUE, 0));
        assertEquals(GuestTimespec.SATURATED, GuestTimespec.toNanos(GuestTimespec.SATURATED / 1_000_000_000L, 0));
        long justBelow = GuestTimespec.SATURATED / 1_000_000_000L - 1;
        assertEquals(justBelow * 1_000_000_000L + 7, GuestTimespec.toNanos(justBelow, 7));
    }

    @Test
    void readsTheSecondTimespecOfAStruct() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(16, 3).putLong(24, 4);
        assertEquals(3_000_000_004L, GuestTimespec.read(b, 16));
    }
}
