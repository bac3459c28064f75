package org.jtcg.cli;

import java.util.List;
import java.util.Set;

/** The validated options of {@code jtcg run}. */
record RunOptions(String engine, HandoffPlan handoff, boolean strace, boolean stats, boolean verifySync,
                  Long snapshotAt, String snapshotOut, Set<String> trace, String sysroot,
                  String elf, List<String> guestArgs) {
}
