package org.jtcg.core.linux;

import java.util.function.LongSupplier;

/**
 * Stands around every syscall of one process (set with {@link SyscallDispatcher#setInterceptor}):
 * it may run the syscall ({@code run.getAsLong()}), observe it, or answer it without running it.
 * {@code jtcg diff} records run A's syscalls this way and replays them in run B, so B repeats
 * none of A's effects on the host. Without an interceptor the dispatcher simply runs the syscall.
 */
@FunctionalInterface
public interface SyscallInterceptor {
    /**
     * Returns the syscall's result (a value or a negative errno), which the dispatcher stores in
     * the CPU as usual.
     *
     * @param nr   the syscall number
     * @param name its kernel name on this arch, or null when the arch has none
     * @param args the six argument registers (read only: the array is the dispatcher's own)
     * @param run  runs the syscall through the arch hook and the shared handlers, returning its result
     */
    long intercept(long nr, String name, long[] args, LongSupplier run);
}
