package org.jtcg.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The common command line {@code jtcg run ELF [ARGS...]} (no jtcg option) recognised without picocli.
 *
 * <p>Why: picocli builds its command model by reflection over the annotated option fields, which on a
 * cold JVM costs ~0.1 s of the main thread plus the C1 work and ~150 class loads that picocli's code
 * brings (its class files are too old for the JDK 25 AOT cache to link), out of a hello's ~0.5 s
 * (docs/performance.md, round 6). A command line with an option, no ELF, or an ELF word that starts
 * with '-' still goes through picocli, so usage errors and help keep one implementation; for the plain
 * form both paths give the same {@link RunOptions} (RunCommand's defaults, every word after the ELF
 * the guest's, as {@code setStopAtPositional} makes picocli do).
 */
final class PlainRun {
    private PlainRun() {}

    /** The options of a plain {@code run ELF [ARGS...]} command line, or null if it is not one. */
    static RunOptions options(String... args) {
        if (args.length < 2 || !args[0].equals("run") || args[1].isEmpty() || args[1].startsWith("-")) {
            return null;
        }
        List<String> guestArgs = List.copyOf(Arrays.asList(args).subList(2, args.length));
        return new RunOptions(RunOptions.DEFAULT_ENGINE, HandoffPlan.NONE, false, false, false, null, null,
                Set.of(), null, args[1], guestArgs, null, null);
    }
}
