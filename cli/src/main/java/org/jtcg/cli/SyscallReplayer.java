package org.jtcg.cli;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.linux.Errno;
import org.jtcg.core.linux.LinuxAbi;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.SyscallInterceptor;
import org.jtcg.core.memory.GuestFault;
import org.jtcg.core.memory.GuestMemory;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Run B's side of {@code jtcg diff}'s syscall replay. Before B's syscall, {@link #expect} takes
 * run A's {@link SyscallRecord} of the same call and checks that B makes the same call (number and
 * all six argument registers). The syscall then goes as the {@link SyscallReplayPolicy} says:
 * replayed (A's result and memory writes, and A's exit if it ended A; nothing runs in B), executed
 * by B itself, or, for a file mmap, mapped anonymously at A's address and filled with A's bytes.
 */
final class SyscallReplayer implements SyscallInterceptor {
    private final LinuxProcess process;
    private final SyscallReplayPolicy policy;
    private SyscallRecord expected;
    private long replayed;

    /** Replays into {@code process} from now on. */
    SyscallReplayer(LinuxProcess process, SyscallReplayPolicy policy) {
        this.process = process;
        this.policy = policy;
        process.dispatcher().setInterceptor(this);
    }

    /**
     * Takes A's record for the syscall {@code cpu} (B's) stopped at. Returns null when B makes the
     * same call, else what differs (then B's syscall must not be run).
     */
    String expect(SyscallRecord a, CpuState cpu) {
        LinuxAbi abi = process.abi();
        long nr = abi.syscallNumber(cpu);
        if (nr != a.nr()) {
            return String.format("A made syscall %d (%s), B syscall %d (%s)", a.nr(), nameOf(a.nr()), nr, nameOf(nr));
        }
        for (int i = 0; i < 6; i++) {
            long v = abi.syscallArg(cpu, i);
            if (v != a.args()[i]) {
                return String.format("%s argument %d: A 0x%x, B 0x%x", nameOf(nr), i + 1, a.args()[i], v);
            }
        }
        expected = a;
        return null;
    }

    private String nameOf(long nr) {
        String n = process.abi().syscalls().name(nr);
        return n == null ? "no name on this arch" : n;
    }

    @Override
    public long intercept(long nr, String name, long[] args, LongSupplier run) {
        SyscallRecord a = expected;
        expected = null;
        if (a == null) {
            throw new IllegalStateException("run B made a syscall without run A's record of it (expect was not called)");
        }
        return switch (policy.action(name)) {
            case EXECUTE -> run.getAsLong();
            case MAP -> map(a, name, args, run);
            case REPLAY -> replay(a);
        };
    }

    /** How many syscalls B took from A's records so far (replayed, and file mappings). */
    long replayed() {
        return replayed;
    }

    private long replay(SyscallRecord a) {
        replayed++;
        applyWrites(a);
        if (a.exit() != null) {
            if (a.exit().deadlock()) {
                process.deadlock("as run A");
            } else if (a.exit().signal() != 0) {
                process.kill(a.exit().signal(), "as run A");
            } else {
                process.exit(a.exit().code());
            }
        }
        return a.result();
    }

    private void applyWrites(SyscallRecord a) {
        GuestMemory m = process.memory();
        for (SyscallRecord.Write w : a.writes()) {
            if (w.poke()) {
                m.poke(w.addr(), w.bytes(), 0, w.bytes().length);
            } else {
                m.write(w.addr(), w.bytes(), 0, w.bytes().length);
            }
        }
    }

    /**
     * mmap and old_mmap: anonymous mappings run in B. A file mapping cannot (B's fd table is not
     * used), so B maps anonymous memory exactly where A's landed, with A's length and protection,
     * and gets the file bytes A's syscall layer copied in.
     */
    private long map(SyscallRecord a, String name, long[] args, LongSupplier run) {
        long len;
        int prot, flags;
        if (name.equals("old_mmap")) {
            try {
                ByteBuffer b = process.io().read(args[0], 48);  // six longs: addr, len, prot, flags, fd, offset
                len = b.getLong(8);
                prot = (int) b.getLong(16);
                flags = (int) b.getLong(24);
            } catch (GuestFault f) {
                return run.getAsLong();  // B's own EFAULT, compared with A's
            }
        } else {
            len = args[1];
            prot = (int) args[2];
            flags = (int) args[3];
        }
        if ((flags & GuestMemory.MAP_ANONYMOUS) != 0) {
            return run.getAsLong();
        }
        replayed++;
        if (Errno.isError(a.result())) {
            return a.result();
        }
        int anon = (flags & ~(GuestMemory.MAP_SHARED | GuestMemory.MAP_FIXED_NOREPLACE))
                | GuestMemory.MAP_PRIVATE | GuestMemory.MAP_ANONYMOUS | GuestMemory.MAP_FIXED;
        long at = process.memory().mmap(a.result(), len, prot, anon);
        if (at != a.result()) {
            return at;  // B's result then differs from A's: reported after the syscall
        }
        applyWrites(a);
        return at;
    }
}
