package org.jtcg.cli;

import org.jtcg.core.linux.ExitState;

import java.util.List;

/**
 * One syscall as run A made it: number, kernel name (null if the arch has none), the six argument
 * registers, the result, every range of guest memory the syscall layer wrote (in order), and how
 * A ended if the syscall ended it (null while A runs on).
 */
record SyscallRecord(long nr, String name, long[] args, long result, List<Write> writes, ExitState exit) {
    /** Bytes the syscall layer wrote at {@code addr}; {@code poke}: ignoring page protection (mmap file contents). */
    record Write(long addr, byte[] bytes, boolean poke) {}
}
