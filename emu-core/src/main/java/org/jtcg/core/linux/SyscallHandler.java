package org.jtcg.core.linux;

import java.io.IOException;

/**
 * One syscall implementation: takes the six raw argument registers, returns the result or a
 * negative errno. May throw {@link SyscallException} (its errno), {@link java.io.IOException}
 * (mapped with {@link Errno#of}) or {@link org.jtcg.core.memory.GuestFault} (EFAULT).
 */
@FunctionalInterface
public interface SyscallHandler {
    long call(long[] args) throws IOException;
}
