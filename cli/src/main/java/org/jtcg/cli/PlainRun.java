package org.jtcg.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The common command lines {@code jtcg run [--engine interp|jit|kvm] ELF [ARGS...]} (no other jtcg option)
 * recognised without picocli.
 *
 * <p>Why: picocli builds its command model by reflection over the annotated option fields, which on a
 * cold JVM costs ~0.1 s of the main thread plus the C1 work and ~150 class loads that picocli's code
 * brings (its class files are too old for the JDK 25 AOT cache to link), out of a hello's ~0.5 s
 * (docs/performance.md, round 6; an explicit {@code --engine jit} through picocli cost a hello ~0.12 s of wall
 * and ~0.2 s of CPU, round 8). A command line with another option, an engine name picocli would reject or
 * repeat, no ELF, or an ELF word that starts
 * with '-' still goes through picocli, so usage errors and help keep one implementation; for the plain
 * form both paths give the same {@link RunOptions} (RunCommand's defaults, every word after the ELF
 * the guest's, as {@code setStopAtPositional} makes picocli do).
 */
final class PlainRun {
    private PlainRun() {}

    private static final Set<String> ENGINES = Set.of("interp", "jit", "kvm");

    /** The options of a plain {@code run [--engine E] ELF [ARGS...]} command line, or null if it is not one. */
    static RunOptions options(String... args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return null;
        }
        String engine = RunOptions.DEFAULT_ENGINE;
        int elf = 1;
        if (args[1].equals("--engine") && args.length > 2) {
            engine = args[2];
            elf = 3;
        } else if (args[1].startsWith("--engine=")) {
            engine = args[1].substring("--engine=".length());
            elf = 2;
        }
        if (!ENGINES.contains(engine) || elf >= args.length || args[elf].isEmpty() || args[elf].startsWith("-")) {
            return null;
        }
        List<String> guestArgs = List.copyOf(Arrays.asList(args).subList(elf + 1, args.length));
        return new RunOptions(engine, HandoffPlan.NONE, false, false, false, null, null,
                Set.of(), null, args[elf], guestArgs, null, null);
    }
}
