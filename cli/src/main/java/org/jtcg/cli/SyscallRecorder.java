package org.jtcg.cli;

import org.jtcg.core.linux.GuestIo;
import org.jtcg.core.linux.LinuxProcess;
import org.jtcg.core.linux.SyscallInterceptor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Run A's side of {@code jtcg diff}'s syscall replay: runs each syscall of its process as usual and
 * keeps a {@link SyscallRecord} of the last one — arguments, result, and the bytes it wrote into
 * guest memory (seen through the process's {@link GuestIo} write observer while it runs).
 */
final class SyscallRecorder implements SyscallInterceptor {
    private final LinuxProcess process;
    private SyscallRecord last;

    /** Records the syscalls of {@code process} from now on. */
    SyscallRecorder(LinuxProcess process) {
        this.process = process;
        process.dispatcher().setInterceptor(this);
    }

    @Override
    public long intercept(long nr, String name, long[] args, LongSupplier run) {
        List<SyscallRecord.Write> writes = new ArrayList<>();
        GuestIo io = process.io();
        io.setWriteObserver((addr, src, off, len, poke) ->
                writes.add(new SyscallRecord.Write(addr, Arrays.copyOfRange(src, off, off + len), poke)));
        long result;
        try {
            result = run.getAsLong();
        } finally {
            io.setWriteObserver(null);
        }
        last = new SyscallRecord(nr, name, args.clone(), result, List.copyOf(writes), process.exitState());
        return result;
    }

    /** The last syscall recorded (null before the first). */
    SyscallRecord last() {
        return last;
    }
}
