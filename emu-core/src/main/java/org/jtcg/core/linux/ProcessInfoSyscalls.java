package org.jtcg.core.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a process asks about itself beyond ids: its supplementary groups (getgroups/setgroups) and its
 * resource usage (getrusage, times: CPU time from {@link ProcessCpuTime}). The groups start as the host's (the JVM inherited the caller's, as the
 * native program would); only root may replace them, as on Linux.
 */
final class ProcessInfoSyscalls {
    static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;
    /** Linux NGROUPS_MAX. */
    static final int NGROUPS_MAX = 65536;
    /** struct rusage on the 64-bit ABIs: two timevals, then fourteen longs. */
    static final int RUSAGE_SIZE = 144;

    private final LinuxProcess proc;
    private final GuestIo io;
    private long[] groups;

    ProcessInfoSyscalls(LinuxProcess proc) {
        this.proc = proc;
        this.io = proc.io();
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("getgroups", a -> getgroups((int) a[0], a[1]));
        m.put("setgroups", a -> setgroups(a[0], a[1]));
        m.put("getrusage", a -> getrusage((int) a[0], a[1]));
        m.put("times", a -> times(a[0]));
    }

    long getgroups(int size, long list) {
        long[] g = groups();
        if (size < 0) throw new SyscallException(Errno.EINVAL);
        if (size == 0) return g.length;
        if (size < g.length) throw new SyscallException(Errno.EINVAL);
        ByteBuffer b = io.struct(4 * g.length);
        for (int i = 0; i < g.length; i++) b.putInt(4 * i, (int) g[i]);
        if (g.length > 0) io.write(list, b);
        return g.length;
    }

    long setgroups(long size, long list) {
        if (size < 0 || size > NGROUPS_MAX) throw new SyscallException(Errno.EINVAL);
        if (proc.uid() != 0) throw new SyscallException(Errno.EPERM);
        long[] g = new long[(int) size];
        ByteBuffer b = size == 0 ? null : io.read(list, 4 * (int) size);
        for (int i = 0; i < g.length; i++) g[i] = b.getInt(4 * i) & 0xffff_ffffL;
        groups = g;
        return 0;
    }

    private long[] groups() {
        if (groups == null) groups = hostGroups();
        return groups;
    }

    /** The "Groups:" line of /proc/self/status: the supplementary groups the JVM runs with. */
    static long[] hostGroups() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (!line.startsWith("Groups:")) continue;
                List<Long> out = new ArrayList<>();
                for (String s : line.substring(7).trim().split("\\s+")) {
                    if (!s.isEmpty()) out.add(Long.parseLong(s));
                }
                return out.stream().mapToLong(Long::longValue).toArray();
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: no supplementary groups
        }
        return new long[0];
    }

    /**
     * RUSAGE_SELF and RUSAGE_THREAD: the guest thread's user and system CPU time, and the JVM's peak
     * resident set (VmHWM) as ru_maxrss, since the guest's memory is the JVM's; the fault, block I/O and
     * context-switch counters are 0. RUSAGE_CHILDREN: all 0 (there are no waited-for children yet).
     */
    long getrusage(int who, long usage) {
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) throw new SyscallException(Errno.EINVAL);
        long[] t = switch (who) {
            case RUSAGE_THREAD -> ProcessCpuTime.currentThread();
            case RUSAGE_CHILDREN -> proc.cpuTime().children();
            default -> proc.cpuTime().self();
        };
        io.write(usage, rusage(io, t, who == RUSAGE_CHILDREN ? 0 : peakRssKib()));
        return 0;
    }

    /** A struct rusage with the {user, system} nanoseconds {@code t} and ru_maxrss (KiB); the other fields 0. */
    static ByteBuffer rusage(GuestIo io, long[] t, long maxRssKib) {
        ByteBuffer b = io.struct(RUSAGE_SIZE);
        putTimeval(b, 0, t[0]);
        putTimeval(b, 16, t[1]);
        b.putLong(32, maxRssKib);
        return b;
    }

    /** Linux's USER_HZ: times() counts in 1/100 s on every arch. */
    static final long USER_HZ = 100;

    /** times: the process's and its reaped children's CPU time in clock ticks; returns ticks of the monotonic clock. */
    long times(long buf) {
        if (buf != 0) {
            long[] self = proc.cpuTime().self(), children = proc.cpuTime().children();
            ByteBuffer b = io.struct(32);
            b.putLong(0, ticks(self[0]));
            b.putLong(8, ticks(self[1]));
            b.putLong(16, ticks(children[0]));
            b.putLong(24, ticks(children[1]));
            io.write(buf, b);
        }
        return ticks(ProcessSyscalls.clockNanos(ProcessSyscalls.CLOCK_MONOTONIC));
    }

    private static long ticks(long nanos) {
        return nanos / (1_000_000_000L / USER_HZ);
    }

    private static void putTimeval(ByteBuffer b, int at, long nanos) {
        b.putLong(at, nanos / 1_000_000_000L);
        b.putLong(at + 8, nanos % 1_000_000_000L / 1000);
    }

    private static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return 0;
    }
}
