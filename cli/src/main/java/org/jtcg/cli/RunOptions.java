package org.jtcg.cli;

import java.util.List;
import java.util.Set;

/**
 * The validated options of {@code jtcg run}. Exactly one of {@code elf} (a fresh start) and
 * {@code resume} (a snapshot file to continue) is set. {@code cpu} is the {@code --cpu} model name or null
 * (the arch's default).
 */
record RunOptions(String engine, HandoffPlan handoff, boolean strace, boolean stats, boolean verifySync,
                  Long snapshotAt, String snapshotOut, Set<String> trace, String sysroot,
                  String elf, List<String> guestArgs, String resume, String cpu) {
    /** The engine {@code jtcg run} starts with when {@code --engine} is not given. */
    static final String DEFAULT_ENGINE = "jit";
}
