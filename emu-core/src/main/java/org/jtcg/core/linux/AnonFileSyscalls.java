package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Descriptors that are not files on disk: memfd_create (a host temporary file, unlinked at once),
 * eventfd/eventfd2 ({@link EventCounterFile}), timerfd_create/settime/gettime ({@link TimerFdFile}).
 * (signalfd: {@link SignalFdSyscalls}.) inotify answers ENOSYS deliberately, as a kernel built without them does (programs fall
 * back: tail -f polls, for example) — silently, since the answer is meant.
 */
final class AnonFileSyscalls {
    static final int MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_HUGETLB = 4;
    /** Linux: a memfd name is at most 249 bytes (NAME_MAX minus the "memfd:" prefix). */
    static final int MFD_NAME_MAX = 249;
    /** EFD_ and TFD_ flags: EFD_SEMAPHORE, and O_CLOEXEC / O_NONBLOCK (the same on x86-64, arm64 and s390x). */
    static final int EFD_SEMAPHORE = 1, FD_NONBLOCK = 0x800, FD_CLOEXEC = 0x80000;
    static final int TFD_TIMER_ABSTIME = 1, TFD_TIMER_CANCEL_ON_SET = 2;
    static final int CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8,
            CLOCK_BOOTTIME_ALARM = 9;

    private final LinuxProcess proc;
    private final GuestIo io;

    AnonFileSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("memfd_create", a -> memfdCreate(a[0], (int) a[1]));
        m.put("eventfd", a -> eventfd(a[0], 0));
        m.put("eventfd2", a -> eventfd(a[0], (int) a[1]));
        m.put("timerfd_create", a -> timerfdCreate((int) a[0], (int) a[1]));
        m.put("timerfd_settime", a -> timerfdSettime((int) a[0], (int) a[1], a[2], a[3]));
        m.put("timerfd_gettime", a -> timerfdGettime((int) a[0], a[1]));
        for (String deliberate : new String[] {"inotify_init", "inotify_init1",
                "inotify_add_watch", "inotify_rm_watch"}) {
            m.put(deliberate, a -> -Errno.ENOSYS);
        }
    }

    long memfdCreate(long nameAddr, int flags) throws IOException {
        if ((flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING)) != 0) throw new SyscallException(Errno.EINVAL);
        byte[] name = io.readCStringMax(nameAddr, MFD_NAME_MAX + 1);
        if (name.length > MFD_NAME_MAX) throw new SyscallException(Errno.EINVAL);
        Path tmp = Files.createTempFile("jtcg-memfd-", ".tmp");
        FileChannel ch;
        try {
            ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(tmp);   // nothing is left behind, whatever the guest does
        }
        HostFile f = new HostFile(ch, tmp, OpenFlags.O_RDWR, false, true);
        try {
            return proc.fds().add(f, (flags & MFD_CLOEXEC) != 0);
        } catch (SyscallException e) {
            ch.close();
            throw e;
        }
    }

    long eventfd(long initial, int flags) {
        if ((flags & ~(EFD_SEMAPHORE | FD_NONBLOCK | FD_CLOEXEC)) != 0) throw new SyscallException(Errno.EINVAL);
        EventCounterFile f = new EventCounterFile(initial & 0xffff_ffffL, (flags & EFD_SEMAPHORE) != 0, io.bigEndian());
        if ((flags & FD_NONBLOCK) != 0) f.setStatusFlags(OpenFlags.O_NONBLOCK);
        return proc.fds().add(f, (flags & FD_CLOEXEC) != 0);
    }

    long timerfdCreate(int clock, int flags) {
        if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC && clock != CLOCK_BOOTTIME
                && clock != CLOCK_REALTIME_ALARM && clock != CLOCK_BOOTTIME_ALARM) {
            throw new SyscallException(Errno.EINVAL);
        }
        if (clock == CLOCK_REALTIME_ALARM || clock == CLOCK_BOOTTIME_ALARM) {
            throw new SyscallException(Errno.EPERM);   // needs CAP_WAKE_ALARM
        }
        if ((flags & ~(FD_NONBLOCK | FD_CLOEXEC)) != 0) throw new SyscallException(Errno.EINVAL);
        TimerFdFile f = new TimerFdFile(proc, clock);
        if ((flags & FD_NONBLOCK) != 0) f.setStatusFlags(OpenFlags.O_NONBLOCK);
        return proc.fds().add(f, (flags & FD_CLOEXEC) != 0);
    }

    private TimerFdFile timer(int fd) {
        if (!(proc.fds().get(fd) instanceof TimerFdFile t)) throw new SyscallException(Errno.EINVAL);
        return t;
    }

    long timerfdSettime(int fd, int flags, long newValue, long oldValue) {
        TimerFdFile t = timer(fd);
        if ((flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) != 0) throw new SyscallException(Errno.EINVAL);
        ByteBuffer v = io.read(newValue, 32);
        long interval = GuestTimespec.read(v, 0), value = GuestTimespec.read(v, 16);
        long now = System.nanoTime();
        if (oldValue != 0) putItimerspec(oldValue, t.get(now));
        if (value != 0 && (flags & TFD_TIMER_ABSTIME) != 0) {
            value = Math.max(1, value - guestClockNow(t.clock));   // already past: expires at once
        }
        t.set(value, interval, now);
        return 0;
    }

    long timerfdGettime(int fd, long curr) {
        putItimerspec(curr, timer(fd).get(System.nanoTime()));
        return 0;
    }

    private void putItimerspec(long addr, long[] valueAndInterval) {
        ByteBuffer b = io.struct(32);
        b.putLong(0, valueAndInterval[1] / 1_000_000_000L);
        b.putLong(8, valueAndInterval[1] % 1_000_000_000L);
        b.putLong(16, valueAndInterval[0] / 1_000_000_000L);
        b.putLong(24, valueAndInterval[0] % 1_000_000_000L);
        io.write(addr, b);
    }

    /** The guest's reading of the timer's clock now, as clock_gettime reports it (boot-time clocks count as monotonic). */
    private static long guestClockNow(int clock) {
        return ProcessSyscalls.clockNanos(clock == CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC);
    }
}
